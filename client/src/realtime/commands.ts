import type { Ack, AckFailure, ClientToServerEvents, CommandName, CommandPayload, CommandResult, RollCall, SiteRow } from '@diemcau/shared';
import { failureText, t } from '../i18n';
import { useAppStore } from '../stores';
import { currentSocket, resync } from './socket';

const COMMAND_TIMEOUT_MS = 5_000;
const CHANGE_WAIT_MS = 2_000;

/** Navigation, start/end, agenda edits, queue order and tham luận lists are built on what the MC saw: they carry `rev`. */
const carriesRev = (name: CommandName) => name.startsWith('agenda:') || name.startsWith('meeting:') || name === 'queue:move' || name === 'contributions:set';

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

type Emit = (name: string, payload: unknown) => Promise<Ack<unknown>>;

/**
 * Emits one event with an acknowledgement and runs `settle` on success while controls are
 * still locked. A refusal is shown as a toast with the server's message (what to do), then
 * `onRefused` runs. Returns the answer's data, or null.
 */
async function request<T>(name: string, payload: unknown, settle: (data: T) => unknown, onRefused?: (res: AckFailure) => Promise<void>): Promise<T | null> {
  const socket = currentSocket();
  if (!socket) {
    useAppStore.getState().pushToast('error', t('conn.reconnecting'));
    return null;
  }
  useAppStore.getState().commandStarted();
  try {
    const withTimeout = socket.timeout(COMMAND_TIMEOUT_MS);
    // socket.io cannot index its event map by a generic name; the callers' types fix payload and answer
    const res = await (withTimeout.emitWithAck as unknown as Emit).call(withTimeout, name, payload);
    if (!res.ok) {
      useAppStore.getState().pushToast('error', failureText(res));
      await onRefused?.(res);
      return null;
    }
    await settle(res.data as T);
    return res.data as T;
  } catch (error) {
    console.warn(`${name} did not answer`, error);
    useAppStore.getState().pushToast('error', t('common.timeout'));
    return null;
  } finally {
    useAppStore.getState().commandSettled();
  }
}

/**
 * Sends one command and waits for its answer and for its change to reach the store, so the
 * next click is built on the new state. Returns whether the command was applied.
 */
export async function sendCommand<N extends CommandName>(name: N, payload: CommandPayload<N>): Promise<boolean> {
  const rev = useAppStore.getState().meeting?.rev ?? 0;
  // The floor commands name the turn the console showed (in their payload, required by the schema).
  const body = carriesRev(name) ? { ...payload, rev } : payload;
  const result = await request<CommandResult>(
    name,
    body,
    (data) => untilRev(data.rev),
    async (res) => {
      if (res.reason === 'stale_rev' || res.reason === 'floor_changed' || res.code === 'not_found') await resync();
    },
  );
  return result !== null;
}

/** Attendance events: each answers with the row or roll call it changed, not a meeting revision. */
type AttendanceEvents = Pick<ClientToServerEvents, 'site:checkIn' | 'site:headcount' | 'site:readiness' | 'rollCall:answer' | 'rollCall:start' | 'rollCall:close' | 'site:acknowledge'>;
type AttendanceEvent = keyof AttendanceEvents;
type InputOf<E extends AttendanceEvent> = Parameters<AttendanceEvents[E]>[0];
type DataOf<E extends AttendanceEvent> = Parameters<Parameters<AttendanceEvents[E]>[1]>[0] extends Ack<infer T> ? T : never;

/**
 * Sends a site's report or an MC's roll-call command; the answer is applied to the store at
 * once (the broadcast that follows carries the same version). Returns the answer, or null.
 */
export function sendAttendance<E extends AttendanceEvent>(name: E, input: InputOf<E>): Promise<DataOf<E> | null> {
  return request<DataOf<E>>(name, input, (data) => {
    const row = data as SiteRow | RollCall;
    const state = useAppStore.getState();
    // The MC's acknowledgement answers another site's row: it goes to the list, not to "own site".
    if ('version' in row && name === 'site:acknowledge') state.applySiteRow(row);
    else if ('version' in row) state.applyOwnSite(row);
    else state.applyRollCall(row);
  });
}
