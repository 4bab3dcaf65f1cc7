import { readFileSync } from 'node:fs';
import path from 'node:path';
import { vnDate } from '@diemcau/shared';
import { planDocx } from '../unit/plan-documents';
import { adminToken, expect, shot, test } from './fixtures';

const PLANS = path.join(import.meta.dirname, '../fixtures/plans');
const plan = (name: string) => readFileSync(path.join(PLANS, name), 'utf8');

test('the organiser uploads the Bắc Giang plan as .docx, corrects the preview, creates the meeting and sees it in the MC console', async ({ open }) => {
  const unique = `${Date.now()}`.slice(-6);
  const admin = await open();
  await admin.goto(`/admin/${adminToken()}`);
  await admin.getByRole('button', { name: 'Tạo từ kế hoạch' }).click();
  const dialog = admin.getByRole('dialog', { name: 'Tạo hội nghị từ kế hoạch (KẾ HOẠCH)' });
  await dialog.getByTestId('plan-file').setInputFiles({
    name: 'ke-hoach-giao-ban-giua-ky-1.docx',
    mimeType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    buffer: Buffer.from(await planDocx(plan('bac-giang-giao-ban-giua-ky-1.txt'))),
  });

  // Each field as read, with the line it came from; what the plan does not say is marked.
  const title = dialog.getByTestId('plan-title');
  await expect(title).toHaveValue('Hội nghị giao ban giữa kỳ I, triển khai nhiệm vụ các tháng còn lại năm học 2023 - 2024');
  await expect(dialog.getByTestId('plan-date')).toHaveValue('2023-11-24');
  await expect(dialog.getByTestId('plan-startTime')).toHaveValue('07:30');
  await expect(dialog.getByTestId('plan-format')).toHaveValue('in_person');
  await expect(dialog.getByTestId('plan-venue')).toHaveValue(/^Phòng họp số 1, Tầng 6, Cơ quan Sở/);
  await expect(dialog.getByText(/^Dòng \d+: 1\. Thời gian: Dự kiến từ 07 giờ 30 phút ngày 24\/11\/2023/).first()).toBeVisible();
  await expect(dialog.getByTestId('plan-item')).toHaveCount(6);
  await expect(dialog.getByTestId('plan-item').nth(4).getByLabel('Thực hiện')).toHaveValue('Giám đốc Sở GDĐT');
  await expect(dialog.getByRole('heading', { name: 'Tham luận (19)' })).toBeVisible();
  await expect(dialog.getByTestId('plan-contributions-item')).toHaveValue('3');
  await expect(dialog.getByTestId('plan-tasks').getByRole('listitem')).toHaveCount(5);
  await expect(dialog.getByTestId('plan-warnings')).toContainText('07:35–11:00 gồm 3 nội dung');
  await shot(admin, 'plan-preview');

  // The organiser corrects the title and moves the meeting to today, gives the keynote 30 minutes.
  const today = vnDate(Date.now());
  await title.fill(`Hội nghị giao ban giữa kỳ I năm học 2023 - 2024 [${unique}]`);
  await dialog.getByTestId('plan-date').fill(today);
  await dialog.getByTestId('plan-item').nth(2).getByLabel('Phút').fill('30');
  await dialog.getByTestId('plan-tasks').getByRole('listitem').first().scrollIntoViewIfNeeded();
  await shot(admin, 'plan-preview-tasks');
  await dialog.getByRole('button', { name: 'Tạo hội nghị' }).click();

  const created = admin.getByRole('dialog', { name: 'Đã tạo hội nghị. Mã và PIN ở dưới đây.' });
  await expect(created.getByTestId('meeting-code')).toHaveText(/^\d{6}$/);
  const mcHref = await created.getByRole('link', { name: /\/mc\// }).getAttribute('href');

  const mc = await open();
  await mc.goto(mcHref!);
  await expect(mc.getByRole('heading', { level: 1 })).toHaveText(`Hội nghị giao ban giữa kỳ I năm học 2023 - 2024 [${unique}]`);
  await expect(mc.getByText('Báo cáo đề dẫn triển khai nhiệm vụ trọng tâm 9 tuần đầu học kỳ I', { exact: false }).filter({ visible: true }).first()).toBeVisible();
  await expect(mc.getByText('Đồng chí Bạch Đăng Khoa - PGĐ Sở GDĐT').first()).toBeVisible();
  // The deadlines of 18/11/2023 are long past: the MC sees them first, as overdue.
  const tasks = mc.getByTestId('tasks-panel');
  await expect(tasks.getByRole('heading', { name: 'Việc cần làm theo kế hoạch' })).toBeVisible();
  await expect(tasks.getByTestId('task').first()).toContainText('Quá hạn 18/11');
  await expect(tasks).toContainText('2 quá hạn');
  await shot(mc, 'plan-mc-console');

  // The 19 tham luận wait under the discussion item in the speakers view.
  await mc.goto(`${mcHref!}/speakers`);
  await expect(mc.getByText('Triển khai xây dựng trường học hạnh phúc').first()).toBeVisible();
  await shot(mc, 'plan-mc-speakers');
});

test('a programme of cooperation pasted as text is said plainly to hold no meeting; nothing can be created', async ({ open }) => {
  const admin = await open();
  await admin.goto(`/admin/${adminToken()}`);
  await admin.getByRole('button', { name: 'Tạo từ kế hoạch' }).click();
  const dialog = admin.getByRole('dialog', { name: 'Tạo hội nghị từ kế hoạch (KẾ HOẠCH)' });
  await dialog.getByRole('tab', { name: 'Dán nội dung' }).click();
  await dialog.getByLabel('Dán toàn văn kế hoạch', { exact: false }).fill(plan('chuong-trinh-phoi-hop.txt'));
  await dialog.getByRole('button', { name: 'Đọc kế hoạch' }).click();
  await expect(dialog.getByTestId('plan-no-meeting')).toContainText('Văn bản này không chứa một hội nghị để tạo.');
  await expect(dialog.getByTestId('plan-no-meeting')).toContainText('không phải kế hoạch tổ chức một hội nghị');
  await expect(dialog.getByRole('button', { name: 'Tạo hội nghị' })).toBeDisabled();
  await shot(admin, 'plan-no-meeting');

  // A scanned plan (an image) is refused with what to do instead.
  await dialog.getByRole('tab', { name: 'Tải tệp .docx / .pdf' }).click();
  await dialog.getByTestId('plan-file').setInputFiles({ name: 'ke-hoach-scan.jpg', mimeType: 'image/jpeg', buffer: Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 1, 2, 3]) });
  await expect(dialog.getByRole('alert')).toContainText('ảnh chụp');
});
