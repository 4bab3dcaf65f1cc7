import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { contributionsItemOf, createMeetingFromPlan, type MeetingAccess, type MeetingState, type PlanImport, PlanImport as PlanImportSchema, type PlanPreview, vnInstant } from '@diemcau/shared';
import { pino } from 'pino';
import { planReader } from '../../server/src/plans/plans.pool';
import { createSandbox, type SandboxOptions } from '../../server/src/sandbox/sandbox';
import { planDocx, planPdf } from '../unit/plan-documents';
import { ManualClock, startServer, type TestServer } from './harness';

const ROOT = path.resolve(import.meta.dirname, '../..');
const BAC_GIANG = readFileSync(path.join(ROOT, 'tests/fixtures/plans/bac-giang-giao-ban-giua-ky-1.txt'), 'utf8');

let server: TestServer;

beforeEach(async () => {
  server = await startServer(new ManualClock(vnInstant('2023-11-20', '09:00')));
});

afterEach(async () => {
  await server.close();
  await server.remove();
});

/** Uploads a file as the browser does: the raw bytes, the name in the query. */
async function upload(bytes: Uint8Array, filename: string, token: string | null = ADMIN) {
  const res = await fetch(`${server.url}/api/plans/preview?filename=${encodeURIComponent(filename)}`, {
    method: 'POST',
    headers: { 'content-type': 'application/octet-stream', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: Buffer.from(bytes),
  });
  return { status: res.status, body: (await res.json()) as { ok: boolean; data: PlanPreview; message?: string } };
}
const ADMIN = 'test-admin-token-0123456789-abcdefghij';

const planOf = (preview: PlanPreview): PlanImport => {
  if (!preview.ok) throw new Error(preview.message);
  return PlanImportSchema.parse(preview.plan);
};

describe('POST /api/plans/preview', () => {
  it('reads an uploaded .docx and .pdf in the worker, and pasted text', { timeout: 60_000 }, async () => {
    const docx = await upload(await planDocx(BAC_GIANG), 'ke-hoach.docx');
    expect(docx.status).toBe(200);
    expect(planOf(docx.body.data).meeting?.startsAt).toBe('2023-11-24T07:30:00+07:00');
    const pdf = await upload(await planPdf(BAC_GIANG), 'ke-hoach.pdf');
    expect(planOf(pdf.body.data).contributions).toHaveLength(19);
    const pasted = await server.http<{ data: PlanPreview }>('POST', '/api/plans/preview', { text: BAC_GIANG });
    expect(planOf(pasted.body.data).agenda).toHaveLength(6);
  });

  it('a bad file is answered with its message, and the next file is read as usual', { timeout: 60_000 }, async () => {
    const bad = await upload(new Uint8Array([0x25, 0x50, 0x44, 0x46, 0x2d, 0x31]), 'hong.pdf');
    expect(bad.body.data).toMatchObject({ ok: false, message: expect.stringMatching(/bị hỏng/) });
    const good = await upload(new TextEncoder().encode(BAC_GIANG), 'ke-hoach.txt');
    expect(planOf(good.body.data).meeting?.title).toMatch(/^Hội nghị giao ban/);
  });

  it('only the organiser and MCs may preview; a too large upload is refused with the limit', async () => {
    expect((await upload(new TextEncoder().encode('x'), 'a.txt', null)).status).toBe(401);
    const meeting: MeetingAccess = await server.createMeeting();
    expect((await upload(new TextEncoder().encode('x'), 'a.txt', meeting.projectorToken)).status).toBe(403);
    expect((await upload(new TextEncoder().encode(BAC_GIANG), 'a.txt', meeting.mcToken)).status).toBe(200);
    const big = await upload(new Uint8Array(11 * 1024 * 1024), 'lon.pdf');
    expect(big).toMatchObject({ status: 413, body: { ok: false, message: expect.stringMatching(/10 MB/) } });
  });
});

describe('the sandbox process that reads plans', () => {
  const text = { kind: 'text' as const, text: BAC_GIANG };
  const sandboxOf = (options: Partial<SandboxOptions> = {}) => createSandbox({ logger: pino({ level: 'silent' }), ...options });

  it('a document that overruns its time stops its process with a message naming the limit; the next one gets a fresh process', { timeout: 60_000 }, async () => {
    const stalled = sandboxOf({ timeoutMs: { plan: 1 } });
    expect(await planReader({ sandbox: stalled }).read(text)).toMatchObject({ ok: false, message: expect.stringMatching(/nên đã dừng \(giới hạn thời gian\)/) });
    await stalled.close();
    const sandbox = sandboxOf();
    const reader = planReader({ sandbox });
    expect(planOf(await reader.read(text)).agenda).toHaveLength(6);
    expect(planOf(await reader.read(text)).agenda).toHaveLength(6);
    await sandbox.close();
  });

  it('documents wait their turn; beyond the queue the sender is told to try again', { timeout: 60_000 }, async () => {
    const sandbox = sandboxOf({ maxWaitingPerLane: 1 });
    const reader = planReader({ sandbox });
    const [first, second, third] = await Promise.all([reader.read(text), reader.read(text), reader.read(text)]);
    expect([first.ok, second.ok]).toEqual([true, true]);
    expect(third).toMatchObject({ ok: false, message: expect.stringMatching(/thử lại sau ít phút/) });
    await sandbox.close();
  });
});

describe('creating the meeting from a corrected preview', () => {
  it('creates details, agenda, the 19 tham luận under the discussion item and the tasks; screens do not get the tasks', async () => {
    const plan = planOf((await server.http<{ data: PlanPreview }>('POST', '/api/plans/preview', { text: BAC_GIANG })).body.data);
    const meeting = plan.meeting!;
    const item = contributionsItemOf(plan.agenda);
    expect(item).toBe(3);
    const body = createMeetingFromPlan({
      // The organiser corrects the title and fills the chair in the preview.
      details: { title: `${meeting.title} (đã sửa)`, documentRef: `Số ${meeting.documentNumber}`, organiser: meeting.organiser ?? '', date: meeting.date!, startTime: meeting.startTime!, format: meeting.format ?? 'hybrid', venue: meeting.venue ?? '', chair: 'Đồng chí Tạ Việt Hùng', participants: meeting.participants },
      agenda: plan.agenda,
      contributions: plan.contributions,
      contributionsItem: item,
      tasks: plan.tasks,
    });
    const access = await server.createMeeting(body);
    const { snapshot } = await server.connect(access.mcToken);
    const state = snapshot.view as MeetingState;
    expect(state.details).toMatchObject({ title: expect.stringMatching(/\(đã sửa\)$/), date: '2023-11-24', startTime: '07:30', format: 'in_person', chair: 'Đồng chí Tạ Việt Hùng' });
    // The participant groups (thành phần) are kept with the meeting, for the minutes.
    expect(state.details.participants).toEqual(meeting.participants);
    expect(state.details.participants).toHaveLength(2);
    expect(state.agenda.map((a) => [a.plannedStart, a.plannedDurationMs])).toEqual([
      ['07:30', 5 * 60_000],
      ['07:35', null],
      [null, null],
      [null, null],
      ['11:00', 30 * 60_000],
      ['11:30', 5 * 60_000],
    ]);
    expect(state.contributions).toHaveLength(19);
    expect(new Set(state.contributions.map((c) => c.itemId))).toEqual(new Set([state.agenda[3]!.id]));
    expect(state.tasks.map((t) => t.deadline)).toEqual([null, null, '2023-11-18', '2023-11-18', null]);

    const projector = await server.connect(access.projectorToken);
    expect((projector.snapshot.view as MeetingState).tasks).toEqual([]);
  });

  it('a contribution pointing past the agenda is refused and nothing is created', async () => {
    const before = (await server.http<{ data: unknown[] }>('GET', '/api/meetings')).body.data.length;
    const res = await server.http('POST', '/api/meetings', {
      details: { title: 'Hội nghị thử', date: '2023-11-24', startTime: '07:30' },
      agenda: [{ title: 'Khai mạc' }],
      contributions: [{ topic: 'Tham luận', itemIndex: 1 }],
    });
    expect(res.status).toBe(400);
    expect((await server.http<{ data: unknown[] }>('GET', '/api/meetings')).body.data.length).toBe(before);
  });
});

describe('npm run plan:import', () => {
  const cli = (...args: string[]) => spawnSync(process.execPath, ['--import', 'tsx', 'scripts/plan-import.ts', ...args], { cwd: ROOT, encoding: 'utf8' });

  it('prints one JSON object with the five keys', { timeout: 60_000 }, () => {
    const run = cli('tests/fixtures/plans/bac-giang-giao-ban-giua-ky-1.txt');
    expect(run.status).toBe(0);
    const json = JSON.parse(run.stdout) as Record<string, unknown>;
    expect(Object.keys(json)).toEqual(['meeting', 'agenda', 'contributions', 'tasks', 'warnings']);
    expect(PlanImportSchema.parse(json).contributions).toHaveLength(19);
  });

  it('a missing or unreadable file: a message on stderr, nothing on stdout, exit 1', { timeout: 60_000 }, () => {
    const missing = cli('tests/fixtures/plans/khong-co.pdf');
    expect(missing).toMatchObject({ status: 1, stdout: '' });
    expect(missing.stderr).toMatch(/không có tệp này/);
    const unsupported = cli('package.json');
    expect(unsupported).toMatchObject({ status: 1, stdout: '' });
    expect(unsupported.stderr).toMatch(/không được hỗ trợ/);
  });
});
