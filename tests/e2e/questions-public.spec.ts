import type { BrowserContext, Page, Request } from '@playwright/test';
import type { Ack, ClientToServerEvents, CommandPayload, Question, QuestionsAccess, ServerToClientEvents } from '@diemcau/shared';
import path from 'node:path';
import { io, type Socket } from 'socket.io-client';
import { adminToken, baseUrl, createMeeting, createMeetingWithSites, DESKTOP, expect, PHONE, shot, smallMeeting, test as base, THREE_SITES } from './fixtures';

type StaffSocket = Socket<ServerToClientEvents, ClientToServerEvents>;
type Emit = (name: string, payload: unknown) => Promise<Ack<unknown>>;

/** A moderator's (or the MC's) connection, driven from the test: the moderation screens are tested elsewhere. */
class Staff {
  private constructor(readonly socket: StaffSocket) {}

  static async connect(token: string): Promise<Staff> {
    const socket: StaffSocket = io(baseUrl(), { auth: { token }, transports: ['websocket'], reconnection: false });
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', () => resolve());
      socket.once('connect_error', reject);
    });
    return new Staff(socket);
  }

  /** Sends one event and answers its data; a refusal fails the test with the server's message. */
  async run<T>(name: string, payload: unknown): Promise<T> {
    const withTimeout = this.socket.timeout(5_000);
    const res = await (withTimeout.emitWithAck as unknown as Emit).call(withTimeout, name, payload);
    if (!res.ok) throw new Error(`${name} refused: ${res.message}`);
    return res.data as T;
  }

  settings = (patch: CommandPayload<'questions:settings'>) => this.run('questions:settings', patch);
  moderate = (questionId: string, action: 'approve' | 'reject') => this.run<Question>('question:moderate', { questionId, action });
  answer = (questionId: string, answer: string, answeredBy: string) => this.run<Question>('question:answer', { questionId, answer, answeredBy, seen: { answer: '' } });
  pin = (questionId: string | null) => this.run('question:pin', { questionId });

  /** Every question of the meeting, as moderators see them. */
  async all(): Promise<Question[]> {
    const withTimeout = this.socket.timeout(5_000);
    const res = await withTimeout.emitWithAck('questions:sync', {});
    if (!res.ok) throw new Error(`questions:sync refused: ${res.message}`);
    return res.data.questions as Question[];
  }

  /** The stored question whose text is `text` (fails when there is not exactly one). */
  async find(text: string): Promise<Question> {
    const rows = (await this.all()).filter((q) => q.text === text);
    expect(rows, `questions stored with the text "${text.slice(0, 40)}"`).toHaveLength(1);
    return rows[0]!;
  }

  close = () => this.socket.close();
}

/** The questions links of a meeting, as the organiser reads them. */
async function questionsAccess(meetingId: string): Promise<QuestionsAccess> {
  const res = await fetch(`${baseUrl()}/api/meetings/${meetingId}/questions/access`, { headers: { Authorization: `Bearer ${adminToken()}` } });
  const json = (await res.json()) as Ack<QuestionsAccess>;
  if (!json.ok) throw new Error(`questions access: ${json.message}`);
  return json.data;
}

const test = base.extend<{ phone: () => Promise<Page>; staff: (token: string) => Promise<Staff> }>({
  /** A phone: small touch screen, its own storage (its own sender key). */
  phone: async ({ browser }, use) => {
    const contexts: BrowserContext[] = [];
    await use(async () => {
      const context = await browser.newContext({ viewport: PHONE, isMobile: true, hasTouch: true, baseURL: baseUrl(), timezoneId: 'Asia/Ho_Chi_Minh', locale: 'vi-VN' });
      contexts.push(context);
      const page = await context.newPage();
      // user text must never run as script
      page.on('dialog', (dialog) => {
        throw new Error(`a dialog opened: ${dialog.message()}`);
      });
      return page;
    });
    await Promise.all(contexts.map((c) => c.close()));
  },
  staff: async ({}, use) => {
    const sockets: Staff[] = [];
    await use(async (token) => {
      const staff = await Staff.connect(token);
      sockets.push(staff);
      return staff;
    });
    for (const s of sockets) s.close();
  },
});

