import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { type Ack, type ClientToServerEvents, CreateMeeting, type MeetingAccess, type ServerToClientEvents, type SiteRow } from '@diemcau/shared';
import { io as connectClient, type Socket } from 'socket.io-client';
import { afterAll, expect, it } from 'vitest';
import { openDatabase } from '../../server/src/db/database';
import { bacGiangDemo } from '../../server/src/demo/demo';
import { freePort, type SpawnedServer, spawnServer } from '../e2e/server-process';
import { issueDeviceKey } from './harness';

/**
 * A crash in the middle of a storm: sites and phones submit questions, check in, change
 * their headcount and ask to speak at full speed (one request in flight per client, as a
 * page does); the server process gets SIGKILL; it restarts on the same data folder and port.
 * Every write the server acknowledged must be in the database; every client retries what
 * had no answer (and some that had) under the same client id, and no retry adds a second
 * row; every client ends on the server's revision.
 */

type Client = Socket<ServerToClientEvents, ClientToServerEvents>;
type Op =
  | { kind: 'question'; clientId: string; text: string }
  | { kind: 'checkIn'; representative: string; headcount: number }
  | { kind: 'headcount'; headcount: number }
  | { kind: 'speak'; requestId: string; speaker: string };
type Acked = { op: Op; data: unknown };

const SITES = 16;
const PHONES = 8;
/** The kill comes once this many writes are acknowledged (the storm is well under way). */
const ACKS_BEFORE_KILL = 400;
/** Writes each client makes after the restart, before the checks. */
const OPS_AFTER_RESTART = 6;

const ADMIN = `crash-${randomBytes(24).toString('hex')}`;
const dataDir = mkdtempSync(path.join(tmpdir(), 'diemcau-crash-'));
// no rate limits: the storm is the point; no client folder: the API alone
const env = { DEMO: 'false', QUESTION_LIMIT_PER_ADDRESS: '0', QUESTION_LIMIT_PER_SENDER: '0', CLIENT_DIR: '' };
let server: SpawnedServer | null = null;

afterAll(async () => {
  await server?.kill('SIGKILL');
  rmSync(dataDir, { recursive: true, force: true });
});

