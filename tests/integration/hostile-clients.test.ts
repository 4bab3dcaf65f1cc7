/**
 * Hostile and racing clients against the real server: two consoles pressing the same command
 * at once get one effect (each command carries what its console saw, as the client sends it);
 * after every race the process is up, another meeting is answered, and nothing changed that
 * should not have.
 */
import { CreateMeeting, type MeetingAccess, type QuestionsAccess, vnInstant } from '@diemcau/shared';
import { bacGiangDemo } from '../../server/src/demo/demo';
import { sitesStore } from '../../server/src/sites/sites.store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, issueDeviceKey, ManualClock, send, startServer, type TestServer } from './harness';
import { key, tryConnect } from './surface';

let clock: ManualClock;
let server: TestServer;
let access: MeetingAccess;
let other: MeetingAccess;
let consoles: [Client, Client];
let otherMc: Client;
let site: Client;
let requests = 0;

beforeAll(async () => {
  clock = new ManualClock(vnInstant('2023-11-24', '07:30'));
  server = await startServer(clock);
  access = await server.createMeeting();
  other = await server.createMeeting();
  await server.http('POST', `/api/meetings/${access.meetingId}/sites/import`, { sites: [{ name: 'Phòng GDĐT Lục Nam' }] });
  const links = await server.http<{ data: { sites: { token: string }[] } }>('GET', `/api/meetings/${access.meetingId}/sites/access`);
  site = (await server.connect(links.body.data.sites[0]!.token)).client;
  consoles = [(await server.connect(access.mcToken)).client, (await server.connect(access.mcToken)).client];
  otherMc = (await server.connect(other.mcToken)).client;
  expect((await send(consoles[0], 'meeting:start', {})).ok).toBe(true);
}, 30_000);

afterAll(async () => {
  await server.close();
  await server.remove();
});

const stored = async () => (await server.app.meetings.load(access.meetingId))!;
const ask = async (speaker: string) => {
  requests += 1;
  const answer = await send(site, 'queue:request', { requestId: `race-request-${String(requests).padStart(6, '0')}`, kind: 'comment', speaker });
  expect(answer.ok, JSON.stringify(answer)).toBe(true);
  return (await stored()).state.queue.entries.find((e) => e.speaker === speaker)!.id;
};

/** Both consoles send `payloads[i]` at the same moment; answers in console order. */
async function race(event: string, payload: (rev: number) => unknown) {
  const rev = (await stored()).rev;
  const answers = await Promise.all(consoles.map((c) => send(c, event, payload(rev))));
  // the process is up and another meeting is served
  expect((await send(otherMc, 'meeting:sync')).ok).toBe(true);
  return answers;
}

const okCount = (answers: { ok: boolean }[]) => answers.filter((a) => a.ok).length;

