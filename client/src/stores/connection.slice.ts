import type { StateCreator } from 'zustand';
import type { AppState } from './index';

/**
 * `failed` is a refused handshake (bad link, meeting gone) with the server's message;
 * `deleted` is a meeting removed while we watched it.
 */
export type ConnectionStatus = 'idle' | 'connecting' | 'online' | 'reconnecting' | 'failed' | 'deleted';

export type ConnectionSlice = {
  /** `since`: while not online, when the server last sent anything (what the page shows is from then). */
  connection: { status: ConnectionStatus; message: string | null; since: number | null };
  /** Add to `Date.now()` to get the server's time; `rttMs` null until pings have answered. */
  clock: { offsetMs: number; rttMs: number | null };
  setConnection: (status: ConnectionStatus, message?: string | null, since?: number | null) => void;
  setClock: (clock: { offsetMs: number; rttMs: number | null }) => void;
};

export const createConnectionSlice: StateCreator<AppState, [], [], ConnectionSlice> = (set) => ({
  connection: { status: 'idle', message: null, since: null },
  clock: { offsetMs: 0, rttMs: null },
  setConnection: (status, message = null, since = null) => set({ connection: { status, message, since } }),
  setClock: (clock) => set({ clock }),
});
