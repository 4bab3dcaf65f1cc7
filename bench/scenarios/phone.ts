import { statSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type CDPSession, expect, type Page } from '@playwright/test';
import type { MeetingSnapshot } from '@diemcau/shared';
import { io } from 'socket.io-client';
import { SilentLine } from '../../tests/support/silent-line';
import { tempDir } from '../lib/processes';
import { row, type Row } from '../lib/report';
import { accepted, type Ack, api, clientOptions, connectReady, importSites, Resources, startDiemcau } from '../lib/servers';
import { percentile, round } from '../lib/stats';
import { buildClient } from './client';
import type { Scenario } from './types';

/**
 * Chromium DevTools' throttling presets (front_end/core/sdk/NetworkManager.ts): "Slow 4G"
 * (562.5 ms, 1.44 Mbit/s down, 675 kbit/s up) and "3G" (2 s, 400 kbit/s both ways), the
 * latency added to every request. With either, the CPU runs 4× slower, as DevTools' "mid-tier
 * mobile".
 */
const PROFILES = {
  none: null,
  'slow-4g': { latency: 150 * 3.75, downloadThroughput: ((1.6 * 1000 * 1000) / 8) * 0.9, uploadThroughput: ((750 * 1000) / 8) * 0.9 },
  '3g': { latency: 400 * 5, downloadThroughput: ((500 * 1000) / 8) * 0.8, uploadThroughput: ((500 * 1000) / 8) * 0.8 },
} as const;
type Profile = keyof typeof PROFILES;
const CPU_SLOWDOWN = 4;

/** The issue's targets for the site page's check-in form and the public page's send form, cold. */
const TARGET_MS: Partial<Record<Profile, number>> = { 'slow-4g': 2_500, '3g': 5_000 };
const PHONE = { width: 390, height: 844 };
const LAPTOP = { width: 1366, height: 768 };
/** Each load is measured this many times; the median is reported. */
const RUNS = 3;
/** Agenda changes whose frames are counted per page. */
const CHANGES = 6;

type EntryPage = {
  name: string;
  path: string;
  viewport: { width: number; height: number };
  /** Installed as an app: its warm load is from the service worker. */
  installable: boolean;
  /** Resolves once a person can use the page (the form they came for accepts input). */
  usable: (page: Page) => Promise<void>;
};

/** A site's, the public page's, the projector's, the board's and the MC's links of one meeting. */
function entryPages(links: { site: string; public: string; projector: string; board: string; mc: string }): EntryPage[] {
  const visible = (find: (page: Page) => ReturnType<Page['getByTestId']>) => (page: Page) => expect(find(page).first()).toBeVisible({ timeout: 60_000 });
  return [
    { name: 'site', path: `/site/${links.site}`, viewport: PHONE, installable: true, usable: (page) => expect(page.getByLabel('Họ tên người đại diện')).toBeEditable({ timeout: 60_000 }) },
    {
      name: 'public',
      path: `/q/${links.public}`,
      viewport: PHONE,
      installable: true,
      usable: async (page) => {
        await expect(page.getByLabel('Nội dung')).toBeEditable({ timeout: 60_000 });
        await expect(page.getByRole('button', { name: 'Gửi câu hỏi' })).toBeEnabled({ timeout: 60_000 });
      },
    },
    { name: 'projector', path: `/screen/${links.projector}`, viewport: LAPTOP, installable: false, usable: visible((page) => page.getByTestId('screen-title')) },
    { name: 'board', path: `/board/${links.board}`, viewport: LAPTOP, installable: false, usable: visible((page) => page.getByTestId('board-row')) },
    { name: 'mc', path: `/mc/${links.mc}`, viewport: LAPTOP, installable: false, usable: (page) => expect(page.getByRole('button', { name: 'Tiếp ▶' })).toBeEnabled({ timeout: 60_000 }) },
  ];
}

