import { type Ack, type ClientToServerEvents, fail, type VideoAccess, type VideoReport } from '@diemcau/shared';
import { failureText, t } from '../i18n';
import { useAppStore } from '../stores';
import { currentSocket } from './socket';

/**
 * The server retries LiveKit with backoff (about 4 s in all) before it answers that the video
 * server is unreachable: wait longer than that for an answer about opening a room or a token.
 */
const ROOM_TIMEOUT_MS = 15_000;
const VIDEO_TIMEOUT_MS = 8_000;

type VideoEvents = Pick<ClientToServerEvents, 'video:token' | 'video:open' | 'video:mute' | 'video:muteAll' | 'video:remove' | 'video:report'>;
export type VideoEvent = keyof VideoEvents;
/** The answer of an event: what its last parameter (the ack) receives. */
type AckOf<E extends VideoEvent> = Parameters<VideoEvents[E]> extends [...unknown[], infer Ack] ? (Ack extends (res: infer R) => void ? R : never) : never;
/** The input of an event, or none when the ack is its only parameter. */
type InputOf<E extends VideoEvent> = Parameters<VideoEvents[E]> extends [infer I, unknown] ? [I] : [];

/** The reason of a refusal that never reached the server (no socket, or no answer in time): the line, not a decision. */
export const NO_ANSWER = 'no_answer';

type Emit = (name: string, ...args: unknown[]) => Promise<Ack<unknown>>;

/**
 * Sends one video event and answers the server's Ack; a closed socket or no answer become a
 * refusal that says what to do. The reason of a refusal (`not_configured`, `room_closed`,
 * `unreachable`, …) lets the join flow show the right state.
 */
export async function sendVideo<E extends VideoEvent>(name: E, ...input: InputOf<E>): Promise<AckOf<E>> {
  const socket = currentSocket();
  if (!socket) return fail('internal', t('video.offline'), { reason: NO_ANSWER }) as AckOf<E>;
  try {
    const withTimeout = socket.timeout(name === 'video:token' || name === 'video:open' ? ROOM_TIMEOUT_MS : VIDEO_TIMEOUT_MS);
    // socket.io cannot index its event map by a generic name; VideoEvents fixes payload and answer
    return (await (withTimeout.emitWithAck as unknown as Emit).call(withTimeout, name, ...input)) as AckOf<E>;
  } catch (error) {
    console.warn(`${name} did not answer`, error);
    return fail('internal', t(socket.connected ? 'video.noAnswer' : 'video.offline'), { reason: NO_ANSWER }) as AckOf<E>;
  }
}

/** Asks the server for this link's access to the room (identity, grants and URL come from the server). */
export const requestVideoAccess = (): Promise<Ack<VideoAccess>> => sendVideo('video:token');

/** The answer's data of a successful event. */
type DataOf<E extends VideoEvent> = AckOf<E> extends Ack<infer T> ? T : never;

/**
 * The MC's buttons: controls stay locked while it is in flight; a refusal becomes a toast
 * with the server's message. Returns the answer's data, or null when refused.
 */
export async function runVideoCommand<E extends Exclude<VideoEvent, 'video:token' | 'video:report'>>(name: E, ...input: InputOf<E>): Promise<{ data: DataOf<E> } | null> {
  useAppStore.getState().commandStarted();
  try {
    const res = (await sendVideo(name, ...input)) as Ack<DataOf<E>>;
    if (!res.ok) {
      useAppStore.getState().pushToast('error', failureText(res));
      return null;
    }
    return { data: res.data };
  } finally {
    useAppStore.getState().commandSettled();
  }
}

/** A site page's own video report; a refusal is logged (the next change reports again). */
export async function reportVideo(report: VideoReport): Promise<void> {
  const res = await sendVideo('video:report', report);
  if (!res.ok) console.warn('video:report refused', res.message);
}
