import { performance } from 'node:perf_hooks';
import { ATTENDANCE_PAGE_SIZE, EVENT_ROLES, MAX_SITES, type Role } from '@diemcau/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Client } from './harness';
import { buildWorld, emit, ROLES, type WorldServer } from './surface';

/**
 * Each role reads as much as its budgets let it, in a meeting of 3,000 sites (an attendance
 * snapshot of ~1.4 MB, sent once when a board connects): the large reads answer in pages of
 * bounded size, followed by their cursors; what a link gets back is bounded by its answer
 * budget (charged with the bytes of each answer, shared by every tab of one link), not by how
 * many messages it may send; the MC of another meeting is answered throughout. The server's
 * clock does not move here, so nothing refills: the bound is exact.
 */

// A burst of 4 MiB: two more tabs of a link connecting are charged their snapshots (~1.5 MB each
// for the 3,000-site attendance) and leave it about one more answer.
const REPLY_BYTES = { perSecond: 64 * 1024, burst: 4 * 1024 * 1024 };
const READS = ['attendance:sync', 'questions:sync', 'meeting:sync', 'meeting:access'] as const;
const PAGED = new Set<string>(['attendance:sync', 'questions:sync']);
/** The largest answer a read may be: a page of 200 sites is ~100 KB. */
const MAX_ANSWER_BYTES = 160_000;

let w: WorldServer;

beforeAll(async () => {
  // Message budgets far out of the way: only the answer budget is under test.
  w = await buildWorld({ eventLimits: { commands: { perSecond: 20, burst: 10_000 }, reads: { perSecond: 10, burst: 10_000 }, replyBytes: REPLY_BYTES, refusalsBeforeDisconnect: 100_000 } });
  const sites = Array.from({ length: MAX_SITES - w.world.siteIds.length }, (_, i) => ({
    name: `Trường Tiểu học số ${i + 1} huyện Lục Ngạn`,
    group: ['Phòng GDĐT', 'Trường THPT', 'Trường THCS'][i % 3],
    contactName: 'Nguyễn Văn An',
    phone: '0912345678',
  }));
  const imported = await w.server.http('POST', `/api/meetings/${w.world.meetingId}/sites/import`, { sites });
  expect(imported.status).toBe(201);
}, 120_000);

afterAll(() => w?.close());

