import type { Ack, CommandName, CommandPayload, CommandResult } from '@diemcau/shared';
import { t } from '../i18n';
import { useAppStore } from '../stores';
import { currentSocket, resync } from './socket';

const COMMAND_TIMEOUT_MS = 5_000;
const CHANGE_WAIT_MS = 2_000;

/** Navigation, start/end and agenda edits are built on what the MC saw: they carry `rev`. */
const carriesRev = (name: CommandName) => name.startsWith('agenda:') || name.startsWith('meeting:');

type Emit = (name: CommandName, payload: unknown) => Promise<Ack<CommandResult>>;

/** Resolves once the store holds revision `rev` (the command's own broadcast), or syncs after a wait. */
function untilRev(rev: number): Promise<void> {
  if ((useAppStore.getState().meeting?.rev ?? 0) >= rev) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = window.setTimeout(() => {
      unsubscribe();
      void resync().then(resolve);
    }, CHANGE_WAIT_MS);
    const unsubscribe = useAppStore.subscribe((s) => {
      if ((s.meeting?.rev ?? 0) < rev) return;
      window.clearTimeout(timer);
      unsubscribe();
      resolve();
    });
  });
}

/**
 * Sends one command and waits for its answer and for its change to reach the store, so the
 * next click is built on the new state. A refusal is shown as a toast with the server's
 * message (what to do). Returns whether the command was applied.
 */
export async function sendCommand<N extends CommandName>(name: N, payload: CommandPayload<N>): Promise<boolean> {
  const state = useAppStore.getState();
  const socket = currentSocket();
  if (!socket) {
    state.pushToast('error', t('conn.reconnecting'));
    return false;
  }
  const body = carriesRev(name) ? { ...payload, rev: state.meeting?.rev ?? 0 } : payload;
  state.commandStarted();
  try {
    const withTimeout = socket.timeout(COMMAND_TIMEOUT_MS);
    // socket.io cannot index its event map by a generic name; Commands[N] fixes payload and ack
    const res = await (withTimeout.emitWithAck as unknown as Emit).call(withTimeout, name, body);
    if (!res.ok) {
      useAppStore.getState().pushToast('error', res.message);
      if (res.reason === 'stale_rev' || res.code === 'not_found') await resync();
      return false;
    }
    await untilRev(res.data.rev);
    return true;
  } catch (error) {
    console.warn(`${name} did not answer`, error);
    useAppStore.getState().pushToast('error', t('common.timeout'));
    return false;
  } finally {
    useAppStore.getState().commandSettled();
  }
}
