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

/** An offset estimate: the true offset lies within ±rttMs/2 of offsetMs (the path's delays are at least zero each way). */
export type ClockEstimate = { offsetMs: number; rttMs: number };

/**
 * Which estimate to keep after a new sync: a sync over a bad line (every round trip slow) must
 * not replace a tight estimate with a loose one, so while the two agree (their ranges overlap,
 * the device's clock has not moved) the one with the shorter round trip stays. When they
 * disagree, the device's clock was changed (by hand, or its own time sync): the old one is no
 * longer true and the new one wins however loose.
 */
export function keepBetterEstimate(previous: ClockEstimate | null, next: ClockEstimate): ClockEstimate {
  if (!previous) return next;
  const apart = Math.abs(next.offsetMs - previous.offsetMs);
  const agree = apart <= (next.rttMs + previous.rttMs) / 2;
  return agree && previous.rttMs < next.rttMs ? previous : next;
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
