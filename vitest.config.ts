import { defineConfig } from 'vitest/config';

// Unit and integration tests run in plain Node against real SQLite files, loopback HTTP,
// pseudo-terminals and CUPS; the e2e suite (Chromium) lives under tests/e2e and runs in Playwright.
export default defineConfig({
  test: {
    include: ['tests/unit/**/*.test.ts', 'tests/integration/**/*.test.ts'],
    environment: 'node',
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    maxWorkers: 2,
  },
});
