import type { MeetingSnapshot } from '@diemcau/shared';
import { baseUrl, connectAs, createMeetingWithSites, expect, PHONE, questionsLinks, shot, smallMeeting, test, THREE_SITES } from './fixtures';
import config, { FULL_CHROMIUM } from './playwright.config';
import { SilentLine } from '../support/silent-line';

// The full Chromium: the browser's own network stack (offline emulation, WebSocket) is tested.
test.use({ launchOptions: { ...config.use?.launchOptions, executablePath: FULL_CHROMIUM } });

/**
 * The page's own bound is 4.75 s from the last packet (realtime/liveness.ts); the checks allow
 * 1.25 s more for Playwright's polling on a loaded 2-core machine. Coming back, 3 s.
 */
const NOTICE_MS = 6_000;
const RECOVER_MS = 4_000;

test('a site page and a projector behind a line that goes silent say so within 5 s, mark what they show as stale, and catch up as soon as it is back', async ({ open }) => {
  const { access, sites } = await createMeetingWithSites(smallMeeting('Đường truyền im lặng'), THREE_SITES);
  const mc = await connectAs(access.mcToken);
  await mc.run('meeting:start', {});
  const line = await SilentLine.open(baseUrl());
  try {
    const site = await open(PHONE);
    await site.goto(`${line.url}/site/${sites[0]!.token}`);
    const projector = await open();
    await projector.goto(`${line.url}/screen/${access.projectorToken}`);
    await expect(site.getByTestId('site-item-title')).toHaveText('Khai mạc hội nghị');
    await expect(projector.getByTestId('screen-title')).toHaveText('Khai mạc hội nghị');
    await expect(site.getByRole('status').filter({ hasText: 'Đã kết nối' })).toBeVisible();

    line.cut = true;
    const cutAt = Date.now();
    await expect(site.getByRole('alert').filter({ hasText: 'Mất kết nối' })).toBeVisible({ timeout: NOTICE_MS });
    await expect(projector.getByRole('alert').filter({ hasText: 'Mất kết nối' })).toBeVisible({ timeout: NOTICE_MS - (Date.now() - cutAt) });
    expect(Date.now() - cutAt).toBeLessThan(NOTICE_MS);
    // no "connected" anywhere while it is not, and the data is said to be old
    await expect(site.getByRole('status').filter({ hasText: 'Đã kết nối' })).toHaveCount(0);
    await expect(site.getByTestId('stale-since')).toContainText(/của lúc \d\d:\d\d:\d\d/);
    await expect(projector.getByTestId('stale-since')).toBeVisible();
    await shot(site, 'liveness-site-stale');
    await shot(projector, 'liveness-projector-stale');

    // meanwhile the MC moves on; the line comes back before Socket.IO would give up on it
    await mc.run('agenda:next', { rev: (await mc.run<MeetingSnapshot>('meeting:sync')).rev });
    line.restore();
    await expect(site.getByTestId('site-item-title')).toHaveText('Báo cáo sơ kết', { timeout: RECOVER_MS });
    await expect(site.getByRole('alert').filter({ hasText: 'Mất kết nối' })).toHaveCount(0, { timeout: RECOVER_MS });
    await expect(projector.getByTestId('screen-title')).toHaveText('Báo cáo sơ kết', { timeout: RECOVER_MS });
    await expect(site.getByRole('status').filter({ hasText: 'Đã kết nối' })).toBeVisible();
  } finally {
    mc.close();
    await line.close();
  }
});

test('the public page on a phone that goes offline says so at once and is live again within 3 s of the network', async ({ open }) => {
  const { access } = await createMeetingWithSites(smallMeeting('Điện thoại mất mạng'), THREE_SITES);
  const links = await questionsLinks(access.meetingId);
  const phone = await open(PHONE);
  await phone.goto(`/q/${links.publicToken}`);
  const state = phone.getByTestId('ask-conn');
  await expect(state).toContainText('Trực tuyến');

  await phone.context().setOffline(true);
  await expect(state).toContainText('Mất kết nối', { timeout: NOTICE_MS });
  await expect(phone.getByTestId('stale-since')).toBeVisible();
  await shot(phone, 'liveness-public-offline');

  await phone.context().setOffline(false);
  await expect(state).toContainText('Trực tuyến', { timeout: RECOVER_MS });
  await expect(phone.getByTestId('stale-since')).toHaveCount(0);
});
