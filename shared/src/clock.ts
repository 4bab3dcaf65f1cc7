/** One round trip of `clock:ping`: client send time, server time in the answer, client receive time (all epoch ms). */
export type ClockSample = { sentAt: number; serverNow: number; receivedAt: number };

/**
 * Offset to add to the client's clock to get the server's, from the sample with the
 * shortest round trip (least queueing, so the most exact), assuming a symmetric path.
 * Null without samples.
 */
export function estimateOffset(samples: readonly ClockSample[]): { offsetMs: number; rttMs: number } | null {
  let best: ClockSample | undefined;
  for (const sample of samples) {
    if (!best || sample.receivedAt - sample.sentAt < best.receivedAt - best.sentAt) best = sample;
  }
  if (!best) return null;
  const rttMs = Math.max(0, best.receivedAt - best.sentAt);
  return { offsetMs: best.serverNow + rttMs / 2 - best.receivedAt, rttMs };
}

/**
 * How every page's socket comes back after losing the server (Socket.IO's reconnection
 * options): first try after about 1 s, doubling, at most 3 s apart, each delay randomised by
 * ±50 % so that thousands of pages do not knock at the same instant. The most a page waits
 * once the server is back is 4.5 s; Socket.IO's default (5 s, so 7.5 s) left too little of the
 * 10 s in which 3,000 sites must be back after a restart (`npm run bench -- --scenario reconnect`).
 * The bench's reconnecting sites use these same options.
 */
export const RECONNECTION = { reconnection: true, reconnectionDelay: 1_000, reconnectionDelayMax: 3_000, randomizationFactor: 0.5 } as const;