/** What the page's own session saw over the network: bytes on the wire by kind, and each request's start and end. */
class Traffic {
  private readonly requests = new Map<string, { url: string; type: string; start: number; end: number | null; bytes: number; cached: boolean }>();
  constructor(cdp: CDPSession) {
    cdp.on('Network.requestWillBeSent', (e) => this.requests.set(e.requestId, { url: e.request.url, type: e.type ?? 'Other', start: e.timestamp, end: null, bytes: 0, cached: false }));
    cdp.on('Network.responseReceived', (e) => {
      const r = this.requests.get(e.requestId);
      if (r) r.cached = e.response.fromServiceWorker === true || e.response.fromDiskCache === true;
    });
    cdp.on('Network.loadingFinished', (e) => {
      const r = this.requests.get(e.requestId);
      if (r) Object.assign(r, { end: e.timestamp, bytes: e.encodedDataLength });
    });
  }
  reset(): void {
    this.requests.clear();
  }
  /** Bytes received (headers and compressed bodies) of finished requests, all and JavaScript only. */
  bytes(): { all: number; js: number } {
    const done = [...this.requests.values()].filter((r) => r.end !== null);
    return { all: done.reduce((sum, r) => sum + r.bytes, 0), js: done.filter((r) => r.type === 'Script').reduce((sum, r) => sum + r.bytes, 0) };
  }
  /** The paths of the JavaScript files fetched (finished). */
  scripts(): string[] {
    return [...this.requests.values()].filter((r) => r.end !== null && r.type === 'Script').map((r) => new URL(r.url).pathname);
  }
  /** The requests in order of start, times in ms from the first: where a slow load spends its time. */
  waterfall(): string[] {
    const list = [...this.requests.values()].sort((a, b) => a.start - b.start);
    const t0 = list[0]?.start ?? 0;
    return list.map((r) => {
      const name = new URL(r.url).pathname.replace(/^\/(assets\/)?/, '').slice(0, 48) || '/';
      const end = r.end === null ? '…' : String(Math.round((r.end - t0) * 1000));
      return `${String(Math.round((r.start - t0) * 1000)).padStart(6)} → ${end.padStart(6)} ms  ${(r.bytes / 1000).toFixed(1).padStart(6)} kB  ${r.type.padEnd(10)} ${r.cached ? '(cache) ' : ''}${name}`;
    });
  }
}

type Load = { ms: number; bytes: number; js: number; scripts: string[]; waterfall: string[] };

/** A fresh browser profile (no cache, no service worker) with the page's throttling set on its session. */
async function freshPage(browser: Browser, entry: EntryPage, profile: Profile): Promise<{ context: BrowserContext; page: Page; traffic: Traffic }> {
  const context = await browser.newContext({ viewport: entry.viewport, locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh' });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  const conditions = PROFILES[profile];
  if (conditions) {
    await cdp.send('Network.emulateNetworkConditions', { offline: false, ...conditions });
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU_SLOWDOWN });
  }
  return { context, page, traffic: new Traffic(cdp) };
}

/** From navigation to usable: time, and what came over the network meanwhile. */
async function timedLoad(page: Page, traffic: Traffic, url: string, entry: EntryPage): Promise<Load> {
  traffic.reset();
  const started = Date.now();
  await page.goto(url, { waitUntil: 'commit', timeout: 120_000 });
  await entry.usable(page);
  const ms = Date.now() - started;
  const { all, js } = traffic.bytes();
  return { ms, bytes: all, js, scripts: traffic.scripts(), waterfall: traffic.waterfall() };
}

/** A cold load (fresh profile), then a warm one in the same profile (the service worker's shell, or the HTTP cache). */
async function coldAndWarm(browser: Browser, baseUrl: string, entry: EntryPage, profile: Profile): Promise<{ cold: Load; warm: Load }> {
  const { context, page, traffic } = await freshPage(browser, entry, profile);
  try {
    const cold = await timedLoad(page, traffic, baseUrl + entry.path, entry);
    if (entry.installable) {
      await page.evaluate(() => navigator.serviceWorker.ready);
      await expect.poll(() => page.evaluate(() => navigator.serviceWorker.controller !== null), { timeout: 60_000 }).toBe(true);
    }
    const warm = await timedLoad(page, traffic, baseUrl + entry.path, entry);
    return { cold, warm };
  } finally {
    await context.close();
  }
}

const medianLoad = (loads: Load[]): Load => {
  const sorted = [...loads].sort((a, b) => a.ms - b.ms);
  return sorted[Math.floor(sorted.length / 2)]!;
};

