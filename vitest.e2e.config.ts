import { defineConfig } from 'vitest/config';

// Browser end-to-end tests: Playwright (playwright-core) driving Debian's chromium against the built app.
export default defineConfig({
  test: {
    include: ['tests/e2e/**/*.e2e.ts'],
    environment: 'node',
    testTimeout: 120_000,
    hookTimeout: 120_000,
    fileParallelism: false,
  },
});
