import { type BrowserContext, test as base, expect, type Locator, type Page, type ViewportSize } from '@playwright/test';
import { type CreateMeeting, MINUTE_MS, type MeetingAccess, type MeetingSnapshot, type SiteInput, vnDate, vnTime } from '@diemcau/shared';
import path from 'node:path';
import { io } from 'socket.io-client';
import { bacGiangDemo } from '../../server/src/demo/demo';

export { expect };

const env = (name: string): string => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run through tests/e2e/playwright.config.ts (its global setup starts the server)`);
  return value;
};

export const baseUrl = () => env('DIEMCAU_E2E_URL');
export const adminToken = () => env('DIEMCAU_E2E_ADMIN_TOKEN');

export const DESKTOP = { width: 1920, height: 1080 };
export const PHONE = { width: 390, height: 844 };

const SCREENSHOTS = path.join(import.meta.dirname, 'screenshots');

/** Saves a full-window screenshot as tests/e2e/screenshots/<name>.png. */
export async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`) });
}

/**
 * Clicks a row's button until its dialog shows. A broadcast can re-render a moderated list
 * between the mouse's down and up (CI: the focus landed on "↳ Trả lời", no click followed and
 * the dialog never opened); a person clicks again, and so does this, only while the dialog is
 * not open, so it fails when the button does not open it.
 */
export async function openDialog(trigger: Locator, dialog: Locator): Promise<void> {
  await expect(async () => {
    if (!(await dialog.isVisible())) await trigger.click({ timeout: 2_000 });
    await expect(dialog).toBeVisible({ timeout: 2_000 });
  }).toPass({ timeout: 15_000 });
}

/** A plan starting now (no "move the plan?" question) or days ago (the question appears). */
export function planAt(at: number): Pick<CreateMeeting['details'], 'date' | 'startTime'> {
  return { date: vnDate(at), startTime: vnTime(at) };
}

/** The Bắc Giang demo meeting with a unique title, planned at `at`. */
export function demoMeeting(label: string, at = Date.now()): CreateMeeting {
  const demo = bacGiangDemo(vnDate(at));
  return { ...demo, details: { ...demo.details, ...planAt(at), title: `${demo.details.title} [${label}]` } };
}

/** A short meeting: three items of 10, 5 and 20 minutes. */
export function smallMeeting(title: string, at = Date.now()): CreateMeeting {
  return {
    details: { title, organiser: 'Sở GDĐT kiểm thử', ...planAt(at), format: 'online' },
    agenda: [
      { title: 'Khai mạc hội nghị', presenter: 'Giám đốc Sở', kind: 'opening', plannedDurationMs: 10 * MINUTE_MS },
      { title: 'Báo cáo sơ kết', presenter: 'Phòng GDTrH', kind: 'report', plannedDurationMs: 5 * MINUTE_MS },
      { title: 'Thảo luận', presenter: 'Các điểm cầu', kind: 'discussion', plannedDurationMs: 20 * MINUTE_MS },
    ],
  };
}

export const DAYS_AGO = () => Date.now() - 2 * 24 * 60 * MINUTE_MS;

