import { vnInstant } from '@diemcau/shared';
import { DEMO_RUN_DATE, runDemoMeeting } from '../integration/demo-run';
import { ADMIN_TOKEN, ManualClock, startServer, type TestServer } from '../integration/harness';
import { DESKTOP, expect, shot, test } from './fixtures';
import { CLIENT_DIR } from './server-process';

/**
 * The archive and the reports after a day that really went by: the demo meeting run on a
 * manual clock (07:00–11:31, sites connecting and dropping, speakers, questions) by an
 * in-process server that serves the built client; the browser then reads it at 14:00.
 */
let server: TestServer;

test.beforeAll(async () => {
  const clock = new ManualClock(vnInstant(DEMO_RUN_DATE, '07:00'));
  server = await startServer(clock, undefined, { clientDir: CLIENT_DIR });
  await runDemoMeeting(server, clock);
  clock.t = vnInstant(DEMO_RUN_DATE, '14:00');
});

test.afterAll(async () => {
  await server.close();
  await server.remove();
});

test('the organiser finds a past meeting in the archive, opens its reports and makes the next meeting from it', async ({ browser }) => {
  const context = await browser.newContext({ viewport: DESKTOP, baseURL: server.url, timezoneId: 'Asia/Ho_Chi_Minh', locale: 'vi-VN' });
  const admin = await context.newPage();
  await admin.goto(`/admin/${ADMIN_TOKEN}`);
  const search = admin.getByRole('searchbox', { name: 'Tìm hội nghị' });
  const rows = admin.getByTestId('meeting-row');

  // the archive: ended meetings only, searched by organiser without diacritics, and by date
  await admin.getByRole('radio', { name: 'Đã kết thúc (lưu trữ)' }).click();
  await search.fill('so gddt bac giang');
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText('Đã kết thúc');
  await search.fill('24/11/2023');
  await expect(rows).toHaveCount(1);
  await search.fill('25/11/2023');
  await expect(admin.getByText('Không có hội nghị nào khớp')).toBeVisible();
  await search.fill('11/2023 giao ban');
  await expect(rows).toHaveCount(1);
  await admin.getByRole('radio', { name: 'Sắp tới, đang diễn ra' }).click();
  await expect(rows).toHaveCount(0);
  await admin.getByRole('radio', { name: 'Đã kết thúc (lưu trữ)' }).click();
  await expect(rows).toHaveCount(1);
  await shot(admin, 'archive-list');

  // its reports open in a new tab, read-only
  const [reports] = await Promise.all([context.waitForEvent('page'), rows.first().getByRole('button', { name: 'Báo cáo ↗' }).click()]);
  await expect(reports).toHaveURL(/\/mc\/[^/]+\/reports$/);
  const view = reports.getByTestId('reports');
  // the reports chunk carries the charting library: on a busy 2-core machine it takes a while to arrive
  await expect(view).toContainText('Hội nghị đã kết thúc: báo cáo chỉ để xem.', { timeout: 60_000 });
  await expect(view.getByText('Sớm 4 phút')).toBeVisible();
  await expect(view.getByText('5/15')).toBeVisible();
  await expect(view.locator('canvas')).toHaveCount(5);
  const schedule = reports.getByTestId('report-schedule');
  await expect(schedule.getByRole('row').filter({ hasText: 'Báo cáo đề dẫn' })).toContainText('+6');
  await expect(reports.getByTestId('report-attendance')).toContainText('Nhiều nhất 6 điểm cầu kết nối cùng lúc, lúc 07:20.');
  await expect(reports.getByTestId('report-questionsByOffice').getByRole('row').filter({ hasText: 'Chưa chuyển phòng, ban' })).toContainText('2');
  // nothing on the page changes the meeting: its only button refreshes the figures
  await expect(view.getByRole('button')).toHaveText(['↻ Làm mới số liệu']);
  await shot(reports, 'reports-1920');
  await reports.screenshot({ path: 'tests/e2e/screenshots/reports-1920-full.png', fullPage: true });

  // the list of turns is searchable, with or without diacritics
  const turns = reports.getByTestId('report-speeches');
  await turns.getByRole('searchbox', { name: 'Tìm người phát biểu, điểm cầu, nội dung…' }).fill('le thi hoa');
  await expect(turns.getByRole('row').filter({ hasText: 'Lê Thị Hoa' })).toHaveCount(1);
  await expect(turns.getByRole('row').filter({ hasText: 'Nguyễn Văn Hùng' })).toHaveCount(0);
  await turns.getByRole('searchbox').fill('không ai');
  await expect(turns.getByText('Không có dòng nào khớp với "không ai".')).toBeVisible();

  // a laptop
  await reports.setViewportSize({ width: 1366, height: 768 });
  await reports.getByTestId('report-speakingBySite').scrollIntoViewIfNeeded();
  await shot(reports, 'reports-laptop');

  // use it as the template of the next one
  await rows.first().getByRole('button', { name: 'Dùng làm mẫu' }).click();
  const dialog = admin.getByRole('dialog', { name: 'Dùng làm mẫu cho hội nghị mới' });
  await dialog.getByLabel('Tên hội nghị').fill('Hội nghị giao ban tháng 12 năm 2023');
  await dialog.getByLabel('Ngày').fill('2023-12-22');
  await shot(admin, 'archive-template');
  await dialog.getByRole('button', { name: 'Tạo hội nghị mới' }).click();
  await expect(admin.getByRole('dialog', { name: 'Đã tạo hội nghị. Mã và PIN ở dưới đây.' })).toBeVisible();
  await admin.getByRole('button', { name: 'Đóng' }).click();
  await admin.getByRole('radio', { name: 'Sắp tới, đang diễn ra' }).click();
  await search.fill('thang 12');
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText('22/12/2023');
  await expect(rows.first()).toContainText('Chưa bắt đầu');
  await context.close();
});
