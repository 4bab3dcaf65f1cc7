import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { type Ack, type ClientToServerEvents, CreateMeeting, type MeetingAccess, type MeetingChange, type MeetingSnapshot, type ServerToClientEvents } from '@diemcau/shared';
import { pino } from 'pino';
import { io as connectClient, type Socket } from 'socket.io-client';
import { inject } from 'vitest';
import { type AppDeps, createApp } from '../../server/src/app';
import { openDatabase } from '../../server/src/db/database';
import { bacGiangDemo } from '../../server/src/demo/demo';
import { TEMPLATE_DATABASE } from '../support/postgres-global-setup';
import { createDatabase } from '../support/postgres';

export type Client = Socket<ServerToClientEvents, ClientToServerEvents>;

export const ADMIN_TOKEN = 'test-admin-token-0123456789-abcdefghij';

/** A clock the test moves by hand, so a restart "an hour later" needs no waiting. */
export class ManualClock {
  constructor(public t: number) {}
  now = (): number => this.t;
  advance(ms: number): void {
    this.t += ms;
  }
}

/**
 * The PostgreSQL server this run tests on (the `integration-postgres` project), or undefined on
 * SQLite — and outside vitest (Playwright specs reuse this harness), where `inject` throws.
 */
export const postgresServer = ((): string | undefined => {
  try {
    return inject('postgresUrl');
  } catch {
    return undefined;
  }
})();
export const databaseKind = postgresServer ? 'postgres' : 'sqlite';

/**
 * The database of a temp folder: its SQLite file, or on PostgreSQL a fresh database (a copy of
 * the migrated template) whose URL the folder keeps, so a restart or a second server given
 * the same folder opens the same database.
 */
export async function testDatabaseUrl(dataDir: string): Promise<string | undefined> {
  if (!postgresServer) return undefined;
  const file = path.join(dataDir, 'database-url');
  if (existsSync(file)) return readFileSync(file, 'utf8');
  const url = await createDatabase(postgresServer, { template: TEMPLATE_DATABASE });
  writeFileSync(file, url);
  return url;
}

/** Settings for a server process on this run's database: a fresh PostgreSQL database, or none (SQLite in its DATA_DIR). */
export async function testDatabaseEnv(): Promise<Record<string, string>> {
  return postgresServer ? { DATABASE_URL: await createDatabase(postgresServer, { template: TEMPLATE_DATABASE }) } : {};
}

/** Opens the test database of a temp folder (see `testDatabaseUrl`). */
export async function openTestDatabase(dataDir: string) {
  return openDatabase(dataDir, await testDatabaseUrl(dataDir));
}

/**
 * Removes a temp folder. A PostgreSQL test database stays until the throw-away cluster is
 * removed whole after the run (dropping each would cost a tenth of a second per test).
 */
export async function removeTestData(dataDir: string): Promise<void> {
  rmSync(dataDir, { recursive: true, force: true });
}

/**
 * The real app on a free port with a real database: an SQLite file in a temp folder, or on
 * PostgreSQL a fresh database. `restart()` closes the server and the database and opens both
 * again on the same folder.
 */
