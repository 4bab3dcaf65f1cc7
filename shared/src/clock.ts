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
