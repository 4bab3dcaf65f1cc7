import { type Ack, type AckFailure, fail, type MyQuestion, type PublicQuestion, type QuestionSubmit } from '@diemcau/shared';
import { api } from '../lib/api';
import { loadOutbox, loadVoted, type PendingQuestion, randomKey, saveOutbox, saveVoted } from '../lib/questionKeys';
import { failureText, t } from '../i18n';
import { useAppStore } from '../stores';
import type { OutboxEntry } from '../stores/publicQuestions.slice';
import { currentSocket } from './socket';

/**
 * Sending questions and votes from a participant's device (public page, site page): over the
 * socket when it is connected, else (public page) over HTTP, always with the same client id
 * so a retry is stored once. Unacknowledged submissions stay in the device's outbox.
 */

const SOCKET_TIMEOUT_MS = 8_000;
/** Waits before each try after the first; then the submission waits for the network. */
const RETRY_DELAYS_MS = [1_000, 2_000, 4_000, 8_000];

/** Where a sender's questions go: its storage scope, and the public page's token and device key. */
export type SenderContext = { scope: string; publicToken: string | null; senderKey: string | null };

let context: SenderContext | null = null;
const inFlight = new Set<string>();

const store = () => useAppStore.getState();

function setOutbox(update: (outbox: readonly OutboxEntry[]) => readonly OutboxEntry[]): void {
  const next = update(store().outbox);
  store().setOutbox(next);
  if (context) saveOutbox(context.scope, next.map(({ clientId, input, createdAt }) => ({ clientId, input, createdAt })));
}

const markState = (clientId: string, state: OutboxEntry['state']) => setOutbox((outbox) => outbox.map((e) => (e.clientId === clientId ? { ...e, state } : e)));

/** A failure worth trying again: no answer, a network error, a server hiccup. Refusals (window, limits, invalid) are final. */
const transient = (res: AckFailure) => res.code === 'internal';

const sleep = (ms: number) => new Promise((resolve) => window.setTimeout(resolve, ms));

/** One try: the socket if connected (a timeout falls through), then HTTP on the public page. Null: try again later. */
async function tryOnce(ctx: SenderContext, input: PendingQuestion['input']): Promise<Ack<MyQuestion> | null> {
  const socket = currentSocket();
  if (socket) {
    try {
      const res = await socket.timeout(SOCKET_TIMEOUT_MS).emitWithAck('question:submit', input);
      if (res.ok || !transient(res)) return res;
    } catch (error) {
      console.warn('question:submit did not answer in time; trying again with the same client id', error);
    }
  }
  if (ctx.publicToken === null) return null;
  const res = await api<MyQuestion>(`/public/${encodeURIComponent(ctx.publicToken)}/questions`, { method: 'POST', body: input });
  return res.ok || !transient(res) ? res : null;
}

/** Outcome of a submission: stored, refused (say why), or kept on the device to be sent later. */
export type SendOutcome = { kind: 'stored'; question: MyQuestion } | { kind: 'refused'; failure: AckFailure } | { kind: 'kept' };

/** Sends one outbox entry until the server answers or the tries run out; the entry leaves the outbox once answered. */
async function deliver(ctx: SenderContext, entry: PendingQuestion): Promise<SendOutcome> {
  if (inFlight.has(entry.clientId)) return { kind: 'kept' };
  inFlight.add(entry.clientId);
  try {
    for (let attempt = 0; attempt <= RETRY_DELAYS_MS.length; attempt += 1) {
      if (attempt > 0) {
        markState(entry.clientId, 'retrying');
        await sleep(RETRY_DELAYS_MS[attempt - 1]!);
      }
      if (context !== ctx) return { kind: 'kept' };
      const res = await tryOnce(ctx, entry.input);
      if (res === null) continue;
      setOutbox((outbox) => outbox.filter((e) => e.clientId !== entry.clientId));
      if (!res.ok) return { kind: 'refused', failure: res };
      store().applyMyQuestions([res.data]);
      return { kind: 'stored', question: res.data };
    }
    markState(entry.clientId, 'waiting');
    return { kind: 'kept' };
  } finally {
    inFlight.delete(entry.clientId);
  }
}

