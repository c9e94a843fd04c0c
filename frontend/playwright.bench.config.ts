import { defineConfig } from '@playwright/test';
import base from './playwright.config';

// `make bench` (app-bench): an executive's accounts list and account page on
// SUMMIT_BENCH_ACCOUNTS (default 100,000) demo accounts. Timings are printed,
// not asserted.
export default defineConfig({
  ...base,
  testIgnore: [],
  testMatch: ['**/bench.spec.ts'],
  globalSetup: './e2e/bench-setup.ts',
  globalTeardown: './e2e/global-teardown.ts',
  timeout: 300_000,
});
