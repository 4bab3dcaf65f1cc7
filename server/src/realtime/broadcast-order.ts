/** How long after a revision's commit a node waits for its broadcast before sending the next one anyway. */
export const ORDER_GRACE_MS = 2_000;

/**
 * Keeps each meeting's changes in revision order on this node when several nodes apply
 * them. A node that applies revision N must not send it before its own clients have
 * revision N-1, which another node may have applied a moment earlier and whose broadcast is
 * still on its way through the adapter. The adapter tells `delivered` of every revision it
 * hands to this node's sockets (its own and the other nodes'); `after` holds a broadcast
 * until the previous revision is delivered here. Single node: nothing to wait for.
 */
export class BroadcastOrder {
  private readonly delivered = new Map<string, number>();
  private readonly waiting = new Map<string, { rev: number; resolve: () => void; timer: NodeJS.Timeout }[]>();

  constructor(
    private readonly now: () => number,
    private readonly graceMs = ORDER_GRACE_MS,
  ) {}

  /** Revision `rev` of the meeting has reached this node's sockets. */
  markDelivered(meetingId: string, rev: number): void {
    if (rev <= (this.delivered.get(meetingId) ?? 0)) return;
    this.delivered.set(meetingId, rev);
    const waiters = this.waiting.get(meetingId);
    if (!waiters) return;
    const ready = waiters.filter((w) => w.rev <= rev);
    const rest = waiters.filter((w) => w.rev > rev);
    if (rest.length > 0) this.waiting.set(meetingId, rest);
    else this.waiting.delete(meetingId);
    for (const w of ready) {
      clearTimeout(w.timer);
      w.resolve();
    }
  }

  /**
   * Null when revision `rev` (committed at `committedAt`) was delivered here, or long enough
   * ago that its broadcast has arrived or never will (its node stopped); else a promise that
   * resolves once it is delivered or the grace has passed.
   */
  after(meetingId: string, rev: number, committedAt: number): Promise<void> | null {
    if (rev <= 0 || rev <= (this.delivered.get(meetingId) ?? 0)) return null;
    const left = committedAt + this.graceMs - this.now();
    if (left <= 0) return null;
    return new Promise((resolve) => {
      const waiter = {
        rev,
        resolve,
        timer: setTimeout(() => {
          const waiters = this.waiting.get(meetingId)?.filter((w) => w !== waiter) ?? [];
          if (waiters.length > 0) this.waiting.set(meetingId, waiters);
          else this.waiting.delete(meetingId);
          resolve();
        }, left),
      };
      this.waiting.set(meetingId, [...(this.waiting.get(meetingId) ?? []), waiter]);
    });
  }
}
