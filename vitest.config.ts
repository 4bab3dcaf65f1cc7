import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    env: { TZ: 'Asia/Ho_Chi_Minh' },
    projects: [
      { test: { name: 'unit', include: ['tests/unit/**/*.test.ts'], env: { TZ: 'Asia/Ho_Chi_Minh' } } },
      {
        test: {
          name: 'integration',
          include: ['tests/integration/**/*.test.ts'],
          env: { TZ: 'Asia/Ho_Chi_Minh' },
          testTimeout: 20_000,
          hookTimeout: 20_000,
        },
      },
    ],
  },
});
