import { audienceOf, type ClientToServerEvents, keepBetterEstimate, RECONNECTION, type ServerToClientEvents } from '@diemcau/shared';
import { io, type Socket } from 'socket.io-client';
import { useAppStore } from '../stores';
import { senderKeyFor } from '../lib/questionKeys';
import { startClockSync } from './clock';
import { keepLastState, restoreLastState } from './lastState';
import { watchLiveness } from './liveness';
import { failureText } from '../i18n';

export type ClientSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

let active: ClientSocket | null = null;

/** The connected socket of the open meeting, or null while there is none. */
export const currentSocket = (): ClientSocket | null => (active?.connected ? active : null);

const SYNC_TIMEOUT_MS = 5_000;

/** Asks for a whole snapshot: after a gap in revisions or when a command's change did not arrive. */
export async function resync(): Promise<void> {
  const socket = currentSocket();
  if (!socket) return;
  try {
    const res = await socket.timeout(SYNC_TIMEOUT_MS).emitWithAck('meeting:sync');
    if (res.ok) useAppStore.getState().applySnapshot(res.data);
    else useAppStore.getState().pushToast('error', failureText(res));
  } catch (error) {
    console.warn('meeting:sync did not answer; the next change or reconnect will retry', error);
  }
}

async function loadAccess(socket: ClientSocket): Promise<void> {
  try {
    const res = await socket.timeout(SYNC_TIMEOUT_MS).emitWithAck('meeting:access');
    if (res.ok) useAppStore.getState().setAccess(res.data);
  } catch (error) {
    console.warn('meeting:access did not answer; links stay hidden until the next reconnect', error);
  }
}

/** A site page tells the server its fastest round trip of the latest clock sync: the board shows it as connection quality. */
async function reportPresence(socket: ClientSocket, rttMs: number | null): Promise<void> {
  const { meeting } = useAppStore.getState();
  if (meeting?.role !== 'site' || rttMs === null) return;
  try {
    const res = await socket.timeout(SYNC_TIMEOUT_MS).emitWithAck('presence:report', { rttMs: Math.round(rttMs) });
    if (!res.ok) console.warn('presence:report refused', res.message);
  } catch (error) {
    console.warn('presence:report did not answer; the next clock sync reports again', error);
  }
}

/**
 * A sender's own questions (site page, public page), asked on every connect: the answer is
 * the whole list, and it puts this connection where later changes (`myQuestions:changed`) go.
 */
async function loadMine(socket: ClientSocket, snapshot: { meetingId: string; role: string }, token: string): Promise<void> {
  if (snapshot.role !== 'site' && snapshot.role !== 'public') return;
  try {
    const senderKey = snapshot.role === 'public' ? await senderKeyFor(snapshot.meetingId, token) : null;
    if (snapshot.role === 'public' && senderKey === null) return; // no key yet: nothing sent from this device
    const input = senderKey ? { senderKey } : {};
    const res = await socket.timeout(SYNC_TIMEOUT_MS).emitWithAck('question:mine', input);
    if (res.ok) useAppStore.getState().applyMyQuestions(res.data, { complete: true });
    else console.warn('question:mine refused', res.message);
  } catch (error) {
    console.warn('question:mine did not answer; the next reconnect asks again', error);
  }
}

/**
 * Opens the one socket of a meeting link (MC, projector, site, leadership) and feeds the
 * store: snapshot on every connect, changes in revision order (a gap triggers a sync),
 * attendance rows and roll calls, deletion, handshake refusals. Every listener is attached
 * before the socket connects: a batch sent right after a snapshot can arrive in the same turn.
 * Returns the function that closes it.
 */
