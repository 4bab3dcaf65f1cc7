import { performance } from 'node:perf_hooks';
import { type MeetingAccess, vnInstant } from '@diemcau/shared';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSandbox } from '../../server/src/sandbox/sandbox';
import { BOMBS, type Bomb } from '../support/bombs';
import { type Client, ManualClock, send, startServer, type TestServer } from './harness';

/**
 * Upload bombs made here (tests/support/bombs.ts), each sent while the MC of another meeting
 * keeps asking the server the time: each is refused with a message naming the limit it broke,
 * the other meeting is answered all along, and the server stays up.
 */

let server: TestServer;
let target: MeetingAccess;
let otherMc: Client;

beforeAll(async () => {
  server = await startServer(new ManualClock(vnInstant('2023-11-20', '09:00')));
  target = await server.createMeeting();
  otherMc = (await server.connect((await server.createMeeting()).mcToken)).client;
}, 60_000);

afterAll(async () => {
  await server.close();
  await server.remove();
});

async function upload(bomb: Bomb): Promise<string> {
  const route = bomb.kind === 'plan' ? '/api/plans/preview' : `/api/meetings/${target.meetingId}/sites/import/preview`;
  const res = await fetch(`${server.url}${route}?filename=${bomb.filename}`, {
    method: 'POST',
    headers: { 'content-type': 'application/octet-stream', authorization: `Bearer ${target.mcToken}` },
    body: new Uint8Array(bomb.bytes()),
  });
  expect(res.status).toBe(200);
  const body = (await res.json()) as { data: { ok?: boolean; message?: string; fileErrors?: string[] } };
  return bomb.kind === 'plan' ? (body.data.message ?? '') : (body.data.fileErrors ?? []).join(' ');
}

/** Round trips of the other meeting's MC, one after another, until `work` settles. */
async function whileAnswering<T>(work: Promise<T>): Promise<{ result: T; worstMs: number; pings: number }> {
  let settled = false;
  const done = work.finally(() => (settled = true));
  let worstMs = 0;
  let pings = 0;
  do {
    const started = performance.now();
    expect(typeof (await send(otherMc, 'clock:ping'))).toBe('number');
    worstMs = Math.max(worstMs, performance.now() - started);
    pings++;
    await new Promise((resolve) => setTimeout(resolve, 20));
  } while (!settled);
  return { result: await done, worstMs, pings };
}

describe('upload bombs', () => {
  it.each(BOMBS)('$name: refused naming its limit, another meeting answered meanwhile', { timeout: 120_000 }, async (bomb) => {
    const { result, worstMs } = await whileAnswering(upload(bomb));
    expect(result).toMatch(bomb.limit);
    // The bombs froze the server for minutes when read on its thread; the MC's clock stays live.
    expect(worstMs).toBeLessThan(2_000);
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
  });

  it('a file read past the memory limit stops its process, named; the next job gets a fresh one', { timeout: 60_000 }, async () => {
    const starved = createSandbox({ logger: pino({ level: 'silent' }), rssMb: 8 });
    const refused = await starved.run('plan:text', { text: 'KẾ HOẠCH' }, { lane: 'x' });
    expect(refused).toMatchObject({ ok: false, limit: 'memory', message: expect.stringMatching(/giới hạn bộ nhớ/) });
    await starved.close();
    const { result } = await whileAnswering(upload(BOMBS[0]!));
    expect(result).toMatch(BOMBS[0]!.limit);
  });
});
