import { randomBytes } from 'node:crypto';
import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  type MeetingAccess,
  type MyQuestion,
  type PublicQuestion,
  type PublicQuestionsChange,
  type Question,
  type QuestionsAccess,
  type QuestionsChange,
  vnInstant,
} from '@diemcau/shared';
import { DEFAULT_QUESTION_LIMITS } from '../../server/src/questions/questions.service';
import { type Client, issueDeviceKey, ManualClock, send as sendAck, startServer, type TestServer, until, SANDBOX_TEST_TIMEOUT_MS } from './harness';

/** Sends an event; the answer typed loosely so tests read `data` of either outcome. */
const send = (client: Client, event: string, ...args: unknown[]): Promise<any> => sendAck(client, event, ...args);

const MIN = 60_000;
let clock: ManualClock;
let server: TestServer;
let access: MeetingAccess;
let links: QuestionsAccess;
let officeIds: { gdtrh: string; khtc: string };
let siteToken: string;

const key = () => randomBytes(16).toString('base64url');

async function setup(config: Parameters<typeof startServer>[2] = {}) {
  clock = new ManualClock(vnInstant('2023-11-24', '07:30'));
  server = await startServer(clock, undefined, config);
  access = await server.createMeeting();
  const mc = await server.connect(access.mcToken);
  const settings = await send(mc.client, 'questions:settings', {
    offices: [{ name: 'Phòng Giáo dục Trung học' }, { name: 'Phòng Kế hoạch – Tài chính' }],
  });
  expect(settings.ok).toBe(true);
  mc.client.disconnect();
  links = (await server.http<{ data: QuestionsAccess }>('GET', `/api/meetings/${access.meetingId}/questions/access`)).body.data;
  officeIds = { gdtrh: links.offices[0]!.officeId, khtc: links.offices[1]!.officeId };
  await server.http('POST', `/api/meetings/${access.meetingId}/sites/import`, { sites: [{ name: 'Phòng GDĐT Lục Nam' }] });
  siteToken = (await server.http<{ data: { sites: { token: string }[] } }>('GET', `/api/meetings/${access.meetingId}/sites/access`)).body.data.sites[0]!.token;
}

afterEach(async () => {
  await server.close();
  await server.remove();
});

/** Posts a question on the public page's HTTP path. */
/** A device key issued for the meeting's public link, as the public page gets one. */
const deviceKey = (token = links.publicToken) => issueDeviceKey(server.url, token);
const post = async (body: Record<string, unknown>, token = links.publicToken) => {
  // a key of its own unless the test gives one (or the link is no longer live: the route says so)
  const senderKey = 'senderKey' in body ? undefined : await deviceKey(token).catch(() => key());
  return server.http<{ data: MyQuestion }>('POST', `/api/public/${token}/questions`, { clientId: key(), senderKey, text: 'Khi nào tăng lương cho giáo viên?', ...body }, null);
};

/** Every event of `name` a client receives, in order. */
function collect<T>(client: Client, name: string): T[] {
  const seen: T[] = [];
  (client as unknown as { on: (e: string, f: (v: T) => void) => void }).on(name, (value) => seen.push(value));
  return seen;
}

/** The latest version of each question a moderator has seen, from the snapshot and batches. */
function moderatorView(client: Client) {
  const rows = new Map<string, Question>();
  client.on('questions:snapshot', (s) => s.questions.forEach((q) => rows.set(q.id, q)));
  client.on('questions:changed', (c: QuestionsChange) => {
    c.questions.forEach((q) => {
      if ((rows.get(q.id)?.version ?? -1) <= q.version) rows.set(q.id, q);
    });
    c.removed.forEach((id) => rows.delete(id));
  });
  return rows;
}

function publicView(client: Client) {
  const rows = new Map<string, PublicQuestion>();
  client.on('publicQuestions:snapshot', (s) => s.questions.forEach((q) => rows.set(q.id, q)));
  client.on('publicQuestions:changed', (c: PublicQuestionsChange) => {
    c.questions.forEach((q) => rows.set(q.id, q));
    c.removed.forEach((id) => rows.delete(id));
  });
  return rows;
}

