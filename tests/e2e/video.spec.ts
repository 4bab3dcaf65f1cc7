import { createHash, randomBytes } from 'node:crypto';
import path from 'node:path';
import type { Locator, Page, Request } from '@playwright/test';
import { AccessToken } from 'livekit-server-sdk';
import { type FakeLiveKit, LIVEKIT_KEY, LIVEKIT_SECRET, startFakeLiveKit } from '../integration/fake-livekit';
import { createMeetingWithSites, DESKTOP, expect, PHONE, shot, smallMeeting, test, THREE_SITES } from './fixtures';
import config, { FULL_CHROMIUM } from './playwright.config';
import { freePort, meetingOn, type ServerProcess, startServerProcess } from './server-process';

// Chromium's fake camera (a moving test pattern) and microphone (a beep), allowed without a prompt;
// the full Chromium: in the headless shell (the other specs' browser) the microphone chosen
// before a reload was not found again after it.
const launchOptions = config.use?.launchOptions ?? {};
test.use({ launchOptions: { ...launchOptions, executablePath: FULL_CHROMIUM, args: [...(launchOptions.args ?? []), '--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream'] } });

const [LUC_NGAN, YEN_THE] = THREE_SITES.map((site) => site.name) as [string, string, string];

/** The chunks that carry LiveKit (client, React components, the room): none may load before "Vào cầu truyền hình". */
const isVideoChunk = (url: string) => /\/assets\/(VideoStage|FloorWatch|prefabs)-[^/]+\.(js|css)$/.test(url);

/** Every script and stylesheet a page requests, from now on. */
function recordAssets(page: Page): string[] {
  const urls: string[] = [];
  page.on('request', (request: Request) => {
    if (request.url().includes('/assets/')) urls.push(request.url());
  });
  return urls;
}

/** A screenshot of one part of a page, as tests/e2e/screenshots/<name>.png. */
const shotOf = (part: Locator, name: string) => part.screenshot({ path: path.join(import.meta.dirname, 'screenshots', `${name}.png`) });

/** Whether the device check's <video> is playing a picture (the fake camera's test pattern). */
const previewPlaying = (page: Page) =>
  page.getByTestId('video-preview').evaluate((video: HTMLVideoElement) => !video.paused && video.readyState >= 2 && video.videoWidth > 0 && video.currentTime > 0);

async function checkIn(site: Page, name: string, headcount: number): Promise<void> {
  await site.getByLabel('Họ tên người đại diện').fill(name);
  await site.getByLabel('Số người có mặt', { exact: true }).fill(String(headcount));
  await site.getByRole('button', { name: 'Báo có mặt', exact: true }).click();
  await expect(site.getByTestId('checked-in')).toContainText('Đã báo có mặt lúc');
}

test('without LiveKit settings the video areas say plainly that the bridge is not configured, and the site page loads no video code', async ({ open }) => {
  const { access, sites } = await createMeetingWithSites(smallMeeting('Hội nghị kiểm thử video chưa cấu hình'), THREE_SITES);
  const site = await open();
  const assets = recordAssets(site);
  await site.goto(`/site/${sites[0]!.token}`);
  const card = site.getByTestId('video-card');
  await expect(card.getByTestId('video-bridge-state')).toHaveText('Chưa cấu hình');
  await expect(card.getByTestId('video-bridge-message')).toContainText('Cầu truyền hình (video) chưa được cấu hình cho hội nghị này');
  await expect(card.getByTestId('video-bridge-message')).toContainText('Các chức năng khác của trang vẫn hoạt động');
  await expect(card.getByRole('button', { name: 'Vào cầu truyền hình' })).toHaveCount(0);
  await checkIn(site, 'Nguyễn Thị Minh Nguyệt', 23);
  await shot(site, 'video-not-configured-site');
  expect(assets.some((url) => url.includes('/assets/SitePage-'))).toBe(true);
  expect(assets.filter(isVideoChunk)).toEqual([]);

  const mc = await open();
  await mc.goto(`/mc/${access.mcToken}`);
  const panel = mc.getByTestId('mc-video-panel');
  // the MC gets an MC's words: no setting names, whom to ask
  await expect(panel.getByTestId('video-bridge-message')).toContainText('Cầu truyền hình (video) chưa được bật trên máy chủ này');
  await expect(panel.getByTestId('video-bridge-message')).toContainText('báo bộ phận kỹ thuật');
  await expect(panel.getByTestId('video-bridge-message')).not.toContainText('LIVEKIT');
  await expect(panel.getByRole('button', { name: 'Vào cầu truyền hình' })).toHaveCount(0);
  await expect(mc.getByRole('navigation', { name: 'Các màn hình của MC' }).getByRole('link', { name: /^Video/ })).toHaveCount(0);

  // the projector has no watch mode to offer
  const screen = await open();
  await screen.goto(`/screen/${access.projectorToken}?video=1`);
  await expect(screen.getByRole('heading', { name: 'Hội nghị kiểm thử video chưa cấu hình' })).toBeVisible();
  await expect(screen.getByTestId('screen-video-toggle')).toHaveCount(0);

  // the board has no video column, and a checked-in site is not flagged for video
  const board = await open();
  await board.goto(`/board/${access.leadershipToken}`);
  await expect(board.getByTestId('board-row')).toHaveCount(3);
  await expect(board.getByText('Cầu truyền hình', { exact: true })).toHaveCount(0);
  await expect(board.getByTestId('board-row').filter({ hasText: LUC_NGAN })).toContainText('Nguyễn Thị Minh Nguyệt');
  await expect(board.locator('.reason--no_video')).toHaveCount(0);
});

