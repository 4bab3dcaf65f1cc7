import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { type AttendanceChange, type AttendanceSnapshot, type ImportPreview, type MeetingAccess, type RollCall, type SiteRow, vnInstant } from '@diemcau/shared';
import { sql } from 'kysely';
import { ADMIN_TOKEN, databaseKind, ManualClock, send, startServer, type TestServer, SANDBOX_TEST_TIMEOUT_MS } from './harness';
import { tryConnect } from './surface';

const MIN = 60_000;
let clock: ManualClock;
let server: TestServer;
let access: MeetingAccess;
let siteLinks: { siteId: string; name: string; token: string; pin: string }[];

const SITES = [
  { name: 'Phòng GDĐT huyện Lục Ngạn', group: 'Phòng GDĐT huyện', contactName: 'Nguyễn Văn An', phone: '0912 345 678', expectedHeadcount: 25 },
  { name: 'Phòng GDĐT huyện Yên Thế', group: 'Phòng GDĐT huyện', expectedHeadcount: 20 },
  { name: 'Trường THPT Ngô Sĩ Liên', group: 'Trường THPT', expectedHeadcount: 40 },
];

beforeEach(async () => {
  clock = new ManualClock(vnInstant('2023-11-24', '07:00'));
  server = await startServer(clock);
  access = await server.createMeeting();
  const created = await server.http('POST', `/api/meetings/${access.meetingId}/sites/import`, { sites: SITES });
  expect(created.status).toBe(201);
  const links = await server.http<{ data: { sites: typeof siteLinks } }>('GET', `/api/meetings/${access.meetingId}/sites/access`);
  siteLinks = links.body.data.sites;
});

afterEach(async () => {
  await server.close();
  await server.remove();
});

/** Connects a client that records what it hears of attendance. */
async function watcher(token: string) {
  const batches: AttendanceChange[] = [];
  const siteUpdates: { site: SiteRow; rollCalls?: RollCall[] }[] = [];
  const rollCalls: RollCall[] = [];
  let snapshot: AttendanceSnapshot | null = null;
  const { client } = await server.connect(token, (c) => {
    c.on('attendance:snapshot', (s) => (snapshot = s));
    c.on('attendance:changed', (change) => batches.push(change));
    c.on('site:changed', (s) => siteUpdates.push(s));
    c.on('rollCall:changed', (r) => rollCalls.push(r));
  });
  /** The latest row of a site this client heard of. */
  const latest = (siteId: string): SiteRow | undefined =>
    [...(snapshot as AttendanceSnapshot | null)?.sites ?? [], ...batches.flatMap((b) => b.sites)].filter((s) => s.id === siteId).at(-1);
  return { client, batches, siteUpdates, rollCalls, latest, snapshot: () => snapshot as AttendanceSnapshot | null };
}

const eventually = async <T>(read: () => T, accept: (value: T) => boolean): Promise<T> => {
  await expect.poll(() => accept(read()), { timeout: 5000 }).toBe(true);
  return read();
};

