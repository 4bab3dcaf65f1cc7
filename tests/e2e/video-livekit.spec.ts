import { chromium, type Locator, type Page } from '@playwright/test';
import { writeFile } from 'node:fs/promises';
import { liveKitMissing, liveKitOnFreePorts, type LiveKitServer, skipWithoutLiveKit } from '../support/livekit';
import { netLine, type NetLine } from '../support/netline';
import { connectAs, DESKTOP, expect, shot, smallMeeting, test, THREE_SITES } from './fixtures';
import config, { FULL_CHROMIUM } from './playwright.config';
import { meetingOn, type ServerProcess, type SiteLink, startServerProcess } from './server-process';

// Media through real browsers and a real LiveKit server (the pinned build, on loopback):
// Chromium's fake camera (a moving pattern) and microphone (a beep), WebRTC allowed on the
// loopback interface (Chromium leaves it out of its candidates otherwise), and no mDNS names
// in place of addresses (LiveKit on loopback cannot resolve them). The site whose line fails
// runs in a browser of its own inside a network namespace (tests/support/netline.ts): its
// line is cut or capped with tc while the projector and the others keep theirs.
const launchOptions = config.use?.launchOptions ?? {};
const MEDIA_ARGS = [
  ...(launchOptions.args ?? []),
  '--use-fake-ui-for-media-stream',
  '--use-fake-device-for-media-stream',
  '--allow-loopback-in-peer-connection',
  '--disable-features=WebRtcHideLocalIpsWithMdns',
];
test.use({ launchOptions: { ...launchOptions, executablePath: FULL_CHROMIUM, args: MEDIA_ARGS } });

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

/** Rejoining after the line returns: LiveKit's own retries, then the page's (5 s, 10 s, …). */
const REJOIN = { timeout: 90_000 };

/** Frames the projector's floor picture decodes in one second; 0 while it shows none. */
const projectorFrames = (screen: Page) =>
  screen.evaluate(async () => {
    const count = () => document.querySelector<HTMLVideoElement>('[data-testid="screen-video"] video')?.getVideoPlaybackQuality().totalVideoFrames ?? 0;
    const before = count();
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    return Math.max(0, count() - before);
  });

