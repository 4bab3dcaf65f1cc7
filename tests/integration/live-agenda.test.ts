import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type MeetingAccess, type MeetingState, readTimer, type ScreenView, vnInstant } from '@diemcau/shared';
import { changeAt, type Client, ManualClock, nextChange, recordChanges, send, startServer, type TestServer } from './harness';

const MIN = 60_000;
const T0 = vnInstant('2023-11-24', '07:30');

let clock: ManualClock;
let server: TestServer;
let access: MeetingAccess;

beforeEach(async () => {
  clock = new ManualClock(T0);
  server = await startServer(clock);
  access = await server.createMeeting();
});

afterEach(async () => {
  await server.close();
  await server.remove();
});

/** An MC and a projector connected to the meeting; `seen` records every change the projector receives. */
async function mcAndProjector() {
  const mc = await server.connect(access.mcToken);
  const projector = await server.connect(access.projectorToken);
  const seen = recordChanges(projector.client);
  return { mc: mc.client, projector: projector.client, seen, mcSnapshot: mc.snapshot, projectorSnapshot: projector.snapshot };
}

/**
 * Asserts that nothing was broadcast after revision `revBefore`: a harmless probe command
 * must produce the next revision, and be the only change the other screen receives after it.
 */
async function expectNothingBroadcast(mc: Client, seen: { rev: number }[], revBefore: number): Promise<void> {
  const probe = await send(mc, 'message:update', { text: `probe ${revBefore}` });
  expect(probe).toMatchObject({ ok: true, data: { rev: revBefore + 1 } });
  await expect.poll(() => seen.some((c) => c.rev > revBefore)).toBe(true);
  expect(seen.filter((c) => c.rev > revBefore).map((c) => c.rev)).toEqual([revBefore + 1]);
}

describe('connecting', () => {
  it('the MC gets the full meeting; the projector a screen view', async () => {
    const { mcSnapshot, projectorSnapshot } = await mcAndProjector();
    expect(mcSnapshot).toMatchObject({ meetingId: access.meetingId, rev: 0, role: 'mc', serverNow: T0 });
    expect(projectorSnapshot.role).toBe('projector');
    const control = mcSnapshot.view as MeetingState;
    const screen = projectorSnapshot.view as ScreenView;
    expect(control.agenda).toHaveLength(6);
    expect(control.agenda[1]!.notes).toContain('Mục 2');
    expect(screen.agenda[1]).not.toHaveProperty('notes');
    expect(screen.details.title).toBe(control.details.title);
  });

  it('refuses a missing, wrong or foreign token', async () => {
    await expect(server.connect('')).rejects.toMatchObject({ data: { code: 'unauthorized' } });
    await expect(server.connect(`${access.mcToken.slice(0, -4)}AAAA`)).rejects.toMatchObject({ data: { code: 'unauthorized' } });
    await expect(server.connect('x'.repeat(5000))).rejects.toMatchObject({ data: { code: 'unauthorized' } });
  });

  it('answers clock pings with the server time', async () => {
    const { projector } = await mcAndProjector();
    clock.advance(1234);
    await expect(projector.timeout(2000).emitWithAck('clock:ping', 1)).resolves.toBe(T0 + 1234);
  });
});