describe('site page', () => {
  it('a site sees its own row and the meeting, and nothing of other sites', async () => {
    const site = await watcher(siteLinks[0]!.token);
    const own = await eventually(() => site.siteUpdates.at(-1), Boolean);
    expect(own!.site).toMatchObject({ name: 'Phòng GDĐT huyện Lục Ngạn', checkedInAt: null });
    expect(site.snapshot()).toBeNull();
    expect(await send(site.client, 'attendance:sync')).toMatchObject({ ok: false, code: 'forbidden' });
  });

  it('checks in once; every device of the site and the board see it; a retry makes no duplicate', async () => {
    const board = await watcher(access.leadershipToken);
    const deviceA = await watcher(siteLinks[0]!.token);
    const deviceB = await watcher(siteLinks[0]!.token);
    const siteId = siteLinks[0]!.siteId;
    await eventually(() => board.latest(siteId)?.presence.devices, (n) => n === 2);

    clock.advance(MIN);
    const ack = await send(deviceA.client, 'site:checkIn', { representative: 'Trần Thị Bình', representativeTitle: 'Trưởng phòng', headcount: 23 });
    expect(ack).toMatchObject({ ok: true, data: { checkedInAt: clock.now(), representative: 'Trần Thị Bình', headcount: 23 } });
    await eventually(() => deviceB.siteUpdates.at(-1)?.site.headcount, (h) => h === 23);
    await eventually(() => board.latest(siteId)?.checkedInAt, (at) => at === clock.now());

    const firstAt = clock.now();
    clock.advance(MIN);
    const retry = await send(deviceB.client, 'site:checkIn', { representative: 'Trần Thị Bình', representativeTitle: 'Trưởng phòng', headcount: 24 });
    expect(retry).toMatchObject({ ok: true, data: { checkedInAt: firstAt, headcount: 24 } });
    const events = await server.app.sites.timeline(access.meetingId, clock.now());
    expect(events.at(-1)).toMatchObject({ checkedIn: 1 });
  });

  it('headcount needs a check-in first; a problem needs a note', async () => {
    const site = await watcher(siteLinks[1]!.token);
    expect(await send(site.client, 'site:headcount', { headcount: 5 })).toMatchObject({ ok: false, reason: 'not_checked_in' });
    expect(await send(site.client, 'site:readiness', { readiness: 'problem' })).toMatchObject({ ok: false, reason: 'note_required' });
    expect(await send(site.client, 'site:readiness', { readiness: 'problem', note: 'Mất tiếng' })).toMatchObject({ ok: true, data: { readiness: 'problem', note: 'Mất tiếng' } });
    expect(await send(site.client, 'site:readiness', { readiness: 'ready' })).toMatchObject({ ok: true, data: { readiness: 'ready', note: '' } });
  });

  it('a reported problem is acknowledged by the MC: every device of the site sees it, until its next report', async () => {
    const site = await watcher(siteLinks[1]!.token);
    const other = await watcher(siteLinks[1]!.token);
    const mc = await watcher(access.mcToken);
    const siteId = siteLinks[1]!.siteId;
    expect(await send(mc.client, 'site:acknowledge', { siteId })).toMatchObject({ ok: false, reason: 'no_problem' });
    expect(await send(site.client, 'site:readiness', { readiness: 'problem', note: 'Mất tiếng' })).toMatchObject({ ok: true, data: { problemAckedAt: null } });
    clock.t += 30_000;
    expect(await send(mc.client, 'site:acknowledge', { siteId })).toMatchObject({ ok: true, data: { readiness: 'problem', problemAckedAt: clock.now() } });
    await eventually(() => other.siteUpdates.at(-1)?.site.problemAckedAt, (at) => at === clock.now());
    await eventually(() => mc.latest(siteId)?.problemAckedAt, (at) => at === clock.now());
    expect(await send(site.client, 'site:acknowledge', { siteId })).toMatchObject({ ok: false, code: 'forbidden' });
    expect(await send(site.client, 'site:readiness', { readiness: 'problem', note: 'Mất hình' })).toMatchObject({ ok: true, data: { note: 'Mất hình', problemAckedAt: null } });
    expect(await send(mc.client, 'site:acknowledge', { siteId: 'no-such-site' })).toMatchObject({ ok: false, code: 'not_found' });
  });

  it('once the meeting has ended its attendance is read-only, until the organiser reopens it', async () => {
    const site = await watcher(siteLinks[0]!.token);
    const mc = await watcher(access.mcToken);
    expect(await send(mc.client, 'meeting:start', {})).toMatchObject({ ok: true });
    expect(await send(mc.client, 'meeting:end', {})).toMatchObject({ ok: true });
    const ended = { ok: false, reason: 'ended' };
    expect(await send(site.client, 'site:checkIn', { representative: 'Ông A', headcount: 5 })).toMatchObject(ended);
    expect(await send(site.client, 'site:readiness', { readiness: 'ready' })).toMatchObject(ended);
    expect(await send(mc.client, 'rollCall:start', { durationMs: 60_000 })).toMatchObject(ended);
    expect(await server.http('POST', `/api/meetings/${access.meetingId}/sites/import`, { sites: [{ name: 'Trường THCS Muộn' }] })).toMatchObject({ status: 409, body: { reason: 'ended' } });
    expect(await send(mc.client, 'meeting:reopen', {})).toMatchObject({ ok: false, code: 'forbidden' });
    const admin = await tryConnect(server.url, ADMIN_TOKEN, access.meetingId);
    if (!('client' in admin)) throw new Error(`the organiser was refused: ${admin.refused.message}`);
    expect(await send(admin.client, 'meeting:reopen', {})).toMatchObject({ ok: true });
    admin.client.close();
    expect(await send(site.client, 'site:checkIn', { representative: 'Ông A', headcount: 5 })).toMatchObject({ ok: true });
  });

  it('refuses bad input and changes nothing', async () => {
    const site = await watcher(siteLinks[0]!.token);
    const row = () => server.app.sites.row(access.meetingId, siteLinks[0]!.siteId);
    // The connection's own presence write (version 0 → 1) may land after the snapshot (on PostgreSQL it did): compare from after it.
    await vi.waitFor(async () => expect((await row())?.version).toBeGreaterThan(0));
    const before = await row();
    const bad: [string, unknown][] = [
      ['site:checkIn', { representative: 'A', headcount: -1 }],
      ['site:checkIn', { representative: 'A', headcount: 10_001 }],
      ['site:checkIn', { representative: 'A', headcount: '12' }],
      ['site:checkIn', { representative: 'A', headcount: 2.5 }],
      ['site:checkIn', { representative: '', headcount: 3 }],
      ['site:checkIn', { representative: 'x'.repeat(121), headcount: 3 }],
      ['site:readiness', { readiness: 'on fire' }],
      ['rollCall:answer', { rollCallId: 'nope', headcount: 3 }],
    ];
    for (const [event, payload] of bad) {
      const ack = await send(site.client, event, payload);
      expect(ack.ok, `${event} ${JSON.stringify(payload).slice(0, 80)}`).toBe(false);
      expect(ack.ok === false && ack.message).toBeTruthy();
    }
    expect(await row()).toEqual({ ...before, presence: expect.anything() });
  });

  it('an oversized message closes only that connection; the server stays up', async () => {
    const site = await watcher(siteLinks[0]!.token);
    const other = await watcher(siteLinks[1]!.token);
    const closed = new Promise((resolve) => site.client.once('disconnect', resolve));
    site.client.emit('site:checkIn', { representative: 'x'.repeat(200_000), headcount: 1 }, () => undefined);
    await closed;
    expect(await send(other.client, 'site:checkIn', { representative: 'Lê Văn C', headcount: 3 })).toMatchObject({ ok: true });
    expect((await server.app.sites.row(access.meetingId, siteLinks[0]!.siteId)).checkedInAt).toBeNull();
  });
});

