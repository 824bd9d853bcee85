import { defineConfig } from 'vitest/config';

// npm run audit:disclosure: the disclosure sweep, a measurement kept out of `npm test`.
export default defineConfig({
  test: {
    include: ['tests/disclosure/*.audit.ts'],
    env: { TZ: 'UTC', NO_COLOR: '1', LANG: 'C' },
  },
});
