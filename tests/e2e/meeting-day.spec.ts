import type { Page } from '@playwright/test';
import { connectAs, createMeetingWithSites, expect, PHONE, shot, smallMeeting, test, THREE_SITES } from './fixtures';

/** Counts what a page does to be noticed: vibrations and chimes (oscillators started). */
async function recordAlerts(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const seen = { vibrations: 0, tones: 0 };
    (window as unknown as { __alerts: typeof seen }).__alerts = seen;
    Object.defineProperty(navigator, 'vibrate', { configurable: true, value: () => ((seen.vibrations += 1), true) });
    const start = OscillatorNode.prototype.start;
    OscillatorNode.prototype.start = function (...args: Parameters<typeof start>) {
      seen.tones += 1;
      return start.apply(this, args);
    };
  });
}

const alerts = (page: Page) => page.evaluate(() => (window as unknown as { __alerts: { vibrations: number; tones: number } }).__alerts);

test('a roll call covers the whole site page on a phone, rings and rings again until answered, then steps aside', async ({ open }) => {
  const { access, sites } = await createMeetingWithSites(smallMeeting('Hội nghị kiểm thử điểm danh'), THREE_SITES);
  const phone = await open(PHONE);
  await recordAlerts(phone);
  await phone.goto(`/site/${sites[0]!.token}`);
  await expect(phone.getByTestId('site-name')).toHaveText(THREE_SITES[0]!.name);
  // a person has touched the page once (browsers allow sound only after that)
  await phone.getByTestId('site-name').click();
  // scrolled down to the speaking form: the prompt must still be in front
  await phone.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));

  const mc = await connectAs(access.mcToken);
  try {
    await mc.run('rollCall:start', { label: 'Điểm danh giữa giờ', durationMs: 5 * 60_000 });
    const prompt = phone.getByRole('alertdialog', { name: 'Điểm danh giữa giờ' });
    await expect(prompt).toBeVisible();
    // full screen: the overlay covers the window, the question and its button are in view and the button has the focus
    const overlay = await phone.getByTestId('roll-call-overlay').boundingBox();
    expect(overlay).toEqual({ x: 0, y: 0, width: PHONE.width, height: PHONE.height });
    const confirm = prompt.getByRole('button', { name: 'Xác nhận có mặt (25 người)' });
    await expect(confirm).toBeInViewport({ ratio: 1 });
    await expect(confirm).toBeFocused();
    // nothing else on the page can be reached by a tap while it is open
    const top = await phone.evaluate(() => document.elementFromPoint(window.innerWidth / 2, 40)?.closest('[data-testid="roll-call-overlay"]') !== null);
    expect(top).toBe(true);
    await shot(phone, 'site-phone-roll-call-open');

    // it rings at once and again while nobody answers
    await expect.poll(async () => (await alerts(phone)).vibrations, { timeout: 5_000 }).toBeGreaterThanOrEqual(1);
    const first = await alerts(phone);
    expect(first.tones).toBeGreaterThanOrEqual(1);
    await expect.poll(async () => (await alerts(phone)).vibrations, { timeout: 20_000 }).toBeGreaterThanOrEqual(first.vibrations + 1);
    expect((await alerts(phone)).tones).toBeGreaterThan(first.tones);

    await confirm.click();
    await expect(phone.getByTestId('roll-call-answered')).toContainText('25 người');
    await expect(phone.getByTestId('roll-call-overlay')).toHaveCount(0);
    // answered: no more rings
    const after = await alerts(phone);
    await phone.waitForTimeout(9_000); // longer than one ring interval: a ring would have come by now
    expect((await alerts(phone)).vibrations).toBe(after.vibrations);
  } finally {
    mc.close();
  }
});

test('the site that has the floor sees the MC\'s message large, and its overtime reads as overtime', async ({ open }) => {
  const { access, sites } = await createMeetingWithSites(smallMeeting('Hội nghị kiểm thử thông điệp tới người phát biểu'), THREE_SITES);
  const phone = await open(PHONE);
  const other = await open(PHONE);
  await phone.goto(`/site/${sites[1]!.token}`);
  await other.goto(`/site/${sites[2]!.token}`);
  await expect(phone.getByTestId('site-name')).toHaveText(THREE_SITES[1]!.name);

  const mc = await connectAs(access.mcToken);
  const site = await connectAs(sites[1]!.token);
  try {
    await mc.run('meeting:start', {});
    await site.run('queue:request', { requestId: 'message-floor-1', kind: 'question', speaker: 'Lê Văn Bình', speakerTitle: 'Hiệu trưởng', topic: 'Kinh phí sửa chữa phòng học' });
    await mc.run('floor:give', { plannedMs: 30_000, current: await mc.floorId() });
    await expect(phone.getByTestId('own-floor')).toBeVisible();
    await mc.run('message:update', { text: 'Xin mời đồng chí kết thúc phần trình bày', visible: true });

    const message = phone.getByTestId('own-floor-message');
    await expect(message).toHaveText('Xin mời đồng chí kết thúc phần trình bày');
    await expect(message).toBeInViewport({ ratio: 1 });
    const size = await message.evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
    expect(size).toBeGreaterThanOrEqual(22);
    // only the speaker's site: another site's page does not carry the message to the speaker
    await expect(other.getByTestId('own-floor-message')).toHaveCount(0);

    // past the 30 seconds: "Quá giờ 0:0x", never "Thời gian còn lại +0:0x"
    const clock = phone.getByTestId('own-floor-clock');
    await expect(clock).toHaveText(/^Quá giờ 0:\d\d$/, { timeout: 60_000 });
    await expect(phone.getByTestId('own-floor')).not.toContainText('Thời gian còn lại');
    await expect(phone.getByTestId('own-floor')).not.toContainText('+');
    await expect(other.getByTestId('floor-now-clock')).toHaveText(/^Quá giờ 0:\d\d$/);
    await shot(phone, 'site-phone-own-floor-message');

    await mc.run('message:update', { visible: false });
    await expect(message).toHaveCount(0);
  } finally {
    mc.close();
    site.close();
  }
});

