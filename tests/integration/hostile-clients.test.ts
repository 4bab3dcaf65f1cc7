/**
 * Hostile and racing clients against the real server: two consoles pressing the same command
 * at once get one effect (each command carries what its console saw, as the client sends it);
 * after every race the process is up, another meeting is answered, and nothing changed that
 * should not have.
 */
import { type MeetingAccess, vnInstant } from '@diemcau/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, ManualClock, send, startServer, type TestServer } from './harness';
import { key } from './surface';

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

  it('moderating one question on both consoles applies once', async () => {
    const links = await server.http<{ data: { publicToken: string } }>('GET', `/api/meetings/${access.meetingId}/questions/access`);
    const posted = await server.http<{ data: { id: string } }>('POST', `/api/public/${links.body.data.publicToken}/questions`, { clientId: key(), senderKey: key(), text: 'Câu hỏi hai bàn cùng duyệt' }, null);
    expect(posted.status).toBe(201);
    const questionId = posted.body.data.id;
    const approvals = await race('question:moderate', () => ({ questionId, action: 'approve' }));
    expect(okCount(approvals)).toBe(1);
    const row = await server.db.selectFrom('questions').select(['status', 'visible']).where('id', '=', questionId).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ status: 'approved', visible: 1 });
  });
});