/** Sends one JSON request to the API as the organiser; throws with the server's message on a refusal. */
async function adminApi<T>(method: 'GET' | 'POST', route: string, body?: unknown): Promise<T> {
  const res = await fetch(`${baseUrl()}/api${route}`, {
    method,
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${adminToken()}` },
    body: body === undefined ? null : JSON.stringify(body),
  });
  const json = (await res.json()) as { ok: boolean; data: T; message?: string };
  if (!json.ok) throw new Error(`${method} ${route} failed: ${json.message}`);
  return json.data;
}

/** Creates a meeting through the admin API; returns its links, code and PIN. */
export function createMeeting(body: CreateMeeting): Promise<MeetingAccess> {
  return adminApi<MeetingAccess>('POST', '/meetings', body);
}

/** One site's link and PIN, as GET …/sites/access answers. */
export type SiteLink = { siteId: string; name: string; group: string; token: string; pin: string };

/** Three sites with long Vietnamese names, as an organiser would import them. */
export const THREE_SITES: SiteInput[] = [
  { name: 'Phòng Giáo dục và Đào tạo huyện Lục Ngạn', group: 'Phòng GDĐT huyện, thành phố', contactName: 'Nguyễn Văn An', phone: '0912 345 678', expectedHeadcount: 25 },
  { name: 'Phòng Giáo dục và Đào tạo huyện Yên Thế', group: 'Phòng GDĐT huyện, thành phố', contactName: 'Lê Thị Hoa', phone: '0987 654 321', expectedHeadcount: 20 },
  { name: 'Trường Trung học phổ thông Ngô Sĩ Liên', group: 'Trường THPT', contactName: 'Trần Quốc Toản', phone: '0204 385 1234', expectedHeadcount: 40 },
];

/** Creates a meeting and imports its sites; returns the meeting's access and every site's link and PIN, in import order. */
export async function createMeetingWithSites(body: CreateMeeting, sites: SiteInput[]): Promise<{ access: MeetingAccess; sites: SiteLink[] }> {
  const access = await createMeeting(body);
  await adminApi('POST', `/meetings/${access.meetingId}/sites/import`, { sites });
  const links = await adminApi<{ sites: SiteLink[] }>('GET', `/meetings/${access.meetingId}/sites/access`);
  return { access, sites: sites.map((site) => links.sites.find((l) => l.name === site.name)!) };
}

/** A socket.io connection under a link (the MC's, a site's) for a test to act through, as that page would. */
export type LinkSocket = {
  run: <T = unknown>(event: string, payload?: unknown) => Promise<T>;
  /** Who has the floor now (the entry's id), as a console sees it: floor commands name it. */
  floorId: () => Promise<string | null>;
  close: () => void;
};

/** Connects under `token` (to `url`, a server of the test's own); `run` sends one event and answers its data, a refusal fails the test with the server's message. */
export async function connectAs(token: string, url = baseUrl()): Promise<LinkSocket> {
  const socket = io(url, { auth: { token }, transports: ['websocket'], reconnection: false, forceNew: true });
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('connect_error', reject);
  });
  const run = async <T,>(event: string, payload?: unknown): Promise<T> => {
    const res = (await socket.timeout(5_000).emitWithAck(event, ...(payload === undefined ? [] : [payload]))) as { ok: boolean; data: T; message?: string };
    if (!res.ok) throw new Error(`${event} refused: ${res.message}`);
    return res.data;
  };
  return {
    run,
    floorId: async () => (await run<MeetingSnapshot>('meeting:sync')).view.queue?.floor?.entry.id ?? null,
    close: () => void socket.disconnect(),
  };
}

/** Seconds shown by a clock: "4:59" → 299, "Quá giờ 0:12" (overtime, any language) → -12, "1:02:03" → 3723. */
export async function clockSeconds(clock: Locator): Promise<number> {
  const text = (await clock.textContent())?.trim() ?? '';
  const digits = /(\d+:)?\d+:\d\d$/.exec(text)?.[0];
  if (!digits) throw new Error(`not a clock: "${text}"`);
  const overtime = digits !== text;
  const seconds = digits.split(':').reduce((total, part) => total * 60 + Number(part), 0);
  return overtime ? -seconds : seconds;
}

/** Opens a page in a fresh browser context (own storage and clock) at `viewport`. */
export type OpenPage = (viewport?: ViewportSize) => Promise<Page>;

/** A Content-Security-Policy violation a page reported (the directive, what was blocked, where). */
export type CspViolation = { directive: string; blocked: string; source: string; sample: string; page: string };

/**
 * Records every Content-Security-Policy violation in a context's pages: the
 * `securitypolicyviolation` event (blocked scripts, styles, connections, workers, eval) and
 * Chromium's console report of it.
 */
export async function watchCsp(context: BrowserContext, violations: CspViolation[]): Promise<void> {
  await context.exposeBinding('__diemcauCspViolation', ({ page }, v: Omit<CspViolation, 'page'>) => void violations.push({ ...v, page: page.url() }));
  await context.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      const report = (window as unknown as { __diemcauCspViolation?: (v: unknown) => void }).__diemcauCspViolation;
      report?.({ directive: e.effectiveDirective, blocked: e.blockedURI, source: `${e.sourceFile}:${e.lineNumber}`, sample: e.sample });
    });
  });
  context.on('console', (message) => {
    if (message.type() === 'error' && /Content.Security.Policy/i.test(message.text())) {
      violations.push({ directive: 'console', blocked: '', source: message.location().url, sample: message.text().slice(0, 300), page: message.page()?.url() ?? '' });
    }
  });
}

export const test = base.extend<{ open: OpenPage; cspGuard: void }>({
  baseURL: async ({}, use) => use(baseUrl()),
  /**
   * Every test, every page: no Content-Security-Policy violation. Each context the test opens
   * (through any fixture) is watched; one violation fails the test naming it.
   */
  cspGuard: [
    async ({ browser }, use) => {
      const violations: CspViolation[] = [];
      const newContext = browser.newContext.bind(browser);
      browser.newContext = async (...args) => {
        const context = await newContext(...args);
        await watchCsp(context, violations);
        return context;
      };
      await use();
      browser.newContext = newContext;
      expect(violations, 'Content-Security-Policy violations').toEqual([]);
    },
    { auto: true },
  ],
  /** Every context a test opens is closed after it, so projectors do not keep ticking in the worker. */
  open: async ({ browser }, use) => {
    const contexts: BrowserContext[] = [];
    await use(async (viewport = DESKTOP) => {
      const context = await browser.newContext({ viewport, baseURL: baseUrl(), timezoneId: 'Asia/Ho_Chi_Minh', locale: 'vi-VN' });
      contexts.push(context);
      return context.newPage();
    });
    await Promise.all(contexts.map((context) => context.close()));
  },
});

/** The questions links of a meeting (public page, moderator, offices), as the organiser reads them. */
export async function questionsLinks(meetingId: string): Promise<import('@diemcau/shared').QuestionsAccess> {
  const res = await fetch(`${baseUrl()}/api/meetings/${meetingId}/questions/access`, { headers: { Authorization: `Bearer ${adminToken()}` } });
  const json = (await res.json()) as { ok: boolean; data: import('@diemcau/shared').QuestionsAccess; message?: string };
  if (!json.ok) throw new Error(`questions access: ${json.message}`);
  return json.data;
}
