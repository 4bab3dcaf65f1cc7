import { MeetingReport, vnInstant } from '@diemcau/shared';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { renderReportCharts } from '../../server/src/reports/charts';
import { DEMO_RUN_DATE, type DemoRun, runDemoMeeting } from './demo-run';
import { ManualClock, startServer, type TestServer } from './harness';

const MIN = 60_000;
const at = (time: string) => vnInstant(DEMO_RUN_DATE, time);
let clock: ManualClock;
let server: TestServer;
let run: DemoRun;

beforeEach(async () => {
  clock = new ManualClock(at('07:00'));
  server = await startServer(clock);
  run = await runDemoMeeting(server, clock);
  clock.t = at('14:00');
});

afterEach(async () => {
  await server.close();
  await server.remove();
});

const getReport = (token: string | null, meetingId = run.access.meetingId) => server.http<{ data: MeetingReport }>('GET', `/api/meetings/${meetingId}/report`, undefined, token);

describe('GET /api/meetings/:id/report after a scripted run of the demo meeting', () => {
  it('gives the MC planned vs actual, attendance over time, speaking time and questions as stored', async () => {
    const { status, body } = await getReport(run.access.mcToken);
    expect(status).toBe(200);
    const report = MeetingReport.parse(body.data);
    expect(report.status).toBe('ended');

    const { schedule } = report;
    expect(schedule.items.map((i) => [i.plannedMs! / MIN, i.actualMs! / MIN, i.overrunMs! / MIN])).toEqual([
      [5, 6, 1],
      [10, 8, -2],
      [30, 36, 6],
      [165, 150, -15],
      [30, 35, 5],
      [5, 6, 1],
    ]);
    expect(schedule).toMatchObject({ actualStartedAt: at('07:30'), actualEndedAt: at('11:31'), plannedEndAt: at('11:35'), offsetMs: -4 * MIN, itemsOverrunMs: -4 * MIN, itemsOver: 4 });
    expect(schedule.items[2]).toMatchObject({ actualStartedAt: at('07:44'), startDelayMs: -MIN });

    const { attendance } = report;
    expect(attendance).toMatchObject({ sites: 15, checkedIn: 5, peoplePresent: 8 + 9 + 10 + 11 + 12, peakConnected: 6, peakAt: at('07:20'), stepMs: 5 * MIN });
    const point = (time: string) => attendance.points.find((p) => p.at === at(time));
    expect(attendance.points[0]).toEqual({ at: at('07:10'), connected: 1, checkedIn: 0 }); // from the first event (later than 07:00)
    expect(point('07:15')).toMatchObject({ connected: 3, checkedIn: 1 });
    expect(point('09:05')).toMatchObject({ connected: 5, checkedIn: 5 });
    expect(point('09:10')).toMatchObject({ connected: 6, checkedIn: 5 });
    expect(attendance.points.at(-1)).toEqual({ at: at('11:31'), connected: 6, checkedIn: 5 });

    const { speaking } = report;
    expect(speaking.totalMs).toBe(18 * MIN);
    expect(speaking.byKind.map((k) => [k.kind, k.ms / MIN])).toEqual([
      ['urgent', 0],
      ['response', 5],
      ['contribution', 8],
      ['comment', 3],
      ['question', 2],
    ]);
    expect(speaking.bySite.map((s) => [s.name, s.ms / MIN])).toEqual([
      [run.sites[0]!.name, 8],
      ['Tại hội trường', 5],
      [run.sites[1]!.name, 3],
      [run.sites[2]!.name, 2],
    ]);

    const { questions } = report;
    expect(questions).toMatchObject({ total: 5, submissions: 5, byStatus: { answered: 2, approved: 1, rejected: 1, pending: 1 } });
    const office = (name: string) => questions.byOffice.find((o) => o.name === name);
    expect(office(run.offices[0]!.name)).toMatchObject({ total: 2, answered: 2 });
    expect(office(run.offices[1]!.name)).toMatchObject({ total: 1, approved: 1 });
    expect(office('Chưa chuyển phòng, ban')).toMatchObject({ total: 2, rejected: 1, pending: 1 });
    expect(questions.byOffice.at(-1)!.officeId).toBeNull();
  });

  it('the organiser may read it too, and its charts render to images', async () => {
    const { status, body } = await getReport(undefined as never);
    expect(status).toBe(200);
    const images = await renderReportCharts(body.data);
    expect(images.map((i) => i.name)).toEqual(['schedule', 'attendance', 'speakingBySite', 'speakingByKind', 'questionsByOffice']);
  }, 60_000);

  it('is refused to sites, the projector, the board, the public page, another meeting\'s MC, and without a token', async () => {
    const board = (await server.http<{ data: { leadershipToken: string; projectorToken: string } }>('GET', `/api/meetings/${run.access.meetingId}/access`)).body.data;
    const links = (await server.http<{ data: { publicToken: string; moderatorToken: string } }>('GET', `/api/meetings/${run.access.meetingId}/questions/access`)).body.data;
    for (const token of [run.sites[0]!.token, board.projectorToken, board.leadershipToken, links.publicToken, links.moderatorToken]) {
      const res = await getReport(token);
      expect(res.status).toBe(403);
      expect(res.body).toMatchObject({ ok: false, code: 'forbidden' });
    }
    expect((await getReport(null)).status).toBe(401);
    const other = await server.createMeeting();
    expect((await getReport(other.mcToken)).body).toMatchObject({ ok: false, code: 'forbidden' });
  });

  it('says what is wrong with a bad or unknown meeting id', async () => {
    expect((await getReport(undefined as never, 'bad id!')).body).toMatchObject({ ok: false, code: 'invalid' });
    const missing = await getReport(undefined as never, 'nosuchmeeting');
    expect(missing.status).toBe(404);
    expect(missing.body.message).toContain('Không tìm thấy hội nghị');
  });
});