const countRows = async () => Number((await server.db.selectFrom('questions').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);

describe('submitting questions', () => {
  beforeEach(() => setup());

  it('an HTTP submission is stored once per client id, durable across a restart, and reaches moderators but not the public list', async () => {
    let modRows = new Map<string, Question>();
    await server.connect(links.moderatorToken, (c) => (modRows = moderatorView(c)));
    const projector = await server.connect(access.projectorToken);
    const shown = publicView(projector.client);

    const clientId = key();
    const senderKey = await deviceKey();
    const first = await post({ clientId, senderKey, name: 'Nguyễn Văn An', unit: 'THPT Lục Nam', category: 'Kiến nghị' });
    expect(first.status).toBe(201);
    expect(first.body.data).toMatchObject({ clientId, status: 'pending', visible: false, category: 'Kiến nghị' });
    const retry = await post({ clientId, senderKey, text: 'a retry carries the same id' });
    expect(retry.status).toBe(200);
    expect(retry.body.data.id).toBe(first.body.data.id);
    // The socket path with the same client id finds the same row too.
    const phone = await server.connect(links.publicToken);
    const viaSocket = await send(phone.client, 'question:submit', { clientId, senderKey, text: 'Khi nào tăng lương cho giáo viên?' });
    expect(viaSocket).toMatchObject({ ok: true, data: { id: first.body.data.id } });
    expect(await countRows()).toBe(1);

    const row = await until(() => modRows.get(first.body.data.id), 'moderator sees the submission');
    expect(row).toMatchObject({ senderName: 'Nguyễn Văn An', senderUnit: 'THPT Lục Nam', origin: 'public', status: 'pending' });
    expect(shown.size).toBe(0);

    server = await server.restart();
    const mine = await server.http<{ data: { mine: MyQuestion[] } }>('GET', `/api/public/${links.publicToken}/questions?senderKey=${senderKey}`, undefined, null);
    expect(mine.body.data.mine.map((q) => q.id)).toEqual([first.body.data.id]);
  });

  it('many submissions at once are all acknowledged and stored, in fewer commits than submissions', async () => {
    const before = server.app.questions.batcher.stats.batches;
    const keys = await Promise.all(Array.from({ length: 150 }, () => deviceKey()));
    const results = await Promise.all(keys.map((senderKey, i) => post({ senderKey, text: `Câu hỏi số ${i} về chương trình giáo dục phổ thông` })));
    expect(results.every((r) => r.status === 201)).toBe(true);
    expect(new Set(results.map((r) => r.body.data.id)).size).toBe(150);
    expect(await countRows()).toBe(150);
    expect(server.app.questions.batcher.stats.batches - before).toBeLessThan(150);
  });

  it('the public page accepts only inside its window; sites can always send', async () => {
    const mc = await server.connect(access.mcToken);
    await send(mc.client, 'questions:settings', { opensAt: clock.now() + 60 * MIN, closesAt: clock.now() + 120 * MIN });
    const early = await post({});
    expect(early.status).toBe(409);
    expect(early.body).toMatchObject({ code: 'conflict', reason: 'not_yet' });
    const site = await server.connect(siteToken);
    const fromSite = await send(site.client, 'question:submit', { clientId: key(), text: 'Điểm cầu hỏi trước giờ mở' });
    expect(fromSite.ok).toBe(true);
    clock.advance(61 * MIN);
    expect((await post({})).status).toBe(201);
    clock.advance(60 * MIN);
    expect((await post({})).body).toMatchObject({ code: 'conflict', reason: 'closed' });
    const info = await server.http<{ data: { window: string } }>('GET', `/api/public/${links.publicToken}`, undefined, null);
    expect(info.body.data.window).toBe('closed');
    expect(await countRows()).toBe(2);
  });

  it('a site question is attributed to the site and its devices hear of its status', async () => {
    const site = await server.connect(siteToken);
    const mineChanges = collect<MyQuestion[]>(site.client, 'myQuestions:changed');
    await send(site.client, 'site:checkIn', { representative: 'Trần Thị Bình', headcount: 20 });
    const sent = await send(site.client, 'question:submit', { clientId: key(), text: 'Đề nghị hỗ trợ kinh phí sửa chữa phòng học' });
    expect(sent.ok).toBe(true);
    // The site's other devices hear of the new submission at once.
    await until(() => mineChanges.flat().find((q) => q.id === sent.data.id && q.status === 'pending'), 'the site hears of its new question');
    const mine = await send(site.client, 'question:mine', {});
    expect(mine.data).toHaveLength(1);
    const mod = await server.connect(access.mcToken);
    const rows = moderatorView(mod.client);
    const row = await until(() => rows.get(sent.data.id), 'the MC sees the site question');
    expect(row).toMatchObject({ origin: 'site', senderName: 'Trần Thị Bình', senderUnit: 'Phòng GDĐT Lục Nam', siteId: expect.any(String) });
    await send(mod.client, 'question:moderate', { questionId: sent.data.id, action: 'approve' });
    const heard = await until(() => mineChanges.flat().find((q) => q.id === sent.data.id && q.status === 'approved'), 'the site hears of the approval');
    expect(heard.visible).toBe(true);
  });

  it('refuses bad input with a clear error, storing and broadcasting nothing', async () => {
    const mod = await server.connect(access.mcToken);
    const batches = collect(mod.client, 'questions:changed');
    const phone = await server.connect(links.publicToken);
    const cases: [string, Record<string, unknown>][] = [
      ['empty text', { text: '  ' }],
      ['too long', { text: 'x'.repeat(2_001) }],
      ['bad client id', { clientId: 'short' }],
      ['unknown office', { officeId: 'nope' }],
      ['unknown category', { category: 'Không có' }],
      ['text not a string', { text: 42 }],
      ['prototype keys', JSON.parse('{"__proto__":{"polluted":1},"text":"ab"}') as Record<string, unknown>],
    ];
    for (const [name, body] of cases) {
      const res = await post(body);
      expect(res.status, name).toBe(400);
      expect(res.body.message, name).toMatch(/\S/);
      const viaSocket = await send(phone.client, 'question:submit', { clientId: key(), senderKey: await deviceKey(), text: 'Câu hỏi hợp lệ', ...body });
      expect(viaSocket.ok, name).toBe(false);
    }
    const noKey = await send(phone.client, 'question:submit', { clientId: key(), text: 'Thiếu mã thiết bị' });
    expect(noKey).toMatchObject({ ok: false, reason: 'sender_key' });
    const notJson = await fetch(`${server.url}/api/public/${links.publicToken}/questions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{' });
    expect(notJson.status).toBe(400);
    const huge = await fetch(`${server.url}/api/public/${links.publicToken}/questions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ text: 'x'.repeat(40_000) }),
    });
    expect(huge.status).toBe(413);
    expect((await post({}, access.projectorToken)).status).toBe(404);
    expect((await post({}, 'x'.repeat(40))).status).toBe(404);
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(await countRows()).toBe(0);
    expect(batches).toHaveLength(0);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('flags abuse for moderation and never drops it; clean submissions show at once in post-moderation', async () => {
    const mc = await server.connect(access.mcToken);
    await send(mc.client, 'questions:settings', { moderation: 'post' });
    const rows = moderatorView(mc.client);
    const phone = await server.connect(links.publicToken);
    const shown = publicView(phone.client);
    const rude = await post({ text: 'đm sao họp lâu thế' });
    const clean = await post({ text: 'Bao giờ có kết quả thi giáo viên dạy giỏi?' });
    expect(rude.body.data).toMatchObject({ status: 'pending', visible: false });
    expect(clean.body.data).toMatchObject({ status: 'approved', visible: true });
    const flagged = await until(() => rows.get(rude.body.data.id), 'the flagged row reaches the MC');
    expect(flagged.flags.length).toBeGreaterThan(0);
    await until(() => shown.get(clean.body.data.id), 'the clean one reaches the public list');
    expect(shown.has(rude.body.data.id)).toBe(false);
  });
});

