import { performance } from 'node:perf_hooks';
import { EVENT_ROLES, MAX_SITES, type Role } from '@diemcau/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Client } from './harness';
import { buildWorld, emit, ROLES, type WorldServer } from './surface';

/**
 * Each role reads as much as its budgets let it, in a meeting of 3,000 sites (an attendance
 * snapshot of ~1.4 MB): what it gets back is bounded by its answer budget (charged with the
 * bytes of each answer, shared by every tab of one link), not by how many messages it may send;
 * the MC of another meeting is answered throughout. The server's clock does not move here, so
 * nothing refills: the bound is exact.
 */

// A burst of 4 MiB: two more tabs of a link connecting are charged their snapshots (~1.5 MB each
// for the 3,000-site attendance) and leave it about one more answer.
const REPLY_BYTES = { perSecond: 64 * 1024, burst: 4 * 1024 * 1024 };
const READS = ['attendance:sync', 'questions:sync', 'meeting:sync', 'meeting:access'] as const;

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
    for (let round = 0; round < 12; round++) {
      for (const [t, tab] of tabs.entries()) {
        for (const event of reads) {
          const answer = await emit(tab, event);
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
    if (reads.includes('attendance:sync')) {
      expect(biggest).toBeGreaterThan(1_000_000); // the 3,000-site snapshot
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