export function connectMeeting(token: string): () => void {
  const store = useAppStore.getState();
  store.clearMeeting();
  store.clearAttendance();
  store.clearQuestions();
  store.clearPublicQuestions();
  store.clearVideo();
  store.setConnection('connecting');
  // a site's last known state, shown (as stale) until the server answers
  const restoredAt = restoreLastState(token);
  let live = false;
  const stopKeeping = keepLastState(token, () => live);

  const socket: ClientSocket = io({ auth: { token }, autoConnect: false, ...RECONNECTION });
  active = socket;
  /** The latest sync's round trip (the kept offset may come from an older, faster one). */
  let latestRttMs: number | null = null;
  const clock = startClockSync(socket, (estimate) => {
    latestRttMs = estimate.rttMs;
    const { clock: current } = useAppStore.getState();
    useAppStore.getState().setClock(keepBetterEstimate(current.rttMs === null ? null : { offsetMs: current.offsetMs, rttMs: current.rttMs }, estimate));
    void reportPresence(socket, latestRttMs);
  });

  const stopWatching = watchLiveness(socket, {
    lost: (lastHeard) => {
      if (useAppStore.getState().connection.status === 'online') useAppStore.getState().setConnection('reconnecting', null, lastHeard);
    },
    back: () => {
      if (socket.connected && useAppStore.getState().connection.status === 'reconnecting') useAppStore.getState().setConnection('online');
    },
    rttMs: () => useAppStore.getState().clock.rttMs,
  });

  socket.on('connect', () => {
    useAppStore.getState().setConnection('online');
    void clock.sync();
  });

  socket.on('meeting:snapshot', (snapshot) => {
    // the server's word replaces the saved copy whatever its revision
    if (!live && restoredAt !== null) useAppStore.setState({ meeting: null });
    live = true;
    const state = useAppStore.getState();
    // a first rough offset until the pings answer
    if (state.clock.rttMs === null) state.setClock({ offsetMs: snapshot.serverNow - Date.now(), rttMs: null });
    state.applySnapshot(snapshot);
    if (audienceOf(snapshot.role) === 'control') void loadAccess(socket);
    void reportPresence(socket, latestRttMs);
    void loadMine(socket, snapshot, token);
  });

  socket.on('meeting:changed', (change) => {
    if (useAppStore.getState().applyChange(change) === 'gap') void resync();
  });

  socket.on('attendance:snapshot', (snapshot) => useAppStore.getState().applyAttendanceSnapshot(snapshot));
  socket.on('attendance:changed', (change) => useAppStore.getState().applyAttendanceChange(change));
  socket.on('site:changed', ({ site, rollCalls }) => {
    const state = useAppStore.getState();
    state.applyOwnSite(site);
    if (rollCalls) state.setRollCalls(rollCalls);
  });
  socket.on('rollCall:changed', (rollCall) => useAppStore.getState().applyRollCall(rollCall));

  // moderators get every question, an office link those routed to it
  socket.on('questions:snapshot', (snapshot) => useAppStore.getState().applyQuestionsSnapshot(snapshot));
  socket.on('questions:changed', (change) => useAppStore.getState().applyQuestionsChange(change));
  // everyone else the visible ones; a site or public sender also its own submissions
  socket.on('publicQuestions:snapshot', (snapshot) => useAppStore.getState().applyPublicQuestionsSnapshot(snapshot));
  socket.on('publicQuestions:changed', (change) => useAppStore.getState().applyPublicQuestionsChange(change));
  socket.on('myQuestions:changed', (questions) => useAppStore.getState().applyMyQuestions(questions));

  // the video bridge's state: on connect and on every change
  socket.on('video:state', (state) => useAppStore.getState().applyVideoState(state));

  socket.on('meeting:deleted', () => useAppStore.getState().setConnection('deleted'));

  socket.on('disconnect', (reason) => {
    const { status } = useAppStore.getState().connection;
    if (reason === 'io client disconnect' || status === 'deleted') return;
    if (status !== 'reconnecting') useAppStore.getState().setConnection('reconnecting', null, Date.now());
    // the server hung up on purpose: reconnect once, the handshake says whether we may stay
    if (reason === 'io server disconnect') socket.connect();
  });

  socket.on('connect_error', (error) => {
    const message = (error as Error & { data?: { message?: unknown } }).data?.message;
    if (typeof message === 'string') useAppStore.getState().setConnection('failed', message);
    else {
      const { status: was } = useAppStore.getState().connection;
      // the time of what the page shows stays that of the last data (null: nothing came yet)
      if (was !== 'reconnecting') useAppStore.getState().setConnection('reconnecting', null, was === 'online' ? Date.now() : restoredAt);
    }
  });

  socket.connect();

  return () => {
    stopWatching();
    stopKeeping();
    clock.stop();
    socket.removeAllListeners();
    socket.disconnect();
    if (active === socket) active = null;
    useAppStore.getState().setConnection('idle');
  };
}

/** Tries again after a refused handshake (the user pressed "Try again"). */
export function reconnect(): void {
  if (active && !active.connected) {
    useAppStore.getState().setConnection('connecting');
    active.connect();
  }
}