describe('commands', () => {
  it('the MC command is acked and every other screen receives it with the next revision', async () => {
    const { mc, projector } = await mcAndProjector();
    const second = (await server.connect(access.projectorToken)).client;
    const seenByProjector = nextChange(projector);
    const seenBySecond = nextChange(second);
    const seenByMc = nextChange(mc);

    const ack = await send(mc, 'meeting:start', { rev: 0 });
    expect(ack).toEqual({ ok: true, data: { rev: 1 } });

    for (const change of await Promise.all([seenByProjector, seenBySecond, seenByMc])) {
      expect(change.rev).toBe(1);
      expect(change.patch.live).toMatchObject({ status: 'live', startedAt: T0, timer: { startedAt: T0, elapsedBeforeMs: 0 } });
    }
    clock.advance(3 * MIN);
    const next = nextChange(projector);
    await send(mc, 'agenda:next', { rev: 1 });
    const change = await next;
    expect(change.rev).toBe(2);
    expect(Object.keys(change.patch).sort()).toEqual(['actuals', 'live']);
    expect(change.patch.actuals?.[(await server.app.meetings.load(access.meetingId))!.state.agenda[0]!.id]).toMatchObject({ elapsedMs: 3 * MIN });
  });

  it('pause, add time and message reach the projector', async () => {
    const { mc, seen } = await mcAndProjector();
    await send(mc, 'meeting:start', {});
    clock.advance(2 * MIN);
    await send(mc, 'timer:pause', {});
    expect((await changeAt(seen, 2)).patch.live?.timer).toMatchObject({ startedAt: null, elapsedBeforeMs: 2 * MIN });

    await send(mc, 'timer:adjust', { deltaMs: MIN });
    const timer = (await changeAt(seen, 3)).patch.live!.timer!;
    // Paused at 2 of 5 minutes with one added: 4 minutes left, however late the screen reads it.
    expect(readTimer(timer, 5 * MIN, { warningMs: 2 * MIN, dangerMs: 30_000 }, clock.now() + 10 * MIN).remainingMs).toBe(4 * MIN);

    await send(mc, 'message:update', { text: 'Xin mời đồng chí kết luận' });
    expect((await changeAt(seen, 4)).patch.message).toEqual({ text: '', visible: false, flashAt: null });
    await send(mc, 'message:flash', {});
    expect((await changeAt(seen, 5)).patch.message).toEqual({ text: 'Xin mời đồng chí kết luận', visible: true, flashAt: clock.now() });
  });

  it('two MCs pressing next on the same revision advance once', async () => {
    const { mc, seen } = await mcAndProjector();
    const mc2 = (await server.connect(access.mcToken)).client;
    await send(mc, 'meeting:start', {});
    const [a, b] = await Promise.all([send(mc, 'agenda:next', { rev: 1 }), send(mc2, 'agenda:next', { rev: 1 })]);
    expect([a.ok, b.ok].sort()).toEqual([false, true]);
    expect([a, b].find((r) => !r.ok)).toMatchObject({ code: 'conflict', reason: 'stale_rev' });
    await expectNothingBroadcast(mc, seen, 2);
    expect(seen.map((c) => c.rev)).toEqual([1, 2, 3]);
    expect((await server.app.meetings.load(access.meetingId))?.state.live.timer?.itemId).toBe(
      (await server.app.meetings.load(access.meetingId))?.state.agenda[1]!.id,
    );
  });
});

