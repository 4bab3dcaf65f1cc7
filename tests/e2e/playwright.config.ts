import { defineConfig } from '@playwright/test';

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
  use: {
    timezoneId: 'Asia/Ho_Chi_Minh',
    locale: 'vi-VN',
    viewport: { width: 1920, height: 1080 },
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    },
  },
});