describe('presence', () => {
  it('counts devices and notes when the last one left', async () => {
    const board = await watcher(access.mcToken);
    const siteId = siteLinks[2]!.siteId;
    const a = await watcher(siteLinks[2]!.token);
    const b = await watcher(siteLinks[2]!.token);
    await eventually(() => board.latest(siteId)?.presence.devices, (n) => n === 2);
    a.client.disconnect();
    await eventually(() => board.latest(siteId)?.presence.devices, (n) => n === 1);
    clock.advance(5000);
    b.client.disconnect();
    const row = await eventually(() => board.latest(siteId), (r) => r?.presence.devices === 0);
    expect(row!.presence).toMatchObject({ disconnectedSince: clock.now(), disconnections: 1 });
  });

  it('a clean restart records the disconnection of every connected site', async () => {
    await watcher(siteLinks[0]!.token);
    await expect.poll(async () => (await server.app.sites.timeline(access.meetingId, clock.now())).at(-1)?.connected).toBe(1);
    clock.advance(MIN);
    server = await server.restart();
    const [row] = await server.app.sites.rows(access.meetingId, [siteLinks[0]!.siteId]);
    expect(row!.presence).toMatchObject({ devices: 0, disconnections: 1, disconnectedSince: clock.now() });
    expect((await server.app.sites.timeline(access.meetingId, clock.now())).at(-1)).toMatchObject({ connected: 0 });
  });

  it('takes the connection quality hint from the site', async () => {
    const board = await watcher(access.leadershipToken);
    const site = await watcher(siteLinks[0]!.token);
    expect(await send(site.client, 'presence:report', { rttMs: 42 })).toEqual({ ok: true, data: null });
    await eventually(() => board.latest(siteLinks[0]!.siteId)?.presence.rttMs, (rtt) => rtt === 42);
    expect(await send(site.client, 'presence:report', { rttMs: -1 })).toMatchObject({ ok: false, code: 'invalid' });
  });

  it('every check-in reaches the board (batched: see the coalescer unit test)', async () => {
    const board = await watcher(access.leadershipToken);
    await eventually(() => board.snapshot(), Boolean);
    const sites = await Promise.all(siteLinks.map((l) => watcher(l.token)));
    await Promise.all(sites.map((s, i) => send(s.client, 'site:checkIn', { representative: `Đại diện ${i}`, headcount: 10 + i })));
    await eventually(() => siteLinks.every((l) => board.latest(l.siteId)?.checkedInAt !== null), Boolean);
    expect(siteLinks.map((l) => board.latest(l.siteId)?.headcount)).toEqual([10, 11, 12]);
  });
});

