/**
 * A token bucket: holds at most `capacity` tokens, refilled at `perSecond`; each message takes
 * one. Time comes from `now` (the server's clock), so a test moves it by hand.
 */
export class TokenBucket {
  private tokens: number;
  private at: number;

  constructor(
    private readonly capacity: number,
    private readonly perSecond: number,
    private readonly now: () => number,
  ) {
    this.tokens = capacity;
    this.at = now();
  }

  /** Takes `count` tokens (one by default); false, taking none, when the bucket holds fewer. */
  take(count = 1): boolean {
    this.refill();
    if (this.tokens < count) return false;
    this.tokens -= count;
    return true;
  }

  /** Takes `count` tokens whatever the bucket holds: it may go below zero, a debt refilled before the next take succeeds. */
  charge(count: number): void {
    this.refill();
    this.tokens -= count;
  }

  /** Whether the bucket holds at least one token. */
  available(): boolean {
    return this.msUntilAvailable() === 0;
  }

  /** How long until the bucket holds one token again (0: it does), in the clock's milliseconds. */
  msUntilAvailable(): number {
    this.refill();
    return this.tokens >= 1 ? 0 : Math.ceil(((1 - this.tokens) / this.perSecond) * 1000);
  }

  private refill(): void {
    const now = this.now();
    this.tokens = Math.min(this.capacity, this.tokens + (Math.max(0, now - this.at) / 1000) * this.perSecond);
    this.at = now;
  }
}
