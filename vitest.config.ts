import { defineConfig } from 'vitest/config';

/**
 * Test files share their worker's loaded modules: no fresh import of the server, zod, kysely
 * and socket.io per file, which took 75 s of the run. Each test builds its own app, database
 * and sockets, so nothing a test relies on lives at module level. (Projects do not inherit the
 * root's test options, hence on each.)
 */
const isolate = false;

export default defineConfig({
  test: {
    env: { TZ: 'Asia/Ho_Chi_Minh' },
    projects: [
      { test: { name: 'unit', include: ['tests/unit/**/*.test.ts'], isolate, env: { TZ: 'Asia/Ho_Chi_Minh' } } },
      {
        test: {
          name: 'integration',
          include: ['tests/integration/**/*.test.ts'],
          isolate,
          env: { TZ: 'Asia/Ho_Chi_Minh' },
          testTimeout: 20_000,
          hookTimeout: 20_000,
        },
      },
      {
        // The same integration suite on a real PostgreSQL (a throw-away cluster per run): a
        // failure here names the project, `integration-postgres`, before the test.
        test: {
          name: { label: 'integration-postgres', color: 'blue' },
          include: ['tests/integration/**/*.test.ts'],
          // the video bridge against a real LiveKit keeps nothing in the database of its own: once, on SQLite
          exclude: ['tests/integration/video-livekit.test.ts'],
          isolate,
          env: { TZ: 'Asia/Ho_Chi_Minh' },
          globalSetup: ['tests/support/postgres-global-setup.ts'],
          testTimeout: 20_000,
          hookTimeout: 60_000,
        },
      },
    ],
  },
});
