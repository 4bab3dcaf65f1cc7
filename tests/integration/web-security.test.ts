import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { CreateMeeting, type MeetingAccess, type QuestionsAccess, vnInstant } from '@diemcau/shared';
import { AccessToken } from 'livekit-server-sdk';
import { pino } from 'pino';
import { io as connectClient } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../server/src/app';
import { openDatabase } from '../../server/src/db/database';
import { bacGiangDemo } from '../../server/src/demo/demo';
import { BODY_LIMITS } from '../../server/src/http/body';
import { LOG_REDACT } from '../../server/src/http/request-log';
import { sameSecret } from '../../server/src/lib/ids';
import { ADMIN_TOKEN, issueDeviceKey, ManualClock } from './harness';
import { answeredBeforeBody } from './raw-socket';

/**
 * The web surface: security headers with a real Content-Security-Policy, the data folder
 * never served, and tokens kept out of the log. The server runs with the production logger's
 * redaction at `trace` level, its built client folder next to its data folder (as in a
 * checkout: client/dist and data/), and a LiveKit URL.
 */

const LIVEKIT_URL = 'wss://video.sogd.example.vn';
let root: string;
let url: string;
let close: () => Promise<void>;
let log = '';
let access: MeetingAccess;
let links: QuestionsAccess;
let site: { token: string; pin: string };

/** A raw GET: the path is sent as written (fetch would resolve `..` and escapes first). */
function rawGet(rawPath: string): Promise<{ status: number; body: string }> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const req = request({ host: hostname, port, path: rawPath, method: 'GET' }, (res) => {
      let body = '';
      res.setEncoding('latin1');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

const http = async (method: string, route: string, body?: unknown, token: string | null = ADMIN_TOKEN) => {
  const res = await fetch(`${url}${route}`, {
    method,
    headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, headers: res.headers, body: (await res.json()) as any };
};

beforeAll(async () => {
  root = mkdtempSync(path.join(tmpdir(), 'diemcau-websec-'));
  const clientDir = path.join(root, 'client');
  mkdirSync(path.join(clientDir, 'assets'), { recursive: true });
  writeFileSync(path.join(clientDir, 'index.html'), '<!doctype html><title>diemcau</title><div id="root"></div>');
  writeFileSync(path.join(clientDir, 'assets', 'app.js'), 'console.log(1)');
  const dataDir = path.join(root, 'data');
  const db = await openDatabase(dataDir);
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      log += chunk.toString();
      done();
    },
  });
  const logger = pino({ level: 'trace', redact: LOG_REDACT }, sink);
  const clock = new ManualClock(vnInstant('2023-11-24', '07:30'));
  const app = createApp({
    db,
    clock,
    logger,
    config: { adminToken: ADMIN_TOKEN, clientDir, liveKit: { url: LIVEKIT_URL, apiUrl: 'https://video.sogd.example.vn', apiKey: 'key', apiSecret: 'secret-secret-secret-secret-secret' } },
  });
  await new Promise<void>((resolve) => app.httpServer.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(app.httpServer.address() as AddressInfo).port}`;
  close = async () => {
    await app.close();
    await db.destroy();
  };

  access = (await http('POST', '/api/meetings', CreateMeeting.parse(bacGiangDemo('2023-11-24')))).body.data;
  await http('POST', `/api/meetings/${access.meetingId}/sites/import`, { sites: [{ name: 'Phòng GDĐT Lục Nam' }] });
  site = (await http('GET', `/api/meetings/${access.meetingId}/sites/access`)).body.data.sites[0];
  links = (await http('GET', `/api/meetings/${access.meetingId}/questions/access`)).body.data;
});

afterAll(async () => {
  await close();
  rmSync(root, { recursive: true, force: true });
});

describe('security headers', () => {
  it('every page and API answer carries a Content-Security-Policy that allows only this server, its socket and LiveKit', async () => {
    for (const route of ['/', `/mc/${access.mcToken}`, `/q/${links.publicToken}`, '/healthz', '/api/nothing']) {
      const res = await fetch(`${url}${route}`);
      const csp = res.headers.get('content-security-policy') ?? '';
      const directives = new Map(csp.split(';').map((d) => d.trim().split(/\s+/)).map(([name, ...values]) => [name!, values]));
      expect(directives.get('default-src')).toEqual(["'self'"]);
      // no inline or evaluated script: an injected <script> or onerror= does not run
      expect(directives.get('script-src')).toEqual(["'self'"]);
      expect(directives.get('script-src-attr')).toEqual(["'none'"]);
      expect(directives.get('object-src')).toEqual(["'none'"]);
      expect(directives.get('connect-src')).toEqual(["'self'", `ws://${new URL(url).host}`, `wss://${new URL(url).host}`, LIVEKIT_URL, 'https://video.sogd.example.vn']);
      expect(directives.get('worker-src')).toEqual(["'self'"]);
      expect(directives.get('img-src')).toEqual(["'self'", 'data:', 'blob:']);
      expect(directives.has('upgrade-insecure-requests')).toBe(false);
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('referrer-policy')).toBe('no-referrer');
      expect(res.headers.get('x-frame-options')).toBe('SAMEORIGIN');
      expect(res.headers.get('x-powered-by')).toBeNull();
    }
  });

  it('a Host header that is not a plain host name does not reach the policy', async () => {
    const res = await new Promise<string>((resolve, reject) => {
      const { hostname, port } = new URL(url);
      const req = request({ host: hostname, port, path: '/', headers: { host: "evil.example; script-src 'unsafe-inline'" } }, (r) => {
        r.resume();
        resolve(String(r.headers['content-security-policy']));
      });
      req.on('error', reject);
      req.end();
    });
    expect(res).not.toContain('evil');
    expect(res).toContain("script-src 'self';");
  });
});

