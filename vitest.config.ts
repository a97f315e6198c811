import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // Database tests share one PostgreSQL database; each test file uses its own schema,
    // so files may run in parallel, but a file's tests run in order.
    fileParallelism: true,
    reporters: ['default', './test/support/summary-reporter.ts'],
  },
});