describe('rate limits', () => {
  beforeEach(() => setup({ questionLimits: { ...DEFAULT_QUESTION_LIMITS, perSender: 3, perAddress: 5 } }));

  it('limit one phone and one address per minute, with a message saying when to retry', async () => {
    const senderKey = await deviceKey();
    for (let i = 0; i < 3; i += 1) expect((await post({ senderKey })).status).toBe(201);
    const limited = await post({ senderKey });
    expect(limited.status).toBe(429);
    expect(limited.body.message).toMatch(/thử lại sau 1 phút/i);
    // Another phone behind the same address still has room, until the address's limit.
    expect((await post({})).status).toBe(201);
    expect((await post({})).status).toBe(201);
    expect((await post({})).status).toBe(429);
    // A retry of a stored submission is not a new one... but it is still counted: limits are per attempt.
    clock.advance(MIN);
    expect((await post({ senderKey })).status).toBe(201);
    expect(await countRows()).toBe(6);
  });
});

describe('device keys the server issues', () => {
  beforeEach(() => setup({ deviceKeysPerAddress: 20 }));

  it('a made-up, altered or other meeting\'s key is refused; one address minting keys gets a bounded number of votes', async () => {
    const approvedId = (await post({ text: 'Câu hỏi để bình chọn' })).body.data.id;
    const mc = await server.connect(access.mcToken);
    expect((await send(mc.client, 'question:moderate', { questionId: approvedId, action: 'approve' })).ok).toBe(true);
    const real = await deviceKey();
    const other = await server.createMeeting();
    const otherLinks = (await server.http<{ data: QuestionsAccess }>('GET', `/api/meetings/${other.meetingId}/questions/access`)).body.data;
    const otherMeetingKey = await deviceKey(otherLinks.publicToken);
    const altered = `${real.slice(0, -1)}${real.endsWith('A') ? 'B' : 'A'}`;
    const phone = await server.connect(links.publicToken);
    for (const forged of [key(), `d1${key()}${key()}`.slice(0, 46), altered, otherMeetingKey]) {
      const submitted = await post({ senderKey: forged });
      expect(submitted.status, forged).toBe(403);
      expect(submitted.body).toMatchObject({ ok: false, code: 'forbidden', reason: 'device_key' });
      expect(submitted.body.message).toMatch(/Tải lại trang/);
      expect(await send(phone.client, 'question:vote', { questionId: approvedId, voterKey: forged })).toMatchObject({ ok: false, reason: 'device_key' });
      expect((await server.http('POST', `/api/public/${links.publicToken}/questions/${approvedId}/vote`, { voterKey: forged }, null)).status).toBe(403);
    }
    expect(await send(phone.client, 'question:vote', { questionId: approvedId })).toMatchObject({ ok: false, reason: 'voter_key' });

    // One address asking for keys in a loop: 20 are issued in the window (1 + 1 above), then 429 with when to retry.
    let issued = 0;
    let refused: Response | null = null;
    for (let i = 0; i < 40 && !refused; i += 1) {
      const res = await fetch(`${server.url}/api/public/${links.publicToken}/device`, { method: 'POST' });
      if (res.status === 201) {
        const voterKey = ((await res.json()) as { data: { deviceKey: string } }).data.deviceKey;
        expect((await send(phone.client, 'question:vote', { questionId: approvedId, voterKey })).ok).toBe(true);
        issued += 1;
      } else refused = res;
    }
    expect(issued).toBe(20 - 3); // the question's sender, the real key and the other meeting's key came from this address too
    expect(refused?.status).toBe(429);
    expect(refused?.headers.get('retry-after')).toMatch(/^\d+$/);
    // Read by the MC: the public list is a shared read kept a little while (the test's clock stands still).
    const votes = (await send(mc.client, 'questions:sync', {})).data.questions.find((q: { id: string }) => q.id === approvedId).votes;
    expect(votes).toBe(issued);
    // The keys it holds still vote once each; the next window issues again.
    expect((await send(phone.client, 'question:vote', { questionId: approvedId, voterKey: real })).data).toEqual({ votes: issued + 1, voted: true });
    clock.advance(10 * MIN);
    expect((await fetch(`${server.url}/api/public/${links.publicToken}/device`, { method: 'POST' })).status).toBe(201);
  });
});