describe("LiveKit's webhook: its signature before its body", () => {
  it('an unsigned or forged webhook is refused before its body is read; a signed one over its limit gets 413', async () => {
    for (const authorization of [undefined, access.mcToken, await new AccessToken('key', 'another-secret-another-secret-xx').toJwt()]) {
      const answer = await answeredBeforeBody(url, 'POST', '/api/livekit/webhook', { 'content-type': 'application/webhook+json', ...(authorization ? { authorization } : {}) }, 2 * 1024 * 1024);
      expect(answer.status).toBe(401);
    }
    const signed = await new AccessToken('key', 'secret-secret-secret-secret-secret').toJwt();
    const tooBig = await answeredBeforeBody(url, 'POST', '/api/livekit/webhook', { 'content-type': 'application/webhook+json', authorization: signed }, BODY_LIMITS.webhook + 1);
    expect(tooBig.status).toBe(413);
    // A signed token whose body hash does not match what was sent is still refused.
    const res = await fetch(`${url}/api/livekit/webhook`, { method: 'POST', headers: { 'content-type': 'application/webhook+json', authorization: signed }, body: '{"event":"room_started"}' });
    expect(res.status).toBe(401);
  });
});

describe('the data folder is not served', () => {
  const likely = [
    '/data/diemcau.db',
    '/diemcau.db',
    '/data',
    '/data/',
    '/../data/diemcau.db',
    '/assets/../../data/diemcau.db',
    '/%2e%2e/data/diemcau.db',
    '/assets/..%2f..%2fdata%2fdiemcau.db',
    '/assets/%2e%2e%2f%2e%2e%2fdata%2fdiemcau.db',
    '/%2e%2e%2fdata%2fdiemcau.db',
    '/..%5c..%5cdata%5cdiemcau.db',
    '/assets/..%252f..%252fdata%252fdiemcau.db',
    '/data/diemcau.db-wal',
    '/.env',
    '/package.json',
    '/server/src/config.ts',
  ];
  it.each(likely)('GET %s answers 404 and never the database', async (rawPath) => {
    const res = await rawGet(rawPath);
    expect(res.status).toBe(404);
    expect(res.body).not.toContain('SQLite format 3');
  });

  it('the pages themselves are still served (200), and a real asset', async () => {
    expect((await rawGet(`/site/${site.token}`)).status).toBe(200);
    expect((await rawGet('/pin')).status).toBe(200);
    expect((await rawGet('/assets/app.js')).body).toBe('console.log(1)');
  });
});