describe('amplification by each role at its allowed rate', () => {
  it('the pages of attendance:sync hold every site once, in the list\'s order; a forged cursor is refused', { timeout: 60_000 }, async () => {
    // First in the file: the MC's link has its answer budget (its connection's snapshots, ~1.5 MB, and these pages, ~1.4 MB, fit in the burst).
    const { world } = w;
    const mc = w.senders.get('mc')!;
    const seen: string[] = [];
    let after: string | undefined;
    let pages = 0;
    do {
      const page = await emit(mc, 'attendance:sync', { after });
      expect(page.ok).toBe(true);
      expect(page.data.sites.length).toBeLessThanOrEqual(ATTENDANCE_PAGE_SIZE);
      expect(JSON.stringify(page).length).toBeLessThan(MAX_ANSWER_BYTES);
      seen.push(...page.data.sites.map((s: { id: string }) => s.id));
      after = page.data.next ?? undefined;
      pages++;
    } while (after);
    expect(seen.length).toBe(MAX_SITES);
    expect(new Set(seen).size).toBe(MAX_SITES);
    expect(pages).toBe(Math.ceil(MAX_SITES / ATTENDANCE_PAGE_SIZE));
    expect(seen.slice(0, world.siteIds.length).sort()).toEqual([...world.siteIds].sort());
    for (const after of ['x', '.abc', '1e400.a', 'NaN.x', '12']) expect(await emit(mc, 'attendance:sync', { after })).toMatchObject({ ok: false, code: 'invalid' });
    expect(await emit(mc, 'attendance:sync', { limit: 5_000 })).toMatchObject({ ok: false, code: 'invalid' });
  });

  it.each(ROLES)('%s: answers bounded by the bytes budget, another meeting answered meanwhile', { timeout: 120_000 }, async (role: Role) => {
    const reads = READS.filter((event) => (EVENT_ROLES[event] as readonly Role[]).includes(role));
    // Three tabs of one link share its budget (the public link, one per phone, is each phone's own).
    const tabs: Client[] = [w.senders.get(role)!, (await w.connectAs(role))!, (await w.connectAs(role))!];
    const mcB = w.senders.get('otherMeeting')!;
    let stop = false;
    let worstMs = 0;
    const pinging = (async () => {
      while (!stop) {
        const started = performance.now();
        expect(typeof (await emit(mcB, 'clock:ping', 0))).toBe('number');
        worstMs = Math.max(worstMs, performance.now() - started);
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
    })();
    const got = [0, 0, 0];
    let biggest = 0;
    let refused = 0;
    // Each tab follows each paged read's cursor, starting over after the last page.
    const cursors = tabs.map(() => new Map<string, string | undefined>());
    let sitesRead = 0;
    for (let round = 0; round < 24; round++) {
      for (const [t, tab] of tabs.entries()) {
        for (const event of reads) {
          const answer = PAGED.has(event) ? await emit(tab, event, { after: cursors[t]!.get(event) }) : await emit(tab, event);
          if (answer.ok && PAGED.has(event)) cursors[t]!.set(event, answer.data.next ?? undefined);
          if (answer.ok && event === 'attendance:sync') sitesRead += answer.data.sites.length;
          if (answer.ok) {
            const size = JSON.stringify(answer).length;
            got[t]! += size;
            biggest = Math.max(biggest, size);
          } else {
            expect(answer).toMatchObject({ code: 'rate_limited', reason: 'reply_bytes' });
            refused++;
          }
        }
      }
    }
    stop = true;
    await pinging;
    for (const tab of tabs.slice(1)) tab.disconnect();
    const total = got.reduce((a, b) => a + b, 0);
    // One answer may overdraw the budget: the one that spends it.
    if (role === 'public') for (const bytes of got) expect(bytes).toBeLessThanOrEqual(REPLY_BYTES.burst + biggest + 1024);
    else expect(total).toBeLessThanOrEqual(REPLY_BYTES.burst + biggest + 1024);
    // No answer is the whole 1.4 MB list: pages, however large the meeting.
    expect(biggest).toBeLessThan(MAX_ANSWER_BYTES);
    if (reads.includes('attendance:sync')) {
      if (role !== 'mc') expect(sitesRead).toBeGreaterThan(1_000); // pages went on until the budget ran out (the MC's was spent by the first test)
      expect(refused).toBeGreaterThan(0);
    }
    expect(worstMs).toBeLessThan(2_000);
  });

  it('a link whose answers are spent is not given a fresh budget by reconnecting: its next connection waits', { timeout: 60_000 }, async () => {
    // The board's budget was spent above (the server's clock has not moved since): a connection
    // is let in once the last answer's overdraw would have refilled, and is charged its snapshots;
    // the one after it waits (up to 15 s) however often it tries.
    const { io } = await import('socket.io-client');
    const open = (ms: number) => {
      const socket = io(w.server.url, { auth: { token: w.tokens.leadership! }, transports: ['websocket'], reconnection: false, forceNew: true });
      const admitted = new Promise<'admitted'>((resolve) => socket.once('meeting:snapshot', () => resolve('admitted')));
      const waited = new Promise<'waiting'>((resolve) => setTimeout(() => resolve('waiting'), ms));
      return { socket, outcome: Promise.race([admitted, waited]) };
    };
    const first = open(20_000);
    expect(await first.outcome).toBe('admitted');
    first.socket.close();
    for (let i = 0; i < 3; i++) {
      const again = open(1_500);
      expect(await again.outcome).toBe('waiting');
      again.socket.close();
    }
    // Another link is let in at once.
    expect(await w.connectAs('projector')).not.toBeNull();
  });
});
