import type { Locator, Page } from '@playwright/test';
import { liveKitMissing, liveKitOnFreePorts, type LiveKitServer, skipWithoutLiveKit } from '../support/livekit';
import { connectAs, expect, shot, smallMeeting, test, THREE_SITES } from './fixtures';
import config, { FULL_CHROMIUM } from './playwright.config';
import { meetingOn, type ServerProcess, type SiteLink, startServerProcess } from './server-process';

// Media through real browsers and a real LiveKit server (the pinned build, on loopback):
// Chromium's fake camera (a moving pattern) and microphone (a beep), WebRTC allowed on the
// loopback interface (Chromium leaves it out of its candidates otherwise), and no mDNS names
// in place of addresses (LiveKit on loopback cannot resolve them).
const launchOptions = config.use?.launchOptions ?? {};
test.use({
  launchOptions: {
    ...launchOptions,
    executablePath: FULL_CHROMIUM,
    args: [
      ...(launchOptions.args ?? []),
      '--use-fake-ui-for-media-stream',
      '--use-fake-device-for-media-stream',
      '--allow-loopback-in-peer-connection',
      '--disable-features=WebRtcHideLocalIpsWithMdns',
    ],
  },
});

/** Media takes its time on a loaded 2-core machine: a generous guard, not a speed check. */
const MEDIA = { timeout: 45_000 };

const [LUC_NGAN, YEN_THE] = THREE_SITES.map((site) => site.name) as [string, string, string];

/** Frames a <video> decodes in one second (0 while it shows nothing). */
const framesInASecond = (video: Locator) =>
  video.evaluate(async (v: HTMLVideoElement) => {
    const before = v.getVideoPlaybackQuality().totalVideoFrames;
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    return v.getVideoPlaybackQuality().totalVideoFrames - before;
  });

/** The <video> is decoding a moving picture: more than 5 frames a second (the fake camera sends 30). */
async function expectPlaying(video: Locator): Promise<void> {
  await expect.poll(() => framesInASecond(video), MEDIA).toBeGreaterThan(5);
}

/** A site page joins the video room (device check, then the room) and waits until LiveKit's connection is up. */
async function joinVideo(page: Page, server: ServerProcess, token: string): Promise<void> {
  await page.goto(`${server.url}/site/${token}`);
  await page.getByTestId('video-card').getByRole('button', { name: 'Vào cầu truyền hình' }).click();
  await page.getByRole('button', { name: 'Vào phòng' }).click();
  await expect(page.getByTestId('video-stage')).toBeVisible(MEDIA);
  await expect(page.getByTestId('video-connection')).toHaveCount(0, MEDIA);
}

/** A participant's tile on a page, by the name LiveKit shows on it. */
const tileOf = (page: Page, name: string) => page.locator('.lk-participant-tile', { has: page.locator(`[data-lk-participant-name="${name}"]`) });