describe('secrets', () => {
  it('are compared whatever their lengths (hashed first, then compared in constant time)', () => {
    const secret = randomBytes(24).toString('base64url');
    expect(sameSecret(secret, secret)).toBe(true);
    expect(sameSecret(secret, `${secret}x`)).toBe(false);
    expect(sameSecret(secret, secret.slice(0, -1))).toBe(false);
    expect(sameSecret('', secret)).toBe(false);
  });

  it('never reach the log: a run of pages, API calls, socket connections, PIN logins and refusals logs no token', async () => {
    const tokens = [ADMIN_TOKEN, access.mcToken, access.projectorToken, access.leadershipToken, site.token, links.publicToken, links.moderatorToken, ...links.offices.map((o) => o.token)];
    // pages whose path holds the token
    for (const page of [`/mc/${access.mcToken}`, `/mc/${access.mcToken}/questions`, `/site/${site.token}`, `/screen/${access.projectorToken}`, `/board/${access.leadershipToken}`, `/q/${links.publicToken}`, `/mod/${links.moderatorToken}`, `/admin/${ADMIN_TOKEN}`, `/q/${links.publicToken}?ref=qr`]) {
      expect((await rawGet(page)).status).toBe(200);
    }
    // the public page's API, good and bad, and a revoked-looking token
    expect((await http('GET', `/api/public/${links.publicToken}`, undefined, null)).status).toBe(200);
    const key = () => randomBytes(16).toString('base64url');
    expect((await http('POST', `/api/public/${links.publicToken}/questions`, { clientId: key(), senderKey: await issueDeviceKey(url, links.publicToken), text: 'Câu hỏi thử nghiệm bảo mật' }, null)).status).toBe(201);
    expect((await http('POST', `/api/public/${links.publicToken}/questions`, { clientId: 'x', text: 1 }, null)).status).toBe(400);
    expect((await http('GET', `/api/public/${links.publicToken.slice(0, -3)}abc`, undefined, null)).status).toBe(404);
    // bearer tokens of every kind, allowed and refused
    expect((await http('GET', `/api/meetings/${access.meetingId}/sites`, undefined, access.mcToken)).status).toBe(200);
    expect((await http('GET', `/api/meetings/${access.meetingId}/sites`, undefined, site.token)).status).toBe(403);
    expect((await http('GET', '/api/meetings', undefined, `${ADMIN_TOKEN}x`)).status).toBe(401);
    // PIN logins, right and wrong
    expect((await http('POST', '/api/pin', { code: access.code, pin: site.pin }, null)).status).toBe(200);
    expect((await http('POST', '/api/pin', { code: access.code, pin: '000000' === site.pin ? '111111' : '000000' }, null)).status).toBe(401);
    // a webhook with a forged signature
    const hook = await fetch(`${url}/api/livekit/webhook`, { method: 'POST', headers: { authorization: access.mcToken, 'content-type': 'application/webhook+json' }, body: '{}' });
    expect(hook.status).toBe(401);
    // sockets: accepted, refused, and an event that fails to parse
    for (const token of [site.token, access.mcToken, `${site.token.slice(0, -2)}zz`]) {
      const socket = connectClient(url, { auth: { token }, transports: ['websocket'], reconnection: false, forceNew: true });
      await new Promise<void>((resolve) => {
        socket.once('meeting:snapshot', () => resolve());
        socket.once('connect_error', () => resolve());
      });
      if (socket.connected) await socket.timeout(2000).emitWithAck('site:checkIn' as never, { headcount: -1 } as never).catch(() => null);
      socket.disconnect();
    }
    await new Promise((resolve) => setTimeout(resolve, 100));

    // the run was logged (requests with their paths, tokens masked)…
    expect(log).toContain('"path":"/q/:token"');
    expect(log).toContain('"path":"/api/public/:token/questions"');
    expect(log).toContain('"path":"/mc/:token/questions"');
    // …and no token appears anywhere in it, nor any part of one that identifies it
    for (const token of tokens) {
      expect(log, 'a token is in the log').not.toContain(token);
      expect(log, 'the secret half of a token is in the log').not.toContain(token.slice(11));
    }
    expect(log).not.toContain(site.pin.length === 6 ? `"pin":"${site.pin}"` : 'unreachable');
  });
});
