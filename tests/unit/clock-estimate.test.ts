import { estimateOffset, keepBetterEstimate } from '@diemcau/shared';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

/**
 * Clock sync over a bad line: a sync whose round trips are all slow (a phone on 3G while a
 * picture downloads) must not loosen a good offset; a device whose clock was changed must
 * take the new one.
 */

/** Five pings against a server whose clock is `skew` ahead, each way delayed by the given ms. */
function sync(skew: number, start: number, delays: readonly [number, number][]) {
  let t = start;
  const samples = delays.map(([up, down]) => {
    const sentAt = t;
    const serverNow = sentAt + up + skew;
    const receivedAt = sentAt + up + down;
    t = receivedAt + 10;
    return { sentAt, serverNow, receivedAt };
  });
  return estimateOffset(samples)!;
}

const delay = (max: number) => fc.tuple(fc.integer({ min: 0, max }), fc.integer({ min: 0, max }));

describe('keepBetterEstimate', () => {
  it('keeps the tighter estimate while the device clock stays put: never further off than the better of the two', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -3_600_000, max: 3_600_000 }),
        fc.array(delay(60), { minLength: 1, maxLength: 5 }),
        fc.array(delay(8_000), { minLength: 1, maxLength: 5 }),
        (skew, goodLine, badLine) => {
          const good = sync(skew, 1_000_000, goodLine);
          const bad = sync(skew, 2_000_000, badLine);
          const kept = keepBetterEstimate(good, bad);
          const error = (e: { offsetMs: number }) => Math.abs(e.offsetMs - skew);
          expect(error(kept)).toBeLessThanOrEqual(Math.min(error(good), error(bad)) + Math.min(good.rttMs, bad.rttMs) / 2);
          expect(error(kept)).toBeLessThanOrEqual(kept.rttMs / 2);
          if (bad.rttMs > good.rttMs) expect(kept).toBe(good);
        },
      ),
    );
  });

  it('takes the new estimate when the device clock moved, however slow its line', () => {
    fc.assert(
      fc.property(fc.integer({ min: -600_000, max: 600_000 }), fc.integer({ min: 10_000, max: 3_600_000 }), fc.array(delay(2_000), { minLength: 1, maxLength: 5 }), (skew, jump, badLine) => {
        const before = sync(skew, 1_000_000, [[20, 20]]);
        const after = sync(skew + jump, 2_000_000, badLine);
        expect(keepBetterEstimate(before, after)).toBe(after);
      }),
    );
  });

  it('takes the first estimate as it is', () => {
    const first = { offsetMs: 1_234, rttMs: 4_000 };
    expect(keepBetterEstimate(null, first)).toBe(first);
  });
});