describe('roll call', () => {
  it('the MC starts one; sites see it and answer once; late answers are refused', async () => {
    const mc = await watcher(access.mcToken);
    const site = await watcher(siteLinks[0]!.token);
    const other = await watcher(siteLinks[1]!.token);
    const started = await send(mc.client, 'rollCall:start', { durationMs: 2 * MIN });
    expect(started).toMatchObject({ ok: true, data: { label: 'Điểm danh lần 1', startedAt: clock.now(), endsAt: clock.now() + 2 * MIN, closedAt: null } });
    const rollCall = (started as { data: RollCall }).data;
    await eventually(() => site.rollCalls.at(-1)?.id, (id) => id === rollCall.id);
    expect(await send(mc.client, 'rollCall:start', { durationMs: MIN })).toMatchObject({ ok: false, reason: 'roll_call_open' });

    clock.advance(10_000);
    const answered = await send(site.client, 'rollCall:answer', { rollCallId: rollCall.id, headcount: 21 });
    expect(answered).toMatchObject({ ok: true, data: { answers: { [rollCall.id]: { answeredAt: clock.now(), headcount: 21 } }, headcount: 21, checkedInAt: clock.now() } });
    clock.advance(1000);
    const again = await send(site.client, 'rollCall:answer', { rollCallId: rollCall.id, headcount: 30 });
    expect(again).toMatchObject({ ok: true, data: { answers: { [rollCall.id]: { answeredAt: clock.now() - 1000, headcount: 21 } } } });
    await eventually(() => mc.latest(siteLinks[0]!.siteId)?.answers[rollCall.id]?.headcount, (h) => h === 21);

    clock.advance(2 * MIN);
    expect(await send(other.client, 'rollCall:answer', { rollCallId: rollCall.id, headcount: 5 })).toMatchObject({ ok: false, reason: 'roll_call_closed' });
    expect(await send(mc.client, 'rollCall:close', { rollCallId: rollCall.id })).toMatchObject({ ok: false, reason: 'roll_call_closed' });
  });

  it('the end of the meeting closes an open roll call at the end, its answers kept as they stood', async () => {
    const mc = await watcher(access.mcToken);
    const site = await watcher(siteLinks[0]!.token);
    const late = await watcher(siteLinks[1]!.token);
    expect(await send(mc.client, 'meeting:start', {})).toMatchObject({ ok: true });
    const rollCall = ((await send(mc.client, 'rollCall:start', { durationMs: 10 * MIN })) as { data: RollCall }).data;
    clock.advance(10_000);
    expect(await send(site.client, 'rollCall:answer', { rollCallId: rollCall.id, headcount: 21 })).toMatchObject({ ok: true });
    clock.advance(20_000);
    const endedAt = clock.now();
    expect(await send(mc.client, 'meeting:end', {})).toMatchObject({ ok: true });
    for (const watching of [mc, late]) await eventually(() => watching.rollCalls.at(-1), (r) => r?.id === rollCall.id && r.closedAt === endedAt);
    clock.advance(MIN);
    expect(await send(late.client, 'rollCall:answer', { rollCallId: rollCall.id, headcount: 5 })).toMatchObject({ ok: false });
    const snapshot = await server.app.sites.snapshot(access.meetingId);
    expect(snapshot.rollCalls).toMatchObject([{ id: rollCall.id, closedAt: endedAt }]);
    expect(snapshot.sites.filter((s) => s.answers[rollCall.id]).map((s) => [s.id, s.answers[rollCall.id]!.headcount])).toEqual([[siteLinks[0]!.siteId, 21]]);
  });

  it('only the MC runs roll calls', async () => {
    const leadership = await watcher(access.leadershipToken);
    const site = await watcher(siteLinks[0]!.token);
    const projector = (await server.connect(access.projectorToken)).client;
    for (const client of [leadership.client, site.client, projector]) {
      expect(await send(client, 'rollCall:start', { durationMs: MIN })).toMatchObject({ ok: false, code: 'forbidden' });
    }
    expect(await server.app.sites.snapshot(access.meetingId)).toMatchObject({ rollCalls: [] });
  });
});

