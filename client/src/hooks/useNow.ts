import { useSyncExternalStore } from 'react';
import { useClockOffset } from '../stores/selectors';

const TICK_MS = 200;

const listeners = new Set<() => void>();
let tick = Date.now();
let interval: number | undefined;

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  if (interval === undefined) {
    tick = Date.now();
    interval = window.setInterval(() => {
      tick = Date.now();
      for (const notify of listeners) notify();
    }, TICK_MS);
  }
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0) {
      window.clearInterval(interval);
      interval = undefined;
    }
  };
}

/**
 * The server's time now (epoch ms), ticking five times a second from one shared timer:
 * the local clock plus the offset measured by `clock:ping`. Never waits for the server.
 * With `stepMs` the local time is rounded down to a multiple of it, so the component
 * re-renders only once per step (a board re-ranking thousands of sites every few seconds).
 */
export function useNow(stepMs = 0): number {
  const local = useSyncExternalStore(subscribe, () => (stepMs > 0 ? tick - (tick % stepMs) : tick));
  return local + useClockOffset();
}