describe('two consoles racing each command', () => {
  it('"next speaker" pressed on both consoles gives the floor once and ends no turn', async () => {
    for (let round = 0; round < 5; round += 1) {
      const floorBefore = (await stored()).state.queue.floor?.entry.id ?? null;
      const first = await ask(`Người nói ${round}a`);
      await ask(`Người nói ${round}b`);
      const speechesBefore = (await stored()).state.speeches.length;
      const answers = await race('floor:give', () => ({ entryId: first, current: floorBefore }));
      expect(okCount(answers), JSON.stringify(answers)).toBe(1);
      expect(answers.find((a) => !a.ok)?.reason).toMatch(/floor_changed|not_found/);
      const after = (await stored()).state;
      expect(after.queue.floor?.entry.id).toBe(first);
      // the turn before this round ended once (by the one press that won), none other
      expect(after.speeches.length).toBe(speechesBefore + (floorBefore ? 1 : 0));
      expect(after.queue.entries.map((e) => e.speaker)).toEqual([`Người nói ${round}b`]);
      await send(consoles[0], 'queue:withdraw', { entryId: after.queue.entries[0]!.id });
    }
  });

  it('"end turn" pressed on both consoles ends that turn once; a late press does not end the next speaker', async () => {
    const turn = (await stored()).state.queue.floor!.entry.id;
    const speeches = (await stored()).state.speeches.length;
    const answers = await race('floor:end', () => ({ entryId: turn }));
    expect(okCount(answers)).toBe(1);
    expect((await stored()).state.speeches.length).toBe(speeches + 1);
    const next = await ask('Người nói kế tiếp');
    expect((await send(consoles[0], 'floor:give', { entryId: next, current: null })).ok).toBe(true);
    // console 2's press, built on the old turn, arrives late
    const late = await send(consoles[1], 'floor:end', { entryId: turn });
    expect(late).toMatchObject({ ok: false, reason: 'floor_changed' });
    for (const event of ['floor:pause', 'floor:adjust']) {
      const stale = await send(consoles[1], event, { entryId: turn, ...(event === 'floor:adjust' ? { deltaMs: 60_000 } : {}) });
      expect(stale, event).toMatchObject({ ok: false, reason: 'floor_changed' });
    }
    const floor = (await stored()).state.queue.floor!;
    expect(floor.entry.id).toBe(next);
    expect(floor.timer.addedMs).toBe(0);
    expect(floor.timer.startedAt).not.toBeNull();
  });

  it('moving a queue entry, setting tham luận and agenda "next" apply once', async () => {
    const a = await ask('Người xếp A');
    await ask('Người xếp B');
    const moves = await race('queue:move', (rev) => ({ entryId: a, toIndex: 1, rev }));
    expect(okCount(moves)).toBe(1);
    const item = (await stored()).state.agenda[0]!.id;
    const lists = await race('contributions:set', (rev) => ({ itemId: item, contributions: [{ topic: 'Tham luận về chuyển đổi số' }], rev }));
    expect(okCount(lists)).toBe(1);
    const { agenda, live } = (await stored()).state;
    const index = agenda.findIndex((i) => i.id === live.timer?.itemId);
    const nexts = await race('agenda:next', (rev) => ({ rev }));
    expect(okCount(nexts)).toBe(1);
    expect((await stored()).state.live.timer?.itemId).toBe(agenda[index + 1]!.id);
  });

  it('starting a roll call on both consoles starts one; closing it twice closes it once', async () => {
    const starts = await race('rollCall:start', () => ({ durationMs: 60_000 }));
    expect(okCount(starts), JSON.stringify(starts)).toBe(1);
    const rollCallId = starts.find((s) => s.ok)!.data.id as string;
    const closes = await race('rollCall:close', () => ({ rollCallId }));
    expect(okCount(closes)).toBe(1);
    const rows = await server.db.selectFrom('roll_calls').selectAll().where('meeting_id', '=', access.meetingId).execute();
    expect(rows).toHaveLength(1);
  });

  it('floor commands without the turn the console saw are refused as invalid, changing nothing', async () => {
    const before = await stored();
    for (const [event, payload] of [
      ['floor:give', {}],
      ['floor:end', {}],
      ['floor:pause', {}],
      ['floor:resume', {}],
      ['floor:adjust', { deltaMs: 60_000 }],
    ] as const) {
      expect(await send(consoles[0], event, payload), event).toMatchObject({ ok: false, code: 'invalid' });
    }
    expect((await stored()).rev).toBe(before.rev);
  });

  it('starting and closing a roll call from consoles on two nodes of one database: one start, one close', { timeout: 60_000 }, async () => {
    // A second node on the same database (SQLite file or PostgreSQL): its per-process queue knows nothing of the first's.
    const nodeB = await startServer(clock, server.dataDir);
    try {
      const onB = (await nodeB.connect(access.mcToken)).client;
      for (let round = 0; round < 4; round += 1) {
        const starts = await Promise.all([send(consoles[0], 'rollCall:start', { durationMs: 60_000 }), send(onB, 'rollCall:start', { durationMs: 60_000 })]);
        expect(okCount(starts), JSON.stringify(starts)).toBe(1);
        expect(starts.find((a) => !a.ok)).toMatchObject({ code: 'conflict', reason: 'roll_call_open' });
        const rollCallId = starts.find((a) => a.ok)!.data.id as string;
        // The check is made as the database writes, not only by the read before it (which on SQLite
        // in one test process the two nodes never interleave): node B's write, its read passed, is refused.
        const late = { id: `late-${round}`, label: '', startedAt: clock.now(), endsAt: clock.now() + 60_000, closedAt: null };
        expect(await sitesStore(nodeB.db).startRollCall(access.meetingId, late)).toBe(false);
        const closes = await Promise.all([send(onB, 'rollCall:close', { rollCallId }), send(consoles[1], 'rollCall:close', { rollCallId })]);
        expect(okCount(closes), JSON.stringify(closes)).toBe(1);
        expect(closes.find((a) => !a.ok)).toMatchObject({ code: 'conflict', reason: 'roll_call_closed' });
        expect(await sitesStore(nodeB.db).closeRollCall(rollCallId, clock.now())).toBe(false);
      }
      const open = await server.db.selectFrom('roll_calls').select('id').where('meeting_id', '=', access.meetingId).where('closed_at', 'is', null).execute();
      expect(open).toHaveLength(0);
      expect((await send(otherMc, 'meeting:sync')).ok).toBe(true);
    } finally {
      await nodeB.close();
    }
  });

  it('editing, routing and answering one question on both consoles: one applies, the other is told what it is now', async () => {
    const links = await server.http<{ data: { publicToken: string } }>('GET', `/api/meetings/${access.meetingId}/questions/access`);
    expect((await send(consoles[0], 'questions:settings', { offices: [{ name: 'Phòng Tổ chức cán bộ' }, { name: 'Phòng Kế hoạch tài chính' }] })).ok).toBe(true);
    const offices = (await stored()).state.questions.offices.map((o) => o.id);
    const posted = await server.http<{ data: { id: string; category: string } }>('POST', `/api/public/${links.body.data.publicToken}/questions`, { clientId: key(), senderKey: await issueDeviceKey(server.url, links.body.data.publicToken), text: 'Câu hỏi hai bàn cùng sửa' }, null);
    const { id: questionId, category } = posted.body.data;
    const row = () => server.db.selectFrom('questions').selectAll().where('id', '=', questionId).executeTakeFirstOrThrow();

    const edits = await Promise.all(
      consoles.map((c, i) => send(c, 'question:edit', { questionId, text: `Câu hỏi đã sửa bởi bàn ${i + 1}`, seen: { text: 'Câu hỏi hai bàn cùng sửa', category } })),
    );
    expect(okCount(edits), JSON.stringify(edits)).toBe(1);
    expect(edits.find((a) => !a.ok)).toMatchObject({ code: 'conflict', reason: 'stale_question' });
    const winner = edits.findIndex((a) => a.ok);
    expect((await row()).text).toBe(`Câu hỏi đã sửa bởi bàn ${winner + 1}`);
    expect(edits.find((a) => !a.ok)!.message).toContain(`Câu hỏi đã sửa bởi bàn ${winner + 1}`);

    const routes = await Promise.all(consoles.map((c, i) => send(c, 'question:route', { questionId, officeId: offices[i], seen: { officeId: null } })));
    expect(okCount(routes), JSON.stringify(routes)).toBe(1);
    expect((await row()).office_id).toBe(offices[routes.findIndex((a) => a.ok)]);

    const answers = await Promise.all(consoles.map((c, i) => send(c, 'question:answer', { questionId, answer: `Trả lời ${i + 1}`, answeredBy: 'Phòng', seen: { answer: '' } })));
    expect(okCount(answers), JSON.stringify(answers)).toBe(1);
    expect((await row()).answer).toBe(`Trả lời ${answers.findIndex((a) => a.ok) + 1}`);

    // A vote moves the question's version, not what a moderator saw: an edit built on the current text applies.
    const current = await row();
    expect((await send(site, 'question:vote', { questionId, up: true })).ok).toBe(true);
    expect((await send(consoles[1], 'question:edit', { questionId, category: 'Kiến nghị', seen: { text: current.text, category: current.category } })).ok).toBe(true);
    expect((await send(otherMc, 'meeting:sync')).ok).toBe(true);
  });

  it('moderating one question on both consoles applies once', async () => {
    const links = await server.http<{ data: { publicToken: string } }>('GET', `/api/meetings/${access.meetingId}/questions/access`);
    const posted = await server.http<{ data: { id: string } }>('POST', `/api/public/${links.body.data.publicToken}/questions`, { clientId: key(), senderKey: await issueDeviceKey(server.url, links.body.data.publicToken), text: 'Câu hỏi hai bàn cùng duyệt' }, null);
    expect(posted.status).toBe(201);
    const questionId = posted.body.data.id;
    const approvals = await race('question:moderate', () => ({ questionId, action: 'approve' }));
    expect(okCount(approvals)).toBe(1);
    const row = await server.db.selectFrom('questions').select(['status', 'visible']).where('id', '=', questionId).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ status: 'approved', visible: 1 });
  });
});