describe('links and PINs', () => {
  it('a site PIN opens that site; a re-issued link locks the old one out', async () => {
    const login = await server.http<{ data: { token: string; role: string } }>('POST', '/api/pin', { code: access.code, pin: siteLinks[1]!.pin }, null);
    expect(login.body.data).toMatchObject({ token: siteLinks[1]!.token, role: 'site' });

    const old = await watcher(siteLinks[1]!.token);
    const dropped = new Promise((resolve) => old.client.once('disconnect', resolve));
    const reissued = await server.http<{ data: { token: string; pin: string } }>('POST', `/api/meetings/${access.meetingId}/sites/${siteLinks[1]!.siteId}/reissue`);
    expect(reissued.status).toBe(200);
    expect(reissued.body.data.token).not.toBe(siteLinks[1]!.token);
    await dropped;
    await expect(server.connect(siteLinks[1]!.token)).rejects.toMatchObject({ data: { code: 'unauthorized' } });
    expect((await server.connect(reissued.body.data.token)).snapshot.siteId).toBe(siteLinks[1]!.siteId);
  });

  it('links and PINs are unique and unguessable', () => {
    expect(new Set(siteLinks.map((l) => l.token)).size).toBe(3);
    expect(new Set([...siteLinks.map((l) => l.pin), access.mcPin]).size).toBe(4);
    for (const link of siteLinks) expect(link.token.length).toBeGreaterThan(40);
  });

  it('each role reaches only its routes', async () => {
    const other = await server.createMeeting();
    const m = access.meetingId;
    const cases: [string, string, string | null, number][] = [
      ['GET', `/api/meetings/${m}/sites`, access.leadershipToken, 200],
      ['GET', `/api/meetings/${m}/sites`, siteLinks[0]!.token, 403],
      ['GET', `/api/meetings/${m}/sites`, access.projectorToken, 403],
      ['GET', `/api/meetings/${m}/sites`, other.mcToken, 403],
      ['GET', `/api/meetings/${m}/sites/access`, access.leadershipToken, 403],
      ['GET', `/api/meetings/${m}/sites/access`, access.mcToken, 200],
      ['POST', `/api/meetings/${m}/sites/${siteLinks[0]!.siteId}/reissue`, access.leadershipToken, 403],
      ['GET', `/api/meetings/${m}/attendance/timeline`, access.leadershipToken, 200],
      ['GET', `/api/meetings/${m}/attendance/timeline`, null, 401],
    ];
    for (const [method, route, token, status] of cases) {
      expect((await server.http(method, route, undefined, token)).status, `${method} ${route} as ${token?.slice(0, 5)}`).toBe(status);
    }
  });
});

