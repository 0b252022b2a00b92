import { defineConfig } from 'vitest/config';

// Unit and integration tests (pure logic, relay over loopback). Browser e2e lives in vitest.e2e.config.ts.
export default defineConfig({
  test: {
    include: ['{client,relay,shared,bench}/**/*.test.ts'],
    environment: 'node',
    testTimeout: 20_000,
  },
});