const key = () => randomBytes(12).toString('base64url');
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function api<T>(url: string, method: string, route: string, body?: unknown): Promise<T> {
  const res = await fetch(`${url}${route}`, {
    method,
    headers: { authorization: `Bearer ${ADMIN}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const json = (await res.json()) as { ok: boolean; data: T; message?: string };
  if (!json.ok) throw new Error(`${method} ${route}: ${json.message}`);
  return json.data;
}

/**
 * One page's connection: reconnects on its own, follows the meeting's revision (snapshot,
 * then changes in order; a gap asks for a snapshot) and its own site row's version.
 */
function pageClient(url: string, token: string) {
  const socket: Client = connectClient(url, { auth: { token }, transports: ['websocket'], reconnectionDelay: 100, reconnectionDelayMax: 400, forceNew: true });
  const state = { rev: -1, siteVersion: -1, snapshots: 0 };
  const sync = async () => {
    const res = await socket.timeout(5000).emitWithAck('meeting:sync').catch(() => null);
    if (res?.ok) state.rev = Math.max(state.rev, res.data.rev);
  };
  socket.on('meeting:snapshot', (s) => {
    state.rev = s.rev;
    state.snapshots += 1;
  });
  socket.on('meeting:changed', (c) => {
    if (c.rev === state.rev + 1) state.rev = c.rev;
    else if (c.rev > state.rev + 1) void sync();
  });
  socket.on('site:changed', ({ site }) => (state.siteVersion = Math.max(state.siteVersion, site.version)));
  return { socket, state };
}

type Writer = {
  name: string;
  /** A phone's device key, issued by the server. */
  deviceKey?: string;
  socket: Client;
  state: { rev: number; siteVersion: number; snapshots: number };
  acked: Acked[];
  /** Sent but not answered (timeout, connection lost): retried with the same ids. */
  pending: Op | null;
  next: () => Op;
  stopped: boolean;
};

/** Sends one write and waits for its answer; null when none came (the caller retries it). */
async function send(writer: Writer, op: Op): Promise<Ack<unknown> | null> {
  const s = writer.socket.timeout(3000) as unknown as { emitWithAck: (e: string, p: unknown) => Promise<Ack<unknown>> };
  try {
    if (op.kind === 'question') return await s.emitWithAck('question:submit', { clientId: op.clientId, text: op.text, ...(writer.deviceKey ? { senderKey: writer.deviceKey } : {}) });
    if (op.kind === 'checkIn') return await s.emitWithAck('site:checkIn', { representative: op.representative, headcount: op.headcount });
    if (op.kind === 'headcount') return await s.emitWithAck('site:headcount', { headcount: op.headcount });
    return await s.emitWithAck('queue:request', { requestId: op.requestId, kind: 'comment', speaker: op.speaker, speakerTitle: '', topic: '', siteId: null });
  } catch {
    return null; // no answer in time (the server is down): kept as pending
  }
}

/** Runs a writer until `stop()`: its pending write first, then new ones, one at a time. */
async function run(writer: Writer, budget: { left: number } | null): Promise<void> {
  while (!writer.stopped) {
    if (!writer.socket.connected) {
      await sleep(20);
      continue;
    }
    const op = writer.pending ?? (budget && budget.left-- <= 0 ? null : writer.next());
    if (!op) return;
    writer.pending = op;
    const res = await send(writer, op);
    if (res === null) continue;
    if (!res.ok && res.code === 'rate_limited') {
      await sleep(200);
      continue;
    }
    if (!res.ok) throw new Error(`${writer.name}: ${op.kind} refused: ${res.code} ${res.message}`);
    writer.acked.push({ op, data: res.data });
    writer.pending = null;
  }
}

it(
  'after SIGKILL mid-storm and a restart: every acknowledged write is stored, retries add nothing, every client is on the server revision',
  async () => {
    const t0 = Date.now();
    const mark = (what: string) => console.log(`${what} at ${Date.now() - t0} ms`);
    const port = await freePort();
    server = await spawnServer({ port, dataDir, adminToken: ADMIN, env });
    const url = server.url;
    const access = await api<MeetingAccess>(url, 'POST', '/api/meetings', CreateMeeting.parse(bacGiangDemo('2023-11-24')));
    await api(url, 'POST', `/api/meetings/${access.meetingId}/sites/import`, { sites: Array.from({ length: SITES }, (_, i) => ({ name: `Điểm cầu số ${i + 1}` })) });
    const siteTokens = (await api<{ sites: { token: string }[] }>(url, 'GET', `/api/meetings/${access.meetingId}/sites/access`)).sites.map((s) => s.token);
    const { publicToken } = await api<{ publicToken: string }>(url, 'GET', `/api/meetings/${access.meetingId}/questions/access`);

    const writers: Writer[] = [];
    siteTokens.forEach((token, i) => {
      let n = 0;
      const page = pageClient(url, token);
      writers.push({
        name: `site${i}`,
        ...page,
        acked: [],
        pending: null,
        stopped: false,
        next: () => {
          n += 1;
          // check in first; then questions, headcount changes, a request to speak now and then
          if (n === 1 || n % 5 === 0) return { kind: 'checkIn', representative: `Đại diện ${i}.${n}`, headcount: n };
          if (n % 7 === 0) return { kind: 'speak', requestId: key(), speaker: `Người phát biểu ${i}.${n}` };
          if (n % 2 === 0) return { kind: 'headcount', headcount: 100 + n };
          return { kind: 'question', clientId: key(), text: `Câu hỏi ${n} của điểm cầu ${i}` };
        },
      });
    });
    for (let i = 0; i < PHONES; i += 1) {
      let n = 0;
      writers.push({
        name: `phone${i}`,
        deviceKey: await issueDeviceKey(url, publicToken),
        ...pageClient(url, publicToken),
        acked: [],
        pending: null,
        stopped: false,
        next: () => ({ kind: 'question', clientId: key(), text: `Câu hỏi ${(n += 1)} từ điện thoại ${i}` }),
      });
    }
    await Promise.all(writers.map((w) => new Promise((resolve) => (w.socket.connected ? resolve(null) : w.socket.once('connect', () => resolve(null))))));

    // the storm, and the crash in the middle of it
    const loops = writers.map((w) => run(w, null));
    const ackCount = () => writers.reduce((sum, w) => sum + w.acked.length, 0);
    while (ackCount() < ACKS_BEFORE_KILL) await sleep(5);
    mark('storm');
    await server.kill('SIGKILL');
    const ackedBeforeKill = ackCount();
    const inFlightAtKill = writers.flatMap((w) => (w.pending ? [w.pending] : []));

    // same port, same data: the clients reconnect by themselves and retry what had no answer
    server = await spawnServer({ port, dataDir, adminToken: ADMIN, env });
    mark('restarted');
    // some writes whose answer did arrive are sent again too, as a page does after a reload
    const replays = writers.flatMap((w) => w.acked.filter((a) => a.op.kind === 'question' || a.op.kind === 'speak').slice(-2).map((a) => ({ w, a })));
    for (const w of writers) w.stopped = true;
    await Promise.all(loops);
    mark('loops stopped');
    for (const w of writers) w.stopped = false;
    await Promise.all(writers.map((w) => run(w, { left: OPS_AFTER_RESTART })));
    // what was in flight at the kill was retried until answered
    const answered = new Set(writers.flatMap((w) => w.acked.map((a) => a.op)));
    expect(inFlightAtKill.filter((op) => !answered.has(op))).toEqual([]);
    for (const { w, a } of replays) {
      const res = await send(w, a.op);
      expect(res?.ok, `${w.name} replay of an acknowledged ${a.op.kind}`).toBe(true);
      if (a.op.kind === 'question') expect((res as { data: { id: string } }).data.id).toBe((a.data as { id: string }).id);
    }

    mark('replayed');
    // every client comes to the server's revision: a fresh connection reads it
    const fresh = pageClient(url, access.mcToken);
    await new Promise((resolve) => fresh.socket.once('meeting:snapshot', resolve));
    const serverRev = fresh.state.rev;
    for (let i = 0; i < 200 && writers.some((w) => w.state.rev !== serverRev); i += 1) await sleep(20);
    const behind = writers.filter((w) => w.state.rev !== serverRev).map((w) => `${w.name} at ${w.state.rev}`);
    expect(behind, `clients not on the server's revision ${serverRev}`).toEqual([]);
    expect(writers.every((w) => w.state.snapshots >= 2), 'every client had a new snapshot after the restart').toBe(true);
    // and every site's page holds its row's stored version
    const attendance = await fresh.socket.timeout(5000).emitWithAck('attendance:sync', {});
    if (!attendance.ok) throw new Error(attendance.message);
    const storedVersion = new Map(attendance.data.sites.map((s: SiteRow) => [s.id, s.version]));
    for (const w of writers.filter((x) => x.name.startsWith('site'))) {
      const siteId = (w.acked.find((a) => a.op.kind === 'checkIn')!.data as SiteRow).id;
      expect(w.state.siteVersion, `${w.name} page's site version`).toBe(storedVersion.get(siteId));
    }
    fresh.socket.disconnect();
    for (const w of writers) w.socket.disconnect();

    mark('revisions');
    // stop cleanly and read the database file itself
    await server.kill('SIGTERM');
    server = null;
    const db = await openDatabase(dataDir);
    try {
      const questions = await db.selectFrom('questions').select(['id', 'client_id', 'site_id', 'text']).where('meeting_id', '=', access.meetingId).execute();
      const byClient = new Map(questions.map((q) => [q.client_id, q]));
      const meeting = await db.selectFrom('meetings').select(['rev', 'state']).where('id', '=', access.meetingId).executeTakeFirstOrThrow();
      const meetingState = JSON.parse(meeting.state) as { queue: { entries: { requestId: string }[] } };
      const requestIds = meetingState.queue.entries.map((e) => e.requestId);
      const sites = new Map((await db.selectFrom('sites').select(['id', 'headcount', 'representative', 'version']).where('meeting_id', '=', access.meetingId).execute()).map((s) => [s.id, s]));

      const all = writers.flatMap((w) => w.acked.map((a) => ({ w, ...a })));
      const ackedQuestions = all.filter((a) => a.op.kind === 'question');
      const ackedRequests = all.filter((a) => a.op.kind === 'speak');
      // every acknowledged question is stored, as acknowledged, once
      for (const a of ackedQuestions) {
        const op = a.op as Extract<Op, { kind: 'question' }>;
        const row = byClient.get(op.clientId);
        expect(row, `acknowledged question ${op.clientId} of ${a.w.name}`).toBeDefined();
        expect(row!.id).toBe((a.data as { id: string }).id);
        expect(row!.text).toBe(op.text);
      }
      expect(questions.length, 'no question stored twice, none unacknowledged').toBe(new Set(ackedQuestions.map((a) => (a.op as { clientId: string }).clientId)).size);
      expect(byClient.size).toBe(questions.length);
      // every acknowledged request to speak is in the queue once; the revision is at least the last acknowledged
      for (const a of ackedRequests) expect(requestIds.filter((id) => id === (a.op as { requestId: string }).requestId), `request ${a.w.name}`).toHaveLength(1);
      expect(requestIds).toHaveLength(new Set(requestIds).size);
      expect(meeting.rev).toBe(serverRev);
      expect(meeting.rev).toBeGreaterThanOrEqual(Math.max(...ackedRequests.map((a) => (a.data as { rev: number }).rev)));
      // each site holds its last acknowledged report; its page saw the stored version
      for (const w of writers.filter((x) => x.name.startsWith('site'))) {
        const reports = w.acked.filter((a) => a.op.kind === 'checkIn' || a.op.kind === 'headcount');
        const last = reports.at(-1)!;
        const row = sites.get((last.data as SiteRow).id)!;
        expect(row.headcount, `${w.name} headcount`).toBe((last.op as { headcount: number }).headcount);
        expect(row.version, `${w.name} version`).toBeGreaterThanOrEqual((last.data as SiteRow).version);
        const checkIns = reports.filter((a) => a.op.kind === 'checkIn');
        expect(row.representative).toBe((checkIns.at(-1)!.op as { representative: string }).representative);
      }

      const count = (kind: Op['kind']) => all.filter((a) => a.op.kind === kind).length;
      console.log(
        `crash test: ${ackedBeforeKill} writes acknowledged before SIGKILL (${inFlightAtKill.length} of ${writers.length} clients had one in flight), ` +
          `${all.length} acknowledged in all (questions ${count('question')}, check-ins ${count('checkIn')}, headcounts ${count('headcount')}, requests to speak ${count('speak')}); ` +
          `all ${all.length} found in the database; ${inFlightAtKill.length} in-flight writes retried after the restart and ${replays.length} acknowledged ones replayed: 0 duplicates; ` +
          `${writers.length} clients on revision ${serverRev}`,
      );
    } finally {
      await db.destroy();
    }
  },
  120_000,
);
