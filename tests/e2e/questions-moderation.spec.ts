import type { Page } from '@playwright/test';
import { type MyQuestion, type QuestionSubmit } from '@diemcau/shared';
import ExcelJS from 'exceljs';
import { randomBytes } from 'node:crypto';
import { baseUrl, createMeeting, expect, shot, smallMeeting, test } from './fixtures';

const RAISE = 'Khi nào tăng lương giáo viên?';
const RAISE_NO_MARKS = 'khi nao tang luong giao vien';
const RAISE_TEENCODE = 'gv khi nao dc tang luong';
const SWEAR = 'đm sao lâu thế';
const TYPO = 'Đề nghị Sở hướng dẩn chi tiết việc tuyển sinh lớp 10 năm học tới';
const FIXED = 'Đề nghị Sở hướng dẫn chi tiết việc tuyển sinh lớp 10 năm học tới';
const FUNDS = 'Kinh phí sửa chữa phòng học xuống cấp năm nay được cấp khi nào?';
const TEST_ONLY = 'Thử gửi câu hỏi từ điện thoại';
const STAFFING = 'Nhà trường thiếu giáo viên tiếng Anh, Sở có kế hoạch bổ sung biên chế không?';

/** Sends one question the way the public page does over HTTP; answers what the server stored. */
async function submit(publicToken: string, question: Omit<QuestionSubmit, 'clientId'>): Promise<MyQuestion> {
  const res = await fetch(`${baseUrl()}/api/public/${publicToken}/questions`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ clientId: randomBytes(12).toString('hex'), senderKey: randomBytes(12).toString('hex'), ...question }),
  });
  const json = (await res.json()) as { ok: boolean; data: MyQuestion; message?: string };
  if (!json.ok) throw new Error(`submit failed: ${json.message}`);
  expect(res.status).toBe(201);
  return json.data;
}

/** The row of the moderation list (or an inbox) that shows `text`. */
const row = (page: Page, text: string) => page.getByTestId('question-row').filter({ hasText: text });