describe('moderation, votes, routing, merging, pinning', () => {
  beforeEach(() => setup());

  /** A submitted and approved question. */
  async function approved(mod: Client, text: string, extra: Record<string, unknown> = {}) {
    const sent = await post({ text, ...extra });
    const res = await send(mod, 'question:moderate', { questionId: sent.body.data.id, action: 'approve' });
    expect(res.ok).toBe(true);
    return sent.body.data;
  }

  it('moderators approve, edit, answer and reject; participants and the sender follow', async () => {
    const mod = await server.connect(links.moderatorToken);
    const phone = await server.connect(links.publicToken);
    const shown = publicView(phone.client);
    const senderKey = await deviceKey();
    const sent = await post({ senderKey, text: 'Khi nào có sách giáo khao lớp 5?', anonymous: true });
    const mine = await send(phone.client, 'question:mine', { senderKey });
    expect(mine.data).toHaveLength(1);
    const myChanges = collect<MyQuestion[]>(phone.client, 'myQuestions:changed');
    const id = sent.body.data.id;

    const edited = await send(mod.client, 'question:edit', { questionId: id, text: 'Khi nào có sách giáo khoa lớp 5?', seen: { text: sent.body.data.text, category: sent.body.data.category } });
    expect(edited.data).toMatchObject({ text: 'Khi nào có sách giáo khoa lớp 5?', originalText: 'Khi nào có sách giáo khao lớp 5?' });
    expect((await send(mod.client, 'question:moderate', { questionId: id, action: 'approve' })).ok).toBe(true);
    const visible = await until(() => shown.get(id), 'approved question reaches participants');
    expect(visible).toMatchObject({ text: 'Khi nào có sách giáo khoa lớp 5?', sender: 'Ẩn danh', status: 'approved' });
    expect(JSON.stringify(visible)).not.toContain('senderKey');

    const answered = await send(mod.client, 'question:answer', { questionId: id, answer: 'Trước ngày 30/11.', answeredBy: 'Phòng GDMN-TH', seen: { answer: '' } });
    expect(answered.data).toMatchObject({ status: 'answered', visible: true, answer: 'Trước ngày 30/11.' });
    await until(() => shown.get(id)?.answer === 'Trước ngày 30/11.', 'participants see the answer');
    await until(() => myChanges.flat().find((q) => q.id === id && q.answer === 'Trước ngày 30/11.'), 'the sender sees the answer');

    expect((await send(mod.client, 'question:moderate', { questionId: id, action: 'reject' })).data).toMatchObject({ status: 'rejected', visible: false });
    await until(() => !shown.has(id), 'a rejected question leaves the public list');
    expect((await send(mod.client, 'question:moderate', { questionId: id, action: 'reject' })).ok).toBe(false);
  });

  it('only moderators change status; participants, sites and offices are refused and nothing changes', async () => {
    const mod = await server.connect(access.mcToken);
    const q = await post({});
    const id = q.body.data.id;
    for (const token of [links.publicToken, siteToken, access.projectorToken, access.leadershipToken, links.offices[0]!.token]) {
      const c = await server.connect(token);
      for (const [event, input] of [
        ['question:moderate', { questionId: id, action: 'approve' }],
        ['question:edit', { questionId: id, text: 'sửa trái phép', seen: { text: '', category: '' } }],
        ['question:route', { questionId: id, officeId: officeIds.gdtrh, seen: { officeId: null } }],
        ['question:merge', { questionId: id, others: ['x'] }],
        ['question:pin', { questionId: id }],
      ] as const) {
        const res = await send(c.client, event, input);
        expect(res, `${event} by ${token.slice(0, 4)}`).toMatchObject({ ok: false, code: 'forbidden' });
      }
      c.client.disconnect();
    }
    const rows = moderatorView(mod.client);
    await send(mod.client, 'questions:sync');
    const [row] = (await send(mod.client, 'questions:sync')).data.questions as Question[];
    expect(row).toMatchObject({ status: 'pending', text: 'Khi nào tăng lương cho giáo viên?', officeId: null });
    expect(rows.size).toBeLessThanOrEqual(1);
  });

  it('votes count once per phone and once per site; only visible questions take votes', async () => {
    const mod = await server.connect(access.mcToken);
    const pending = await post({ text: 'Chưa duyệt' });
    const q = await approved(mod.client, 'Đề nghị giảm hồ sơ sổ sách cho giáo viên');
    const phone = await server.connect(links.publicToken);
    const voterKey = await deviceKey();
    expect(await send(phone.client, 'question:vote', { questionId: q.id, voterKey })).toEqual({ ok: true, data: { votes: 1, voted: true } });
    expect(await send(phone.client, 'question:vote', { questionId: q.id, voterKey })).toEqual({ ok: true, data: { votes: 1, voted: true } });
    const viaHttp = await server.http('POST', `/api/public/${links.publicToken}/questions/${q.id}/vote`, { voterKey }, null);
    expect(viaHttp.body).toEqual({ ok: true, data: { votes: 1, voted: true } });
    const other = await server.http('POST', `/api/public/${links.publicToken}/questions/${q.id}/vote`, { voterKey: await deviceKey() }, null);
    expect(other.body).toEqual({ ok: true, data: { votes: 2, voted: true } });
    const site = await server.connect(siteToken);
    expect((await send(site.client, 'question:vote', { questionId: q.id })).data).toEqual({ votes: 3, voted: true });
    expect((await send(site.client, 'question:vote', { questionId: q.id })).data).toEqual({ votes: 3, voted: true });
    expect((await send(phone.client, 'question:vote', { questionId: q.id, voterKey, up: false })).data).toEqual({ votes: 2, voted: false });
    expect(await send(phone.client, 'question:vote', { questionId: pending.body.data.id, voterKey })).toMatchObject({ ok: false, code: 'not_found' });
    expect(await send(phone.client, 'question:vote', { questionId: q.id })).toMatchObject({ ok: false, reason: 'voter_key' });
  });

  it('routes to an office: its inbox sees only its questions, answers only those, and cannot publish what no moderator approved', async () => {
    const mod = await server.connect(access.mcToken);
    let inboxRows = new Map<string, Question>();
    const inbox = await server.connect(links.offices[0]!.token, (c) => (inboxRows = moderatorView(c)));
    const other = await server.connect(links.offices[1]!.token);
    const otherRows = moderatorView(other.client);
    const phone = await server.connect(links.publicToken);
    const shown = publicView(phone.client);

    const a = await post({ text: 'Tuyển sinh lớp 10 năm nay thế nào?' });
    const b = await post({ text: 'Kinh phí sửa chữa trường học?' });
    await send(mod.client, 'question:route', { questionId: a.body.data.id, officeId: officeIds.gdtrh, seen: { officeId: null } });
    await send(mod.client, 'question:route', { questionId: b.body.data.id, officeId: officeIds.khtc, seen: { officeId: null } });
    await until(() => inboxRows.get(a.body.data.id), 'office A gets its question');
    await until(() => otherRows.get(b.body.data.id), 'office B gets its question');
    expect(inboxRows.has(b.body.data.id)).toBe(false);
    const synced = await send(inbox.client, 'questions:sync');
    expect((synced.data.questions as Question[]).map((q) => q.id)).toEqual([a.body.data.id]);

    const wrong = await send(inbox.client, 'question:answer', { questionId: b.body.data.id, answer: 'x', answeredBy: 'Phòng GDTrH', seen: { answer: '' } });
    expect(wrong).toMatchObject({ ok: false, code: 'forbidden' });
    const answered = await send(inbox.client, 'question:answer', { questionId: a.body.data.id, answer: 'Theo kế hoạch của Sở.', answeredBy: 'Phòng GDTrH', seen: { answer: '' } });
    expect(answered.data).toMatchObject({ status: 'answered', visible: false, answeredBy: 'Phòng GDTrH' });
    // Approved by a moderator later, it shows with the office's answer.
    await send(mod.client, 'question:moderate', { questionId: a.body.data.id, action: 'approve' });
    const shownA = await until(() => shown.get(a.body.data.id), 'approved answered question is public');
    expect(shownA).toMatchObject({ status: 'answered', answer: 'Theo kế hoạch của Sở.', officeName: 'Phòng Giáo dục Trung học' });

    // Re-routed away: the old inbox drops it.
    await send(mod.client, 'question:route', { questionId: a.body.data.id, officeId: officeIds.khtc, seen: { officeId: officeIds.gdtrh } });
    await until(() => !inboxRows.has(a.body.data.id), 'office A drops the re-routed question');
    await until(() => otherRows.get(a.body.data.id), 'office B receives it');
  });

  it('merges near-duplicates into one entry that keeps the count and senders, and splits them back', async () => {
    const mod = await server.connect(access.mcToken);
    const rows = moderatorView(mod.client);
    const phone = await server.connect(links.publicToken);
    const shown = publicView(phone.client);
    const a = await approved(mod.client, 'Khi nào giáo viên được tăng lương?');
    const b = await approved(mod.client, 'khi nao giao vien duoc tang luong');
    const c = await post({ text: 'gv khi nao dc tang luong vay' });
    await send(phone.client, 'question:vote', { questionId: b.id, voterKey: await deviceKey() });

    const merged = await send(mod.client, 'question:merge', { questionId: a.id, others: [b.id, c.body.data.id] });
    expect(merged.data).toMatchObject({ id: a.id, mergedCount: 3, votes: 1 });
    await until(() => rows.get(b.id)?.mergedInto === a.id && rows.get(c.body.data.id)?.mergedInto === a.id, 'merged rows point at the entry');
    await until(() => !shown.has(b.id) && shown.get(a.id)?.mergedCount === 3, 'participants see one entry of 3');
    expect(await send(mod.client, 'question:moderate', { questionId: b.id, action: 'approve' })).toMatchObject({ ok: false, reason: 'merged' });
    expect(await send(mod.client, 'question:merge', { questionId: b.id, others: [c.body.data.id] })).toMatchObject({ ok: false, reason: 'merged' });

    const split = await send(mod.client, 'question:unmerge', { questionId: b.id });
    expect(split.data).toMatchObject({ mergedInto: null, status: 'pending' });
    await until(() => rows.get(a.id)?.mergedCount === 2, 'the entry counts one less');
  });

  it('pins a visible question to the projector; taking it off the public list unpins it', async () => {
    const mod = await server.connect(links.moderatorToken);
    const projector = await server.connect(access.projectorToken);
    const spot = collect<{ patch: { spotlight?: unknown } }>(projector.client, 'meeting:changed');
    const pending = await post({ text: 'Chưa duyệt thì không ghim được' });
    expect(await send(mod.client, 'question:pin', { questionId: pending.body.data.id })).toMatchObject({ ok: false, reason: 'not_visible' });
    const q = await approved(mod.client, 'Thi tốt nghiệp THPT năm 2024 có gì mới?', { name: 'Lê Văn Cường', unit: 'THPT Yên Thế' });
    expect((await send(mod.client, 'question:pin', { questionId: q.id })).ok).toBe(true);
    await until(() => spot.find((c) => (c.patch.spotlight as { questionId?: string } | undefined)?.questionId === q.id), 'projector shows the pinned question');
    expect(spot.at(-1)!.patch.spotlight).toMatchObject({ text: 'Thi tốt nghiệp THPT năm 2024 có gì mới?', sender: 'Lê Văn Cường – THPT Yên Thế' });
    await send(mod.client, 'question:edit', { questionId: q.id, text: 'Thi tốt nghiệp THPT 2024 có gì mới?', seen: { text: q.text, category: q.category } });
    await until(() => (spot.at(-1)!.patch.spotlight as { text?: string } | null)?.text === 'Thi tốt nghiệp THPT 2024 có gì mới?', 'the pinned copy follows edits');
    await send(mod.client, 'question:moderate', { questionId: q.id, action: 'reject' });
    await until(() => spot.at(-1)!.patch.spotlight === null, 'a rejected question leaves the projector');
  });

  it('exports every question to .xlsx for moderators; an office only its own', async () => {
    const mod = await server.connect(access.mcToken);
    await approved(mod.client, 'Đề nghị tăng định mức chi thường xuyên');
    await post({ text: '=HYPERLINK("http://evil")' });
    const res = await fetch(`${server.url}/api/meetings/${access.meetingId}/questions.xlsx`, { headers: { authorization: `Bearer ${links.moderatorToken}` } });
    expect(res.status).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(await res.arrayBuffer());
    const sheet = book.worksheets[0]!;
    const cells: unknown[] = [];
    sheet.eachRow((row) => row.eachCell((cell) => cells.push(cell.value)));
    expect(cells).toContain('Đề nghị tăng định mức chi thường xuyên');
    expect(cells).toContain('=HYPERLINK("http://evil")');
    for (const token of [siteToken, access.leadershipToken, links.publicToken]) {
      const refused = await fetch(`${server.url}/api/meetings/${access.meetingId}/questions.xlsx`, { headers: { authorization: `Bearer ${token}` } });
      expect(refused.status).toBe(403);
    }
    // Nothing is routed to the office: its workbook lists none of the meeting's questions.
    const own = await fetch(`${server.url}/api/meetings/${access.meetingId}/questions.xlsx`, { headers: { authorization: `Bearer ${links.offices[0]!.token}` } });
    expect(own.status).toBe(200);
    const officeBook = new ExcelJS.Workbook();
    await officeBook.xlsx.load(await own.arrayBuffer());
    const officeCells: unknown[] = [];
    officeBook.worksheets[0]!.eachRow((row) => row.eachCell((cell) => officeCells.push(cell.value)));
    expect(officeCells).not.toContain('Đề nghị tăng định mức chi thường xuyên');
    expect(officeCells).toContain('Nội dung');
  }, SANDBOX_TEST_TIMEOUT_MS);

  it('re-issuing a link retires the old one and disconnects the pages open on it', async () => {
    const phone = await server.connect(links.publicToken);
    const inbox = await server.connect(links.offices[0]!.token);
    const otherInbox = await server.connect(links.offices[1]!.token);
    const site = await server.connect(siteToken);
    const dropped = (c: Client) => new Promise<void>((resolve) => c.once('disconnect', () => resolve()));
    const phoneDropped = dropped(phone.client);
    const res = await server.http<{ data: QuestionsAccess }>('POST', `/api/meetings/${access.meetingId}/questions/access/reissue`, { kind: 'public' });
    expect(res.body.data.publicToken).not.toBe(links.publicToken);
    await phoneDropped;
    const inboxDropped = dropped(inbox.client);
    const office = await server.http<{ data: QuestionsAccess }>('POST', `/api/meetings/${access.meetingId}/questions/access/reissue`, { kind: 'office', officeId: officeIds.gdtrh });
    expect(office.body.data.offices[0]!.token).not.toBe(links.offices[0]!.token);
    expect(office.body.data.offices[1]!.token).toBe(links.offices[1]!.token);
    await inboxDropped;
    expect(otherInbox.client.connected).toBe(true);
    expect(site.client.connected).toBe(true);
    const snapshot = await server.connect(office.body.data.offices[0]!.token);
    expect(snapshot.snapshot).toMatchObject({ role: 'office', officeId: officeIds.gdtrh, siteId: null });
    expect((await post({})).status).toBe(404);
    expect((await post({}, res.body.data.publicToken)).status).toBe(201);
    const forbidden = await server.http('POST', `/api/meetings/${access.meetingId}/questions/access/reissue`, { kind: 'public' }, links.moderatorToken);
    expect(forbidden.status).toBe(403);
  });
});
