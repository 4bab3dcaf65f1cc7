import type { Question } from '@diemcau/shared';
import { connectAs, createMeetingWithSites, expect, PHONE, questionsLinks, shot, smallMeeting, test, THREE_SITES } from './fixtures';
import config, { FULL_CHROMIUM } from './playwright.config';
import type { Page } from '@playwright/test';

// The full Chromium: service workers and the browser's offline mode are what is tested.
test.use({ launchOptions: { ...config.use?.launchOptions, executablePath: FULL_CHROMIUM } });

/** Waits until the page's service worker controls it (the shell is kept). */
async function shellKept(page: Page): Promise<void> {
  await page.evaluate(() => navigator.serviceWorker.ready);
  await expect.poll(() => page.evaluate(() => navigator.serviceWorker.controller !== null), { timeout: 30_000 }).toBe(true);
}

test('installed site page: opened with no line it shows its last known state as stale and what it queued; back online, the question is stored once', async ({ open }) => {
  const { access, sites } = await createMeetingWithSites(smallMeeting('Mở trang khi mất mạng'), THREE_SITES);
  const mc = await connectAs(access.mcToken);
  await mc.run('meeting:start', {});
  const token = sites[0]!.token;
  const site = await open(PHONE);
  await site.goto(`/site/${token}`);
  await site.getByLabel('Họ tên người đại diện').fill('Trần Thị Bình');
  await site.getByRole('button', { name: 'Báo có mặt', exact: true }).click();
  await expect(site.getByTestId('checked-in')).toBeVisible();
  await expect(site.getByTestId('site-item-title')).toHaveText('Khai mạc hội nghị');
  await shellKept(site);
  // the manifest makes it installable
  const manifest = (await (await site.request.get('/manifest.webmanifest')).json()) as { display: string; icons: unknown[] };
  expect(manifest.display).toBe('standalone');
  expect(manifest.icons.length).toBeGreaterThan(0);
  await expect.poll(() => site.evaluate((t) => localStorage.getItem(`diemcau.last.${t}`) !== null, token)).toBe(true);

  // no line: a question goes to the device's outbox
  await site.context().setOffline(true);
  const text = 'Câu hỏi gửi khi mất mạng, trước khi mở lại trang';
  const questions = site.getByTestId('site-questions');
  await questions.getByLabel('Nội dung').fill(text);
  await questions.getByRole('button', { name: 'Gửi câu hỏi' }).click();
  await expect(questions.getByTestId('my-question')).toContainText(text);

  // the page opened again with no line: the shell from the service worker, the last state marked stale, the queued question
  await site.reload();
  await expect(site.getByTestId('site-item-title')).toHaveText('Khai mạc hội nghị');
  await expect(site.getByRole('alert').filter({ hasText: 'Mất kết nối' })).toBeVisible();
  await expect(site.getByTestId('stale-since')).toBeVisible();
  await expect(questions.getByTestId('my-question')).toContainText(text);
  await shot(site, 'installed-site-offline');

  await site.context().setOffline(false);
  await expect(site.getByRole('alert').filter({ hasText: 'Mất kết nối' })).toHaveCount(0, { timeout: 30_000 });
  await expect(questions.getByTestId('my-question')).not.toContainText(/Chưa gửi|Đang gửi/, { timeout: 30_000 });
  const stored = (await mc.run<{ questions: Question[] }>('questions:sync')).questions.filter((q) => q.text === text);
  expect(stored).toHaveLength(1);
  mc.close();
});

test('installed public page opens with no line: the meeting as last read and the form, marked offline', async ({ open }) => {
  const { access } = await createMeetingWithSites(smallMeeting('Trang câu hỏi khi mất mạng'), THREE_SITES);
  const links = await questionsLinks(access.meetingId);
  const phone = await open(PHONE);
  await phone.goto(`/q/${links.publicToken}`);
  await expect(phone.getByTestId('ask-title')).toHaveText('Trang câu hỏi khi mất mạng');
  await shellKept(phone);

  await phone.context().setOffline(true);
  await phone.reload();
  await expect(phone.getByTestId('ask-title')).toHaveText('Trang câu hỏi khi mất mạng');
  await expect(phone.getByTestId('ask-conn')).toContainText('Mất kết nối');
  await expect(phone.getByRole('button', { name: 'Gửi câu hỏi' })).toBeVisible();
  await phone.context().setOffline(false);
  await expect(phone.getByTestId('ask-conn')).toContainText('Trực tuyến', { timeout: 30_000 });
});
