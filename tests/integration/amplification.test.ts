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

const REPLY_BYTES = { perSecond: 64 * 1024, burst: 1024 * 1024 };
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
      expect(biggest).toBeGreaterThan(REPLY_BYTES.burst); // the 3,000-site snapshot
      expect(refused).toBeGreaterThan(0);
    }
    expect(worstMs).toBeLessThan(2_000);
  });
});