test.describe('media through a real LiveKit server', () => {
  // Skipped only on a developer's machine where the LiveKit binary is not built yet (the warning
  // says so in red and how to build it); under CI=true skipWithoutLiveKit is false and the
  // missing binary fails the run, so a silently skipped video suite never passes CI.
  test.skip(skipWithoutLiveKit, liveKitMissing ?? '');
  let livekit: LiveKitServer;
  let server: ServerProcess;

  test.beforeAll(async () => {
    livekit = await liveKitOnFreePorts();
    server = await startServerProcess({ LIVEKIT_URL: livekit.config.url, LIVEKIT_API_KEY: livekit.config.apiKey, LIVEKIT_API_SECRET: livekit.config.apiSecret });
    await livekit.start(`${server.url}/api/livekit/webhook`);
  });
  test.afterAll(async () => {
    await server?.stop();
    await livekit?.stop();
  });

  test('two sites join; the projector plays the camera of the site with the floor and follows it; mute and remove are seen from the other browsers', async ({ open }) => {
    test.setTimeout(300_000);
    const { access, sites } = await meetingOn(server, smallMeeting('Hội nghị thử cầu truyền hình thật'), THREE_SITES);
    const [lucNgan, yenThe] = sites as [SiteLink, SiteLink];
    const mc = await connectAs(access.mcToken, server.url);
    await mc.run('meeting:start', {});

    const siteA = await open();
    const siteB = await open();
    await joinVideo(siteA, server, lucNgan.token);
    await joinVideo(siteB, server, yenThe.token);
    await expect(siteA.getByTestId('video-publish-reason')).toHaveText('Chỉ phát hình khi được MC mời phát biểu', MEDIA);

    const screen = await open();
    await screen.goto(`${server.url}/screen/${access.projectorToken}?video=1`);
    await expect(screen.getByTestId('screen-video')).toHaveCount(0);

    // the MC gives the floor to Lục Ngạn: its camera goes out, the projector plays it
    const askA = await connectAs(lucNgan.token, server.url);
    await askA.run('queue:request', { requestId: 'req-luc-ngan-1', kind: 'comment', speaker: 'Nguyễn Văn An' });
    await mc.run('floor:give', {});
    await expect(siteA.getByTestId('video-granted')).toContainText('camera và micro đã bật', MEDIA);
    const picture = screen.getByTestId('screen-video');
    await expect(picture).toContainText(LUC_NGAN, MEDIA);
    await expect(picture).toContainText('Nguyễn Văn An', MEDIA);
    await expectPlaying(picture.locator('video'));
    // the other site sees it too, spotlighted
    await expectPlaying(tileOf(siteB, LUC_NGAN).locator('video'));
    await shot(screen, 'video-livekit-projector-floor');

    // the floor moves to Yên Thế: the projector follows, Lục Ngạn's camera goes off
    const askB = await connectAs(yenThe.token, server.url);
    await askB.run('queue:request', { requestId: 'req-yen-the-1', kind: 'comment', speaker: 'Trần Thị Bình' });
    await mc.run('floor:end', {});
    await mc.run('floor:give', {});
    await expect(picture).toContainText(YEN_THE, MEDIA);
    await expect(picture).toContainText('Trần Thị Bình', MEDIA);
    await expectPlaying(picture.locator('video'));
    await expect(siteA.getByTestId('video-publish-reason')).toBeVisible(MEDIA);
    await expect(tileOf(siteB, LUC_NGAN)).toHaveCount(0, MEDIA);
    await shot(siteA, 'video-livekit-site-watching');

    // the MC mutes Yên Thế's microphone: the other site's tile says so
    await expect(tileOf(siteA, YEN_THE)).toHaveAttribute('data-lk-audio-muted', 'false', MEDIA);
    await mc.run('video:mute', { siteId: yenThe.siteId });
    await expect(tileOf(siteA, YEN_THE)).toHaveAttribute('data-lk-audio-muted', 'true', MEDIA);

    // the MC removes Yên Thế: its page says why, the others no longer see it
    await mc.run('video:remove', { siteId: yenThe.siteId });
    await expect(siteB.getByTestId('video-state')).toContainText('MC đã mời điểm cầu rời phòng video', MEDIA);
    await expect(tileOf(siteA, YEN_THE)).toHaveCount(0, MEDIA);
    await expect(picture).toHaveCount(0, MEDIA);

    const board = await open();
    await board.goto(`${server.url}/board/${access.leadershipToken}`);
    // the board: who is in the room, after LiveKit's webhooks
    await expect(board.getByTestId('board-row').filter({ hasText: LUC_NGAN }).getByTestId('video-presence')).toHaveText('Trong cầu truyền hình', MEDIA);
    await expect(board.getByTestId('board-row').filter({ hasText: YEN_THE }).getByTestId('video-presence')).toHaveText('Chưa vào cầu truyền hình', MEDIA);

    for (const socket of [mc, askA, askB]) socket.close();
  });
});