const OFFICES = [{ name: 'Phòng Giáo dục Trung học' }, { name: 'Văn phòng Sở' }];

/** The page does not scroll sideways: nothing is wider than the phone. */
async function expectNoSidewaysScroll(page: Page): Promise<void> {
  const { scroll, width } = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, width: window.innerWidth }));
  expect(scroll, 'page width').toBeLessThanOrEqual(width);
}

const mine = (page: Page, text: string) => page.getByTestId('my-question').filter({ hasText: text });
const visible = (page: Page, text: string) => page.getByTestId('visible-question').filter({ hasText: text });

async function send(page: Page, text: string): Promise<void> {
  await page.getByRole('textbox', { name: 'Nội dung *' }).fill(text);
  await page.getByRole('button', { name: 'Gửi câu hỏi' }).click();
  await expect(page.getByTestId('ask-confirmation')).toContainText('Đã nhận câu hỏi của bạn');
  await page.getByRole('button', { name: 'Gửi câu hỏi khác' }).click();
}

test('public page on a phone: send, follow its status, vote once, read the answer; hostile text stays text', async ({ phone, staff }) => {
  const meeting = await createMeeting(smallMeeting('Hội nghị sơ kết học kỳ I năm học 2025 – 2026 của ngành Giáo dục tỉnh Bắc Giang'));
  const mc = await staff(meeting.mcToken);
  await mc.settings({ offices: OFFICES, moderation: 'pre', allowAnonymous: true });
  const links = await questionsAccess(meeting.meetingId);
  const moderator = await staff(links.moderatorToken);
  const teacher = await phone();

  await teacher.goto(`/q/${links.publicToken}`);
  await expect(teacher.getByTestId('ask-title')).toHaveText('Hội nghị sơ kết học kỳ I năm học 2025 – 2026 của ngành Giáo dục tỉnh Bắc Giang');
  await expect(teacher.getByTestId('ask-conn')).toHaveText('Trực tuyến');
  await expect(teacher.getByTestId('my-questions')).toContainText('Bạn chưa gửi câu hỏi nào từ máy này.');
  await shot(teacher, 'ask-phone-empty');

  // a question with category, office, name and unit; the counter follows the text
  const question = 'Đề nghị Sở hướng dẫn cụ thể việc dạy thêm, học thêm theo Thông tư 29 đối với giáo viên THCS.';
  await teacher.getByRole('textbox', { name: 'Nội dung *' }).fill(question);
  await expect(teacher.getByText(`${question.length}/2000 ký tự`)).toBeVisible();
  await teacher.getByRole('combobox', { name: 'Phân loại' }).selectOption('Kiến nghị');
  await teacher.getByRole('combobox', { name: 'Gửi tới phòng, ban (không bắt buộc)' }).selectOption('Phòng Giáo dục Trung học');
  await teacher.getByRole('textbox', { name: 'Họ tên (không bắt buộc)' }).fill('Nguyễn Thị Thu Hà');
  await teacher.getByRole('textbox', { name: 'Đơn vị (không bắt buộc)' }).fill('Trường THCS Lê Quý Đôn');
  await shot(teacher, 'ask-phone-filled');
  await teacher.getByRole('button', { name: 'Gửi câu hỏi' }).click();
  const confirmation = teacher.getByTestId('ask-confirmation');
  await expect(confirmation).toContainText('Đã nhận câu hỏi của bạn');
  await expect(confirmation).toContainText(question);
  await expect(confirmation).toContainText('Phòng Giáo dục Trung học');
  await expect(confirmation).toContainText('Nguyễn Thị Thu Hà – Trường THCS Lê Quý Đôn');
  await expect(mine(teacher, question).getByTestId('ask-status')).toHaveText('Chờ duyệt');
  await shot(teacher, 'ask-phone-sent');

  // stored once, as sent
  const stored = await moderator.find(question);
  expect(stored).toMatchObject({ category: 'Kiến nghị', senderName: 'Nguyễn Thị Thu Hà', senderUnit: 'Trường THCS Lê Quý Đôn', status: 'pending', origin: 'public' });

  // approved: the sender sees it, and it joins the approved list
  await moderator.moderate(stored.id, 'approve');
  await expect(mine(teacher, question).getByTestId('ask-status')).toHaveText('Đã duyệt');
  await expect(visible(teacher, question)).toContainText('Nguyễn Thị Thu Hà – Trường THCS Lê Quý Đôn');
  await expect(teacher.getByRole('link', { name: 'Đã duyệt (1)' })).toBeVisible();

  // one vote per device: on, survives a reload, a second vote is not counted, taking it back works
  const vote = visible(teacher, question).getByTestId('ask-vote');
  await vote.click();
  await expect(vote).toHaveAttribute('aria-pressed', 'true');
  await expect(vote.getByTestId('ask-votes')).toHaveText('1');
  await teacher.reload();
  await expect(vote.getByTestId('ask-votes')).toHaveText('1');
  await expect(vote).toHaveAttribute('aria-pressed', 'true');
  // the device forgets what it voted for (storage cleared), its key stays: voting again does not count twice
  await teacher.evaluate((id) => localStorage.removeItem(`diemcau.q.${id}.voted`), meeting.meetingId);
  await teacher.reload();
  await expect(vote).toHaveAttribute('aria-pressed', 'false');
  await vote.click();
  await expect(vote).toHaveAttribute('aria-pressed', 'true');
  await expect(vote.getByTestId('ask-votes')).toHaveText('1');
  expect((await moderator.find(question)).votes).toBe(1);
  await vote.click();
  await expect(vote.getByTestId('ask-votes')).toHaveText('0');
  await expect(vote).toHaveAttribute('aria-pressed', 'false');
  await vote.click();
  await expect(vote.getByTestId('ask-votes')).toHaveText('1');

  // another phone votes too: both see 2, live
  const colleague = await phone();
  await colleague.goto(`/q/${links.publicToken}`);
  await visible(colleague, question).getByTestId('ask-vote').click();
  await expect(visible(colleague, question).getByTestId('ask-votes')).toHaveText('2');
  await expect(vote.getByTestId('ask-votes')).toHaveText('2');
  await expect(colleague.getByTestId('my-questions')).toContainText('Bạn chưa gửi câu hỏi nào từ máy này.');

  // the answer reaches the sender and everyone
  const answer = 'Sở sẽ ban hành văn bản hướng dẫn trước ngày 15/12; các trường thực hiện theo Điều 4 và Điều 5 của Thông tư.';
  await moderator.answer(stored.id, answer, 'Phòng Giáo dục Trung học');
  await expect(mine(teacher, question).getByTestId('ask-status')).toHaveText('Đã trả lời');
  await expect(mine(teacher, question).getByTestId('ask-answer')).toContainText(answer);
  await expect(visible(teacher, question).getByTestId('ask-answer')).toContainText(answer);
  await expect(visible(colleague, question).getByTestId('ask-answer')).toContainText('Phòng Giáo dục Trung học');
  await teacher.getByRole('link', { name: 'Đã duyệt (1)' }).click();
  await shot(teacher, 'ask-phone-answered');

  // anonymous: no name or unit leaves the phone
  const anonymous = 'Chế độ phụ cấp thâm niên cho giáo viên hợp đồng có được tính không ạ?';
  await colleague.getByRole('textbox', { name: 'Nội dung *' }).fill(anonymous);
  await colleague.getByRole('textbox', { name: 'Họ tên (không bắt buộc)' }).fill('Trần Văn Bình');
  await colleague.getByRole('checkbox', { name: 'Gửi ẩn danh' }).check();
  await expect(colleague.getByRole('textbox', { name: 'Họ tên (không bắt buộc)' })).toBeHidden();
  await colleague.getByRole('button', { name: 'Gửi câu hỏi' }).click();
  await expect(colleague.getByTestId('ask-confirmation')).toContainText('Người gửi: Ẩn danh');
  expect(await moderator.find(anonymous)).toMatchObject({ anonymous: true, senderName: '', senderUnit: '' });

  // hostile text: markup, a 300-character word, a right-to-left override
  const markup = '<script>alert(1)</script><img src=x onerror=alert(2)>';
  const longWord = `Đề_nghị_${'x'.repeat(300)}`;
  const rtl = 'Câu hỏi \u202Eđảo chiều\u202C kết thúc';
  for (const text of [markup, longWord, rtl]) await send(teacher, text);
  for (const text of [markup, longWord, rtl]) await moderator.moderate((await moderator.find(text)).id, 'approve');
  for (const text of [markup, longWord, rtl]) await expect(mine(teacher, text).getByTestId('ask-status')).toHaveText('Đã duyệt');
  await expect(visible(teacher, markup)).toContainText(markup);
  await expect(teacher.locator('.ask-page img')).toHaveCount(0);
  await expect(visible(teacher, longWord)).toBeVisible();
  await expectNoSidewaysScroll(teacher);
  const card = await visible(teacher, longWord).boundingBox();
  expect(card!.x + card!.width).toBeLessThanOrEqual(PHONE.width);
  // the override stays inside the question: its status and the labels around it read normally
  await expect(mine(teacher, rtl).getByTestId('ask-status')).toHaveText('Đã duyệt');
  await expect(mine(teacher, rtl).locator('bdi.user-text')).toHaveText(rtl);
  await teacher.getByRole('radio', { name: 'Mới nhất' }).click();
  await teacher.getByRole('link', { name: 'Đã duyệt (4)' }).click();
  await shot(teacher, 'ask-phone-hostile-visible');
  await teacher.getByRole('link', { name: /^Của tôi/ }).click();
  await shot(teacher, 'ask-phone-hostile-mine');

  // search folds diacritics; sorting by votes puts the voted question first
  const search = teacher.getByRole('searchbox', { name: 'Tìm câu hỏi' });
  await search.fill('thong tu 29');
  await expect(teacher.getByTestId('visible-question')).toHaveCount(1);
  await expect(teacher.getByTestId('visible-question')).toContainText(question);
  await search.fill('không có câu này');
  await expect(teacher.getByTestId('visible-questions')).toContainText('Không có câu hỏi nào khớp "không có câu này".');
  await search.fill('');
  await teacher.getByRole('radio', { name: 'Nhiều bình chọn' }).click();
  await expect(teacher.getByTestId('visible-question').first()).toContainText(question);

  // the smallest phone the page is designed for, and a desktop
  await teacher.setViewportSize({ width: 360, height: 740 });
  await expectNoSidewaysScroll(teacher);
  await shot(teacher, 'ask-phone-360');
  await teacher.setViewportSize({ width: 1366, height: 800 });
  await teacher.evaluate(() => window.scrollTo(0, 0));
  await expectNoSidewaysScroll(teacher);
  // the text takes the card's width beside the vote button, also with an answer below it
  const answered = (await visible(teacher, question).boundingBox())!;
  const answeredText = (await visible(teacher, question).locator('.ask-item__text').boundingBox())!;
  expect(answeredText.width).toBeGreaterThan(answered.width * 0.6);
  await shot(teacher, 'ask-desktop');
  await teacher.setViewportSize(PHONE);

  // English
  await teacher.getByRole('button', { name: 'English' }).click();
  await expect(mine(teacher, question).getByTestId('ask-status')).toHaveText('Answered');
  await teacher.getByRole('link', { name: 'Ask' }).click();
  await shot(teacher, 'ask-phone-english');
  await teacher.getByRole('button', { name: 'Tiếng Việt' }).click();
});

