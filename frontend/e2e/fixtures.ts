import { test as base, expect, type Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { AUTH_DIR, readState } from './server';

export const SHOTS = resolve(import.meta.dirname, '../test-results/screenshots');

export const state = () => readState();
export type User = 'kam01' | 'kam02' | 'viewer' | 'exec01' | 'admin' | 'pm01' | 'pm02';
export const auth = (user: User) => join(AUTH_DIR, `${user}.json`);

export const test = base.extend({
  baseURL: async ({}, use) => {
    await use(readState().baseURL);
  },
});
export { expect };

/** Saves the user's language through the API, as the language switch does. */
export async function setLang(page: Page, lang: 'zh-CN' | 'en') {
  const r = await page.evaluate(async (l) => {
    const res = await fetch('/graphql', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Summit-CSRF': '1' },
      body: JSON.stringify({ query: 'mutation($l: String!) { updateMyLocale(locale: $l) { locale } }', variables: { l } }),
    });
    return res.json();
  }, lang);
  expect(r.errors).toBeUndefined();
}

/** A screenshot of the whole viewport, kept as a test artifact. */
export async function shot(page: Page, name: string) {
  mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: join(SHOTS, `${name}.png`) });
}

/** No serious or critical axe violation on the page as it is now. */
export async function axe(page: Page, what: string) {
  const results = await new AxeBuilder({ page }).analyze();
  const bad = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  const summary = bad.map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`);
  expect.soft(summary, `axe on ${what}`).toEqual([]);
}

/** Waits until no skeleton or spinner is left on the page. */
export async function settled(page: Page) {
  await page.waitForLoadState('networkidle');
  await expect(page.locator('.ant-skeleton')).toHaveCount(0);
}
