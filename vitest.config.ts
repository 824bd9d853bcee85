import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    env: { TZ: 'UTC', NO_COLOR: '1', LANG: 'C' },
    testTimeout: 60_000,
  },
});