test('the form waits for its window: disabled before opensAt, opens when the organiser opens it, closes again; a rate limit is explained', async ({ phone, staff }) => {
  const meeting = await createMeeting(smallMeeting('Hội nghị kiểm thử giờ mở trang câu hỏi'));
  const mc = await staff(meeting.mcToken);
  const inAnHour = Date.now() + 3_600_000;
  await mc.settings({ opensAt: inAnHour, closesAt: null, allowAnonymous: false });
  const links = await questionsAccess(meeting.meetingId);
  const teacher = await phone();

  // a mistyped or replaced link says so and what to do
  await teacher.goto(`/q/${links.publicToken.slice(0, -4)}abcd`);
  await expect(teacher.getByRole('alert')).toContainText('Không mở được trang câu hỏi');
  await expect(teacher.getByRole('alert')).toContainText('Quét lại mã QR');

  await teacher.goto(`/q/${links.publicToken}`);
  const when = new Date(inAnHour + 7 * 3_600_000).toISOString();
  const time = when.slice(11, 16);
  await expect(teacher.getByTestId('ask-window')).toContainText(`Trang nhận câu hỏi mở lúc ${time}`);
  await expect(teacher.getByRole('textbox', { name: 'Nội dung *' })).toBeDisabled();
  await expect(teacher.getByRole('button', { name: 'Gửi câu hỏi' })).toBeDisabled();
  await expect(teacher.getByRole('checkbox', { name: 'Gửi ẩn danh' })).toHaveCount(0);
  await shot(teacher, 'ask-phone-not-yet');

  // the organiser opens it now: the form follows without a reload
  await mc.settings({ opensAt: null });
  await expect(teacher.getByTestId('ask-window')).toHaveCount(0);
  await expect(teacher.getByRole('textbox', { name: 'Nội dung *' })).toBeEnabled();

  // ten questions a minute per device: the eleventh is refused with the server's words
  const senderKey = await teacher.evaluate((id) => localStorage.getItem(`diemcau.q.${id}.sender`), meeting.meetingId);
  expect(senderKey).toMatch(/^[A-Za-z0-9_-]{22,}$/);
  for (let i = 1; i <= 10; i += 1) {
    const res = await fetch(`${baseUrl()}/api/public/${links.publicToken}/questions`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ clientId: `e2e-rate-limit-${i}-${Date.now()}`, senderKey, text: `Câu hỏi thử số ${i}` }),
    });
    expect(res.status).toBe(201);
  }
  await teacher.getByRole('textbox', { name: 'Nội dung *' }).fill('Câu hỏi thứ mười một trong một phút');
  await teacher.getByRole('button', { name: 'Gửi câu hỏi' }).click();
  await expect(teacher.getByRole('alert')).toContainText('quá nhanh');
  await expect(teacher.getByRole('textbox', { name: 'Nội dung *' })).toHaveValue('Câu hỏi thứ mười một trong một phút');
  await expect(mine(teacher, 'Câu hỏi thứ mười một')).toHaveCount(0);
  await shot(teacher, 'ask-phone-rate-limited');
  // what this device sent by other means is its own too
  await teacher.reload();
  await expect(teacher.getByTestId('my-question')).toHaveCount(10);

  // closed: the form follows the settings at once
  await mc.settings({ closesAt: Date.now() - 60_000 });
  await expect(teacher.getByTestId('ask-window')).toContainText('Trang đã ngừng nhận câu hỏi cho hội nghị này.');
  await expect(teacher.getByRole('textbox', { name: 'Nội dung *' })).toBeDisabled();
  await shot(teacher, 'ask-phone-closed');
});