test('a site\'s problem report is acknowledged; once the meeting ends the console, the speakers view and the site page are read-only', async ({ open }) => {
  const { access, sites } = await createMeetingWithSites(smallMeeting('Hội nghị kiểm thử kết thúc chỉ xem'), THREE_SITES);
  const phone = await open(PHONE);
  const mc = await open();
  await phone.goto(`/site/${sites[0]!.token}`);
  await mc.goto(`/mc/${access.mcToken}`);
  await mc.getByRole('button', { name: '▶ Bắt đầu hội nghị' }).click();
  await expect(mc.getByTestId('mc-clock')).toBeVisible();

  // a technical problem: the site sees that the organisers have it, with the time
  await phone.getByRole('button', { name: '⚠ Báo sự cố kỹ thuật' }).click();
  await phone.getByRole('button', { name: 'Mất tiếng' }).click();
  await phone.getByRole('button', { name: 'Gửi báo sự cố' }).click();
  await expect(phone.getByTestId('problem-ack')).toHaveText(/^✓ Ban Tổ chức đã nhận báo sự cố lúc \d\d:\d\d\. /);
  await expect(phone.getByTestId('readiness')).toHaveText('Đang báo sự cố: Mất tiếng');

  const socket = await connectAs(access.mcToken);
  try {
    await socket.run('meeting:end', {});
  } finally {
    socket.close();
  }
  await expect(mc.getByText('Hội nghị đã kết thúc lúc')).toBeVisible();
  // the console: a record, no live controls (the organiser alone reopens)
  for (const name of ['Tiếp ▶', '◀ Lùi', '+ Thêm mục', 'Sửa thông tin hội nghị', '↺ Đặt lại', '↺ Mở lại hội nghị']) {
    await expect(mc.getByRole('button', { name, exact: true })).toHaveCount(0);
  }
  await expect(mc.getByRole('button', { name: /^Sửa mục/ })).toHaveCount(0);
  await expect(mc.getByRole('heading', { name: 'Thông điệp tới người phát biểu / màn chiếu' })).toHaveCount(0);
  await expect(mc.getByRole('button', { name: 'Bắt đầu điểm danh' })).toHaveCount(0);
  await expect(mc.getByRole('button', { name: 'Tạo hồ sơ (.zip)' })).toBeEnabled();
  await expect(mc.getByTestId('agenda-row')).toHaveCount(3);
  await mc.keyboard.press('ArrowLeft');
  await expect(mc.getByText('Hội nghị đã kết thúc lúc')).toBeVisible();
  await shot(mc, 'mc-ended-readonly');
  await mc.getByRole('link', { name: /^Phát biểu/ }).click();
  await expect(mc.getByTestId('speakers-ended')).toBeVisible();
  await expect(mc.getByRole('button', { name: /Mời người tiếp theo/ })).toHaveCount(0);
  // the sites view: the list and its links, no tools that change it (nor the acknowledgement of the problem left open)
  await mc.getByRole('link', { name: /^Điểm cầu/ }).click();
  await expect(mc.getByTestId('sites-ended')).toBeVisible();
  await expect(mc.getByTestId('site-row')).toHaveCount(3);
  for (const name of ['+ Thêm điểm cầu', 'Nhập từ Excel / CSV', 'Đã nhận sự cố']) await expect(mc.getByRole('button', { name, exact: true })).toHaveCount(0);
  await expect(mc.getByRole('button', { name: /^(Sửa|Xóa): / })).toHaveCount(0);
  await expect(mc.getByTestId('acknowledge-problem')).toHaveCount(0);
  await expect(mc.getByRole('button', { name: /^Cấp lại đường dẫn và PIN: / })).toHaveCount(3);
  await shot(mc, 'mc-sites-ended');
  // the questions view: answering only
  await mc.getByRole('link', { name: /^Câu hỏi/ }).click();
  await expect(mc.getByTestId('questions-ended')).toBeVisible();

  // the site page: what was reported, no forms
  await expect(phone.getByText('Hội nghị đã kết thúc: không nhận đăng ký phát biểu.')).toBeVisible();
  await expect(phone.getByRole('button', { name: 'Gửi đăng ký' })).toHaveCount(0);
  await expect(phone.getByRole('button', { name: '⚠ Báo sự cố kỹ thuật' })).toHaveCount(0);
  await expect(phone.getByRole('button', { name: 'Báo có mặt', exact: true })).toHaveCount(0);
  await expect(phone.getByRole('button', { name: 'Gửi câu hỏi' })).toBeDisabled();
  await shot(phone, 'site-phone-ended');
});