/** Sends everything in the outbox again (on reconnect, on page load, on "Send again"); refusals become toasts. */
export function flushOutbox(): void {
  const ctx = context;
  if (!ctx) return;
  for (const entry of store().outbox) {
    if (inFlight.has(entry.clientId)) continue;
    markState(entry.clientId, 'sending');
    void deliver(ctx, entry).then((outcome) => {
      if (outcome.kind === 'refused') store().pushToast('error', `${t('ask.unsentRefused')} ${failureText(outcome.failure)}`);
    });
  }
}

/**
 * Starts sending for one sender (a meeting's public page on this device, or one site): loads
 * its outbox and votes, sends what was left unsent, and sends again whenever the socket
 * connects. Returns the function that stops it.
 */
export function startQuestionSender(ctx: SenderContext): () => void {
  context = ctx;
  store().setVoted(new Set(loadVoted(ctx.scope)));
  store().setOutbox(loadOutbox(ctx.scope).map((p) => ({ ...p, state: 'waiting' as const })));
  flushOutbox();
  const unsubscribe = useAppStore.subscribe((state, previous) => {
    if (state.connection.status === 'online' && previous.connection.status !== 'online') flushOutbox();
  });
  const onOnline = () => flushOutbox();
  window.addEventListener('online', onOnline);
  return () => {
    unsubscribe();
    window.removeEventListener('online', onOnline);
    if (context === ctx) context = null;
    store().setOutbox([]);
    store().setVoted(new Set());
  };
}

/** What a sender fills in; the client id and (public page) the device key are added here. */
export type QuestionDraft = Omit<QuestionSubmit, 'clientId' | 'senderKey'>;

/** Submits one question: kept in the outbox first, so a reload or a lost answer sends it again under the same client id. */
export async function submitQuestion(draft: QuestionDraft): Promise<SendOutcome> {
  const ctx = context;
  if (!ctx) return { kind: 'refused', failure: fail('internal', t('common.networkError')) };
  const clientId = randomKey(16);
  const input = { ...draft, clientId, ...(ctx.senderKey ? { senderKey: ctx.senderKey } : {}) };
  const entry: PendingQuestion = { clientId, input, createdAt: Date.now() };
  setOutbox((outbox) => [...outbox, { ...entry, state: 'sending' }]);
  return deliver(ctx, entry);
}

/** Votes for a visible question (`up`), or takes the vote back; the device remembers what it voted for. */
export async function voteQuestion(question: PublicQuestion, up: boolean): Promise<boolean> {
  const ctx = context;
  if (!ctx) return false;
  const payload = { questionId: question.id, up, ...(ctx.senderKey ? { voterKey: ctx.senderKey } : {}) };
  let res: Ack<{ votes: number; voted: boolean }> | null = null;
  const socket = currentSocket();
  if (socket) {
    try {
      res = await socket.timeout(SOCKET_TIMEOUT_MS).emitWithAck('question:vote', payload);
    } catch (error) {
      console.warn('question:vote did not answer in time', error);
    }
  }
  if ((res === null || (!res.ok && transient(res))) && ctx.publicToken !== null) {
    res = await api(`/public/${encodeURIComponent(ctx.publicToken)}/questions/${encodeURIComponent(question.id)}/vote`, { method: 'POST', body: { voterKey: ctx.senderKey, up } });
  }
  if (res === null || !res.ok) {
    store().pushToast('error', res ? failureText(res) : t('common.timeout'));
    return false;
  }
  const voted = new Set(store().votedIds);
  if (res.data.voted) voted.add(question.id);
  else voted.delete(question.id);
  if (context === ctx) {
    store().setVoted(voted);
    saveVoted(ctx.scope, voted);
  }
  store().applyVoteCount(question.id, res.data.votes);
  return true;
}
