import { test, expect, auth, axe as axeCheck, setLang, settled, shot, state } from './fixtures';

test.use({ storageState: auth('kam01') });

// Every screen in both languages: a 1440×900 screenshot kept as an artifact
// (test-results/screenshots), and no serious or critical axe violation (axe
// runs on the zh-CN pass: the English pages have the same structure, and the
// second pass would add minutes to CI on a 2-CPU machine).
for (const lang of ['zh-CN', 'en'] as const) {
  test(`every screen in ${lang}`, async ({ page }) => {
    test.setTimeout(720_000); // every screen, axe on each; 8.6 min on a loaded 2-CPU machine
    const { classA, alert } = state().fixtures as { classA: { id: string }; alert: { account: { id: string } } };
    await page.goto('/accounts');
    await setLang(page, lang);
    const axe = lang === 'zh-CN' ? axeCheck : async () => {};

    await page.goto('/accounts');
    await settled(page);
    await expect(page.getByTestId('account-row').first()).toBeVisible();
    await shot(page, `accounts-${lang}`);
    await axe(page, `/accounts (${lang})`);

    await page.goto('/accounts?attention=1&class=A,S&sort=name:desc');
    await settled(page);
    await shot(page, `accounts-filtered-${lang}`);

    for (const tab of ['overview', 'plan', 'stakeholders', 'touchpoints', 'team', 'class', 'alerts']) {
      await page.goto(`/accounts/${classA.id}${tab === 'overview' ? '' : `?tab=${tab}`}`);
      await settled(page);
      await shot(page, `account-${tab}-${lang}`);
      await axe(page, `account ${tab} (${lang})`);
    }
    await page.getByTestId('class-badge').click();
    await expect(page.getByTestId('class-explanation')).toBeVisible();
    await shot(page, `account-class-popover-${lang}`);
    await axe(page, `class popover (${lang})`);
    await page.keyboard.press('Escape');

    await page.goto(`/accounts/${alert.account.id}?tab=alerts`);
    await settled(page);
    await shot(page, `account-alerts-open-${lang}`);

    await page.goto('/alerts');
    await settled(page);
    await shot(page, `alerts-${lang}`);
    await axe(page, `/alerts (${lang})`);

    await page.goto('/notifications');
    await settled(page);
    await shot(page, `notifications-${lang}`);
    await axe(page, `/notifications (${lang})`);

    await page.getByTestId('bell').click();
    await expect(page.getByTestId('notification-panel')).toBeVisible();
    await settled(page);
    await page.waitForTimeout(300);
    await shot(page, `notification-panel-${lang}`);
    await page.keyboard.press('Escape');

    await page.keyboard.press('Control+k');
    await page.getByRole('dialog').getByRole('textbox').fill('集团');
    await expect(page.getByRole('option').first()).toBeVisible();
    await page.waitForTimeout(500); // the dialog's opening animation
    await shot(page, `command-menu-${lang}`);
    await axe(page, `command menu (${lang})`);
    await page.keyboard.press('Escape');

    await page.goto('/accounts/999999999');
    await settled(page);
    await expect(page.getByTestId('not-found')).toBeVisible();
    await shot(page, `not-found-${lang}`);
    await axe(page, `not found (${lang})`);
  });
}

test.afterAll(async ({ browser }) => {
  const ctx = await browser.newContext({ storageState: auth('kam01'), baseURL: state().baseURL });
  const page = await ctx.newPage();
  await page.goto('/accounts');
  await setLang(page, 'zh-CN');
  await ctx.close();
});
