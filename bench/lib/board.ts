import type { Socket } from 'socket.io-client';
import { nowMs } from './clock';
import { connectOne } from './connect';
import { BOARD_CHANGE_EVENT, BOARD_SNAPSHOT_EVENT } from './protocol';

/** What the board reads of a site row (diemcau's SiteRow, or the baseline's padded copy). */
type BoardRow = { id: string; version: number; checkedInAt: number | null; headcount: number | null; presence?: { devices: number } };

const contribution = (row: BoardRow | undefined) => ({
  checkedIn: row && row.checkedInAt !== null ? 1 : 0,
  headcount: row?.headcount ?? 0,
  present: row && (row.presence?.devices ?? 0) > 0 ? 1 : 0,
});

/**
 * A leadership board as the client keeps it: the snapshot, then batches of changed rows
 * upserted by id (a row older than the one held is ignored). Notes when the watched sites
 * first all show checked in with the expected headcount total: "the final totals are shown".
 */
export class Board {
  private readonly rows = new Map<string, BoardRow>();
  private readonly watched: ReadonlySet<string>;
  private readonly waiters = new Set<() => void>();
  private snapshotSeen = false;
  private checkedIn = 0;
  private headcount = 0;
  /** Watched sites with a device connected. */
  present = 0;
  /** Batches (and rows in them) since the last `resetCounts`. */
  batches = 0;
  rowsReceived = 0;
  largestBatch = 0;
  /** Arrival time (wall-clock ms) and size of each of those batches. */
  arrivals: { at: number; rows: number }[] = [];
  /** When the final totals were first shown (wall-clock ms), or null. */
  finalAt: number | null = null;

  private constructor(
    siteIds: readonly string[],
    private readonly expectedHeadcount: number,
  ) {
    this.watched = new Set(siteIds);
  }

  /** Connects a board with `token` and waits for its attendance snapshot. */
  static async open(input: { url: string; token: string; siteIds: readonly string[]; expectedHeadcount: number; label: string; timeoutMs: number }): Promise<{ board: Board; socket: Socket }> {
    const board = new Board(input.siteIds, input.expectedHeadcount);
    const { socket, failure } = await connectOne(input.url, input.token, input.timeoutMs, (s) => {
      s.on(BOARD_SNAPSHOT_EVENT, (snapshot: { sites: BoardRow[] }) => board.apply(snapshot.sites, false));
      s.on(BOARD_CHANGE_EVENT, (change: { sites: BoardRow[] }) => board.apply(change.sites, true));
    });
    if (failure !== null) throw new Error(`${input.label}: ${failure}`);
    if (!(await board.until(() => board.snapshotSeen, input.timeoutMs))) {
      socket.close();
      throw new Error(`${input.label}: no ${BOARD_SNAPSHOT_EVENT} within ${input.timeoutMs} ms`);
    }
    return { board, socket };
  }

  private apply(rows: readonly BoardRow[], batch: boolean): void {
    const at = nowMs();
    if (batch) {
      this.batches += 1;
      this.rowsReceived += rows.length;
      this.largestBatch = Math.max(this.largestBatch, rows.length);
      this.arrivals.push({ at, rows: rows.length });
    } else this.snapshotSeen = true;
    for (const row of rows) {
      if (!this.watched.has(row.id)) continue;
      const held = this.rows.get(row.id);
      if (held && held.version > row.version) continue;
      const before = contribution(held);
      const after = contribution(row);
      this.checkedIn += after.checkedIn - before.checkedIn;
      this.headcount += after.headcount - before.headcount;
      this.present += after.present - before.present;
      this.rows.set(row.id, row);
    }
    if (this.finalAt === null && this.final()) this.finalAt = at;
    for (const wake of this.waiters) wake();
  }

  /** Every watched site shows checked in, and the headcounts add up to what was sent. */
  final(): boolean {
    return this.checkedIn === this.watched.size && this.headcount === this.expectedHeadcount;
  }

  /** Every watched site shows a device connected (diemcau's presence; the baseline has none). */
  allPresent(): boolean {
    return this.present === this.watched.size;
  }

  /** Watched sites the board does not show checked in. */
  missing(): number {
    return this.watched.size - this.checkedIn;
  }

  /** Starts counting batches afresh (before a storm). */
  resetCounts(): void {
    this.batches = 0;
    this.rowsReceived = 0;
    this.largestBatch = 0;
    this.arrivals = [];
  }

  /** Resolves true once `done()` holds after an update (or already), false after `timeoutMs`. */
  until(done: () => boolean, timeoutMs: number): Promise<boolean> {
    if (done()) return Promise.resolve(true);
    return new Promise((resolve) => {
      const finish = (result: boolean) => {
        clearTimeout(timer);
        this.waiters.delete(check);
        resolve(result);
      };
      const check = () => {
        if (done()) finish(true);
      };
      const timer = setTimeout(() => finish(false), timeoutMs);
      this.waiters.add(check);
    });
  }
}
