import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';
import { vnInstant } from '@diemcau/shared';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_TOKEN, ManualClock, startServer, type TestServer } from './harness';

/**
 * The built client and JSON answers on the wire: the compressed variant only when the request
 * accepts it, `Vary: Accept-Encoding` on every text file, and the cache policy of each kind of
 * file (hashed assets immutable for a year, the page and the service worker revalidated).
 */

let server: TestServer;
let clientDir: string;

const SCRIPT = `export const answer = ${JSON.stringify('điểm cầu '.repeat(400))};\n`;
const PAGE = `<!doctype html><html lang="vi"><head><title>diemcau</title></head><body><div id="root"></div>${'<!-- padding -->'.repeat(40)}</body></html>`;
const WORKER = `self.addEventListener('fetch', () => {});\n`;
const PNG = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');

function write(relative: string, body: string | Buffer, variants: boolean): void {
  const file = path.join(clientDir, relative);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, body);
  if (variants) {
    writeFileSync(`${file}.br`, brotliCompressSync(body));
    writeFileSync(`${file}.gz`, gzipSync(body));
  }
}

type Raw = { status: number; headers: Record<string, string | string[] | undefined>; body: Buffer };

/** A GET with exactly these headers (fetch would add its own Accept-Encoding and decode). */
function get(route: string, headers: Record<string, string> = {}): Promise<Raw> {
  const { hostname, port } = new URL(server.url);
  return new Promise((resolve, reject) => {
    const req = request({ host: hostname, port, path: route, method: 'GET', headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    req.end();
  });
}

/** The body as the browser sees it after undoing the Content-Encoding. */
function decoded(res: Raw): string {
  const coding = res.headers['content-encoding'];
  if (coding === 'br') return brotliDecompressSync(res.body).toString('utf8');
  if (coding === 'gzip') return gunzipSync(res.body).toString('utf8');
  expect(coding).toBeUndefined();
  return res.body.toString('utf8');
}

beforeAll(async () => {
  clientDir = mkdtempSync(path.join(tmpdir(), 'diemcau-client-'));
  write('index.html', PAGE, true);
  write('assets/index-Ab12Cd34.js', SCRIPT, true);
  write('assets/logo-Ef56Gh78.png', PNG, false);
  write('sw.js', WORKER, false);
  server = await startServer(new ManualClock(vnInstant('2023-11-24', '07:30')), undefined, { clientDir });
});

afterAll(async () => {
  await server.close();
  await server.remove();
  rmSync(clientDir, { recursive: true, force: true });
});

describe('the built client', () => {
  it('sends brotli when accepted, gzip when only gzip is, and the file itself otherwise; always varying on Accept-Encoding', async () => {
    const route = '/assets/index-Ab12Cd34.js';
    const br = await get(route, { 'accept-encoding': 'gzip, deflate, br' });
    expect(br.headers['content-encoding']).toBe('br');
    const gz = await get(route, { 'accept-encoding': 'gzip' });
    expect(gz.headers['content-encoding']).toBe('gzip');
    const plain = await get(route);
    expect(plain.headers['content-encoding']).toBeUndefined();
    for (const res of [br, gz, plain]) {
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toMatch(/^(text|application)\/javascript/);
      expect(res.headers.vary).toMatch(/Accept-Encoding/i);
      expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
      expect(decoded(res)).toBe(SCRIPT);
    }
    expect(br.body.length).toBeLessThan(SCRIPT.length / 5);
  });

  it('never sends a coding the request refuses or did not name', async () => {
    const codings = fc.constantFrom('br', 'gzip', 'deflate', 'identity', '*', 'compress', 'x-gzip', 'BR', 'GZip');
    const q = fc.constantFrom('', ';q=0', ';q=0.5', ';q=1', ';q=0.001', ';q=0.000', ';q=bad');
    const header = fc.array(fc.tuple(codings, q).map(([c, w]) => c + w), { maxLength: 4 }).map((parts) => parts.join(', '));
    await fc.assert(
      fc.asyncProperty(header, async (acceptEncoding) => {
        const res = await get('/assets/index-Ab12Cd34.js', { 'accept-encoding': acceptEncoding });
        expect(res.status).toBe(200);
        expect(decoded(res)).toBe(SCRIPT);
        const coding = res.headers['content-encoding'];
        if (coding) {
          const entries = acceptEncoding.toLowerCase().split(',').map((p) => p.trim());
          const named = entries.findLast((p) => p.split(';')[0] === coding);
          const star = entries.findLast((p) => p.split(';')[0] === '*');
          const accepted = (entry: string | undefined) => entry !== undefined && !/;q=0(\.0*)?$|;q=bad$/.test(entry);
          expect(named !== undefined ? accepted(named) : accepted(star)).toBe(true);
        }
      }),
      { numRuns: 60 },
    );
  });

  it('sends the page compressed and never cached stale; also for a route that is no file', async () => {
    for (const route of ['/', '/site/some-token', '/index.html']) {
      const res = await get(route, { 'accept-encoding': 'br' });
      expect(res.status).toBe(200);
      expect(res.headers['content-encoding']).toBe('br');
      expect(res.headers['content-type']).toMatch(/^text\/html/);
      expect(res.headers['cache-control']).toBe('no-cache');
      expect(res.headers.vary).toMatch(/Accept-Encoding/i);
      expect(decoded(res)).toBe(PAGE);
    }
    const missing = await get('/nothing-here.db', { 'accept-encoding': 'gzip' });
    expect(missing.status).toBe(404);
    expect(decoded(missing)).toBe(PAGE);
  });

  it('revalidates the service worker, keeps binary files as they are', async () => {
    const worker = await get('/sw.js', { 'accept-encoding': 'br, gzip' });
    expect(worker.headers['cache-control']).toBe('no-cache');
    expect(decoded(worker)).toBe(WORKER);
    const png = await get('/assets/logo-Ef56Gh78.png', { 'accept-encoding': 'br, gzip' });
    expect(png.headers['content-encoding']).toBeUndefined();
    expect(png.headers['content-type']).toBe('image/png');
    expect(png.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(png.body.equals(PNG)).toBe(true);
  });

  it("sends a route its own page (the build's pages/<route>.html names that page's code), the shared page to the others", async () => {
    const own = (route: string) => PAGE.replace('</head>', `<link rel="modulepreload" href="/assets/${route}-Zz99Yy88.js"></head>`);
    write('pages/site.html', own('site'), true);
    write('pages/q.html', own('q'), false);
    const cases: [string, number, string][] = [
      ['/site/some-token', 200, own('site')],
      ['/q/some-token', 200, own('q')],
      ['/board/some-token', 200, PAGE],
      ['/pin', 200, PAGE],
      ['/', 200, PAGE],
      ['/site/some-token/extra', 404, PAGE],
    ];
    for (const [route, status, body] of cases) {
      const res = await get(route, { 'accept-encoding': 'br, gzip' });
      expect([route, res.status, decoded(res)]).toEqual([route, status, body]);
      expect(res.headers['cache-control']).toBe('no-cache');
      expect(res.headers['content-type']).toMatch(/^text\/html/);
    }
    expect((await get('/site/some-token', { 'accept-encoding': 'br' })).headers['content-encoding']).toBe('br');
    // the public page's first read is asked for with the page; no other page names one
    expect((await get('/q/t%C3%B4k%2Fen')).headers.link).toBe('</api/public/t%C3%B4k%2Fen>; rel=preload; as=fetch; crossorigin');
    for (const route of ['/site/some-token', '/pin', '/nothing-here.db']) expect((await get(route)).headers.link).toBeUndefined();
  });

  it('serves no variant file, dot file or path outside the folder as the page', async () => {
    writeFileSync(path.join(clientDir, '.secret'), 'no');
    for (const route of ['/.secret', '/assets/../../etc/passwd', '/%2e%2e/%2e%2e/etc/passwd', '/assets/%00.js']) {
      const res = await get(route);
      expect(res.status).toBe(404);
      expect(decoded(res)).toBe(PAGE);
    }
  });
});

describe('JSON answers', () => {
  it('are compressed when accepted and worth it, plain otherwise', async () => {
    for (let i = 0; i < 4; i += 1) await server.createMeeting();
    const auth = { authorization: `Bearer ${ADMIN_TOKEN}` };
    const br = await get('/api/meetings', { ...auth, 'accept-encoding': 'br' });
    const gz = await get('/api/meetings', { ...auth, 'accept-encoding': 'gzip' });
    const plain = await get('/api/meetings', auth);
    expect(br.headers['content-encoding']).toBe('br');
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(plain.headers['content-encoding']).toBeUndefined();
    const list = JSON.parse(decoded(plain)) as { ok: boolean; data: unknown[] };
    expect(list.data).toHaveLength(4);
    expect(JSON.parse(decoded(br))).toEqual(list);
    expect(JSON.parse(decoded(gz))).toEqual(list);
    expect(br.body.length).toBeLessThan(plain.body.length / 2);
    // a few bytes are not worth a header
    const health = await get('/healthz', { 'accept-encoding': 'br' });
    expect(health.headers['content-encoding']).toBeUndefined();
    expect(JSON.parse(decoded(health))).toMatchObject({ ok: true });
  });
});
