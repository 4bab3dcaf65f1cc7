import { defineConfig } from '@playwright/test';
import { existsSync } from 'node:fs';

/** Debian's full Chromium (package chromium; scripts/test.sh installs it), or CHROMIUM_PATH. */
export const FULL_CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/**
 * Debian's headless shell (package chromium-headless-shell, the browser Playwright itself runs
 * headless; scripts/test.sh installs it) renders with the same Blink at about a third less CPU
 * per test than the full Chromium in headless mode, which matters on a 2-core CI machine. The
 * full Chromium when the shell is missing. Specs that test the browser's own network and
 * media stack (offline.spec, video.spec) run in the full Chromium: see FULL_CHROMIUM there.
 */
const HEADLESS_SHELL = process.env.CHROMIUM_HEADLESS_SHELL_PATH ?? '/usr/lib/chromium/chromium-headless-shell';
const browser = existsSync(HEADLESS_SHELL) ? HEADLESS_SHELL : FULL_CHROMIUM;

/**
 * The specs whose tests take longest (a minute and more on 2 cores) start first, so the run
 * does not end with one worker finishing a long test alone; files are otherwise taken in
 * alphabetical order.
 */
const LONGEST_FIRST = ['speakers.spec.ts', 'sites.spec.ts', 'hostile-text.spec.ts', 'live.spec.ts', 'video.spec.ts', 'video-livekit.spec.ts', 'offline.spec.ts'];

/**
 * Browser tests against the real server (started by global-setup on a free port with a
 * fresh data folder) and the built client, in Debian's Chromium.
 */
export default defineConfig({
  testDir: '.',
  testMatch: '*.spec.ts',
  outputDir: './results',
  globalSetup: './global-setup.ts',
  workers: 2,
  fullyParallel: true,
  // A generous guard, not a speed check: 2-core CI machines render 1920×1080 screenshots slowly.
  timeout: 180_000,
  expect: { timeout: 10_000 },
  reporter: [['list']],
  projects: [
    { name: 'long', testMatch: LONGEST_FIRST },
    { name: 'rest', testIgnore: LONGEST_FIRST },
  ],
  use: {
    timezoneId: 'Asia/Ho_Chi_Minh',
    locale: 'vi-VN',
    viewport: { width: 1920, height: 1080 },
    // A failed test keeps a trace of its actions and DOM snapshots (open it with `npx playwright
    // show-trace`). Not the screencast: encoding every frame of every page cost about a third
    // of the browser tests' CPU (questions-moderation.spec 48.8 s → 35.7 s with it off), on
    // every passing test too. Run with `--trace on` to film one.
    trace: { mode: 'retain-on-failure', screenshots: false, snapshots: true },
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: browser,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    },
  },
});
