import type { Page } from '@playwright/test';
import type { Ack, ClientToServerEvents, CommandPayload, MeetingAccess, MyQuestion, Question, QuestionsAccess, QuestionSubmit, ServerToClientEvents } from '@diemcau/shared';
import ExcelJS from 'exceljs';
import { randomBytes } from 'node:crypto';
import { io, type Socket } from 'socket.io-client';
import { baseUrl, createMeeting, expect, openDialog, shot, smallMeeting, test } from './fixtures';

const RAISE = 'Khi nào tăng lương giáo viên?';
const RAISE_NO_MARKS = 'khi nao tang luong giao vien';
const RAISE_TEENCODE = 'gv khi nao dc tang luong';
const SWEAR = 'đm sao lâu thế';
const TYPO = 'Đề nghị Sở hướng dẩn chi tiết việc tuyển sinh lớp 10 năm học tới';
const FIXED = 'Đề nghị Sở hướng dẫn chi tiết việc tuyển sinh lớp 10 năm học tới';
const FUNDS = 'Kinh phí sửa chữa phòng học xuống cấp năm nay được cấp khi nào?';
const TEST_ONLY = 'Thử gửi câu hỏi từ điện thoại';
const STAFFING = 'Nhà trường thiếu giáo viên tiếng Anh, Sở có kế hoạch bổ sung biên chế không?';

const FINANCE = 'Phòng Kế hoạch – Tài chính';
const PERSONNEL = 'Phòng Tổ chức cán bộ';
const CATEGORIES = ['Câu hỏi', 'Kiến nghị', 'Góp ý, đề xuất', 'Chế độ, chính sách'];

/** The questions links of a meeting, as the MC's links dialog loads them. */
async function questionsAccess(access: MeetingAccess): Promise<QuestionsAccess> {
  const res = await fetch(`${baseUrl()}/api/meetings/${access.meetingId}/questions/access`, { headers: { Authorization: `Bearer ${access.mcToken}` } });
  const json = (await res.json()) as Ack<QuestionsAccess>;
  if (!json.ok) throw new Error(`questions access refused: ${json.message}`);
  return json.data;
}

/** Sends one question the way the public page does over HTTP; answers what the server stored. */
async function submit(publicToken: string, question: Omit<QuestionSubmit, 'clientId'>): Promise<MyQuestion> {
  // the device key the server issues, as the public page asks for it once
  const device = (await (await fetch(`${baseUrl()}/api/public/${publicToken}/device`, { method: 'POST' })).json()) as Ack<{ deviceKey: string }>;
  if (!device.ok) throw new Error(`no device key: ${device.message}`);
  const res = await fetch(`${baseUrl()}/api/public/${publicToken}/questions`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ clientId: randomBytes(12).toString('hex'), senderKey: device.data.deviceKey, ...question }),
  });
  const json = (await res.json()) as Ack<MyQuestion>;
  if (!json.ok) throw new Error(`submit refused: ${json.message}`);
  expect(res.status).toBe(201);
  return json.data;
}

type McSocket = Socket<ServerToClientEvents, ClientToServerEvents>;
type Emit = (name: string, payload: unknown) => Promise<Ack<unknown>>;

/** Runs `steps` over an MC connection of its own: setting up what a test does not click through itself. */
async function asMc<T>(mcToken: string, steps: (send: <R>(name: string, payload: unknown) => Promise<R>) => Promise<T>): Promise<T> {
  const socket: McSocket = io(baseUrl(), { auth: { token: mcToken }, transports: ['websocket'], reconnection: false });
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('connect_error', reject);
  });
  const send = async <R,>(name: string, payload: unknown): Promise<R> => {
    const withTimeout = socket.timeout(5_000);
    const res = await (withTimeout.emitWithAck as unknown as Emit).call(withTimeout, name, payload);
    if (!res.ok) throw new Error(`${name} refused: ${res.message}`);
    return res.data as R;
  };
  try {
    return await steps(send);
  } finally {
    socket.close();
  }
}

/** Two offices and the categories the tests use, as the settings dialog saves them. */
const SETTINGS: CommandPayload<'questions:settings'> = { offices: [{ name: FINANCE }, { name: PERSONNEL }], categories: CATEGORIES };

