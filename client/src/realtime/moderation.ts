import { type Ack, type ClientToServerEvents, fail, type Question } from '@diemcau/shared';
import { failureText, t } from '../i18n';
import { useAppStore } from '../stores';
import { currentSocket } from './socket';

const MODERATION_TIMEOUT_MS = 5_000;

/** What moderators (and an office, for `question:answer`) send about one question. */
type ModerationEvents = Pick<
  ClientToServerEvents,
  'question:moderate' | 'question:edit' | 'question:route' | 'question:answer' | 'question:merge' | 'question:unmerge' | 'question:pin'
>;
export type ModerationEvent = keyof ModerationEvents;
type InputOf<E extends ModerationEvent> = Parameters<ModerationEvents[E]>[0];
type DataOf<E extends ModerationEvent> = Parameters<Parameters<ModerationEvents[E]>[1]>[0] extends Ack<infer T> ? T : never;

type Emit = (name: string, payload: unknown) => Promise<Ack<unknown>>;

/**
 * Sends one moderation event and answers the server's Ack (a timeout or a closed socket
 * become a refusal that says what to do), so a form can show the message next to its fields.
 * A question row in the answer is applied to the store at once; its broadcast carries the
 * same version. Controls stay locked while it is in flight.
 */
export async function sendModeration<E extends ModerationEvent>(name: E, input: InputOf<E>): Promise<Ack<DataOf<E>>> {
  const socket = currentSocket();
  if (!socket) return fail('internal', t('qmod.offline'));
  useAppStore.getState().commandStarted();
  try {
    const withTimeout = socket.timeout(MODERATION_TIMEOUT_MS);
    // socket.io cannot index its event map by a generic name; ModerationEvents fixes payload and answer
    const res = (await (withTimeout.emitWithAck as unknown as Emit).call(withTimeout, name, input)) as Ack<DataOf<E>>;
    if (res.ok && name !== 'question:pin') useAppStore.getState().applyQuestionRows([res.data as Question]);
    return res;
  } catch (error) {
    console.warn(`${name} did not answer`, error);
    return fail('internal', t('common.timeout'));
  } finally {
    useAppStore.getState().commandSettled();
  }
}

/** The same, for buttons: a refusal becomes a toast with the server's message. Returns whether it was applied. */
export async function runModeration<E extends ModerationEvent>(name: E, input: InputOf<E>, success?: string): Promise<boolean> {
  const res = await sendModeration(name, input);
  if (!res.ok) useAppStore.getState().pushToast('error', failureText(res));
  else if (success) useAppStore.getState().pushToast('success', success);
  return res.ok;
}
