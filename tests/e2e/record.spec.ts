import { createMeeting, demoMeeting, expect, shot, test } from './fixtures';

const CONTRIBUTIONS = [
  { topic: 'Chuyển đổi số trong quản lý trường học', unit: 'Phòng GDĐT huyện Lục Nam', siteId: null, plannedMs: 7 * 60_000 },
  { topic: 'Giải pháp khắc phục tình trạng thiếu giáo viên mầm non', unit: 'Phòng GDĐT huyện Yên Thế', siteId: null, plannedMs: 7 * 60_000 },
];

test('the MC notes conclusions on the current item, on another item and on a contribution; they survive a reload', async ({ open }) => {
  const base = demoMeeting('kết luận');
  const access = await createMeeting({ ...base, contributions: CONTRIBUTIONS.map((c) => ({ ...c, itemIndex: 3 })) });
  const mc = await open();
  await mc.goto(`/mc/${access.mcToken}`);
  await mc.getByRole('button', { name: 'Bắt đầu hội nghị' }).click();
  await expect(mc.getByTestId('current-title')).toHaveText('Đón tiếp đại biểu');
  await mc.getByRole('button', { name: 'Tiếp ▶' }).click();
  await expect(mc.getByTestId('current-title')).toHaveText('Tuyên bố lý do, giới thiệu đại biểu');

  const panel = mc.getByTestId('conclusions-panel');
  // The panel follows the current item.
  await expect(panel.getByRole('combobox')).toContainText('2. Tuyên bố lý do');
  const itemBox = panel.getByLabel('Kết luận của mục');
  await itemBox.fill('Hội nghị thống nhất chương trình; bổ sung phần khen thưởng.');
  await expect(panel).toContainText('chưa lưu');
  await panel.getByRole('button', { name: 'Lưu kết luận' }).click();
  await expect(mc.getByText('Đã lưu kết luận.')).toBeVisible();
  await expect(panel).toContainText('1 kết luận');
  await expect(panel).not.toContainText('chưa lưu');

  // Another item, chosen from the list, and one of its contributions (Ctrl+Enter saves).
  await panel.getByRole('combobox').selectOption({ label: '4. Thảo luận; Giải trình (nếu có)' });
  await panel.getByText('Tham luận của mục (0/2 có kết luận)').click();
  await panel.getByText('Phòng GDĐT huyện Yên Thế: Giải pháp khắc phục').click();
  const contributionBox = panel.getByLabel('Kết luận về tham luận: Phòng GDĐT huyện Yên Thế');
  await contributionBox.fill('Giao Phòng GDMN tham mưu tuyển dụng bổ sung giáo viên mầm non.');
  await contributionBox.press('Control+Enter');
  await expect(panel.getByText('Tham luận của mục (1/2 có kết luận)')).toBeVisible();
  await shot(mc, 'mc-conclusions');
  await panel.screenshot({ path: 'tests/e2e/screenshots/mc-conclusions-panel.png' });

  await mc.reload();
  const reloaded = mc.getByTestId('conclusions-panel');
  await expect(reloaded.getByLabel('Kết luận của mục')).toHaveValue('Hội nghị thống nhất chương trình; bổ sung phần khen thưởng.');
  await expect(reloaded).toContainText('2 kết luận');

  // Clearing: the count goes down.
  await reloaded.getByRole('button', { name: 'Xóa kết luận' }).click();
  await expect(reloaded).toContainText('1 kết luận');
  await expect(reloaded.getByLabel('Kết luận của mục')).toHaveValue('');
});