/** The row of the moderation list (or an inbox) that shows `text`. */
const row = (page: Page, text: string) => page.getByTestId('question-row').filter({ hasText: text });

test('the MC sets up questions (window, categories, offices), hands out the links with a printable QR code and re-issues one; a moderator link only reads the settings', async ({ open }) => {
  const access = await createMeeting(smallMeeting('Hội nghị kiểm thử thiết lập câu hỏi'));
  const mc = await open();
  await mc.goto(`/mc/${access.mcToken}`);
  await mc.getByRole('link', { name: 'Câu hỏi (0 chờ duyệt)' }).click();
  await expect(mc).toHaveURL(/\/questions$/);
  await expect(mc.getByText('Chưa có câu hỏi nào.', { exact: false })).toBeVisible();
  await expect(mc.getByTestId('window-state')).toHaveText('Trang gửi câu hỏi đang mở');

  await mc.getByRole('button', { name: '⚙ Thiết lập' }).click();
  const settings = mc.getByRole('dialog', { name: 'Thiết lập' });
  await settings.getByRole('button', { name: '+ Thêm phòng, ban' }).click();
  await settings.getByRole('textbox', { name: 'Phòng, ban nhận câu hỏi 1' }).fill(FINANCE);
  await settings.getByRole('button', { name: '+ Thêm phòng, ban' }).click();
  await settings.getByRole('textbox', { name: 'Phòng, ban nhận câu hỏi 2' }).fill(PERSONNEL);
  await settings.getByRole('textbox', { name: 'Phân loại 4' }).fill('Góp ý, đề xuất');
  await settings.getByRole('button', { name: 'Xóa: Tâm tư, nguyện vọng' }).click();
  await settings.getByRole('button', { name: '+ Thêm phân loại' }).click();
  await settings.getByRole('textbox', { name: 'Phân loại 4' }).fill('Chế độ, chính sách');
  await settings.getByRole('radio', { name: 'Hiện ngay (câu bị gắn cờ vẫn chờ duyệt)' }).check();
  // a closing time without its date is refused in the form
  await settings.getByLabel('Đóng nhận câu hỏi: giờ').fill('17:30');
  await settings.getByRole('button', { name: 'Lưu' }).click();
  await expect(settings.getByRole('alert')).toHaveText('Đóng nhận câu hỏi: nhập cả ngày và giờ, hoặc để trống cả hai.');
  const tomorrow = new Date(Date.now() + 24 * 3_600_000 + 7 * 3_600_000).toISOString().slice(0, 10);
  await settings.getByLabel('Đóng nhận câu hỏi: ngày').fill(tomorrow);
  await shot(mc, 'questions-settings');
  await settings.getByRole('button', { name: 'Lưu' }).click();
  await expect(settings).toBeHidden();
  await expect(mc.getByTestId('window-state')).toHaveText(`Trang gửi câu hỏi đang mở, đóng lúc 17:30 ${tomorrow.split('-').reverse().join('/')}`);
  await expect(mc.getByText('Hiện ngay (câu bị gắn cờ vẫn chờ duyệt)')).toBeVisible();
  await expect(mc.getByRole('combobox', { name: 'Phân loại' })).toContainText('Chế độ, chính sách');

  // links: the public page with its QR code, the moderators', one per office
  await mc.getByRole('button', { name: 'Liên kết và mã QR' }).click();
  const links = mc.getByRole('dialog', { name: 'Liên kết câu hỏi và ý kiến' });
  await expect(links.getByRole('img', { name: 'Mã QR trang gửi câu hỏi' })).toBeVisible();
  await expect(links.getByTestId('office-link-row')).toHaveCount(2);
  const publicUrl = (await links.getByTestId('public-link').textContent()) ?? '';
  const moderatorUrl = (await links.getByTestId('moderator-link').textContent()) ?? '';
  expect(publicUrl).toMatch(/\/q\/[\w-]+$/);
  expect(moderatorUrl).toMatch(/\/mod\/[\w-]+$/);
  await expect(links.getByTestId('office-link-row').filter({ hasText: FINANCE }).getByTestId('office-link')).toHaveText(/\/office\/[\w-]+$/);
  await shot(mc, 'questions-links');
  await links.getByRole('button', { name: 'In mã QR' }).click();
  await expect(mc.getByTestId('public-qr-page')).toContainText('Gửi câu hỏi, ý kiến');
  await expect(mc.getByTestId('public-qr-page')).toContainText(publicUrl);
  await expect(mc.getByTestId('public-qr-page').getByRole('img', { name: 'Mã QR trang gửi câu hỏi' })).toBeVisible();
  await shot(mc, 'questions-qr-print');
  await mc.locator('.print-toolbar').getByRole('button', { name: 'Đóng' }).click();

  // the moderator link: the questions view alone, settings to read, no links
  const moderator = await open();
  await moderator.goto(new URL(moderatorUrl).pathname);
  await expect(moderator.getByTestId('pending-total')).toHaveText('0 câu chờ duyệt');
  await expect(moderator.getByRole('link', { name: /Điều hành/ })).toHaveCount(0);
  await expect(moderator.getByRole('button', { name: 'Liên kết và mã QR' })).toHaveCount(0);
  await moderator.getByRole('button', { name: '⚙ Xem thiết lập' }).click();
  const readOnly = moderator.getByRole('dialog', { name: 'Thiết lập' });
  await expect(readOnly.getByTestId('settings-summary')).toContainText(`${FINANCE} · ${PERSONNEL}`);
  await expect(readOnly.getByTestId('settings-summary')).toContainText('Câu hỏi · Kiến nghị · Góp ý, đề xuất · Chế độ, chính sách');
  await expect(readOnly.getByRole('textbox')).toHaveCount(0);
  await expect(readOnly.getByRole('radio')).toHaveCount(0);
  await expect(readOnly.getByRole('button', { name: 'Lưu' })).toHaveCount(0);
  await shot(moderator, 'questions-moderator-settings');

  // a new moderator link: the old one is refused from then on
  await mc.getByRole('button', { name: 'Liên kết và mã QR' }).click();
  await links.getByRole('button', { name: '⟳ Cấp lại đường dẫn' }).nth(1).click();
  await mc.getByRole('dialog', { name: 'Cấp lại đường dẫn' }).getByRole('button', { name: 'Cấp lại đường dẫn' }).click();
  await expect(links.getByTestId('moderator-link')).not.toHaveText(moderatorUrl);
  await expect(links.getByTestId('moderator-link')).toHaveText(/\/mod\/[\w-]+$/);
  const oldModerator = await open();
  await oldModerator.goto(new URL(moderatorUrl).pathname);
  await expect(oldModerator.getByRole('alert')).toContainText('Không vào được hội nghị');
});