test('moderators approve, edit, reject, route, merge, pin and answer; an office answers its own; the moderator link; the Excel file', async ({ open }) => {
  const access = await createMeeting(smallMeeting('Hội nghị kiểm thử câu hỏi và ý kiến'));
  const mc = await open();
  await mc.goto(`/mc/${access.mcToken}`);
  await mc.getByRole('link', { name: 'Câu hỏi (0 chờ duyệt)' }).click();
  await expect(mc).toHaveURL(/\/questions$/);
  await expect(mc.getByText('Chưa có câu hỏi nào.', { exact: false })).toBeVisible();

  // settings: two offices, a category renamed, one added, one removed, a closing time
  await mc.getByRole('button', { name: '⚙ Thiết lập' }).click();
  const settings = mc.getByRole('dialog', { name: 'Thiết lập' });
  await settings.getByRole('button', { name: '+ Thêm phòng, ban' }).click();
  await settings.getByRole('textbox', { name: 'Phòng, ban nhận câu hỏi 1' }).fill('Phòng Kế hoạch – Tài chính');
  await settings.getByRole('button', { name: '+ Thêm phòng, ban' }).click();
  await settings.getByRole('textbox', { name: 'Phòng, ban nhận câu hỏi 2' }).fill('Phòng Tổ chức cán bộ');
  await settings.getByRole('textbox', { name: 'Phân loại 4' }).fill('Góp ý, đề xuất');
  await settings.getByRole('button', { name: 'Xóa: Tâm tư, nguyện vọng' }).click();
  await settings.getByRole('button', { name: '+ Thêm phân loại' }).click();
  await settings.getByRole('textbox', { name: 'Phân loại 4' }).fill('Chế độ, chính sách');
  const tomorrow = new Date(Date.now() + 24 * 3_600_000 + 7 * 3_600_000).toISOString().slice(0, 10);
  await settings.getByLabel('Đóng nhận câu hỏi: ngày').fill(tomorrow);
  await settings.getByLabel('Đóng nhận câu hỏi: giờ').fill('17:30');
  await shot(mc, 'questions-settings');
  await settings.getByRole('button', { name: 'Lưu' }).click();
  await expect(settings).toBeHidden();
  await expect(mc.getByTestId('window-state')).toHaveText(`Trang gửi câu hỏi đang mở, đóng lúc 17:30 ${tomorrow.split('-').reverse().join('/')}`);

  // links: the public page with its QR code, the moderators', one per office
  await mc.getByRole('button', { name: 'Liên kết và mã QR' }).click();
  const links = mc.getByRole('dialog', { name: 'Liên kết câu hỏi và ý kiến' });
  await expect(links.getByRole('img', { name: 'Mã QR trang gửi câu hỏi' })).toBeVisible();
  await expect(links.getByTestId('office-link-row')).toHaveCount(2);
  const publicUrl = (await links.getByTestId('public-link').textContent()) ?? '';
  const moderatorUrl = (await links.getByTestId('moderator-link').textContent()) ?? '';
  const financeUrl = (await links.getByTestId('office-link-row').filter({ hasText: 'Phòng Kế hoạch – Tài chính' }).getByTestId('office-link').textContent()) ?? '';
  expect(publicUrl).toMatch(/\/q\/[\w-]+$/);
  expect(moderatorUrl).toMatch(/\/mod\/[\w-]+$/);
  expect(financeUrl).toMatch(/\/office\/[\w-]+$/);
  await shot(mc, 'questions-links');
  await links.getByRole('button', { name: 'In mã QR' }).click();
  await expect(mc.getByTestId('public-qr-page')).toContainText('Gửi câu hỏi, ý kiến');
  await expect(mc.getByTestId('public-qr-page')).toContainText(publicUrl);
  await shot(mc, 'questions-qr-print');
  await mc.locator('.print-toolbar').getByRole('button', { name: 'Đóng' }).click();

  // participants send questions, near-duplicates and one with a swear word among them
  const publicToken = publicUrl.split('/q/')[1]!;
  await submit(publicToken, { text: RAISE, name: 'Nguyễn Văn An', unit: 'Trường THCS Lê Lợi', category: 'Câu hỏi' });
  await submit(publicToken, { text: RAISE_NO_MARKS, anonymous: true, category: 'Câu hỏi' });
  await submit(publicToken, { text: RAISE_TEENCODE, name: 'Trần Thị Bình', unit: 'Trường TH Hoàng Hoa Thám', category: 'Chế độ, chính sách' });
  await submit(publicToken, { text: SWEAR, name: 'Lê Văn Cường', category: 'Góp ý, đề xuất' });
  await submit(publicToken, { text: TYPO, name: 'Phạm Thu Hà', unit: 'Trường THPT Ngô Sĩ Liên', category: 'Kiến nghị' });
  await submit(publicToken, { text: FUNDS, name: 'Hoàng Minh Đức', unit: 'Trường THCS Bố Hạ', category: 'Kiến nghị' });
  await submit(publicToken, { text: TEST_ONLY, anonymous: true, category: 'Câu hỏi' });
  await submit(publicToken, { text: STAFFING, name: 'Đỗ Thị Lan', unit: 'Trường THCS Tân Dĩnh', category: 'Kiến nghị' });

  await expect(mc.getByTestId('questions-pending')).toHaveText('8');
  await expect(mc.getByRole('tab', { name: 'Chờ duyệt 8' })).toHaveAttribute('aria-selected', 'true');
  await expect(mc.getByTestId('question-row')).toHaveCount(8);
  await expect(row(mc, SWEAR).getByTestId('question-flag')).toHaveText(/^⚑ Gắn cờ: \S/);
  await expect(mc.getByTestId('question-flag')).toHaveCount(1);
  await expect(row(mc, RAISE_NO_MARKS)).toContainText('Ẩn danh');
  await expect(row(mc, RAISE)).toContainText('Nguyễn Văn An – Trường THCS Lê Lợi');
  await expect(mc.getByTestId('duplicate-group')).toHaveCount(1);
  await shot(mc, 'questions-pending');

  // search folds diacritics both ways
  await mc.getByRole('searchbox', { name: 'Tìm câu hỏi' }).fill('tuyen sinh lop 10');
  await expect(mc.getByTestId('question-row')).toHaveCount(1);
  await mc.getByRole('searchbox', { name: 'Tìm câu hỏi' }).fill('LƯƠNG');
  await expect(mc.getByTestId('question-row')).toHaveCount(3);
  await mc.getByRole('searchbox', { name: 'Tìm câu hỏi' }).fill('');

  // a typo corrected before it goes public; the words as sent stay on record
  await row(mc, TYPO).getByRole('button', { name: '✎ Sửa' }).click();
  const edit = mc.getByRole('dialog', { name: 'Sửa câu hỏi' });
  await edit.getByRole('textbox', { name: 'Nội dung hiển thị' }).fill(FIXED);
  await edit.getByRole('combobox', { name: 'Phân loại' }).selectOption('Góp ý, đề xuất');
  await expect(edit.getByTestId('edit-original')).toHaveText(TYPO);
  await edit.getByRole('button', { name: 'Lưu' }).click();
  await expect(edit).toBeHidden();
  await expect(row(mc, FIXED).getByTestId('question-original')).toHaveText(`Bản gốc: ${TYPO}`);
  await expect(row(mc, FIXED)).toContainText('Góp ý, đề xuất');

  // approve, reject, route
  await row(mc, FIXED).getByRole('button', { name: '✓ Duyệt' }).click();
  await expect(mc.getByRole('tab', { name: 'Đã duyệt 1' })).toBeVisible();
  await row(mc, TEST_ONLY).getByRole('button', { name: '✕ Không duyệt' }).click();
  await expect(mc.getByRole('tab', { name: 'Không duyệt 1' })).toBeVisible();
  await expect(row(mc, TEST_ONLY)).toHaveCount(0);
  await row(mc, FUNDS).getByRole('combobox', { name: 'Chuyển phòng' }).selectOption({ label: 'Phòng Kế hoạch – Tài chính' });
  await expect(row(mc, FUNDS)).toContainText('→ Phòng Kế hoạch – Tài chính');
  await row(mc, FUNDS).getByRole('button', { name: '✓ Duyệt' }).click();
  await mc.getByRole('tab', { name: /^Đã duyệt/ }).click();
  await mc.getByRole('combobox', { name: 'Phòng, ban' }).selectOption({ label: 'Phòng Kế hoạch – Tài chính' });
  await expect(mc.getByTestId('question-row')).toHaveCount(1);
  await mc.getByRole('combobox', { name: 'Phòng, ban' }).selectOption({ label: 'Tất cả phòng, ban' });
  await mc.getByRole('tab', { name: /^Chờ duyệt/ }).click();
  await expect(mc.getByTestId('questions-pending')).toHaveText('5');

  // the duplicate group: keep the first one with diacritics, merge the other two into it
  const group = mc.getByTestId('duplicate-group');
  await expect(group).toContainText(RAISE_NO_MARKS);
  await expect(group).toContainText(RAISE_TEENCODE);
  await group.getByRole('radio', { name: `Giữ câu: ${RAISE}` }).check();
  await group.getByRole('button', { name: 'Gộp 2 câu vào câu đã chọn' }).click();
  await expect(mc.getByTestId('duplicate-group')).toHaveCount(0);
  await expect(row(mc, RAISE).getByTestId('merged-count')).toHaveText('3 câu');
  await expect(row(mc, RAISE_NO_MARKS)).toHaveCount(0);
  await expect(mc.getByTestId('questions-pending')).toHaveText('3');
  await row(mc, RAISE).getByRole('button', { name: '▸ 2 câu đã gộp' }).click();
  await expect(mc.getByTestId('merged-row')).toHaveCount(2);
  await shot(mc, 'questions-merged');

  // split one back out, then merge it again from the row's own "Gộp"
  await mc.getByTestId('merged-row').filter({ hasText: RAISE_TEENCODE }).getByRole('button', { name: '↤ Tách ra' }).click();
  await expect(row(mc, RAISE).getByTestId('merged-count')).toHaveText('2 câu');
  await expect(row(mc, RAISE_TEENCODE)).toHaveCount(1);
  await row(mc, RAISE).getByRole('button', { name: '⊕ Gộp' }).click();
  const merge = mc.getByRole('dialog', { name: 'Gộp câu hỏi trùng ý' });
  await merge.getByRole('checkbox', { name: new RegExp(RAISE_TEENCODE) }).check();
  await merge.getByRole('button', { name: 'Gộp 1 câu vào câu này' }).click();
  await expect(merge).toBeHidden();
  await expect(row(mc, RAISE).getByTestId('merged-count')).toHaveText('3 câu');

  // answer the merged entry, published
  await row(mc, RAISE).getByRole('button', { name: '↳ Trả lời' }).click();
  const answer = mc.getByRole('dialog', { name: 'Trả lời câu hỏi' });
  await answer.getByRole('textbox', { name: 'Nội dung trả lời *' }).fill('Lương giáo viên điều chỉnh từ 01/7 theo Nghị quyết của Quốc hội; Sở sẽ thông báo mức cụ thể.');
  await answer.getByRole('textbox', { name: 'Người hoặc đơn vị trả lời *' }).fill('Phó Giám đốc Sở GDĐT');
  await expect(answer.getByRole('checkbox', { name: 'Công khai câu trả lời' })).toBeChecked();
  await answer.getByRole('button', { name: 'Gửi trả lời' }).click();
  await expect(answer).toBeHidden();
  await mc.getByRole('tab', { name: /^Đã trả lời/ }).click();
  await expect(row(mc, RAISE).getByTestId('question-answer')).toContainText('Trả lời (Phó Giám đốc Sở GDĐT): Lương giáo viên điều chỉnh');

  // pin the approved question; the projector shows it
  const screen = await open();
  await screen.goto(`/screen/${access.projectorToken}`);
  await mc.getByRole('tab', { name: /^Đã duyệt/ }).click();
  await row(mc, FIXED).getByRole('button', { name: '◉ Ghim lên màn chiếu' }).click();
  await expect(mc.getByTestId('spotlight')).toContainText(FIXED);
  await expect(row(mc, FIXED)).toContainText('Đang ghim lên màn chiếu');
  await expect(screen.getByTestId('screen-spotlight')).toContainText(FIXED);
  await shot(mc, 'questions-pinned');
  await shot(screen, 'questions-projector-spotlight');

  // the office inbox: only its question, answered there
  const office = await open();
  await office.goto(new URL(financeUrl).pathname);
  await expect(office.getByTestId('office-name')).toHaveText('Phòng Kế hoạch – Tài chính');
  await expect(office.getByTestId('question-row')).toHaveCount(1);
  await expect(row(office, FUNDS)).toBeVisible();
  await expect(office.getByRole('button', { name: '✓ Duyệt' })).toHaveCount(0);
  await expect(office.getByRole('combobox', { name: 'Chuyển phòng' })).toHaveCount(0);
  await expect(office.getByRole('button', { name: '◉ Ghim lên màn chiếu' })).toHaveCount(0);
  await shot(office, 'questions-office-inbox');
  await row(office, FUNDS).getByRole('button', { name: '↳ Trả lời' }).click();
  const officeAnswer = office.getByRole('dialog', { name: 'Trả lời câu hỏi' });
  await expect(officeAnswer.getByRole('textbox', { name: 'Người hoặc đơn vị trả lời *' })).toHaveValue('Phòng Kế hoạch – Tài chính');
  await expect(officeAnswer.getByRole('checkbox', { name: 'Công khai câu trả lời' })).toBeChecked();
  await officeAnswer.getByRole('textbox', { name: 'Nội dung trả lời *' }).fill('Kinh phí sửa chữa được cấp trong quý III, các trường lập dự toán gửi Phòng KHTC trước 30/6.');
  await officeAnswer.getByRole('button', { name: 'Gửi trả lời' }).click();
  await expect(officeAnswer).toBeHidden();
  await expect(office.getByRole('tab', { name: 'Đã trả lời 1' })).toBeVisible();
  await office.getByRole('tab', { name: 'Đã trả lời 1' }).click();
  await expect(row(office, FUNDS).getByTestId('question-answer')).toContainText('Kinh phí sửa chữa được cấp trong quý III');
  await mc.getByRole('tab', { name: /^Đã trả lời/ }).click();
  await expect(row(mc, FUNDS).getByTestId('question-answer')).toContainText('Trả lời (Phòng Kế hoạch – Tài chính)');
  await expect(row(mc, FUNDS)).not.toContainText('Trả lời không công khai');

  // the moderator link: the same view, settings to read only, no links
  const moderator = await open();
  await moderator.goto(new URL(moderatorUrl).pathname);
  await expect(moderator.getByTestId('pending-total')).toHaveText('2 câu chờ duyệt');
  await expect(moderator.getByRole('link', { name: /Điều hành/ })).toHaveCount(0);
  await expect(moderator.getByRole('button', { name: 'Liên kết và mã QR' })).toHaveCount(0);
  await expect(row(moderator, SWEAR).getByTestId('question-flag')).toBeVisible();
  await row(moderator, STAFFING).getByRole('button', { name: '✓ Duyệt' }).click();
  await expect(moderator.getByTestId('pending-total')).toHaveText('1 câu chờ duyệt');
  await expect(mc.getByTestId('questions-pending')).toHaveText('1');
  await moderator.getByRole('button', { name: '⚙ Xem thiết lập' }).click();
  const readOnly = moderator.getByRole('dialog', { name: 'Thiết lập' });
  await expect(readOnly.getByTestId('settings-summary')).toContainText('Phòng Kế hoạch – Tài chính · Phòng Tổ chức cán bộ');
  await expect(readOnly.getByRole('textbox')).toHaveCount(0);
  await expect(readOnly.getByRole('button', { name: 'Lưu' })).toHaveCount(0);
  await shot(moderator, 'questions-moderator-settings');
  await readOnly.getByRole('button', { name: 'Đóng' }).first().click();
  await shot(moderator, 'questions-moderator');

  // the Excel file: every question, and the digest
  await mc.getByRole('tab', { name: /^Tất cả/ }).click();
  await shot(mc, 'questions-all');
  const [file] = await Promise.all([mc.waitForEvent('download'), mc.getByRole('button', { name: '⬇ Tải Excel' }).click()]);
  expect(file.suggestedFilename()).toMatch(/\.xlsx$/);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(await file.path());
  const rowsSheet = workbook.getWorksheet('Câu hỏi');
  expect(rowsSheet).toBeDefined();
  const cells: string[] = [];
  rowsSheet!.eachRow((r) => r.eachCell((c) => cells.push(String(c.value ?? ''))));
  for (const text of [FIXED, FUNDS, RAISE, RAISE_NO_MARKS, SWEAR, TEST_ONLY]) expect(cells).toContain(text);
  expect(workbook.getWorksheet('Tổng hợp')).toBeDefined();

  // a new moderator link: the old one is refused from then on
  await mc.getByRole('button', { name: 'Liên kết và mã QR' }).click();
  await links.getByRole('button', { name: '⟳ Cấp lại đường dẫn' }).nth(1).click();
  await mc.getByRole('dialog', { name: 'Cấp lại đường dẫn' }).getByRole('button', { name: 'Cấp lại đường dẫn' }).click();
  await expect(links.getByTestId('moderator-link')).not.toHaveText(moderatorUrl);
  await expect(links.getByTestId('moderator-link')).toHaveText(/\/mod\/[\w-]+$/);
  await links.getByRole('button', { name: 'Đóng' }).click();
  const oldModerator = await open();
  await oldModerator.goto(new URL(moderatorUrl).pathname);
  await expect(oldModerator.getByRole('alert')).toContainText('Không vào được hội nghị');

  // a laptop: the list keeps its actions on one line beside the duplicates column
  await mc.setViewportSize({ width: 1366, height: 768 });
  await expect(row(mc, FIXED).getByRole('button', { name: 'Bỏ ghim' })).toBeVisible();
  await shot(mc, 'questions-laptop');
});