/** From the moment a silent line is cut under an open page to the page saying it lost the server. */
async function noticeCut(browser: Browser, baseUrl: string, entry: EntryPage, lost: (page: Page) => Promise<void>): Promise<number> {
  const line = await SilentLine.open(baseUrl);
  const context = await browser.newContext({ viewport: entry.viewport, locale: 'vi-VN' });
  try {
    const page = await context.newPage();
    await page.goto(line.url + entry.path);
    await entry.usable(page);
    // online and past the first clock pings
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    line.cut = true;
    const cutAt = Date.now();
    await lost(page);
    return Date.now() - cutAt;
  } finally {
    await context.close();
    await line.close();
  }
}

/**
 * Socket.IO frames a page receives per agenda change (text payload bytes as the page's session
 * sees them, engine.io pings and pongs left out), over CHANGES changes sent by the MC.
 */
async function bytesPerChange(browser: Browser, baseUrl: string, entry: EntryPage, next: () => Promise<void>): Promise<{ bytes: number; frames: number; events: string[]; sample: string }> {
  const context = await browser.newContext({ viewport: entry.viewport, locale: 'vi-VN' });
  try {
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    let counting = false;
    let bytes = 0;
    let frames = 0;
    let sample = '';
    const events = new Map<string, number>();
    cdp.on('Network.webSocketFrameReceived', ({ response }) => {
      const data = response.payloadData;
      if (!counting || data === '2' || data === '3') return;
      bytes += response.opcode === 1 ? Buffer.byteLength(data, 'utf8') : Buffer.from(data, 'base64').length;
      frames += 1;
      sample ||= data;
      const name = /^4[23]\d*\["([^"]+)"/.exec(data)?.[1] ?? data.slice(0, 2);
      events.set(name, (events.get(name) ?? 0) + 1);
    });
    await page.goto(baseUrl + entry.path);
    await entry.usable(page);
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    counting = true;
    for (let i = 0; i < CHANGES; i++) {
      await next();
      // every frame of one change is out well within a second on loopback
      await new Promise((resolve) => setTimeout(resolve, 1_000));
    }
    counting = false;
    return { bytes: bytes / CHANGES, frames: frames / CHANGES, events: [...events].map(([name, n]) => `${name} ×${n}`), sample };
  } finally {
    await context.close();
  }
}

/**
 * Phones and district lines: each entry page's compressed bytes and time from navigation to
 * usable in Debian's Chromium, cold (fresh profile) and warm (the service worker's shell or the
 * HTTP cache), unthrottled and under DevTools' slow-4G and 3G presets with the CPU 4× slower;
 * the time an open page takes to notice a silent line; and the bytes a page receives per
 * agenda change.
 */