test('moderators see flagged and duplicate questions, search without diacritics, edit a typo, approve, reject, route, merge and split, answer and pin to the projector', async ({ open }) => {
  const access = await createMeeting(smallMeeting('Hội nghị kiểm thử điều phối câu hỏi'));
  await asMc(access.mcToken, (send) => send('questions:settings', SETTINGS));
  const { publicToken } = await questionsAccess(access);
  const mc = await open();
  await mc.goto(`/mc/${access.mcToken}/questions`);
  await expect(mc.getByText('Chưa có câu hỏi nào.', { exact: false })).toBeVisible();

  // participants send questions, near-duplicates and one with a swear word among them
  await submit(publicToken, { text: RAISE, name: 'Nguyễn Văn An', unit: 'Trường THCS Lê Lợi', category: 'Câu hỏi' });
  await submit(publicToken, { text: RAISE_NO_MARKS, anonymous: true, category: 'Câu hỏi' });
  await submit(publicToken, { text: RAISE_TEENCODE, name: 'Trần Thị Bình', unit: 'Trường TH Hoàng Hoa Thám', category: 'Chế độ, chính sách' });
  await submit(publicToken, { text: SWEAR, name: 'Lê Văn Cường', category: 'Góp ý, đề xuất' });
  await submit(publicToken, { text: TYPO, name: 'Phạm Thu Hà', unit: 'Trường THPT Ngô Sĩ Liên', category: 'Kiến nghị' });
  await submit(publicToken, { text: FUNDS, name: 'Hoàng Minh Đức', unit: 'Trường THCS Bố Hạ', category: 'Kiến nghị' });
  await submit(publicToken, { text: TEST_ONLY, anonymous: true, category: 'Câu hỏi' });

  await expect(mc.getByTestId('questions-pending')).toHaveText('7');
  await expect(mc.getByRole('tab', { name: 'Chờ duyệt 7' })).toHaveAttribute('aria-selected', 'true');
  await expect(mc.getByTestId('question-row')).toHaveCount(7);
  await expect(row(mc, SWEAR).getByTestId('question-flag')).toHaveText(/^⚑ Gắn cờ: \S/);
  await expect(mc.getByTestId('question-flag')).toHaveCount(1);
  await expect(row(mc, RAISE_NO_MARKS)).toContainText('Ẩn danh');
  await expect(row(mc, RAISE)).toContainText('Nguyễn Văn An – Trường THCS Lê Lợi');
  await expect(mc.getByTestId('duplicate-group')).toHaveCount(1);
  await shot(mc, 'questions-pending');

  // search folds diacritics both ways
  const search = mc.getByRole('searchbox', { name: 'Tìm câu hỏi' });
  await search.fill('tuyen sinh lop 10');
  await expect(mc.getByTestId('question-row')).toHaveCount(1);
  await search.fill('LƯƠNG');
  await expect(mc.getByTestId('question-row')).toHaveCount(3);
  await expect(mc.getByTestId('question-count')).toHaveText('3/7 câu');
  await search.fill('');

  // a typo corrected before it goes public; the words as sent stay on record
  const edit = mc.getByRole('dialog', { name: 'Sửa câu hỏi' });
  await openDialog(row(mc, TYPO).getByRole('button', { name: '✎ Sửa' }), edit);
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
  await row(mc, FUNDS).getByRole('combobox', { name: 'Chuyển phòng' }).selectOption({ label: FINANCE });
  await expect(row(mc, FUNDS)).toContainText(`→ ${FINANCE}`);
  await mc.getByRole('combobox', { name: 'Phòng, ban' }).selectOption({ label: FINANCE });
  await expect(mc.getByTestId('question-row')).toHaveCount(1);
  await mc.getByRole('combobox', { name: 'Phòng, ban' }).selectOption({ label: 'Chưa chuyển phòng' });
  await expect(mc.getByTestId('question-row')).toHaveCount(4);
  await mc.getByRole('combobox', { name: 'Phòng, ban' }).selectOption({ label: 'Tất cả phòng, ban' });
  await expect(mc.getByTestId('questions-pending')).toHaveText('5');

  // the duplicate group: keep the one with diacritics, merge the other two into it
  const group = mc.getByTestId('duplicate-group');
  await expect(group).toContainText(RAISE_NO_MARKS);
  await expect(group).toContainText(RAISE_TEENCODE);
  await group.getByRole('radio', { name: `Giữ câu: ${RAISE}` }).check();
  await group.getByRole('button', { name: '⊕ Gộp 2 câu vào câu đã chọn' }).click();
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
  const merge = mc.getByRole('dialog', { name: 'Gộp câu hỏi trùng ý' });
  await openDialog(row(mc, RAISE).getByRole('button', { name: '⊕ Gộp' }), merge);
  await merge.getByRole('checkbox', { name: new RegExp(RAISE_TEENCODE) }).check();
  await merge.getByRole('button', { name: 'Gộp 1 câu vào câu này' }).click();
  await expect(merge).toBeHidden();
  await expect(row(mc, RAISE).getByTestId('merged-count')).toHaveText('3 câu');

  // answer the merged entry, published
  const answer = mc.getByRole('dialog', { name: 'Trả lời câu hỏi' });
  await openDialog(row(mc, RAISE).getByRole('button', { name: '↳ Trả lời' }), answer);
  await answer.getByRole('textbox', { name: 'Nội dung trả lời *' }).fill('Lương giáo viên điều chỉnh từ 01/7 theo Nghị quyết của Quốc hội; Sở sẽ thông báo mức cụ thể.');
  await answer.getByRole('textbox', { name: 'Người hoặc đơn vị trả lời *' }).fill('Phó Giám đốc Sở GDĐT');
  await expect(answer.getByRole('checkbox', { name: 'Công khai câu trả lời' })).toBeChecked();
  await answer.getByRole('button', { name: 'Gửi trả lời' }).click();
  await expect(answer).toBeHidden();
  await mc.getByRole('tab', { name: 'Đã trả lời 1' }).click();
  await expect(row(mc, RAISE).getByTestId('question-answer')).toHaveText('Trả lời (Phó Giám đốc Sở GDĐT): Lương giáo viên điều chỉnh từ 01/7 theo Nghị quyết của Quốc hội; Sở sẽ thông báo mức cụ thể.');

  // pin the approved question; the projector shows it, then takes it down
  const screen = await open();
  await screen.goto(`/screen/${access.projectorToken}`);
  await mc.getByRole('tab', { name: 'Đã duyệt 1' }).click();
  await expect(row(mc, FIXED).getByRole('button', { name: '◉ Ghim lên màn chiếu' })).toBeVisible();
  await mc.getByRole('tab', { name: /^Chờ duyệt/ }).click();
  await expect(row(mc, SWEAR).getByRole('button', { name: '◉ Ghim lên màn chiếu' })).toHaveCount(0);
  await mc.getByRole('tab', { name: 'Đã duyệt 1' }).click();
  await row(mc, FIXED).getByRole('button', { name: '◉ Ghim lên màn chiếu' }).click();
  await expect(mc.getByTestId('spotlight')).toContainText(FIXED);
  await expect(row(mc, FIXED)).toContainText('Đang ghim lên màn chiếu');
  await expect(screen.getByTestId('screen-spotlight')).toContainText(FIXED);
  await shot(mc, 'questions-pinned');
  await shot(screen, 'questions-projector-spotlight');
  await mc.getByTestId('spotlight').getByRole('button', { name: 'Bỏ ghim' }).click();
  await expect(screen.getByTestId('screen-spotlight')).toHaveCount(0);
  await expect(mc.getByTestId('spotlight')).toHaveCount(0);
});

