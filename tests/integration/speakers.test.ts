import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type MeetingAccess, type MeetingChange, type Queue, readTimer, SPEAKER_THRESHOLDS, type Speech, vnInstant } from '@diemcau/shared';
import { changeAt, type Client, ManualClock, recordChanges, send, sendFloor, startServer, type TestServer } from './harness';

const MIN = 60_000;
let clock: ManualClock;
let server: TestServer;
let access: MeetingAccess;
let siteTokens: string[];

beforeEach(async () => {
  clock = new ManualClock(vnInstant('2023-11-24', '07:30'));
  server = await startServer(clock);
  access = await server.createMeeting();
  const sites = Array.from({ length: 12 }, (_, i) => ({ name: `Điểm cầu ${i + 1}` }));
  await server.http('POST', `/api/meetings/${access.meetingId}/sites/import`, { sites });
  const links = await server.http<{ data: { sites: { token: string }[] } }>('GET', `/api/meetings/${access.meetingId}/sites/access`);
  siteTokens = links.body.data.sites.map((s) => s.token);
});

afterEach(async () => {
  await server.close();
  await server.remove();
});

const requestId = (n: number) => `req-${String(n).padStart(6, '0')}`;
const ask = (client: Client, n: number, kind = 'comment') => send(client, 'queue:request', { requestId: requestId(n), kind, speaker: `Người nói ${n}` });

/** The queue as a client has it after applying every change it received. */
const queueOf = (initial: Queue, changes: MeetingChange[]): Queue => changes.reduce((q, c) => c.patch.queue ?? q, initial);

describe('speaker queue over the wire', () => {
  it('many sites asking at once land in one order on every screen; retries add nothing', async () => {
    const mc = await server.connect(access.mcToken);
    await send(mc.client, 'meeting:start', {});
    const projector = await server.connect(access.projectorToken);
    const seenByProjector = recordChanges(projector.client);
    const sites = await Promise.all(siteTokens.map((t) => server.connect(t)));
    const seenBySite = recordChanges(sites[0]!.client);

    const acks = await Promise.all(sites.map((s, i) => ask(s.client, i, i % 4 === 0 ? 'urgent' : 'comment')));
    expect(acks.every((a) => a.ok)).toBe(true);
    const retries = await Promise.all(sites.slice(0, 3).map((s, i) => ask(s.client, i)));
    expect(retries.map((r) => r.ok && r.data.rev)).toEqual(retries.map(() => 13)); // start + 12 requests; retries write nothing

    const stored = (await server.app.meetings.load(access.meetingId))!.state.queue;
    expect(stored.entries).toHaveLength(12);
    expect(stored.entries.slice(0, 3).every((e) => e.kind === 'urgent')).toBe(true);
    await changeAt(seenByProjector, 13);
    await changeAt(seenBySite, 13);
    expect(queueOf(projector.snapshot.view.queue, seenByProjector)).toEqual(stored);
    expect(queueOf(sites[0]!.snapshot.view.queue, seenBySite)).toEqual(stored);
  });

  it('the MC gives the floor; every screen sees the speaker and clock; the turn is kept in the history', async () => {
    const mc = (await server.connect(access.mcToken)).client;
    await send(mc, 'meeting:start', {});
    const site = (await server.connect(siteTokens[0]!)).client;
    const projector = (await server.connect(access.projectorToken)).client;
    const seen = recordChanges(projector);
    await ask(site, 1, 'question');
    clock.advance(MIN);
    expect(await sendFloor(mc, 'floor:give')).toMatchObject({ ok: true, data: { rev: 3 } });
    const floor = (await changeAt(seen, 3)).patch.queue!.floor!;
    expect(floor.entry).toMatchObject({ speaker: 'Người nói 1', kind: 'question', plannedMs: 2 * MIN });
    expect(readTimer(floor.timer, floor.entry.plannedMs, SPEAKER_THRESHOLDS, clock.now() + 100_000)).toMatchObject({ phase: 'danger', remainingMs: 20_000 });

    clock.advance(150_000);
    await sendFloor(mc, 'floor:end');
    const change = await changeAt(seen, 4);
    expect(change.patch.queue?.floor).toBeNull();
    expect(change.patch.speeches).toEqual([expect.objectContaining<Partial<Speech>>({ speaker: 'Người nói 1', elapsedMs: 150_000, plannedMs: 2 * MIN })]);
  });

  it('a speaker clock survives a restart', async () => {
    const mc = (await server.connect(access.mcToken)).client;
    await send(mc, 'meeting:start', {});
    await send(mc, 'queue:request', { requestId: requestId(1), kind: 'contribution', speaker: 'Phòng GDĐT Lục Nam' });
    await sendFloor(mc, 'floor:give');
    clock.advance(3 * MIN);
    server = await server.restart();
    clock.advance(MIN);
    const { snapshot } = await server.connect(access.projectorToken);
    const floor = snapshot.view.queue.floor!;
    expect(readTimer(floor.timer, floor.entry.plannedMs, SPEAKER_THRESHOLDS, snapshot.serverNow)).toMatchObject({ running: true, elapsedMs: 4 * MIN, remainingMs: 3 * MIN });
  });

  it('sites act only on their own requests; screens cannot run the queue; bad input changes nothing', async () => {
    const mc = (await server.connect(access.mcToken)).client;
    await send(mc, 'meeting:start', {});
    const a = (await server.connect(siteTokens[0]!)).client;
    const b = (await server.connect(siteTokens[1]!)).client;
    const projector = (await server.connect(access.projectorToken)).client;
    await ask(a, 1);
    const entryId = (await server.app.meetings.load(access.meetingId))!.state.queue.entries[0]!.id;
    const before = await server.app.meetings.load(access.meetingId);

    expect(await send(b, 'queue:withdraw', { entryId })).toMatchObject({ ok: false, code: 'forbidden', reason: 'not_own_entry' });
    for (const [client, event, payload] of [
      [b, 'floor:give', { current: null }],
      [b, 'queue:move', { entryId, toIndex: 0 }],
      [projector, 'queue:request', { requestId: requestId(9), kind: 'comment', speaker: 'x' }],
      [b, 'contributions:set', { itemId: 'x', contributions: [] }],
    ] as const) {
      expect(await send(client, event, payload)).toMatchObject({ ok: false, code: 'forbidden' });
    }
    for (const payload of [
      { requestId: requestId(2), kind: 'rant', speaker: 'x' },
      { requestId: requestId(2), kind: 'comment', speaker: '' },
      { requestId: requestId(2), kind: 'comment', speaker: 'x'.repeat(121) },
      { requestId: 'short', kind: 'comment', speaker: 'x' },
      { requestId: requestId(2), kind: 'comment', speaker: 'x', topic: 'y'.repeat(501) },
    ]) {
      expect(await send(b, 'queue:request', payload)).toMatchObject({ ok: false, code: 'invalid' });
    }
    expect(await sendFloor(mc, 'floor:end')).toMatchObject({ ok: false, reason: 'no_floor' });
    expect(await send(mc, 'floor:end', {})).toMatchObject({ ok: false, code: 'invalid' }); // the turn it meant is required
    expect(await send(a, 'queue:withdraw', { entryId: 'nope' })).toMatchObject({ ok: false, code: 'not_found' });
    expect(await server.app.meetings.load(access.meetingId)).toEqual(before);
    expect(await send(a, 'queue:withdraw', { entryId })).toMatchObject({ ok: true });
  });
});
