import type { MeetingSnapshot, Question, ScreenView } from '@diemcau/shared';
import { connectAs, createMeetingWithSites, DESKTOP, expect, shot, smallMeeting, test, THREE_SITES } from './fixtures';
import config, { FULL_CHROMIUM } from './playwright.config';

// The full Chromium: in the headless shell (the other specs' browser) the question kept while
// offline was not stored after the page came back online.
test.use({ launchOptions: { ...config.use?.launchOptions, executablePath: FULL_CHROMIUM } });

/** How long the site is without network: the brief's 30 seconds, in real time. */
const OFFLINE_MS = 30_000;

test('a site offline for 30 seconds asks to speak and sends a question; back online, each lands once and the page shows what the MC did', async ({ open }) => {
  const { access, sites } = await createMeetingWithSites(smallMeeting('Mất kết nối 30 giây'), THREE_SITES);
  const mc = await connectAs(access.mcToken);
  await mc.run('meeting:start', {});
  const site = await open(DESKTOP);
  await site.goto(`/site/${sites[0]!.token}`);
  await site.getByLabel('Họ tên người đại diện').fill('Nguyễn Văn An');
  await site.getByRole('button', { name: 'Báo có mặt', exact: true }).click();
  await expect(site.getByTestId('checked-in')).toBeVisible();
  await expect(site.getByTestId('site-item-title')).toHaveText('Khai mạc hội nghị');

  await site.context().setOffline(true);
  const offlineAt = Date.now();
  await expect(site.getByText('Mất kết nối – đang kết nối lại…').first()).toBeVisible({ timeout: 60_000 });

  // a request to speak while offline: kept on the device, and the page says it waits for the connection
  const speak = site.getByRole('region', { name: 'Đăng ký phát biểu' });
  await speak.getByLabel('Họ tên người phát biểu').fill('Nguyễn Văn An');
  await speak.getByLabel('Nội dung').fill('Kinh phí sửa chữa trường lớp sau bão');
  await speak.getByRole('button', { name: 'Gửi đăng ký' }).click();
  await expect(site.getByTestId('speak-kept')).toContainText('Chờ kết nối để gửi');
  await expect(site.getByTestId('speak-kept')).toContainText('Nguyễn Văn An');

  // a question while offline: kept in the outbox
  const questions = site.getByTestId('site-questions');
  await questions.getByLabel('Nội dung').fill('Khi nào Sở cấp kinh phí sửa chữa sau bão?');
  await questions.getByRole('button', { name: 'Gửi câu hỏi' }).click();
  // the page tries a few times first (1 + 2 + 4 + 8 s), then says it keeps the question
  await expect(site.getByTestId('ask-confirmation')).toContainText('Chưa gửi được', { timeout: 45_000 });
  await shot(site, 'offline-site-waiting');

  // meanwhile the MC moves on
  await mc.run('agenda:next', { rev: (await mc.run<MeetingSnapshot>('meeting:sync')).rev });
  await site.waitForTimeout(Math.max(0, OFFLINE_MS - (Date.now() - offlineAt)));
  await site.context().setOffline(false);

  // back: the current item, the request once in the queue, the question once in the list
  await expect(site.getByTestId('site-item-title')).toHaveText('Báo cáo sơ kết', { timeout: 60_000 });
  await expect(site.getByTestId('speak-kept')).toHaveCount(0, { timeout: 60_000 });
  await expect(site.getByTestId('own-entry')).toHaveCount(1);
  await expect(site.getByTestId('own-entry')).toContainText('Nguyễn Văn An');
  await expect(questions.getByTestId('my-question')).toHaveCount(1);
  // neither kept ("Chưa gửi được") nor on its way ("Đang gửi…"): the server answered it
  await expect(questions.getByTestId('my-question')).not.toContainText(/Chưa gửi|Đang gửi/);
  await shot(site, 'offline-site-back');

  const state = (await mc.run<MeetingSnapshot>('meeting:sync')).view as ScreenView;
  expect(state.queue.entries.filter((e) => e.siteId === sites[0]!.siteId)).toHaveLength(1);
  const storedCount = async () =>
    (await mc.run<{ questions: Question[] }>('questions:sync')).questions.filter((q) => q.text === 'Khi nào Sở cấp kinh phí sửa chữa sau bão?').length;
  expect(await storedCount()).toBe(1);
  // a reload sends nothing again
  await site.reload();
  await expect(site.getByTestId('own-entry')).toHaveCount(1);
  await expect(questions.getByTestId('my-question')).toHaveCount(1);
  const after = (await mc.run<MeetingSnapshot>('meeting:sync')).view as ScreenView;
  expect(after.queue.entries).toHaveLength(1);
  expect(await storedCount()).toBe(1);
  mc.close();
});