test('an office sees and answers only what is routed to it; a moderator link approves; the Excel file holds every question', async ({ open }) => {
  const access = await createMeeting(smallMeeting('Hội nghị kiểm thử hộp thư phòng, ban'));
  await asMc(access.mcToken, (send) => send('questions:settings', SETTINGS));
  const links = await questionsAccess(access);
  const finance = links.offices.find((o) => o.name === FINANCE)!;
  const personnel = links.offices.find((o) => o.name === PERSONNEL)!;
  const funds = await submit(links.publicToken, { text: FUNDS, name: 'Hoàng Minh Đức', unit: 'Trường THCS Bố Hạ', category: 'Kiến nghị' });
  const staffing = await submit(links.publicToken, { text: STAFFING, name: 'Đỗ Thị Lan', unit: 'Trường THCS Tân Dĩnh', category: 'Kiến nghị' });
  await submit(links.publicToken, { text: SWEAR, name: 'Lê Văn Cường', category: 'Góp ý, đề xuất' });
  await asMc(access.mcToken, async (send) => {
    await send<Question>('question:route', { questionId: funds.id, officeId: finance.officeId, seen: { officeId: null } });
    await send<Question>('question:moderate', { questionId: funds.id, action: 'approve' });
    await send<Question>('question:route', { questionId: staffing.id, officeId: personnel.officeId, seen: { officeId: null } });
  });

  const office = await open();
  await office.goto(`/office/${finance.token}`);
  await expect(office.getByTestId('office-name')).toHaveText(FINANCE);
  await expect(office.getByTestId('question-row')).toHaveCount(1);
  await expect(row(office, FUNDS)).toBeVisible();
  await expect(office.getByRole('button', { name: '✓ Duyệt' })).toHaveCount(0);
  await expect(office.getByRole('button', { name: '✎ Sửa' })).toHaveCount(0);
  await expect(office.getByRole('combobox', { name: 'Chuyển phòng' })).toHaveCount(0);
  await expect(office.getByRole('button', { name: '◉ Ghim lên màn chiếu' })).toHaveCount(0);
  await expect(office.getByRole('button', { name: '⊕ Gộp' })).toHaveCount(0);
  await office.getByRole('searchbox', { name: 'Tìm câu hỏi' }).fill('kinh phi sua chua');
  await expect(office.getByTestId('question-row')).toHaveCount(1);
  await office.getByRole('searchbox', { name: 'Tìm câu hỏi' }).fill('bien che');
  await expect(office.getByTestId('question-row')).toHaveCount(0);
  await office.getByRole('searchbox', { name: 'Tìm câu hỏi' }).fill('');
  await shot(office, 'questions-office-inbox');

  const officeAnswer = office.getByRole('dialog', { name: 'Trả lời câu hỏi' });
  await openDialog(row(office, FUNDS).getByRole('button', { name: '↳ Trả lời' }), officeAnswer);
  await expect(officeAnswer.getByRole('textbox', { name: 'Người hoặc đơn vị trả lời *' })).toHaveValue(FINANCE);
  await expect(officeAnswer.getByRole('checkbox', { name: 'Công khai câu trả lời' })).toBeChecked();
  await officeAnswer.getByRole('textbox', { name: 'Nội dung trả lời *' }).fill('Kinh phí sửa chữa được cấp trong quý III, các trường lập dự toán gửi Phòng KHTC trước 30/6.');
  await officeAnswer.getByRole('button', { name: 'Gửi trả lời' }).click();
  await expect(officeAnswer).toBeHidden();
  await expect(office.getByRole('tab', { name: 'Chưa trả lời 0' })).toBeVisible();
  await office.getByRole('tab', { name: 'Đã trả lời 1' }).click();
  await expect(row(office, FUNDS).getByTestId('question-answer')).toContainText('Kinh phí sửa chữa được cấp trong quý III');

  // a question moved to this office arrives; moved away, it leaves
  await asMc(access.mcToken, (send) => send('question:route', { questionId: staffing.id, officeId: finance.officeId, seen: { officeId: personnel.officeId } }));
  await office.getByRole('tab', { name: /^Tất cả/ }).click();
  await expect(row(office, STAFFING)).toBeVisible();
  await expect(office.getByTestId('question-row')).toHaveCount(2);
  await asMc(access.mcToken, (send) => send('question:route', { questionId: staffing.id, officeId: personnel.officeId, seen: { officeId: finance.officeId } }));
  await expect(row(office, STAFFING)).toHaveCount(0);
  await expect(office.getByTestId('question-row')).toHaveCount(1);

  // the MC sees the office's answer, published
  const mc = await open();
  await mc.goto(`/mc/${access.mcToken}/questions`);
  await mc.getByRole('tab', { name: /^Đã trả lời/ }).click();
  await expect(row(mc, FUNDS).getByTestId('question-answer')).toContainText(`Trả lời (${FINANCE})`);
  await expect(row(mc, FUNDS)).not.toContainText('Trả lời không công khai');

  // a moderator link approves; the MC's badge follows
  const moderator = await open();
  await moderator.goto(`/mod/${links.moderatorToken}`);
  await expect(moderator.getByTestId('pending-total')).toHaveText('2 câu chờ duyệt');
  await expect(mc.getByTestId('questions-pending')).toHaveText('2');
  await expect(row(moderator, SWEAR).getByTestId('question-flag')).toBeVisible();
  await row(moderator, STAFFING).getByRole('button', { name: '✓ Duyệt' }).click();
  await expect(moderator.getByTestId('pending-total')).toHaveText('1 câu chờ duyệt');
  await expect(mc.getByTestId('questions-pending')).toHaveText('1');
  await shot(moderator, 'questions-moderator');

  // the Excel file: every question, and the digest
  await mc.getByRole('tab', { name: /^Tất cả/ }).click();
  await shot(mc, 'questions-all');
  const [file] = await Promise.all([mc.waitForEvent('download'), mc.getByRole('button', { name: '⬇ Tải Excel' }).click()]);
  expect(file.suggestedFilename()).toMatch(/\.xlsx$/);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(await file.path());
  const sheet = workbook.getWorksheet('Câu hỏi');
  expect(sheet).toBeDefined();
  const cells: string[] = [];
  // flagged words are marked in rich text: read each cell as the text a person sees
  sheet!.eachRow((r) => r.eachCell((c) => cells.push(c.text)));
  for (const text of [FUNDS, STAFFING, SWEAR, FINANCE]) expect(cells).toContain(text);
  expect(workbook.getWorksheet('Tổng hợp')).toBeDefined();

  // a laptop: the list keeps its actions on one line beside the duplicates column
  await mc.setViewportSize({ width: 1366, height: 768 });
  await expect(row(mc, STAFFING).getByRole('button', { name: '◉ Ghim lên màn chiếu' })).toBeVisible();
  await shot(mc, 'questions-laptop');
});