export const phone: Scenario = {
  description: 'each entry page in Chromium: compressed bytes and time to usable, cold and warm, unthrottled, slow 4G and 3G (CPU 4×); time to notice a cut line; bytes per agenda change',
  sizes: [1],
  inAll: false,
  timeoutS: () => 1_500,
  async run(options, log) {
    const resources = new Resources();
    try {
      const clientDir = tempDir('diemcau-bench-phone-');
      await buildClient(clientDir, log);
      const diemcau = await startDiemcau(options, resources, { env: { CLIENT_DIR: clientDir }, profile: false });
      const meeting = await importSites(diemcau, 0, 3);
      const questions = await api<{ publicToken: string }>('GET', `${diemcau.url}/api/meetings/${meeting.meetingId}/questions/access`, diemcau.adminToken);
      const mc = await connectReady(io(diemcau.url, clientOptions(meeting.mcToken)), 'MC');
      resources.add(mc, (s) => s.disconnect());
      const run = async <T>(event: string, payload: unknown = {}) => accepted(event, (await mc.timeout(10_000).emitWithAck(event, payload)) as Ack<T>);
      await run('meeting:start');
      // PHONE_PAGES=site,public measures only those pages' loads
      const only = process.env.PHONE_PAGES?.split(',');
      const pages = entryPages({ site: meeting.tokens[0]!, public: questions.publicToken, projector: meeting.projectorToken, board: meeting.leadershipToken, mc: meeting.mcToken });
      const browser = resources.add(await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] }), (b) => b.close());

      const rows: Row[] = [];
      const verdicts: string[] = [];
      for (const entry of pages.filter((p) => !only || only.includes(p.name))) {
        const byProfile = new Map<Profile, { cold: Load; warm: Load }>();
        for (const profile of Object.keys(PROFILES) as Profile[]) {
          const runs: { cold: Load; warm: Load }[] = [];
          for (let i = 0; i < RUNS; i++) runs.push(await coldAndWarm(browser, diemcau.url, entry, profile));
          const result = { cold: medianLoad(runs.map((r) => r.cold)), warm: medianLoad(runs.map((r) => r.warm)) };
          byProfile.set(profile, result);
          log(`phone: ${entry.name} ${profile}: cold ${result.cold.ms} ms (${round(result.cold.js / 1000)} kB JS, ${round(result.cold.bytes / 1000)} kB in all), warm ${result.warm.ms} ms (${round(result.warm.bytes / 1000)} kB)`);
          if (profile !== 'none' && (entry.name === 'site' || entry.name === 'public')) log(`phone: ${entry.name} ${profile} cold waterfall:\n${result.cold.waterfall.map((line) => `    ${line}`).join('\n')}`);
        }
        const base = byProfile.get('none')!;
        // Chromium offers brotli only over HTTPS (a deployment behind nginx): the same files as the build's .br variants
        const brotli = base.cold.scripts.reduce((sum, file) => sum + statSync(path.join(clientDir, `${file}.br`)).size, 0);
        rows.push(row('phone', 1, `${entry.name} JS before usable (gzip, plain HTTP)`, 'kB on the wire', base.cold.js / 1000, null));
        rows.push(row('phone', 1, `${entry.name} JS before usable (brotli, as over HTTPS)`, 'kB', brotli / 1000, null));
        rows.push(row('phone', 1, `${entry.name} all bytes before usable`, 'kB on the wire', base.cold.bytes / 1000, null));
        for (const [profile, result] of byProfile) {
          if (profile === 'none') {
            rows.push(row('phone', 1, `${entry.name} usable, cold, unthrottled`, 'ms', result.cold.ms, null));
            rows.push(row('phone', 1, `${entry.name} usable, warm, unthrottled`, 'ms', result.warm.ms, null));
            continue;
          }
          rows.push(row('phone', 1, `${entry.name} usable, cold, ${profile}`, 'ms', result.cold.ms, base.cold.ms));
          rows.push(row('phone', 1, `${entry.name} usable, warm, ${profile}`, 'ms', result.warm.ms, base.warm.ms));
          const target = TARGET_MS[profile];
          if (target && (entry.name === 'site' || entry.name === 'public')) {
            for (const kind of ['cold', 'warm'] as const) verdicts.push(`${entry.name} ${kind} ${profile} ${result[kind].ms} ms ${result[kind].ms <= target ? '≤' : '>'} ${target} ms`);
          }
        }
      }

      const [site, publicPage, projector] = pages as [EntryPage, EntryPage, EntryPage];
      const siteLost = (page: Page) => expect(page.getByRole('alert').filter({ hasText: 'Mất kết nối' })).toBeVisible({ timeout: 60_000 });
      const publicLost = (page: Page) => expect(page.getByTestId('ask-conn')).toContainText('Mất kết nối', { timeout: 60_000 });
      for (const [entry, lost] of [
        [site, siteLost],
        [publicPage, publicLost],
        [projector, siteLost],
      ] as const) {
        const times: number[] = [];
        for (let i = 0; i < RUNS; i++) times.push(await noticeCut(browser, diemcau.url, entry, lost));
        log(`phone: ${entry.name} noticed a silent line after ${times.join(', ')} ms`);
        rows.push(row('phone', 1, `${entry.name} notices a cut line`, 'ms', percentile(times, 50), null));
      }

      // forward and back, so that any number of changes stays inside the agenda
      let forward = true;
      const next = async () => {
        const { rev } = await run<MeetingSnapshot>('meeting:sync');
        await run(forward ? 'agenda:next' : 'agenda:previous', { rev });
        forward = !forward;
      };
      for (const entry of [site, publicPage, projector]) {
        const change = await bytesPerChange(browser, diemcau.url, entry, next);
        log(`phone: ${entry.name} per agenda change: ${round(change.bytes)} bytes in ${round(change.frames)} frames (${change.events.join(', ')}); the first: ${change.sample.slice(0, 600)}`);
        rows.push(row('phone', 1, `${entry.name} bytes per agenda change`, 'bytes', change.bytes, null));
      }
      log(`phone: targets (site check-in form, public send form; slow 4G 2.5 s, 3G 5 s): ${verdicts.join('; ')}`);
      return rows;
    } finally {
      await resources.closeAll();
    }
  },
};
