import { test, expect, auth, state } from './fixtures';
import { join } from 'node:path';
import { AUTH_DIR } from './server';

test.use({ storageState: join(AUTH_DIR, 'exec01.json') });

// Navigation timing: from the start of navigation to the moment the screen's
// data is on it (first table row / account name), median of 5 loads.
async function timeIt(page: import('@playwright/test').Page, url: string, ready: () => Promise<void>) {
  const runs: number[] = [];
  for (let i = 0; i < 6; i++) {
    const t0 = Date.now();
    await page.goto(url);
    await ready();
    const ms = await page.evaluate(() => performance.now());
    if (i > 0) runs.push(ms); // the first load warms PostgreSQL's cache
    void t0;
  }
  runs.sort((a, b) => a - b);
  return runs[Math.floor(runs.length / 2)];
}

test('executive on 100,000 accounts: list within 1.5 s, account page within 1 s (printed)', async ({ page }) => {
  void state();
  const list = await timeIt(page, '/accounts', async () => {
    await expect(page.getByTestId('account-row').first()).toBeVisible({ timeout: 60_000 });
  });
  const total = await page.getByTestId('account-count').textContent();
  const href = await page.getByTestId('account-row').locator('a').first().getAttribute('href');
  const account = await timeIt(page, href!, async () => {
    await expect(page.getByTestId('account-name')).toBeVisible({ timeout: 60_000 });
  });
  console.log(`accounts list (${total}): ${list.toFixed(0)} ms to the first row (budget 1500 ms: ${list <= 1500 ? 'within' : 'OVER'})`);
  console.log(`account page ${href}: ${account.toFixed(0)} ms to the header (budget 1000 ms: ${account <= 1000 ? 'within' : 'OVER'})`);
});
