import { readFileSync } from 'node:fs';
import { vnDate } from '@diemcau/shared';
import JSZip from 'jszip';
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

test('after the end the MC makes the meeting record and downloads a zip holding the minutes with what happened', async ({ open }) => {
  const access = await createMeeting(demoMeeting('hồ sơ'));
  const mc = await open();
  await mc.goto(`/mc/${access.mcToken}`);
  await mc.getByRole('button', { name: 'Bắt đầu hội nghị' }).click();
  await expect(mc.getByTestId('current-title')).toHaveText('Đón tiếp đại biểu');
  const panel = mc.getByTestId('conclusions-panel');
  await panel.getByLabel('Kết luận của mục').fill('Đại biểu các điểm cầu đã có mặt đầy đủ, đúng giờ.');
  await panel.getByRole('button', { name: 'Lưu kết luận' }).click();
  await expect(panel).toContainText('1 kết luận');
  await mc.getByRole('button', { name: 'Tiếp ▶' }).click();
  await expect(mc.getByTestId('current-title')).toHaveText('Tuyên bố lý do, giới thiệu đại biểu');
  await mc.getByRole('button', { name: '■ Kết thúc hội nghị' }).click();
  await mc.getByRole('dialog').getByRole('button', { name: 'Kết thúc hội nghị' }).click();

  // Ended: the record panel comes first in the side column.
  const record = mc.getByTestId('record-panel');
  await expect(record).toBeVisible();
  await expect(record).not.toContainText('chưa kết thúc');
  await record.getByRole('button', { name: 'Tạo hồ sơ (.zip)' }).click();
  await expect(record.getByText(/Hồ sơ đã sẵn sàng \(\d+(\.\d)? (kB|MB)\)/)).toBeVisible({ timeout: 90_000 });
  await record.screenshot({ path: 'tests/e2e/screenshots/mc-record-ready.png' });
  await shot(mc, 'mc-record-ended');
  const downloading = mc.waitForEvent('download');
  await record.getByRole('button', { name: '⬇ Tải hồ sơ' }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toBe(`ho-so-hoi-nghi-${access.code}-${vnDate(Date.now())}.zip`);
  const zip = await JSZip.loadAsync(readFileSync((await download.path())!));
  expect(Object.keys(zip.files)).toEqual(expect.arrayContaining(['bien-ban-du-thao.docx', 'thong-bao-ket-luan-du-thao.docx', 'tham-du.xlsx', 'cau-hoi.xlsx']));
  const docx = await JSZip.loadAsync(await zip.file('bien-ban-du-thao.docx')!.async('uint8array'));
  const xml = await docx.file('word/document.xml')!.async('string');
  const text = xml.replace(/<\/w:p>/g, '\n').replace(/<[^>]+>/g, '');
  expect(text).toContain('BIÊN BẢN');
  expect(text).toContain('[hồ sơ]');
  expect(text).toContain('Kết luận: Đại biểu các điểm cầu đã có mặt đầy đủ, đúng giờ.');
  expect(text).toMatch(/1\. Đón tiếp đại biểu\nBắt đầu lúc \d\d giờ \d\d phút, thời lượng/);
  expect(text).toContain('3. Báo cáo đề dẫn triển khai nhiệm vụ trọng tâm 9 tuần đầu học kỳ I; triển khai nhiệm vụ trọng tâm các tháng còn lại của năm học 2023-2024\nKhông thực hiện');
});