/** A site page joins the video room (device check, then the room) and waits until LiveKit's connection is up. */
async function joinVideo(page: Page, origin: string, token: string): Promise<void> {
  await page.goto(`${origin}/site/${token}`);
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
  // one LiveKit, one diemcau server and one line for the file's tests, in order in one worker
  test.describe.configure({ mode: 'default' });
  let livekit: LiveKitServer;
  let server: ServerProcess;
  let line: NetLine;
  /** The diemcau server as the browser on the line reaches it. */
  let lineOrigin: string;

  test.beforeAll(async () => {
    line = await netLine(FULL_CHROMIUM);
    livekit = await liveKitOnFreePorts({ line });
    const { url, apiUrl, apiKey, apiSecret } = livekit.config;
    // on every address: the browser on the line reaches it at the line's host end
    server = await startServerProcess({ HOST: '0.0.0.0', LIVEKIT_URL: url, LIVEKIT_API_URL: apiUrl, LIVEKIT_API_KEY: apiKey, LIVEKIT_API_SECRET: apiSecret });
    lineOrigin = `http://${line.hostIp}:${new URL(server.url).port}`;
    await livekit.start(`${server.url}/api/livekit/webhook`);
  });
  test.afterAll(async () => {
    await server?.stop();
    await livekit?.stop();
    await line?.remove();
  });

  /**
   * A browser of its own whose only network is the line (its camera and page treated as
   * secure at the line's address, as https would be), closed with the test.
   */
  async function openOnLine(): Promise<{ page: Page; keep: () => Promise<void>; close: () => Promise<void> }> {
    const browser = await chromium.launch({ ...launchOptions, executablePath: line.chromium, args: [...MEDIA_ARGS, `--unsafely-treat-insecure-origin-as-secure=${lineOrigin}`] });
    const context = await browser.newContext({ viewport: DESKTOP, timezoneId: 'Asia/Ho_Chi_Minh', locale: 'vi-VN' });
    const page = await context.newPage();
    // outside the test's own browser, so not in its trace: `keep` attaches this page's picture and log
    const log: string[] = [];
    page.on('console', (message) => void log.push(`${new Date().toISOString()} ${message.type()} ${message.text().slice(0, 400)}`));
    const keep = async () => {
      const info = test.info();
      const [picture, logFile] = [info.outputPath('site-on-line.png'), info.outputPath('site-on-line-console.txt')];
      await page.screenshot({ path: picture }).then(() => info.attach('site on the line', { path: picture }), () => undefined);
      await writeFile(logFile, log.join('\n'));
      await info.attach('site on the line: console', { path: logFile });
    };
    return { page, keep, close: () => browser.close() };
  }

  test('two sites join; the projector plays the camera of the site with the floor and follows it; mute and remove are seen from the other browsers', async ({ open }) => {
    test.setTimeout(300_000);
    const { access, sites } = await meetingOn(server, smallMeeting('Hội nghị thử cầu truyền hình thật'), THREE_SITES);
    const [lucNgan, yenThe] = sites as [SiteLink, SiteLink];
    const mc = await connectAs(access.mcToken, server.url);
    await mc.run('meeting:start', {});

    const siteA = await open();
    const siteB = await open();
    await joinVideo(siteA, server.url, lucNgan.token);
    await joinVideo(siteB, server.url, yenThe.token);
    await expect(siteA.getByTestId('video-publish-reason')).toHaveText('Chỉ phát hình khi được MC mời phát biểu', MEDIA);

    const screen = await open();
    await screen.goto(`${server.url}/screen/${access.projectorToken}?video=1`);
    await expect(screen.getByTestId('screen-video')).toHaveCount(0);

    // the MC gives the floor to Lục Ngạn: its camera goes out, the projector plays it
    const askA = await connectAs(lucNgan.token, server.url);
    await askA.run('queue:request', { requestId: 'req-luc-ngan-1', kind: 'comment', speaker: 'Nguyễn Văn An' });
    await mc.run('floor:give', { current: await mc.floorId() });
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
    await mc.run('floor:end', { entryId: await mc.floorId() });
    await mc.run('floor:give', { current: await mc.floorId() });
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

  // FIXME(issue 21): passed 3 runs in 5 on the loaded machine. When it fails, the site is back in
  // the room (its page says connected, may publish) but its camera never reaches the projector:
  // every republish ends in livekit-client's "negotiation timed out" (15 s), a full reconnect,
  // and the same again (the console log this test attaches shows the loop). Host browsers
  // show the same timeout once on a floor change and recover. Until the client republishes
  // reliably after a lost line, this test would fail the suite by chance, so it does not run.
  test.fixme('a site whose line is down for 20 s comes back into the room by itself, with the floor, and the projector plays it again', async ({ open }) => {
    test.setTimeout(240_000);
    const { access, sites } = await meetingOn(server, smallMeeting('Hội nghị thử mất mạng'), THREE_SITES);
    const [lucNgan] = sites as [SiteLink];
    const mc = await connectAs(access.mcToken, server.url);
    await mc.run('meeting:start', {});
    const site = await openOnLine();
    try {
      await joinVideo(site.page, lineOrigin, lucNgan.token);
      const ask = await connectAs(lucNgan.token, server.url);
      await ask.run('queue:request', { requestId: 'req-cut-1', kind: 'comment', speaker: 'Nguyễn Văn An' });
      ask.close();
      await mc.run('floor:give', { current: await mc.floorId() });
      await expect(site.page.getByTestId('video-granted')).toContainText('camera và micro đã bật', MEDIA);
      const screen = await open();
      await screen.goto(`${server.url}/screen/${access.projectorToken}?video=1`);
      await expectPlaying(screen.getByTestId('screen-video').locator('video'));

      await line.cut();
      const cutAt = Date.now();
      // the projector's picture of the site stops, and the site's page says its line is lost
      await expect.poll(() => projectorFrames(screen), MEDIA).toBe(0);
      const lost = site.page.getByTestId('video-connection').or(site.page.getByTestId('video-state'));
      await expect(lost).toContainText(/Mất tín hiệu video|Mất kết nối/, MEDIA);
      await shot(site.page, 'video-livekit-site-line-down');
      // the line stays down 20 s in all: the scenario's length, not a wait for something
      await site.page.waitForTimeout(Math.max(0, cutAt + 20_000 - Date.now()));
      await expect(lost).toContainText(/Mất tín hiệu video|Mất kết nối/);

      await line.restore();
      // nobody clicks: the page is back in the room, publishing, and the projector plays it again
      await expect(site.page.getByTestId('video-stage')).toBeVisible(REJOIN);
      await expect(site.page.getByTestId('video-connection')).toHaveCount(0, REJOIN);
      await expect(site.page.getByTestId('video-publish-reason')).toHaveCount(0);
      await expect.poll(() => projectorFrames(screen), REJOIN).toBeGreaterThan(5);
    } catch (error) {
      await site.keep(); // outside the test's browser, so not in its trace
      throw error;
    } finally {
      await site.close();
      mc.close();
    }
  });
});