test('socket blocked: the phone sends over HTTP, a retry with the same client id is stored once, a reload sends what was left', async ({ phone, staff }) => {
  const meeting = await createMeeting(smallMeeting('Hội nghị kiểm thử gửi câu hỏi khi mạng chập chờn'));
  const links = await questionsAccess(meeting.meetingId);
  const moderator = await staff(links.moderatorToken);
  const teacher = await phone();
  await teacher.route('**/socket.io/**', (route) => route.abort());

  await teacher.goto(`/q/${links.publicToken}`);
  await expect(teacher.getByTestId('ask-title')).toHaveText('Hội nghị kiểm thử gửi câu hỏi khi mạng chập chờn');
  await expect(teacher.getByTestId('ask-conn')).toHaveText('Mất kết nối trực tiếp – vẫn gửi được');

  // the first POST reaches the server but its answer is lost; the second waits until the test saw "Sending again…"
  const posts: Request[] = [];
  let releaseRetry!: () => void;
  const retryHeld = new Promise<void>((resolve) => (releaseRetry = resolve));
  await teacher.route('**/api/public/*/questions', async (route) => {
    if (route.request().method() !== 'POST') return route.continue();
    posts.push(route.request());
    if (posts.length === 1) {
      await route.fetch();
      return route.abort('connectionreset');
    }
    await retryHeld;
    return route.continue();
  });
  const text = 'Mạng ở điểm trường lẻ rất yếu, đề nghị Sở hỗ trợ đường truyền cho các điểm cầu vùng cao.';
  await teacher.getByRole('textbox', { name: 'Nội dung *' }).fill(text);
  await teacher.getByRole('button', { name: 'Gửi câu hỏi' }).click();
  await expect(teacher.getByRole('button', { name: 'Đang gửi lại…' })).toBeVisible();
  await expect(mine(teacher, text).getByTestId('ask-status')).toHaveText('Đang gửi…');
  await shot(teacher, 'ask-phone-resending');
  releaseRetry();
  await expect(teacher.getByTestId('ask-confirmation')).toContainText('Đã nhận câu hỏi của bạn');
  expect(posts.length).toBe(2);
  const ids = posts.map((p) => (p.postDataJSON() as { clientId: string }).clientId);
  expect(ids[0]).toMatch(/^[A-Za-z0-9_-]{22,}$/);
  expect(ids[1]).toBe(ids[0]);
  const stored = await moderator.find(text);
  expect(stored.status).toBe('pending');
  await expect(mine(teacher, text).getByTestId('ask-status')).toHaveText('Chờ duyệt');

  // approved while the socket is down: the phone reads it over HTTP
  await moderator.moderate(stored.id, 'approve');
  await teacher.reload();
  await expect(mine(teacher, text).getByTestId('ask-status')).toHaveText('Đã duyệt');
  await expect(visible(teacher, text)).toBeVisible();
  await visible(teacher, text).getByTestId('ask-vote').click();
  await expect(visible(teacher, text).getByTestId('ask-votes')).toHaveText('1');
  expect((await moderator.find(text)).votes).toBe(1);

  // no network at all for the next one: it stays on the phone; a reload with the network back sends it once
  await teacher.unroute('**/api/public/*/questions');
  await teacher.route('**/api/public/*/questions', (route) => (route.request().method() === 'POST' ? route.abort('internetdisconnected') : route.continue()));
  const later = 'Câu hỏi gửi lúc mất mạng: kế hoạch bồi dưỡng giáo viên dạy môn Tin học năm 2026?';
  await teacher.getByRole('textbox', { name: 'Nội dung *' }).fill(later);
  await teacher.getByRole('button', { name: 'Gửi câu hỏi' }).click();
  await expect(teacher.getByRole('button', { name: 'Đang gửi lại…' })).toBeVisible();
  // kept on the phone across a reload
  await teacher.reload();
  await expect(mine(teacher, later).getByTestId('ask-status')).toHaveText(/Đang gửi…|Chưa gửi được/);
  await teacher.getByRole('link', { name: /^Của tôi/ }).click();
  await shot(teacher, 'ask-phone-unsent');
  expect((await moderator.all()).filter((q) => q.text === later)).toHaveLength(0);
  await teacher.unroute('**/api/public/*/questions');
  await expect(mine(teacher, later).getByTestId('ask-status')).toHaveText('Chờ duyệt', { timeout: 20_000 });
  await expect(mine(teacher, later)).toHaveCount(1);
  expect((await moderator.all()).filter((q) => q.text === later)).toHaveLength(1);
  await teacher.getByRole('link', { name: /^Của tôi/ }).click();
  await shot(teacher, 'ask-phone-http-fallback');
});

