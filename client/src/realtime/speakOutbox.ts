import type { SpeakRequest } from '@diemcau/shared';
import { failureText, t } from '../i18n';
import { loadSpeakOutbox, type PendingSpeak, saveSpeakOutbox } from '../lib/questionKeys';
import { useAppStore } from '../stores';
import { currentSocket } from './socket';

/**
 * A site's requests to speak survive a lost connection: each is kept on the device (with its
 * request id) until the server answers, and sent again when the socket is back. The server
 * recognises the request id, so a request whose answer was lost is stored once.
 */

const TIMEOUT_MS = 8_000;
const store = () => useAppStore.getState();
let scope: string | null = null;
const inFlight = new Set<string>();

function setPending(update: (pending: readonly PendingSpeak[]) => readonly PendingSpeak[]): void {
  const next = update(store().speakOutbox);
  store().setSpeakOutbox(next);
  if (scope) saveSpeakOutbox(scope, next);
}

/** One try; the request leaves the outbox once the server answered (stored or refused). Returns whether it was stored. */
async function deliver(entry: PendingSpeak): Promise<boolean | null> {
  const socket = currentSocket();
  if (!socket || inFlight.has(entry.requestId)) return null;
  inFlight.add(entry.requestId);
  try {
    const res = await socket.timeout(TIMEOUT_MS).emitWithAck('queue:request', entry.input as never);
    if (!res.ok && res.code === 'internal') return null;
    setPending((pending) => pending.filter((p) => p.requestId !== entry.requestId));
    if (!res.ok) store().pushToast('error', `${t('site.requestRefused')} ${failureText(res)}`);
    return res.ok;
  } catch (error) {
    console.warn('queue:request did not answer; sent again when the connection is back', error);
    return null;
  } finally {
    inFlight.delete(entry.requestId);
  }
}

/** Sends every kept request (on reconnect and on page load). */
export function flushSpeakOutbox(): void {
  for (const entry of store().speakOutbox) {
    void deliver(entry).then((stored) => {
      if (stored) store().pushToast('success', t('site.requestSentLater'));
    });
  }
}

/**
 * Keeps a request to speak and sends it now when connected. Resolves 'stored', 'refused'
 * (the toast says why) or 'kept' (sent when the connection is back).
 */
export async function requestToSpeak(input: SpeakRequest & { requestId: string }): Promise<'stored' | 'refused' | 'kept'> {
  const entry: PendingSpeak = { requestId: input.requestId, input, createdAt: Date.now() };
  setPending((pending) => [...pending, entry]);
  const stored = await deliver(entry);
  return stored === null ? 'kept' : stored ? 'stored' : 'refused';
}

/** Starts the outbox of one site's page: loads what was kept, sends it, and again on every reconnect. */
export function startSpeakOutbox(siteScope: string): () => void {
  scope = siteScope;
  store().setSpeakOutbox(loadSpeakOutbox(siteScope));
  flushSpeakOutbox();
  const unsubscribe = useAppStore.subscribe((state, previous) => {
    if (state.connection.status === 'online' && previous.connection.status !== 'online') flushSpeakOutbox();
  });
  // the network can come back before the socket notices it was gone
  window.addEventListener('online', flushSpeakOutbox);
  return () => {
    unsubscribe();
    window.removeEventListener('online', flushSpeakOutbox);
    if (scope === siteScope) scope = null;
    store().setSpeakOutbox([]);
  };
}