test.describe('LiveKit configured but unreachable (nothing listens at LIVEKIT_URL)', () => {
  let server: ServerProcess;

  test.beforeAll(async () => {
    const closed = await freePort();
    server = await startServerProcess({ LIVEKIT_URL: `ws://127.0.0.1:${closed}`, LIVEKIT_API_KEY: LIVEKIT_KEY, LIVEKIT_API_SECRET: LIVEKIT_SECRET });
  });
  test.afterAll(async () => server?.stop());

  test('a site checks its camera and microphone before joining, waits for the room, and sees the video server is unreachable; the MC, the board and the sites view say so too', async ({ open }) => {
    const { access, sites } = await meetingOn(server, smallMeeting('Hội nghị kiểm thử cầu truyền hình'), THREE_SITES);
    const site = await open();
    const assets = recordAssets(site);
    await site.goto(`${server.url}/site/${sites[0]!.token}`);
    const card = site.getByTestId('video-card');
    await expect(card.getByTestId('video-bridge-state')).toHaveText('Phòng chưa mở');
    await expect(card.getByTestId('video-bridge-message')).toContainText('Phòng video chưa mở');
    await checkIn(site, 'Nguyễn Thị Minh Nguyệt', 23);
    // the first load carries no LiveKit code: it comes with the button
    expect(assets.some((url) => url.includes('/assets/SitePage-'))).toBe(true);
    expect(assets.filter(isVideoChunk)).toEqual([]);

    await card.getByRole('button', { name: 'Vào cầu truyền hình' }).click();
    await expect(card.getByTestId('video-prejoin')).toBeVisible();
    expect(assets.filter(isVideoChunk).length).toBeGreaterThan(0);
    await expect.poll(() => previewPlaying(site)).toBe(true);
    await expect(card.getByRole('combobox', { name: 'Camera' })).toBeEnabled();
    const mics = card.getByRole('combobox', { name: 'Micro' });
    await expect(mics.locator('option').first()).not.toHaveText('Không có thiết bị');
    // the fake microphone beeps: the level meter moves
    await expect.poll(async () => Number(await card.getByRole('meter', { name: 'Mức âm thanh micro' }).getAttribute('aria-valuenow'))).toBeGreaterThan(0);
    await expect(card).toContainText('Điểm cầu vào phòng với camera và micro tắt');
    await card.scrollIntoViewIfNeeded();
    await shot(site, 'video-device-preview');

    // the choice is remembered on this device: camera off survives a reload
    await card.getByRole('checkbox', { name: 'Dùng camera' }).uncheck();
    await expect(card.getByTestId('video-preview')).toHaveCount(0);
    await expect(card).toContainText('Camera đang tắt');
    const otherMic = await mics.locator('option').nth(1).getAttribute('value');
    if (otherMic) await mics.selectOption(otherMic);
    await site.reload();
    await site.getByTestId('video-card').getByRole('button', { name: 'Vào cầu truyền hình' }).click();
    await expect(site.getByRole('checkbox', { name: 'Dùng camera' })).not.toBeChecked();
    if (otherMic) await expect(site.getByRole('combobox', { name: 'Micro' })).toHaveValue(otherMic);
    await site.getByRole('checkbox', { name: 'Dùng camera' }).check();
    await expect.poll(() => previewPlaying(site)).toBe(true);

    // on a phone the device check stacks under the card's title
    const phone = await open(PHONE);
    await phone.goto(`${server.url}/site/${sites[1]!.token}`);
    const phoneCard = phone.getByTestId('video-card');
    await phoneCard.getByRole('button', { name: 'Vào cầu truyền hình' }).click();
    await expect.poll(() => previewPlaying(phone)).toBe(true);
    await phoneCard.scrollIntoViewIfNeeded();
    await shot(phone, 'video-device-preview-phone');
    await phone.close();

    // the room is not open: the page waits for it
    await site.getByRole('button', { name: 'Vào phòng' }).click();
    const state = site.getByTestId('video-state');
    await expect(state).toHaveAttribute('data-state', 'waiting');
    await expect(state).toContainText('Chờ MC mở phòng video');
    await expect(state).toContainText('Trang sẽ tự vào phòng khi phòng mở');

    // the MC opens the room for a rehearsal: LiveKit does not answer, everyone is told
    const mc = await open();
    await mc.goto(`${server.url}/mc/${access.mcToken}`);
    const panel = mc.getByTestId('mc-video-panel');
    await expect(panel.getByTestId('video-bridge-state')).toHaveText('Phòng chưa mở');
    await panel.getByRole('button', { name: 'Mở phòng video (tổng duyệt)' }).click();
    await expect(panel.getByTestId('video-bridge-state')).toHaveText('Lỗi máy chủ video');
    await expect(panel.getByTestId('video-bridge-message')).toContainText('Không liên lạc được máy chủ video khi mở phòng video');
    await expect(panel.getByRole('button', { name: 'Thử mở lại phòng video' })).toBeVisible();
    await expect(state).toContainText('Máy chủ video đang gặp sự cố');
    await expect(state).toContainText('Không liên lạc được máy chủ video');
    await shot(site, 'video-unreachable-site');
    await shotOf(panel, 'video-unreachable-mc-panel');

    // the MC tries to join: the server cannot open the room, and says why
    await panel.getByRole('button', { name: 'Vào cầu truyền hình' }).click();
    await expect(mc).toHaveURL(/\/video$/);
    await expect(mc.getByTestId('video-prejoin')).toBeVisible();
    await expect(mc.getByTestId('video-prejoin')).toContainText('Camera và micro đã chọn bật ngay khi vào phòng');
    await mc.getByRole('button', { name: 'Vào phòng' }).click();
    const mcState = mc.getByTestId('video-state');
    await expect(mcState).toHaveAttribute('data-state', 'refused');
    await expect(mcState).toContainText('Không liên lạc được máy chủ video');
    await expect(mcState.getByRole('button', { name: 'Thử lại' })).toBeVisible();
    await expect(mc.getByTestId('video-site-row')).toHaveCount(3);
    await expect(mc.getByTestId('video-site-row').filter({ hasText: LUC_NGAN })).toContainText('Chưa vào cầu truyền hình');
    await shot(mc, 'video-mc-view-unreachable');

    // the board: a video column, and the checked-in site without video needs attention
    const board = await open();
    await board.goto(`${server.url}/board/${access.leadershipToken}`);
    const row = board.getByTestId('board-row').filter({ hasText: LUC_NGAN });
    await expect(row.locator('.reason--no_video')).toHaveText('Chưa vào cầu truyền hình');
    await expect(board.locator('.reason--no_video')).toHaveCount(1); // only the site that checked in
    await expect(row.getByTestId('video-presence')).toHaveText('Chưa vào cầu truyền hình');
    await board.getByRole('combobox', { name: 'Trạng thái' }).selectOption({ label: 'Chưa vào cầu truyền hình' });
    await expect(board.getByTestId('board-row')).toHaveCount(3);
    await board.getByRole('combobox', { name: 'Trạng thái' }).selectOption({ label: 'Tất cả' });
    await shot(board, 'video-board-columns');

    // the MC's sites view and attendance card
    await mc.getByRole('link', { name: /^Điều hành/ }).click();
    await expect(mc.getByTestId('attention-count')).toContainText('cần chú ý');
    await expect(mc.locator('.attention-list .reason--no_video')).toHaveText('Chưa vào cầu truyền hình');
    await mc.getByRole('link', { name: /^Điểm cầu/ }).click();
    await expect(mc.getByTestId('site-row').filter({ hasText: LUC_NGAN }).getByTestId('site-video')).toHaveText('Chưa vào cầu truyền hình');
    await shot(mc, 'video-mc-sites-view');
  });
});