describe('bad input changes and broadcasts nothing', () => {
  const bad: { name: string; event: string; payload: unknown; code: string }[] = [
    { name: 'payload of the wrong type', event: 'agenda:next', payload: 'next!', code: 'invalid' },
    { name: 'unknown item', event: 'agenda:goto', payload: { itemId: 'nope' }, code: 'not_found' },
    { name: 'malformed item id', event: 'agenda:goto', payload: { itemId: '../../etc' }, code: 'invalid' },
    { name: 'stale revision', event: 'agenda:next', payload: { rev: 0 }, code: 'conflict' },
    { name: 'oversized title', event: 'agenda:update', payload: { itemId: 'x', item: { title: 'a'.repeat(301) } }, code: 'invalid' },
    { name: 'absurd time', event: 'timer:adjust', payload: { deltaMs: 1e12 }, code: 'invalid' },
    { name: 'non-integer time', event: 'timer:adjust', payload: { deltaMs: 1.5 }, code: 'invalid' },
    { name: 'empty title', event: 'agenda:add', payload: { item: { title: '   ' } }, code: 'invalid' },
    { name: 'bad start time', event: 'meeting:update', payload: { details: { startTime: '25:00' } }, code: 'invalid' },
    { name: 'prototype keys', event: 'meeting:update', payload: JSON.parse('{"details":{"__proto__":{"polluted":1}}}'), code: 'ok' },
    { name: 'unknown event', event: 'agenda:explode', payload: {}, code: 'invalid' },
  ];

  it.each(bad)('$name → $code', async ({ event, payload, code }) => {
    const { mc, seen } = await mcAndProjector();
    await send(mc, 'meeting:start', {});
    await send(mc, 'agenda:next', {});
    const before = await server.app.meetings.load(access.meetingId);

    const ack = await send(mc, event, payload);
    if (code === 'ok') {
      // Unknown keys are dropped: nothing to change, but the command is a valid no-op update.
      expect(ack.ok).toBe(true);
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      return;
    }
    expect(ack).toMatchObject({ ok: false, code });
    expect(ack.ok === false && ack.message.length).toBeGreaterThan(10);
    const after = await server.app.meetings.load(access.meetingId);
    expect(after).toEqual(before);
    await expectNothingBroadcast(mc, seen, before!.rev);
  });

  it('the projector cannot change the meeting', async () => {
    const { mc, projector, seen } = await mcAndProjector();
    for (const event of ['meeting:start', 'agenda:next', 'timer:pause', 'message:update', 'meeting:update']) {
      expect(await send(projector, event, { text: 'x', details: { title: 'x' } })).toMatchObject({ ok: false, code: 'forbidden' });
    }
    expect(await send(projector, 'meeting:access')).toMatchObject({ ok: false, code: 'forbidden' });
    await expectNothingBroadcast(mc, seen, 0);
  });

  it('a command without an acknowledgement is ignored, the process stays up', async () => {
    const { mc, seen } = await mcAndProjector();
    const raw = mc as unknown as { emit: (event: string, ...args: unknown[]) => void };
    raw.emit('meeting:start', {});
    raw.emit('agenda:next');
    await expectNothingBroadcast(mc, seen, 0);
  });
});

describe('restart', () => {
  it('keeps the meeting and its running clock', async () => {
    const { mc } = await mcAndProjector();
    await send(mc, 'meeting:start', {});
    clock.advance(2 * MIN);
    await send(mc, 'agenda:next', {});
    clock.advance(4 * MIN);
    await send(mc, 'timer:adjust', { deltaMs: 5 * MIN });

    server = await server.restart();
    clock.advance(60 * MIN); // the server was down a while; the item kept running

    const { snapshot } = await server.connect(access.projectorToken);
    const view = snapshot.view as ScreenView;
    expect(snapshot.rev).toBe(3);
    const current = view.agenda[1]!;
    expect(view.live.timer?.itemId).toBe(current.id);
    const reading = readTimer(view.live.timer!, current.plannedDurationMs, current, snapshot.serverNow);
    expect(reading).toMatchObject({ running: true, elapsedMs: 64 * MIN, remainingMs: 10 * MIN + 5 * MIN - 64 * MIN, phase: 'overtime' });

    const mc2 = (await server.connect(access.mcToken)).client;
    expect(await send(mc2, 'agenda:next', { rev: 3 })).toEqual({ ok: true, data: { rev: 4 } });
  });
});

describe('access', () => {
  it('gives the MC its links and PIN', async () => {
    const { mc } = await mcAndProjector();
    expect(await send(mc, 'meeting:access')).toEqual({ ok: true, data: access });
  });

  it('deleting a meeting tells its screens and disconnects them', async () => {
    const { projector } = await mcAndProjector();
    const deleted = new Promise((resolve) => projector.once('meeting:deleted', resolve));
    const disconnected = new Promise((resolve) => projector.once('disconnect', resolve));
    expect((await server.http('DELETE', `/api/meetings/${access.meetingId}`)).status).toBe(200);
    await expect(deleted).resolves.toEqual({ meetingId: access.meetingId });
    await disconnected;
    await expect(server.connect(access.mcToken)).rejects.toMatchObject({ data: { code: 'unauthorized' } });
  });
});