describe('every link can be re-issued, cutting the old one live', () => {
  /** Connects on `token`, runs `reissue`, and checks the page was cut, the old link is refused and `fresh()` works. */
  async function cut(label: string, token: string, reissue: () => Promise<void>, fresh: () => Promise<string>, meetingId?: string) {
    const page = await tryConnect(server.url, token, meetingId);
    expect('client' in page, `${label}: connects before`).toBe(true);
    const client = (page as { client: Client }).client;
    const gone = new Promise<string>((resolve) => client.once('disconnect', resolve));
    await reissue();
    expect(await gone, label).toBe('io server disconnect');
    const again = await tryConnect(server.url, token, meetingId);
    expect('refused' in again && again.refused.code, `${label}: old link refused`).toBe('unauthorized');
    const renewed = await tryConnect(server.url, await fresh(), meetingId);
    expect('client' in renewed, `${label}: new link works`).toBe(true);
    if ('client' in renewed) renewed.client.close();
    // the other meeting's MC is still connected and answered
    expect(otherMc.connected, label).toBe(true);
    expect((await send(otherMc, 'meeting:sync')).ok, label).toBe(true);
  }

  const meetingLinks = async () => (await server.http<{ data: MeetingAccess }>('GET', `/api/meetings/${access.meetingId}/access`)).body.data;
  const questionLinks = async () => (await server.http<{ data: QuestionsAccess }>('GET', `/api/meetings/${access.meetingId}/questions/access`)).body.data;

  it('MC, projector and board links: by the organiser and by the MC', async () => {
    const fields = { mc: 'mcToken', projector: 'projectorToken', leadership: 'leadershipToken' } as const;
    for (const kind of ['projector', 'leadership', 'mc'] as const) {
      const before = await meetingLinks();
      const by = kind === 'mc' ? null : before.mcToken; // the MC re-issues the screens' links; the organiser the MC's own
      await cut(
        kind,
        before[fields[kind]],
        async () => expect((await server.http('POST', `/api/meetings/${access.meetingId}/access/reissue`, { kind }, by ?? undefined)).status).toBe(200),
        async () => (await meetingLinks())[fields[kind]],
      );
      if (kind === 'mc') {
        const after = await meetingLinks();
        expect(after.mcPin).not.toBe(before.mcPin);
        expect((await server.http('POST', '/api/pin', { code: after.code, pin: before.mcPin }, null)).status).toBe(401);
      }
    }
    consoles = [(await server.connect((await meetingLinks()).mcToken)).client, (await server.connect((await meetingLinks()).mcToken)).client];
  });

  it('public, moderator, office and site links', async () => {
    expect((await send(consoles[0], 'questions:settings', { offices: [{ name: 'Phòng Giáo dục Trung học' }] })).ok).toBe(true);
    for (const kind of ['public', 'moderator', 'office'] as const) {
      const before = await questionLinks();
      const token = kind === 'office' ? before.offices[0]!.token : before[`${kind}Token`];
      const body = kind === 'office' ? { kind, officeId: before.offices[0]!.officeId } : { kind };
      await cut(
        kind,
        token,
        async () => expect((await server.http('POST', `/api/meetings/${access.meetingId}/questions/access/reissue`, body)).status).toBe(200),
        async () => {
          const after = await questionLinks();
          return kind === 'office' ? after.offices[0]!.token : after[`${kind}Token`];
        },
      );
    }
    const sites = async () => (await server.http<{ data: { sites: { siteId: string; token: string }[] } }>('GET', `/api/meetings/${access.meetingId}/sites/access`)).body.data.sites[0]!;
    const before = await sites();
    await cut(
      'site',
      before.token,
      async () => expect((await server.http('POST', `/api/meetings/${access.meetingId}/sites/${before.siteId}/reissue`)).status).toBe(200),
      async () => (await sites()).token,
    );
  });

  it("the organiser's kept link; one set in the environment is refused with what to do", async () => {
    expect(await server.http('POST', '/api/admin/reissue')).toMatchObject({ status: 409, body: { reason: 'env_token' } });
    const kept = await startServer(clock, undefined, { adminToken: undefined });
    try {
      const token = await kept.app.access.adminToken();
      const meeting = (await kept.http<{ data: MeetingAccess }>('POST', '/api/meetings', CreateMeeting.parse(bacGiangDemo('2023-11-24')), token)).body.data;
      const page = await tryConnect(kept.url, token, meeting.meetingId);
      expect('client' in page).toBe(true);
      const client = (page as { client: Client }).client;
      const gone = new Promise<string>((resolve) => client.once('disconnect', resolve));
      const renewed = await kept.http<{ data: { token: string } }>('POST', '/api/admin/reissue', undefined, token);
      expect(renewed.status).toBe(200);
      expect(await gone).toBe('io server disconnect');
      expect((await kept.http('GET', '/api/meetings', undefined, token)).status).toBe(401);
      expect((await kept.http('GET', '/api/meetings', undefined, renewed.body.data.token)).status).toBe(200);
      expect(await kept.app.access.adminToken()).toBe(renewed.body.data.token);
    } finally {
      await kept.close();
      await kept.remove();
    }
  });
});

describe('connections per address', () => {
  it('are capped (configurable); another address is still served, and a closed one frees its place', async () => {
    const capped = await startServer(clock, undefined, { connectionsPerAddress: 2 });
    try {
      const m = await capped.createMeeting();
      const open = [(await capped.connect(m.projectorToken)).client, (await capped.connect(m.projectorToken)).client];
      const third = await tryConnect(capped.url, m.projectorToken);
      expect('refused' in third && third.refused.code).toBe('rate_limited');
      open[0]!.disconnect();
      const fourth = await (async () => {
        for (let i = 0; i < 50; i += 1) {
          const tried = await tryConnect(capped.url, m.projectorToken);
          if ('client' in tried) return tried.client;
          await new Promise((resolve) => setTimeout(resolve, 20));
        }
        return null;
      })();
      expect(fourth).not.toBeNull();
      fourth?.close();
    } finally {
      await capped.close();
      await capped.remove();
    }
  });
});
