import type { Page } from '@playwright/test';
import { createMeetingWithSites, DESKTOP, expect, PHONE, shot, smallMeeting, test, THREE_SITES } from './fixtures';

/** A site fills in "Đăng ký phát biểu" and sends it. */
async function requestToSpeak(site: Page, request: { kind: string; speaker: string; title: string; topic: string }): Promise<void> {
  const card = site.getByRole('region', { name: 'Đăng ký phát biểu' });
  await card.getByLabel('Loại').selectOption({ label: request.kind });
  await card.getByLabel('Họ tên người phát biểu').fill(request.speaker);
  await card.getByLabel('Chức vụ, đơn vị').fill(request.title);
  await card.getByLabel('Nội dung').fill(request.topic);
  await card.getByRole('button', { name: 'Gửi đăng ký' }).click();
}

/** A phone page from its top: the form's button scrolled it down. */
async function shotFromTop(page: Page, name: string): Promise<void> {
  await page.evaluate(() => window.scrollTo(0, 0));
  await shot(page, name);
}

test('two sites ask to speak, the MC gives the floor and ends the turn, a site withdraws; every screen follows', async ({ open }) => {
  const { access, sites } = await createMeetingWithSites(smallMeeting('Hội nghị kiểm thử đăng ký phát biểu'), THREE_SITES);
  const mc = await open();
  const screen = await open();
  const lucNgan = await open(PHONE);
  const yenThe = await open(PHONE);
  const lucNganTv = await open(DESKTOP);

  await mc.goto(`/mc/${access.mcToken}`);
  await screen.goto(`/screen/${access.projectorToken}`);
  await lucNgan.goto(`/site/${sites[0]!.token}`);
  await yenThe.goto(`/site/${sites[1]!.token}`);
  await lucNganTv.goto(`/site/${sites[0]!.token}`);
  await mc.getByRole('button', { name: 'Bắt đầu hội nghị' }).click();
  await expect(screen.getByTestId('screen-title')).toHaveText('Khai mạc hội nghị');

  await requestToSpeak(lucNgan, { kind: 'Ý kiến', speaker: 'Nguyễn Thị Minh Nguyệt', title: 'Phó Trưởng phòng GDĐT', topic: 'Bố trí giáo viên dạy môn Tin học ở cấp tiểu học' });
  await expect(lucNgan.getByTestId('own-place')).toHaveText(/^Bạn là lượt tiếp theo, dự kiến khoảng \d\d:\d\d$/);
  await requestToSpeak(yenThe, { kind: 'Câu hỏi', speaker: 'Lê Văn Bình', title: 'Hiệu trưởng Trường THCS Bố Hạ', topic: 'Kinh phí sửa chữa phòng học xuống cấp' });
  await expect(yenThe.getByTestId('own-place')).toHaveText(/^Còn 1 lượt trước bạn, dự kiến khoảng \d\d:\d\d$/);

  // the MC's speakers view lists both in order, with the site names
  await mc.getByRole('link', { name: 'Phát biểu (2)' }).click();
  const entries = mc.getByTestId('queue-entry');
  await expect(entries).toHaveCount(2);
  await expect(entries.nth(0)).toContainText('Nguyễn Thị Minh Nguyệt');
  await expect(entries.nth(0)).toContainText(THREE_SITES[0]!.name);
  await expect(entries.nth(1)).toContainText('Lê Văn Bình');
  await expect(entries.nth(1)).toContainText('Câu hỏi');
  await expect(mc.getByTestId('floor-panel')).toContainText('Tiếp theo: Nguyễn Thị Minh Nguyệt');

  // reordering and skipping reach the sites' place text at once
  const actionsOf = (name: string) => mc.getByRole('group', { name: `Thao tác với lượt của ${name}` });
  await actionsOf('Lê Văn Bình').getByRole('button', { name: 'Đưa lên đầu' }).click();
  await expect(lucNgan.getByTestId('own-place')).toHaveText(/^Còn 1 lượt trước bạn, dự kiến khoảng \d\d:\d\d$/);
  await expect(yenThe.getByTestId('own-place')).toHaveText(/^Bạn là lượt tiếp theo/);
  await actionsOf('Lê Văn Bình').getByRole('button', { name: 'Đưa xuống một bậc' }).click();
  await expect(lucNgan.getByTestId('own-place')).toHaveText(/^Bạn là lượt tiếp theo/);
  await actionsOf('Nguyễn Thị Minh Nguyệt').getByRole('button', { name: 'Bỏ qua' }).click();
  await expect(lucNgan.getByTestId('own-place')).toHaveText('Người dẫn chương trình tạm bỏ qua lượt này.');
  await expect(mc.getByTestId('floor-panel')).toContainText('Tiếp theo: Lê Văn Bình');
  await actionsOf('Nguyễn Thị Minh Nguyệt').getByRole('button', { name: 'Đưa lại' }).click();
  await expect(lucNgan.getByTestId('own-place')).toHaveText(/^Bạn là lượt tiếp theo/);

  await mc.getByRole('button', { name: 'Mời người tiếp theo ▶' }).click();
  await expect(mc.getByTestId('floor-speaker')).toHaveText('Nguyễn Thị Minh Nguyệt');
  await expect(mc.getByTestId('mc-floor-clock')).toBeVisible();
  await expect(screen.getByTestId('screen-speaker')).toHaveText('Nguyễn Thị Minh Nguyệt');
  await expect(screen.getByTestId('screen-speaker-clock')).toHaveText(/^\d:\d\d$/);
  await expect(screen.getByTestId('screen-title')).toHaveText('Khai mạc hội nghị');
  await expect(screen.getByTestId('up-next')).toContainText('Lê Văn Bình');
  await expect(lucNgan.getByTestId('own-floor')).toContainText('Mời điểm cầu phát biểu');
  await expect(lucNgan.getByTestId('own-floor-clock')).toHaveText(/^\d:\d\d$/);
  await expect(lucNganTv.getByTestId('own-floor')).toContainText('Nguyễn Thị Minh Nguyệt');
  await expect(yenThe.getByTestId('own-floor')).toHaveCount(0);
  await expect(yenThe.getByTestId('floor-now-speaker')).toHaveText('Nguyễn Thị Minh Nguyệt');
  await expect(yenThe.getByTestId('floor-now-clock')).toBeVisible();
  await expect(yenThe.getByTestId('own-place')).toHaveText(/^Bạn là lượt tiếp theo, dự kiến khoảng \d\d:\d\d$/);
  await shot(mc, 'mc-speakers');
  await shot(screen, 'screen-speaker');
  await shot(lucNganTv, 'site-tv-floor');
  await shotFromTop(lucNgan, 'site-phone-floor');
  await yenThe.getByRole('region', { name: 'Đăng ký phát biểu' }).evaluate((card) => card.scrollIntoView({ block: 'start' }));
  await shot(yenThe, 'site-phone-place');

  // the MC ends the turn: it goes to the history with its duration against the planned 3 minutes
  await mc.getByRole('button', { name: '■ Kết thúc lượt' }).click();
  const history = mc.getByTestId('history-row');
  await expect(history).toHaveCount(1);
  await expect(history).toContainText('Nguyễn Thị Minh Nguyệt');
  await expect(history).toContainText(/\d:\d\d \/ 3:00/);
  await expect(mc.getByTestId('totals-by-kind')).toContainText('Ý kiến');
  await expect(mc.getByTestId('totals-by-site')).toContainText(THREE_SITES[0]!.name);
  await expect(screen.getByTestId('screen-speaker')).toHaveCount(0);
  await expect(screen.getByTestId('screen-title')).toHaveText('Khai mạc hội nghị');
  await expect(lucNgan.getByTestId('own-floor')).toHaveCount(0);
  await shot(mc, 'mc-speakers-history');
  await mc.setViewportSize({ width: 1366, height: 768 });
  await shot(mc, 'mc-speakers-1366');
  await mc.setViewportSize(DESKTOP);

  // a site withdraws its request: gone from its page and from the MC's list
  await yenThe.getByRole('button', { name: 'Rút đăng ký' }).click();
  await expect(yenThe.getByTestId('own-entry')).toHaveCount(0);
  await expect(entries).toHaveCount(0);
  await expect(mc.getByRole('link', { name: 'Phát biểu (0)' })).toBeVisible();

  // one turn per site on this item: the site that spoke is refused; then the MC closes the list
  await mc.getByLabel('Giới hạn mỗi điểm cầu cho một mục').selectOption({ label: '1 lượt' });
  await requestToSpeak(lucNgan, { kind: 'Ý kiến', speaker: 'Nguyễn Thị Minh Nguyệt', title: 'Phó Trưởng phòng GDĐT', topic: 'Ý kiến bổ sung' });
  await expect(lucNgan.getByText('Mỗi điểm cầu đăng ký tối đa 1 lượt cho mục này.')).toBeVisible();
  await mc.getByRole('button', { name: 'Đóng đăng ký' }).click();
  await expect(yenThe.getByText('Người dẫn chương trình đang đóng đăng ký phát biểu.')).toBeVisible();
  await expect(yenThe.getByRole('button', { name: 'Gửi đăng ký' })).toHaveCount(0);
});

