import { defineConfig } from '@playwright/test';

// Browser journeys against the real binary (bin/summit with the embedded
// app): global-setup starts it on a free port with an embedded PostgreSQL in
// a temporary folder and demo data, publishes a review so accounts have
// classes, and signs in once per role through the development identity
// provider. Chromium is the system one (/usr/bin/chromium); never
// `playwright install`.
export default defineConfig({
  testDir: './e2e',
  testIgnore: ['**/bench.spec.ts'],
  globalSetup: './e2e/global-setup.ts',
  globalTeardown: './e2e/global-teardown.ts',
  // One server, shared data, journeys that change it: one worker, in order.
  workers: 1,
  fullyParallel: false,
  retries: 0,
  timeout: 90_000,
  expect: { timeout: 15_000 },
  reporter: [['list']],
  outputDir: 'test-results/output',
  use: {
    viewport: { width: 1440, height: 900 },
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: { executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium', args: ['--no-sandbox'] },
  },
});
