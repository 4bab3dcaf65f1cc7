import { type MeetingAccess, type MeetingSummary, vnInstant } from '@diemcau/shared';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEMO_RUN_DATE, type DemoRun, runDemoMeeting } from './demo-run';
import { ManualClock, send, startServer, type TestServer } from './harness';

let clock: ManualClock;
let server: TestServer;
let run: DemoRun;

beforeEach(async () => {
  clock = new ManualClock(vnInstant(DEMO_RUN_DATE, '07:00'));
  server = await startServer(clock);
  run = await runDemoMeeting(server, clock);
  clock.t = vnInstant(DEMO_RUN_DATE, '14:00');
});

afterEach(async () => {
  await server.close();
  await server.remove();
});

const list = async (q: string, status = 'all') =>
  (await server.http<{ data: MeetingSummary[] }>('GET', `/api/meetings?q=${encodeURIComponent(q)}&status=${status}`)).body.data.map((m) => m.id);

describe('the meeting archive', () => {
  it('lists ended meetings apart from the others, searched by title, organiser and date, diacritics optional', async () => {
    const other = await server.createMeeting({ details: { title: 'Giao ban tháng 12', organiser: 'Phòng GDĐT Lục Nam', date: '2023-12-15', startTime: '08:00' } });
    const ended = run.access.meetingId;
    expect(await list('', 'ended')).toEqual([ended]);
    expect(await list('', 'active')).toEqual([other.meetingId]);
    expect(await list('')).toEqual([other.meetingId, ended]);
    expect(await list('so gddt bac giang', 'ended')).toEqual([ended]);
    expect(await list('24/11/2023')).toEqual([ended]);
    expect(await list('24.11.2023 giao ban')).toEqual([ended]);
    expect(await list('11/2023')).toEqual([ended]);
    expect(await list('12/2023 luc nam')).toEqual([other.meetingId]);
    expect(await list('2023-12-15')).toEqual([other.meetingId]);
    expect(await list('25/11/2023')).toEqual([]);
    const bad = await server.http('GET', '/api/meetings?status=old');
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ ok: false, code: 'invalid' });
  });

  it('an ended meeting takes no more requests to speak and gives no one the floor', async () => {
    const site = (await server.connect(run.sites[0]!.token)).client;
    const refused = await send(site, 'queue:request', { requestId: 'after-the-end-0001', kind: 'comment', speaker: 'Nguyễn Văn A' });
    expect(refused).toMatchObject({ ok: false, code: 'conflict', reason: 'ended' });
    const mc = (await server.connect(run.access.mcToken)).client;
    expect(await send(mc, 'floor:give', { current: null })).toMatchObject({ ok: false, reason: 'ended' });
    expect(await send(mc, 'agenda:next', {})).toMatchObject({ ok: false, reason: 'ended' });
  });

  it('makes the next meeting from a past one: agenda, tham luận, tasks moved with the date, sites with new links, settings; nothing of the run', async () => {
    // the source has a task with a deadline and a tham luận registered by a site
    const mc = (await server.connect(run.access.mcToken)).client;
    const source = (await server.app.meetings.load(run.access.meetingId))!.state;
    const discussion = source.agenda.find((i) => i.kind === 'discussion')!;
    // An ended meeting is read-only: the tham luận are written as the plan would have put them.
    expect(await send(mc, 'contributions:set', { itemId: discussion.id, contributions: [] })).toMatchObject({ ok: false, reason: 'ended' });
    const contributions = [
      { id: 'k1', itemId: discussion.id, topic: 'Chuyển đổi số', unit: 'Phòng GDĐT TP', siteId: run.sites[1]!.siteId, plannedMs: 420_000 },
      { id: 'k2', itemId: discussion.id, topic: 'Trường học hạnh phúc', unit: '', siteId: null, plannedMs: 420_000 },
    ];
    await server.db
      .updateTable('meetings')
      .set({ state: JSON.stringify({ ...(await server.app.meetings.load(run.access.meetingId, true))!.state, contributions, tasks: [{ id: 't1', unit: 'Văn phòng Sở', task: 'Gửi báo cáo', deadline: '2023-11-30', deadlineText: 'trước 30/11/2023' }, { id: 't2', unit: 'Các phòng', task: 'Chuẩn bị tham luận', deadline: null, deadlineText: '' }] }) })
      .where('id', '=', run.access.meetingId)
      .execute();

    const res = await server.http<{ data: MeetingAccess }>('POST', `/api/meetings/${run.access.meetingId}/duplicate`, { date: '2023-12-22', startTime: '08:00', title: 'Giao ban tháng 12' });
    expect(res.status).toBe(201);
    const copy = res.body.data;
    const [a, b] = [(await server.app.meetings.load(run.access.meetingId, true))!.state, (await server.app.meetings.load(copy.meetingId, true))!.state];
    expect(b.details).toMatchObject({ title: 'Giao ban tháng 12', date: '2023-12-22', startTime: '08:00', organiser: a.details.organiser, venue: a.details.venue });
    expect(b.agenda.map((i) => [i.title, i.plannedDurationMs])).toEqual(a.agenda.map((i) => [i.title, i.plannedDurationMs]));
    expect(b.agenda.some((i) => a.agenda.some((j) => j.id === i.id))).toBe(false);
    expect(b.live).toEqual({ status: 'scheduled', startedAt: null, endedAt: null, timer: null });
    expect([b.actuals, b.speeches, b.queue.entries, b.conclusions]).toEqual([{}, [], [], []]);
    // deadlines move by the 28 days between 24/11 and 22/12; an undated task stays undated
    expect(b.tasks.map((t) => [t.task, t.deadline])).toEqual([
      ['Gửi báo cáo', '2023-12-28'],
      ['Chuẩn bị tham luận', null],
    ]);
    expect(b.questions).toMatchObject({ offices: a.questions.offices, categories: a.questions.categories, opensAt: null, closesAt: null });

    // the sites, with their details and new links; the tham luận points at the copy of its site
    const sites = (await server.http<{ data: { sites: { siteId: string; name: string; token: string }[] } }>('GET', `/api/meetings/${copy.meetingId}/sites/access`)).body.data.sites;
    expect(sites.map((s) => s.name)).toEqual(run.sites.map((s) => s.name));
    expect(sites.some((s) => run.sites.some((o) => o.token === s.token || o.siteId === s.siteId))).toBe(false);
    const copiedDiscussion = b.agenda.find((i) => i.kind === 'discussion')!;
    expect(b.contributions.map((c) => [c.topic, c.itemId, c.siteId])).toEqual([
      ['Chuyển đổi số', copiedDiscussion.id, sites[1]!.siteId],
      ['Trường học hạnh phúc', copiedDiscussion.id, null],
    ]);
    // the copied site's new link opens the new meeting, checked in nowhere
    const { snapshot } = await server.connect(sites[0]!.token);
    expect(snapshot.meetingId).toBe(copy.meetingId);
    const rows = (await server.http<{ data: { checkedInAt: number | null }[] }>('GET', `/api/meetings/${copy.meetingId}/sites`)).body.data;
    expect(rows.every((r) => r.checkedInAt === null)).toBe(true);
  });

  it('refuses a template date that is not a date, with the field named', async () => {
    const res = await server.http('POST', `/api/meetings/${run.access.meetingId}/duplicate`, { date: '22/12/2023' });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ ok: false, code: 'invalid' });
    expect(JSON.stringify(res.body)).toContain('date');
    expect(await list('', 'active')).toEqual([]);
  });
});
