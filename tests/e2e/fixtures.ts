import { type BrowserContext, test as base, expect, type Locator, type Page, type ViewportSize } from '@playwright/test';
import { type CreateMeeting, MINUTE_MS, type MeetingAccess, vnDate, vnTime } from '@diemcau/shared';
import path from 'node:path';
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

/** Creates a meeting through the admin API; returns its links, code and PIN. */
export async function createMeeting(body: CreateMeeting): Promise<MeetingAccess> {
  const res = await fetch(`${baseUrl()}/api/meetings`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${adminToken()}` },
    body: JSON.stringify(body),
  });
  const json = (await res.json()) as { ok: boolean; data: MeetingAccess; message?: string };
  if (!json.ok) throw new Error(`creating a meeting failed: ${json.message}`);
  return json.data;
}

/** Seconds shown by a clock: "4:59" → 299, "+0:12" (overtime) → -12, "1:02:03" → 3723. */
export async function clockSeconds(clock: Locator): Promise<number> {
  const text = (await clock.textContent())?.trim() ?? '';
  const overtime = text.startsWith('+');
  const seconds = text
    .replace('+', '')
    .split(':')
    .reduce((total, part) => total * 60 + Number(part), 0);
  if (Number.isNaN(seconds)) throw new Error(`not a clock: "${text}"`);
  return overtime ? -seconds : seconds;
}

/** Opens a page in a fresh browser context (own storage and clock) at `viewport`. */
export type OpenPage = (viewport?: ViewportSize) => Promise<Page>;

export const test = base.extend<{ open: OpenPage }>({
  baseURL: async ({}, use) => use(baseUrl()),
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
