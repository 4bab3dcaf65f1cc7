import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type MeetingAccess, type MeetingState, type MeetingSummary, vnInstant } from '@diemcau/shared';
import { PIN_LIMITS } from '../../server/src/meetings/meetings.http';
import { ManualClock, startServer, type TestServer } from './harness';

let clock: ManualClock;
let server: TestServer;

beforeEach(async () => {
  clock = new ManualClock(vnInstant('2023-11-24', '07:00'));
  server = await startServer(clock);
});

afterEach(async () => {
  await server.close();
  await server.remove();
});

const details = (title: string, organiser = 'Sở GDĐT Bến Tre') => ({ title, organiser, date: '2024-06-05', startTime: '08:00' });
const list = async (q = '') => (await server.http<{ data: MeetingSummary[] }>('GET', `/api/meetings?q=${encodeURIComponent(q)}`)).body.data;

describe('health', () => {
  it('answers ready with JSON', async () => {
    const res = await fetch(`${server.url}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ ok: true, status: 'ready' });
  });
});

describe('meetings', () => {
  it('creates with defaults, lists and searches without diacritics', async () => {
    const created = await server.createMeeting({ details: details('Hội nghị tổng kết năm học 2023-2024'), agenda: [{ title: 'Khai mạc' }] });
    await server.createMeeting({ details: details('Giao ban giữa kỳ I', 'Sở GDĐT Bắc Giang') });
    expect(created).toMatchObject({ code: expect.stringMatching(/^\d{6}$/), mcPin: expect.stringMatching(/^\d{8}$/) });
    expect(created.mcToken).not.toBe(created.projectorToken);
    expect(created.mcToken.length).toBeGreaterThan(40);

    expect((await list()).map((m) => m.title).sort()).toEqual(['Giao ban giữa kỳ I', 'Hội nghị tổng kết năm học 2023-2024']);
    expect((await list('tong ket')).map((m) => m.title)).toEqual(['Hội nghị tổng kết năm học 2023-2024']);
    expect((await list('BẮC GIANG')).map((m) => m.title)).toEqual(['Giao ban giữa kỳ I']);
    expect(await list('100%_')).toEqual([]);
    // % and _ are searched as themselves, on SQLite and PostgreSQL alike.
    await server.createMeeting({ details: details('Tỷ lệ 100% đạt chuẩn') });
    expect((await list('100%')).map((m) => m.title)).toEqual(['Tỷ lệ 100% đạt chuẩn']);
    expect(await list('10_')).toEqual([]);
    const stored = (await server.app.meetings.load(created.meetingId))!.state as MeetingState;
    expect(stored.details).toMatchObject({ format: 'hybrid', venue: '', chair: '' });
    expect(stored.agenda[0]).toMatchObject({ title: 'Khai mạc', kind: 'other', plannedDurationMs: null });
  });

  it('duplicates details and agenda with new links, not the run', async () => {
    const source = await server.createMeeting();
    const copy = (await server.http<{ data: MeetingAccess }>('POST', `/api/meetings/${source.meetingId}/duplicate`)).body.data;
    expect(copy.meetingId).not.toBe(source.meetingId);
    expect(copy.mcToken).not.toBe(source.mcToken);
    const [a, b] = await Promise.all([server.app.meetings.load(source.meetingId), server.app.meetings.load(copy.meetingId)]);
    expect(b!.state.details.title).toBe(`${a!.state.details.title} (bản sao)`);
    expect(b!.state.agenda.map((i) => i.title)).toEqual(a!.state.agenda.map((i) => i.title));
    expect(b!.state.agenda[0]!.id).not.toBe(a!.state.agenda[0]!.id);
    expect(b!.state.live.status).toBe('scheduled');
  });

  it('deletes, then answers not found', async () => {
    const m = await server.createMeeting();
    expect((await server.http('DELETE', `/api/meetings/${m.meetingId}`)).status).toBe(200);
    expect((await server.http('DELETE', `/api/meetings/${m.meetingId}`)).status).toBe(404);
    expect((await server.http('GET', `/api/meetings/${m.meetingId}/access`)).status).toBe(404);
    expect(await list()).toEqual([]);
  });

  it('refuses bad bodies with a message and creates nothing', async () => {
    const cases: [unknown, number][] = [
      [{ details: { title: '', date: '2024-06-05', startTime: '08:00' } }, 400],
      [{ details: details('x'), agenda: [{ title: 'y', plannedDurationMs: -5 }] }, 400],
      [{ details: { ...details('x'), date: '2024-13-40' } }, 400],
      [{ details: details('x'), agenda: Array.from({ length: 201 }, () => ({ title: 'y' })) }, 400],
      ['{"details": ', 400],
      [JSON.stringify({ details: details('x'.repeat(3_000_000)) }), 413],
    ];
    for (const [body, status] of cases) {
      const res = await server.http('POST', '/api/meetings', body);
      expect(res.status, JSON.stringify(res.body).slice(0, 200)).toBe(status);
      expect(res.body).toMatchObject({ ok: false, message: expect.any(String) });
    }
    expect(await list()).toEqual([]);
  });

  it('lets only the organiser manage meetings', async () => {
    const m = await server.createMeeting();
    const denied = [
      ['GET', '/api/meetings', null, 401],
      ['GET', '/api/meetings', 'not-a-token', 401],
      ['GET', '/api/meetings', m.mcToken, 403],
      ['POST', '/api/meetings', m.projectorToken, 403],
      ['DELETE', `/api/meetings/${m.meetingId}`, m.mcToken, 403],
      ['POST', `/api/meetings/${m.meetingId}/duplicate`, m.projectorToken, 403],
      ['GET', `/api/meetings/${m.meetingId}/access`, m.projectorToken, 403],
    ] as const;
    for (const [method, route, token, status] of denied) {
      const res = await server.http(method, route, method === 'POST' ? { details: details('x') } : undefined, token);
      expect(res.status, `${method} ${route}`).toBe(status);
    }
    expect((await list()).length).toBe(1);
  });
});

describe('PIN login', () => {
  const login = (body: unknown, address = '10.1.0.1') =>
    fetch(`${server.url}/api/pin`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-forwarded-for': address }, body: JSON.stringify(body) });

  it('exchanges the meeting code and an 8-digit PIN for the MC link', async () => {
    const m = await server.createMeeting();
    expect(m.mcPin).toMatch(/^\d{8}$/);
    const ok = await server.http<{ data: { token: string; meetingId: string } }>('POST', '/api/pin', { code: m.code, pin: m.mcPin }, null);
    expect(ok).toMatchObject({ status: 200, body: { data: { token: m.mcToken, meetingId: m.meetingId } } });
    const wrongPin = String((Number(m.mcPin) + 1) % 100_000_000).padStart(8, '0');
    expect((await server.http('POST', '/api/pin', { code: m.code, pin: wrongPin }, null)).status).toBe(401);
    expect((await server.http('POST', '/api/pin', { code: 'abc', pin: '1' }, null)).status).toBe(400);
  });

  it('slows down one address guessing on one code, and lets it through again after the window', async () => {
    const m = await server.createMeeting();
    const statuses: number[] = [];
    for (let i = 0; i < 12; i += 1) statuses.push((await login({ code: m.code, pin: '00000000' })).status);
    expect(statuses.slice(0, 10).every((s) => s === 401)).toBe(true);
    expect(statuses.slice(10)).toEqual([429, 429]);
    const limited = await login({ code: m.code, pin: m.mcPin });
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toMatch(/^\d+$/);
    expect(await limited.json()).toMatchObject({ code: 'rate_limited', message: expect.stringContaining('giây') });
    // another address is not held back
    expect((await login({ code: m.code, pin: m.mcPin }, '10.1.0.2')).status).toBe(200);
    clock.advance(PIN_LIMITS.windowMs + 1_000);
    expect((await login({ code: m.code, pin: m.mcPin })).status).toBe(200);
  });

  it('cannot be used to lock people out: right PINs never count, strangers guessing from many addresses hold back only themselves', async () => {
    const m = await server.createMeeting();
    const sites = [];
    for (let i = 0; i < 40; i += 1) sites.push({ name: `Trường THCS số ${i + 1}` });
    expect((await server.http('POST', `/api/meetings/${m.meetingId}/sites/import`, { sites })).status).toBe(201);
    const links = (await server.http<{ data: { sites: { pin: string }[] } }>('GET', `/api/meetings/${m.meetingId}/sites/access`)).body.data.sites;
    // A school hall: forty sites behind one address log in right, each twice, well past every limit.
    for (const link of [...links, ...links]) expect((await login({ code: m.code, pin: link.pin }, '10.2.0.1')).status).toBe(200);
    // Strangers who know the code guess from 30 addresses, far past the code's cap …
    const guesses: number[] = [];
    for (let a = 0; a < 30; a += 1) for (let i = 0; i < 12; i += 1) guesses.push((await login({ code: m.code, pin: String(10_000_000 + a * 100 + i) }, `10.3.0.${a}`)).status);
    expect(guesses.filter((s) => s === 401).length).toBeLessThanOrEqual(PIN_LIMITS.perCode + 30);
    expect(guesses.filter((s) => s === 429).length).toBeGreaterThan(200);
    // … and every site, from its own address or the hall's, and the MC still get in at once.
    for (const [i, link] of links.entries()) expect((await login({ code: m.code, pin: link.pin }, i % 2 ? '10.2.0.1' : `10.4.0.${i}`)).status).toBe(200);
    expect((await login({ code: m.code, pin: m.mcPin }, '10.5.0.1')).status).toBe(200);
    // The hall's typo is an ordinary wrong PIN, not a lockout.
    expect((await login({ code: m.code, pin: '99999999' }, '10.2.0.1')).status).toBe(401);
  });
});

describe('unknown routes', () => {
  it('answers JSON 404 under /api', async () => {
    expect(await server.http('GET', '/api/nothing-here')).toMatchObject({ status: 404, body: { ok: false, code: 'not_found' } });
  });
});