test('the MC prepares two contributions for the discussion; they join the queue in order when it starts', async ({ open }) => {
  const { access } = await createMeetingWithSites(smallMeeting('Hội nghị kiểm thử tham luận'), THREE_SITES);
  const mc = await open();
  await mc.goto(`/mc/${access.mcToken}/speakers`);

  const panel = mc.getByRole('region', { name: 'Tham luận đã chuẩn bị' });
  await panel.getByLabel('Mục chương trình').selectOption({ label: '3. Thảo luận' });
  await panel.getByRole('button', { name: 'Sửa danh sách tham luận' }).click();
  const dialog = mc.getByRole('dialog');
  const contributions = [
    { topic: 'Giải pháp nâng cao chất lượng giáo dục mũi nhọn', unit: 'Trường THPT Chuyên Bắc Giang', site: null, minutes: '7' },
    { topic: 'Chuyển đổi số trong quản lý trường học', unit: 'Phòng GDĐT huyện Lục Ngạn', site: THREE_SITES[0]!.name, minutes: '5' },
  ];
  for (const [index, c] of contributions.entries()) {
    await dialog.getByRole('button', { name: '+ Thêm tham luận' }).click();
    const row = dialog.getByRole('listitem', { name: `Tham luận số ${index + 1}` });
    await row.getByLabel('Nội dung').fill(c.topic);
    await row.getByLabel('Đơn vị trình bày').fill(c.unit);
    if (c.site) await row.getByLabel('Điểm cầu').selectOption({ label: c.site });
    await row.getByLabel('Số phút').fill(c.minutes);
  }
  await shot(mc, 'mc-contributions-dialog');
  await dialog.getByRole('button', { name: 'Lưu danh sách' }).click();
  await expect(panel.getByTestId('contributions').getByRole('listitem')).toHaveText([/mũi nhọn.*7 phút/, /Chuyển đổi số.*5 phút/]);

  // start, then move to the discussion: the contributions are queued in the planned order
  await mc.getByRole('link', { name: 'Điều hành' }).click();
  await mc.getByRole('button', { name: 'Bắt đầu hội nghị' }).click();
  await mc.getByRole('button', { name: 'Tiếp ▶' }).click();
  await mc.getByRole('button', { name: 'Tiếp ▶' }).click();
  await expect(mc.getByTestId('current-title')).toHaveText('Thảo luận');
  await expect(mc.getByTestId('floor-panel')).toContainText('Tiếp theo: Trường THPT Chuyên Bắc Giang');
  await mc.getByRole('button', { name: 'Mời người tiếp theo ▶' }).click();
  await expect(mc.getByTestId('floor-speaker')).toHaveText('Trường THPT Chuyên Bắc Giang');
  await expect(mc.getByTestId('floor-panel')).toContainText('Tiếp theo: Phòng GDĐT huyện Lục Ngạn');
  await shot(mc, 'mc-console-speaker');

  await mc.getByRole('link', { name: 'Phát biểu (1)' }).click();
  await expect(mc.getByTestId('queue-entry')).toHaveCount(1);
  await expect(mc.getByTestId('queue-entry')).toContainText('Tham luận');
  await expect(mc.getByTestId('queue-entry')).toContainText('Chuyển đổi số trong quản lý trường học');
  await expect(mc.getByTestId('queue-entry')).toContainText(THREE_SITES[0]!.name);
});