test('a site sends a question in its name; the projector shows it large when pinned, beside the clock, and drops it when unpinned', async ({ open, staff }) => {
  const { access, sites } = await createMeetingWithSites(smallMeeting('Hội nghị kiểm thử câu hỏi của điểm cầu'), THREE_SITES);
  const links = await questionsAccess(access.meetingId);
  const moderator = await staff(links.moderatorToken);
  const mc = await staff(access.mcToken);
  const site = await open(PHONE);
  const projector = await open(DESKTOP);
  await projector.goto(`/screen/${access.projectorToken}`);
  await site.goto(`/site/${sites[0]!.token}`);

  await site.getByLabel('Họ tên người đại diện').fill('Nguyễn Thị Minh Nguyệt');
  await site.getByLabel('Số người có mặt', { exact: true }).fill('23');
  await site.getByRole('button', { name: 'Báo có mặt', exact: true }).click();
  await expect(site.getByTestId('checked-in')).toBeVisible();

  const card = site.getByTestId('site-questions');
  await expect(card.getByRole('textbox', { name: 'Người gửi' })).toHaveValue('Nguyễn Thị Minh Nguyệt');
  const text = 'Huyện Lục Ngạn đề nghị Sở bổ sung 12 biên chế giáo viên mầm non cho năm học 2026 – 2027.';
  await card.getByRole('textbox', { name: 'Nội dung *' }).fill(text);
  await card.getByRole('button', { name: 'Gửi câu hỏi' }).click();
  await expect(card.getByTestId('ask-confirmation')).toContainText('Đã nhận câu hỏi của bạn');
  await expect(card.getByTestId('ask-confirmation')).toContainText(`Người gửi: Nguyễn Thị Minh Nguyệt – ${THREE_SITES[0]!.name}`);
  await expect(mine(site, text).getByTestId('ask-status')).toHaveText('Chờ duyệt');
  await card.scrollIntoViewIfNeeded();
  await shot(site, 'ask-site-sent');
  await site.screenshot({ path: path.join(import.meta.dirname, 'screenshots', 'ask-site-phone-full.png'), fullPage: true });
  const stored = await moderator.find(text);
  expect(stored).toMatchObject({ origin: 'site', senderName: 'Nguyễn Thị Minh Nguyệt', siteId: sites[0]!.siteId });

  // approved and pinned before the meeting starts, then an item's clock runs beside it
  await moderator.moderate(stored.id, 'approve');
  await expect(mine(site, text).getByTestId('ask-status')).toHaveText('Đã duyệt');
  await moderator.pin(stored.id);
  const spotlight = projector.getByTestId('screen-spotlight');
  await expect(spotlight.getByTestId('screen-spotlight-text')).toHaveText(text);
  await expect(spotlight).toBeInViewport({ ratio: 1 });
  await shot(projector, 'ask-projector-spotlight-before-start');
  await mc.run('meeting:start', {});
  await expect(projector.getByTestId('screen-clock')).toBeVisible();
  await expect(spotlight).toContainText('Nguyễn Thị Minh Nguyệt');
  await expect(spotlight).toContainText('Câu hỏi');
  await expect(projector.getByTestId('screen-clock')).toBeInViewport({ ratio: 1 });

  // the site votes once; the projector's copy follows
  const vote = visible(site, text).getByTestId('ask-vote');
  await vote.click();
  await expect(vote.getByTestId('ask-votes')).toHaveText('1');
  await expect(spotlight.getByTestId('screen-spotlight-votes')).toContainText('1 bình chọn');
  await shot(projector, 'ask-projector-spotlight');

  // a long question scales down to fit instead of spilling over the clock or off the screen
  const long = `${'Đề nghị Sở xem xét, hướng dẫn việc bố trí giáo viên dạy liên môn Khoa học tự nhiên ở các trường THCS có quy mô nhỏ, '.repeat(14)}xin cảm ơn.`;
  await site.getByTestId('site-questions').getByRole('button', { name: 'Gửi câu hỏi khác' }).click();
  await card.getByRole('textbox', { name: 'Nội dung *' }).fill(long);
  await card.getByRole('button', { name: 'Gửi câu hỏi' }).click();
  await expect(card.getByTestId('ask-confirmation')).toBeVisible();
  const longRow = await moderator.find(long);
  await moderator.moderate(longRow.id, 'approve');
  await moderator.pin(longRow.id);
  await expect(spotlight.getByTestId('screen-spotlight-text')).toHaveText(long);
  await expect(spotlight).toBeInViewport({ ratio: 1 });
  await expect(projector.getByTestId('screen-clock')).toBeInViewport({ ratio: 1 });
  const fits = await spotlight.getByTestId('screen-spotlight-text').evaluate((el) => el.scrollHeight <= el.clientHeight + 1);
  expect(fits, 'the long question fits its box').toBe(true);
  const clock = (await projector.getByTestId('screen-clock').boundingBox())!;
  const panel = (await spotlight.boundingBox())!;
  expect(clock.y + clock.height, 'the clock stays above the question').toBeLessThanOrEqual(panel.y);
  await shot(projector, 'ask-projector-spotlight-long');

  await moderator.pin(null);
  await expect(spotlight).toHaveCount(0);
  await shot(projector, 'ask-projector-unpinned');
});