/** Posts a webhook signed like LiveKit does: a JWT over the body's SHA-256. */
async function webhook(server: ServerProcess, event: Record<string, unknown>): Promise<void> {
  const body = JSON.stringify({ id: randomBytes(6).toString('hex'), createdAt: String(Math.floor(Date.now() / 1000)), ...event });
  const token = new AccessToken(LIVEKIT_KEY, LIVEKIT_SECRET);
  token.sha256 = createHash('sha256').update(body).digest('base64');
  const res = await fetch(`${server.url}/api/livekit/webhook`, { method: 'POST', headers: { 'content-type': 'application/webhook+json', authorization: await token.toJwt() }, body });
  expect(res.status).toBe(200);
}

test.describe('LiveKit room service answering, its media address unreachable', () => {
  let server: ServerProcess;
  let livekit: FakeLiveKit;

  test.beforeAll(async () => {
    livekit = await startFakeLiveKit();
    const closed = await freePort();
    server = await startServerProcess({ LIVEKIT_URL: `ws://127.0.0.1:${closed}`, LIVEKIT_API_URL: livekit.url, LIVEKIT_API_KEY: LIVEKIT_KEY, LIVEKIT_API_SECRET: LIVEKIT_SECRET });
  });
  test.afterAll(async () => {
    await server?.stop();
    await livekit?.close();
  });

  test('a site gets access but cannot reach the LiveKit address and is told what to do; the MC sees each site\'s video and mutes, allows and removes', async ({ open }) => {
    const { access, sites } = await meetingOn(server, smallMeeting('Hội nghị kiểm thử điều khiển video'), THREE_SITES);
    const room = `diemcau-${access.meetingId}`;
    const mc = await open();
    await mc.goto(`${server.url}/mc/${access.mcToken}/video`);
    const bridge = mc.getByTestId('mc-video-bridge');
    await bridge.getByRole('button', { name: 'Mở phòng video (tổng duyệt)' }).click();
    await expect(bridge.getByTestId('video-bridge-state')).toHaveText('Phòng đang mở');
    expect(livekit.calls.map((c) => c.method)).toContain('CreateRoom');

    // a site joins: the server's access is fine, the LiveKit address is not
    const site = await open();
    await site.goto(`${server.url}/site/${sites[0]!.token}`);
    await site.getByTestId('video-card').getByRole('button', { name: 'Vào cầu truyền hình' }).click();
    await site.getByRole('button', { name: 'Vào phòng' }).click();
    const state = site.getByTestId('video-state');
    await expect(state).toHaveAttribute('data-state', 'failed');
    await expect(state).toContainText('Không kết nối được máy chủ video');
    await expect(state).toContainText(`Không mở được kết nối tới ws://127.0.0.1:`);
    await expect(state).toContainText('gọi kỹ thuật của Ban Tổ chức');
    await expect(state).toContainText(/Tự thử lại sau \d+ giây/);
    await expect(state.getByRole('button', { name: 'Thử lại ngay' })).toBeVisible();
    await shot(site, 'video-join-failed');
    // closing gives the camera back and the card its button
    await state.getByRole('button', { name: 'Đóng' }).click();
    await expect(site.getByTestId('video-card').getByRole('button', { name: 'Vào cầu truyền hình' })).toBeVisible();
    await expect(site.getByTestId('video-state')).toHaveCount(0);

    // another site is in the room with camera and microphone (LiveKit's webhook and room list)
    const yenThe = sites[1]!;
    const identity = `site:${yenThe.siteId}`;
    const tracks = [
      { sid: 'TR_cam', source: 'CAMERA' as const, type: 'VIDEO' as const, muted: false },
      { sid: 'TR_mic', source: 'MICROPHONE' as const, type: 'AUDIO' as const, muted: false },
    ];
    livekit.state.participants = [{ identity, tracks }];
    await webhook(server, { event: 'participant_joined', room: { name: room }, participant: { identity, tracks } });
    const row = mc.getByTestId('video-site-row').filter({ hasText: YEN_THE });
    await expect(row.getByTestId('video-presence')).toHaveText('Trong cầu truyền hình');
    await expect(row).toContainText('Camera bật');
    await expect(row).toContainText('Micro bật');
    await expect(mc.getByTestId('video-counts')).toContainText('1/3');
    await mc.getByRole('searchbox', { name: 'Tìm điểm cầu' }).fill('yen the');
    await expect(mc.getByTestId('video-site-row')).toHaveCount(1);
    await mc.getByRole('searchbox', { name: 'Tìm điểm cầu' }).fill('');
    await mc.getByLabel('Hiện').selectOption({ label: 'Trong phòng' });
    await expect(mc.getByTestId('video-site-row')).toHaveCount(1);
    await mc.getByLabel('Hiện').selectOption({ label: 'Tất cả' });
    await shot(mc, 'video-mc-view');

    await row.getByRole('button', { name: `Tắt micro: ${YEN_THE}` }).click();
    await expect(row).toContainText('Micro tắt');
    expect(livekit.calls.find((c) => c.method === 'MutePublishedTrack')?.body).toMatchObject({ room, identity, trackSid: 'TR_mic', muted: true });

    // allowed to publish: the setting, and LiveKit's grant for the connected site
    await row.getByRole('button', { name: `Cho phát hình: ${YEN_THE}` }).click();
    await expect(row).toContainText('Được MC cho phát');
    // (the site's grant was also set, without publishing, when it joined: look for the one that publishes)
    await expect
      .poll(() => livekit.calls.find((c) => c.method === 'UpdateParticipant' && (c.body.permission as { canPublish?: boolean } | undefined)?.canPublish)?.body)
      .toMatchObject({ room, identity, permission: { canPublish: true } });
    await mc.getByLabel('Hiện').selectOption({ label: 'Được phát hình' });
    await expect(mc.getByTestId('video-site-row')).toHaveCount(1);
    await mc.getByLabel('Hiện').selectOption({ label: 'Tất cả' });

    // open discussion and the host hall are meeting settings
    await mc.getByLabel('Điểm cầu chính').selectOption({ label: LUC_NGAN });
    await expect(mc.getByTestId('video-site-row').filter({ hasText: LUC_NGAN })).toContainText('Điểm cầu chính');
    // the box shows the meeting's setting: it changes when the server has applied the click
    const openDiscussion = mc.getByRole('checkbox', { name: /Thảo luận mở/ });
    await openDiscussion.click();
    await expect(openDiscussion).toBeChecked();
    await expect(mc.getByTestId('video-site-row').filter({ hasText: THREE_SITES[2]!.name })).toContainText('Thảo luận mở');
    await openDiscussion.click();
    await expect(openDiscussion).not.toBeChecked();
    await expect(mc.getByTestId('video-site-row').filter({ hasText: THREE_SITES[2]!.name })).toContainText('Chỉ xem');

    // remove, after a confirmation
    await row.getByRole('button', { name: `Mời rời phòng: ${YEN_THE}` }).click();
    await mc.getByRole('dialog').getByRole('button', { name: 'Mời rời phòng' }).click();
    await expect(row.getByTestId('video-presence')).toHaveText('Chưa vào cầu truyền hình');
    expect(livekit.calls.find((c) => c.method === 'RemoveParticipant')?.body).toMatchObject({ room, identity });

    // the projector stays as it is until asked to watch; then it loads the video part and says quietly what is wrong
    const screen = await open();
    const screenAssets = recordAssets(screen);
    await screen.goto(`${server.url}/screen/${access.projectorToken}`);
    const watch = screen.getByTestId('screen-video-toggle');
    await expect(watch).toHaveText('Xem hình điểm cầu phát biểu');
    expect(screenAssets.filter(isVideoChunk)).toEqual([]);
    await watch.click();
    await expect(screen).toHaveURL(/\?video=1$/);
    await expect(screen.getByTestId('screen-video-problem')).toHaveText('Không xem được hình điểm cầu; sẽ thử lại.');
    expect(screenAssets.filter(isVideoChunk).length).toBeGreaterThan(0);
    await expect(watch).toHaveText('Tắt hình điểm cầu');
    // the projector hides its tools while the mouse rests: move it as a person would
    await screen.mouse.move(200, 200);
    await screen.mouse.move(220, 210);
    await watch.click();
    await expect(screen.getByTestId('screen-video-problem')).toHaveCount(0);
    await expect(screen).not.toHaveURL(/video=1/);

    // the board shows the sites' video next to check-in and presence
    const board = await open(DESKTOP);
    await board.goto(`${server.url}/board/${access.leadershipToken}`);
    await expect(board.getByTestId('board-row').filter({ hasText: YEN_THE }).getByTestId('video-presence')).toHaveText('Chưa vào cầu truyền hình');
  });
});
