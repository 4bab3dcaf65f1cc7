/**
 * An ended meeting is read-only from outside: every event and route that changes a meeting,
 * sent by a role allowed to send it over a real socket or HTTP, is refused with `ended` and
 * changes no stored row; offices still answer their questions, the chair's conclusions are
 * still written into the record; the organiser's reopening opens everything again.
 */
import { EVENT_ROLES } from '@diemcau/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeLiveKit, type FakeLiveKit } from './fake-livekit';
import { buildWorld, emit, EVENTS, type EventName, ROUTES, validArgs, type WorldServer } from './surface';

/** What may still happen after the end: reads, a site's own connection reports, and these. */
const STILL_ALLOWED = new Set<EventName>(['meeting:reopen', 'conclusion:set', 'question:answer']);
const READS = new Set<EventName>(['meeting:sync', 'meeting:access', 'clock:ping', 'attendance:sync', 'questions:sync', 'question:mine', 'presence:report', 'video:report']);
/** Routes that change a meeting's sites or questions (re-issuing links and the record are not changes of the meeting). */
const WRITES = [
  'POST /api/meetings/:id/sites',
  'PUT /api/meetings/:id/sites/:siteId',
  'DELETE /api/meetings/:id/sites/:siteId',
  'POST /api/meetings/:id/sites/import',
  'POST /api/public/:token/questions',
  'POST /api/public/:token/questions/:questionId/vote',
];

let w: WorldServer;
let livekit: FakeLiveKit;

beforeAll(async () => {
  livekit = await startFakeLiveKit();
  w = await buildWorld({ liveKit: livekit.config, videoRetry: { attempts: 1, baseMs: 5 } });
  const mc = w.senders.get('mc')!;
  // the questions the matrix acts on are approved and routed while the meeting runs
  expect(await emit(mc, 'question:moderate', { questionId: w.world.questionIds[0], action: 'approve' })).toMatchObject({ ok: true });
  expect(await emit(mc, 'question:route', { questionId: w.world.questionIds[1], officeId: w.world.officeIds[0], seen: { officeId: null } })).toMatchObject({ ok: true });
  expect(await emit(mc, 'meeting:end', {})).toMatchObject({ ok: true });
}, 60_000);

afterAll(async () => {
  await w?.close();
  await livekit?.close();
});

describe('an ended meeting', () => {
  it('refuses every change, over the socket and HTTP, from every role that may send it, and stores nothing', async () => {
    const before = await w.snapshotA();
    const accepted: string[] = [];
    for (const event of EVENTS) {
      if (STILL_ALLOWED.has(event) || READS.has(event)) continue;
      for (const role of EVENT_ROLES[event]) {
        const ack = await emit(w.senders.get(role)!, event, ...validArgs(event, w.world));
        if (ack?.ok !== false || ack.reason !== 'ended') accepted.push(`${role} ${event}: ${JSON.stringify(ack).slice(0, 160)}`);
      }
    }
    for (const route of WRITES) {
      const row = ROUTES[route]!;
      const [method] = route.split(' ');
      const path = row.path(w.world).replace(':token', w.pathTokens.public);
      const res = await w.server.http(method!, path, row.body?.(w.world), row.allowed === 'publicLink' ? null : undefined);
      if (res.status !== 409 || (res.body as { reason?: string }).reason !== 'ended') accepted.push(`${route}: ${res.status} ${JSON.stringify(res.body).slice(0, 160)}`);
    }
    expect(accepted).toEqual([]);
    await w.settle();
    expect(await w.snapshotA()).toBe(before);
  });

  it('offices still answer their questions; conclusions still go into the record', async () => {
    const answered = await emit(w.senders.get('office')!, 'question:answer', { questionId: w.world.questionIds[1], answer: 'Sở sẽ có văn bản trong tuần.', answeredBy: 'Phòng GDTrH', seen: { answer: '' } });
    expect(answered).toMatchObject({ ok: true, data: { status: 'answered' } });
    expect(await emit(w.senders.get('mc')!, 'conclusion:set', { itemId: w.world.itemIds[0], text: 'Thống nhất triển khai trong tháng 12.' })).toMatchObject({ ok: true });
  });

  it('the organiser reopens it on purpose, and changes are taken again', async () => {
    expect(await emit(w.senders.get('mc')!, 'meeting:reopen', {})).toMatchObject({ ok: false, code: 'forbidden' });
    expect(await emit(w.senders.get('admin')!, 'meeting:reopen', {})).toMatchObject({ ok: true });
    expect(await emit(w.senders.get('site')!, 'site:readiness', { readiness: 'ready' })).toMatchObject({ ok: true });
    expect(await emit(w.senders.get('mc')!, 'agenda:add', { item: { title: 'Mục bổ sung', subPoints: [], dangerMs: 0 } })).toMatchObject({ ok: true });
    const site = ROUTES['POST /api/meetings/:id/sites']!;
    expect(await w.server.http('POST', site.path(w.world), site.body!(w.world))).toMatchObject({ status: 201 });
  });
});