describe('the site list', () => {
  it('previews an uploaded CSV without creating anything, then creates on confirm', async () => {
    const csv = '\ufeffTên điểm cầu,Nhóm,Số người dự kiến\nTrường THPT Lục Ngạn số 1,Trường THPT,30\nTrường THPT Yên Thế,Trường THPT,-4\n';
    const res = await fetch(`${server.url}/api/meetings/${access.meetingId}/sites/import/preview?filename=ds.csv`, {
      method: 'POST',
      headers: { authorization: `Bearer ${access.mcToken}`, 'content-type': 'text/csv' },
      body: csv,
    });
    const preview = (await res.json()) as { data: { valid: number; invalid: number; rows: { errors: string[] }[] } };
    expect(preview.data).toMatchObject({ valid: 1, invalid: 1 });
    expect(preview.data.rows[1]!.errors.join()).toContain('không được âm');
    expect((await server.app.sites.rows(access.meetingId)).length).toBe(3);

    const pasted = await server.http<{ data: { valid: number } }>('POST', `/api/meetings/${access.meetingId}/sites/import/preview`, { text: 'Trường THCS A\t\t\t\t\t12' });
    expect(pasted.body.data.valid).toBe(1);
  }, SANDBOX_TEST_TIMEOUT_MS);

  it('refuses a name already used, whatever the accents and case', async () => {
    const res = await server.http('POST', `/api/meetings/${access.meetingId}/sites/import`, { sites: [{ name: 'phong gddt huyen luc ngan' }] });
    expect(res).toMatchObject({ status: 409, body: { code: 'conflict', message: expect.stringContaining('trùng tên') } });
    expect((await server.app.sites.rows(access.meetingId)).length).toBe(3);
  });

  it('the preview marks a name the meeting has already; the import skips or updates it as chosen, adds the rest', async () => {
    const before = await server.app.sites.rows(access.meetingId);
    const existing = before.find((s) => s.name === 'Phòng GDĐT huyện Lục Ngạn')!;
    const text = 'PHONG GDDT HUYEN LUC NGAN\tPhòng GDĐT\tChị Hà\t0912000111\t\t30\nTrường THCS Mới\tTrường THCS\t\t\t\t20';
    const preview = await server.http<{ data: ImportPreview }>('POST', `/api/meetings/${access.meetingId}/sites/import/preview`, { text });
    expect(preview.body.data).toMatchObject({ valid: 2, duplicates: 1 });
    expect(preview.body.data.rows.map((r) => r.existing)).toEqual([{ siteId: existing.id, name: existing.name }, null]);
    const [dup, fresh] = preview.body.data.rows.map((r) => r.site!);

    // sent as "add", the duplicate is refused with a way out, and nothing is written
    const refused = await server.http('POST', `/api/meetings/${access.meetingId}/sites/import`, { sites: [{ ...dup, action: 'add' }, { ...fresh }] });
    expect(refused).toMatchObject({ status: 409, body: { reason: 'duplicate_name', message: expect.stringContaining('"Bỏ qua" hoặc "Cập nhật"') } });
    expect((await server.app.sites.rows(access.meetingId)).length).toBe(before.length);

    const skipped = await server.http<{ data: SiteRow[] }>('POST', `/api/meetings/${access.meetingId}/sites/import`, { sites: [{ ...dup, action: 'skip' }, { ...fresh, action: 'add' }] });
    expect(skipped.status).toBe(201);
    expect(skipped.body.data.map((s) => s.name)).toEqual(['Trường THCS Mới']);
    expect((await server.app.sites.rows(access.meetingId)).find((s) => s.id === existing.id)).toMatchObject({ contactName: existing.contactName });

    const updated = await server.http<{ data: SiteRow[] }>('POST', `/api/meetings/${access.meetingId}/sites/import`, { sites: [{ ...dup, action: 'update' }] });
    expect(updated.body.data).toMatchObject([{ id: existing.id, contactName: 'Chị Hà', expectedHeadcount: 30 }]);
    const nothing = await server.http('POST', `/api/meetings/${access.meetingId}/sites/import`, { sites: [{ name: 'Trường chưa có', action: 'update' }] });
    expect(nothing).toMatchObject({ status: 409, body: { reason: 'nothing_to_update' } });
    await server.http('DELETE', `/api/meetings/${access.meetingId}/sites/${skipped.body.data[0]!.id}`);
  }, SANDBOX_TEST_TIMEOUT_MS);

  it('an import that fails half-way (the database refuses its last update) adds and updates nothing', async () => {
    const before = await server.app.sites.rows(access.meetingId);
    // The database refuses a contact named "Từ chối" the way it would any row it cannot store.
    if (databaseKind === 'postgres') {
      await sql`CREATE FUNCTION refuse_site() RETURNS trigger AS $$ BEGIN IF NEW.contact_name = 'Từ chối' THEN RAISE EXCEPTION 'refused'; END IF; RETURN NEW; END $$ LANGUAGE plpgsql`.execute(server.db);
      await sql`CREATE TRIGGER refuse_site BEFORE UPDATE ON sites FOR EACH ROW EXECUTE FUNCTION refuse_site()`.execute(server.db);
    } else {
      await sql`CREATE TRIGGER refuse_site BEFORE UPDATE ON sites WHEN NEW.contact_name = 'Từ chối' BEGIN SELECT RAISE(ABORT, 'refused'); END`.execute(server.db);
    }
    const res = await server.http('POST', `/api/meetings/${access.meetingId}/sites/import`, {
      sites: [
        { name: 'Trường THCS Thêm Một', action: 'add' },
        { name: 'Trường THCS Thêm Hai', action: 'add' },
        { name: 'PHÒNG GDĐT HUYỆN LỤC NGẠN', contactName: 'Chị Hà', action: 'update' },
        { name: 'Phòng GDĐT huyện Yên Thế', contactName: 'Từ chối', action: 'update' },
      ],
    });
    expect(res.status).toBeGreaterThanOrEqual(500);
    const after = await server.app.sites.rows(access.meetingId);
    expect(after.map((s) => [s.name, s.contactName, s.version])).toEqual(before.map((s) => [s.name, s.contactName, s.version]));
    const links = await server.http<{ data: { sites: unknown[] } }>('GET', `/api/meetings/${access.meetingId}/sites/access`);
    expect(links.body.data.sites).toHaveLength(before.length);
    // without the refused row the same import goes through
    await sql`DROP TRIGGER refuse_site${sql.raw(databaseKind === 'postgres' ? ' ON sites' : '')}`.execute(server.db);
    const fine = await server.http<{ data: SiteRow[] }>('POST', `/api/meetings/${access.meetingId}/sites/import`, {
      sites: [{ name: 'Trường THCS Thêm Một', action: 'add' }, { name: 'PHÒNG GDĐT HUYỆN LỤC NGẠN', contactName: 'Chị Hà', action: 'update' }],
    });
    expect(fine).toMatchObject({ status: 201 });
    expect(fine.body.data.map((s) => s.contactName)).toEqual(['', 'Chị Hà']);
  });

  it('edits and removes a site; a removed site is dropped from the boards and disconnected', async () => {
    const board = await watcher(access.leadershipToken);
    const site = await watcher(siteLinks[2]!.token);
    const edited = await server.http('PUT', `/api/meetings/${access.meetingId}/sites/${siteLinks[2]!.siteId}`, { name: 'Trường THPT Ngô Sĩ Liên (Bắc Giang)', group: 'Trường THPT' });
    expect(edited).toMatchObject({ status: 200, body: { data: { name: 'Trường THPT Ngô Sĩ Liên (Bắc Giang)' } } });
    const gone = new Promise((resolve) => site.client.once('disconnect', resolve));
    expect((await server.http('DELETE', `/api/meetings/${access.meetingId}/sites/${siteLinks[2]!.siteId}`)).status).toBe(200);
    await gone;
    await eventually(() => board.batches.some((b) => b.removed.includes(siteLinks[2]!.siteId)), Boolean);
    await expect(server.connect(siteLinks[2]!.token)).rejects.toMatchObject({ data: { code: 'unauthorized' } });
  });

  it('exports attendance as a workbook with what happened', async () => {
    const site = await watcher(siteLinks[0]!.token);
    await send(site.client, 'site:checkIn', { representative: 'Trần Thị Bình', headcount: 23 });
    const res = await fetch(`${server.url}/api/meetings/${access.meetingId}/attendance.xlsx`, { headers: { authorization: `Bearer ${access.leadershipToken}` } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toContain('.xlsx');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await res.arrayBuffer());
    const values = workbook.getWorksheet('Tham dự')!.getSheetValues().flat().map(String);
    expect(values).toContain('Phòng GDĐT huyện Lục Ngạn');
    expect(values).toContain('Trần Thị Bình');
    expect(values).toContain('23');
  }, SANDBOX_TEST_TIMEOUT_MS);

  it('serves the import template', async () => {
    const res = await fetch(`${server.url}/api/sites/template.xlsx`);
    expect(res.status).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await res.arrayBuffer());
    expect(workbook.worksheets[0]!.getRow(workbook.worksheets[0]!.actualRowCount > 3 ? 1 : 1).values).toBeDefined();
  });
});