export async function startServer(clock: ManualClock, dataDir = mkdtempSync(path.join(tmpdir(), 'diemcau-it-')), config: Partial<AppDeps['config']> = {}) {
  const logger = pino({ level: 'silent' });
  const db = await openTestDatabase(dataDir);
  const app = createApp({ db, clock, logger, config: { adminToken: ADMIN_TOKEN, clientDir: undefined, eventLimits: null, ...config } });
  await new Promise<void>((resolve) => app.httpServer.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(app.httpServer.address() as AddressInfo).port}`;
  const clients: Client[] = [];

  const server = {
    app,
    db,
    url,
    dataDir,
    /** Sends an HTTP request to the API; JSON in, JSON out. */
    async http<T = unknown>(method: string, route: string, body?: unknown, token: string | null = ADMIN_TOKEN) {
      const res = await fetch(`${url}${route}`, {
        method,
        headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
      });
      return { status: res.status, body: (await res.json()) as T & { ok: boolean; code?: string; message?: string } };
    },
    /** Creates a meeting through the API (the demo plan unless told otherwise) and returns its links. */
    async createMeeting(input: unknown = CreateMeeting.parse(bacGiangDemo('2023-11-24'))): Promise<MeetingAccess> {
      const { status, body } = await server.http<{ data: MeetingAccess }>('POST', '/api/meetings', input);
      if (status !== 201) throw new Error(`create failed: ${JSON.stringify(body)}`);
      return body.data;
    },
    /**
     * Connects a socket client; resolves with it and its first snapshot. `listen` attaches
     * listeners before the connection opens: what the server sends right after the snapshot
     * can arrive in the same turn.
     */
    async connect(token: string, listen: (client: Client) => void = () => undefined): Promise<{ client: Client; snapshot: MeetingSnapshot }> {
      const client: Client = connectClient(url, { auth: { token }, transports: ['websocket'], reconnection: false, forceNew: true });
      listen(client);
      clients.push(client);
      const snapshot = await new Promise<MeetingSnapshot>((resolve, reject) => {
        client.once('meeting:snapshot', resolve);
        client.once('connect_error', reject);
      });
      return { client, snapshot };
    },
    async close(): Promise<void> {
      for (const client of clients) client.disconnect();
      await app.close();
      await db.destroy();
    },
    async restart() {
      await server.close();
      return startServer(clock, dataDir, config);
    },
    remove(): Promise<void> {
      return removeTestData(dataDir);
    },
  };
  return server;
}

export type TestServer = Awaited<ReturnType<typeof startServer>>;

/** A device key the server issues for a public link: what the public page asks for once and keeps. */
export async function issueDeviceKey(url: string, publicToken: string): Promise<string> {
  const res = await fetch(`${url}/api/public/${publicToken}/device`, { method: 'POST' });
  const body = (await res.json()) as { ok: boolean; data?: { deviceKey: string }; message?: string };
  if (!body.ok || !body.data) throw new Error(`no device key: ${res.status} ${body.message}`);
  return body.data.deviceKey;
}

/** Sends a command and returns its ack. */
export function send(client: Client, event: string, ...args: unknown[]): Promise<Ack<any>> {
  return (client.timeout(5000) as unknown as { emitWithAck: (e: string, ...a: unknown[]) => Promise<Ack<any>> }).emitWithAck(event, ...args);
}

/**
 * Sends a floor command as a console does: with the floor it sees (`current` for "give", the
 * turn's `entryId` for the others), read from the meeting as the server has it now.
 */
export async function sendFloor(client: Client, event: string, payload: object = {}): Promise<Ack<any>> {
  const synced = await send(client, 'meeting:sync');
  const floorId: string | null = synced.ok ? (synced.data.view.queue?.floor?.entry.id ?? null) : null;
  return send(client, event, event === 'floor:give' ? { current: floorId, ...payload } : { entryId: floorId ?? 'no-floor', ...payload });
}

/** The next `meeting:changed` a client receives. */
export function nextChange(client: Client): Promise<MeetingChange> {
  return new Promise((resolve) => client.once('meeting:changed', resolve));
}

/** Collects every `meeting:changed` a client receives, in order. */
export function recordChanges(client: Client): MeetingChange[] {
  const seen: MeetingChange[] = [];
  client.on('meeting:changed', (change) => seen.push(change));
  return seen;
}

/** The change with revision `rev` among those recorded, once it has arrived. */
export async function changeAt(seen: MeetingChange[], rev: number): Promise<MeetingChange> {
  for (let i = 0; i < 500; i += 1) {
    const found = seen.find((c) => c.rev === rev);
    if (found) return found;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error(`no change with revision ${rev} arrived (saw ${seen.map((c) => c.rev).join(', ') || 'none'})`);
}

/**
 * Polls until `check` returns a value (coalesced broadcasts arrive in batches a few times a
 * second); fails naming `what` when it never does.
 */
export async function until<T>(check: () => T | undefined | false, what: string): Promise<T> {
  for (let i = 0; i < 300; i += 1) {
    const value = check();
    if (value !== undefined && value !== false) return value;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`never happened: ${what}`);
}

/** For a test that reads or builds a file in the upload sandbox: its processes run below the server's priority, so they are slow on a loaded machine. */
export const SANDBOX_TEST_TIMEOUT_MS = 60_000;
