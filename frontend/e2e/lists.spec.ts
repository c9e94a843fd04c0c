import { test, expect, auth, axe, setLang, settled, shot, state } from './fixtures';
import { gql, token } from './server';

test.use({ storageState: auth('kam01') });

// An account of kam01's whose pinyin initials nobody else's name has.
const NAME = '华为集团测试';
const INITIALS = 'hwjtcs';

test.beforeAll(async () => {
  const s = state();
  const admin = token(s, 'ADMIN', 'e2e-lists');
  const found = await gql(s, admin, `query($q: String!) { searchAccounts(query: $q) { account { id name } } }`, { q: NAME });
  if (found.searchAccounts.some((h: { account: { name: string } }) => h.account.name === NAME)) return;
  const users = await gql(s, admin, `{ users(first: 1, where: { email: "kam01@summit.example" }) { edges { node { id } } } }`);
  const owner = users.users.edges[0].node.id;
  await gql(s, admin, `mutation($in: CreateAccountInput!) { createAccount(input: $in) { id } }`, {
    in: { code: `E2E-HWJT-${Date.now()}`, name: NAME, kind: 'B2B', ownerID: owner },
  });
});

// The accounts list sorts by what the server computes (revenue, risk, next
// action) and keeps the sort and "needs attention" in the URL; the command
// menu finds an account by its pinyin initials.
test('a key-account manager sorts the list, narrows it and finds an account by pinyin initials', async ({ page }) => {
  test.setTimeout(240_000);
  await page.goto('/accounts');
  await setLang(page, 'zh-CN');
  await page.reload();
  await expect(page.getByTestId('account-row').first()).toBeVisible();

  const revenue = page.getByRole('columnheader', { name: '近12个月收入' });
  await revenue.getByRole('button').click();
  await expect(page).toHaveURL(/sort=revenue%3Aasc|sort=revenue:asc/);
  await expect(revenue).toHaveAttribute('aria-sort', 'ascending');
  await revenue.getByRole('button').click();
  await expect(page).toHaveURL(/sort=revenue%3Adesc|sort=revenue:desc/);
  await expect(revenue).toHaveAttribute('aria-sort', 'descending');
  await expect(page.getByTestId('account-row').first()).toBeVisible();

  const all = await page.getByTestId('account-count').textContent();
  await page.getByTestId('needs-attention').click();
  await expect(page).toHaveURL(/attention=1/);
  await expect(page).toHaveURL(/sort=revenue/);
  await expect(page.getByTestId('account-count')).not.toHaveText(all ?? '');
  await settled(page);
  await shot(page, 'accounts-revenue-attention-zh-CN');
  await axe(page, '/accounts sorted by revenue, needs attention (zh-CN)');

  await page.goto('/accounts?sort=nextAction:asc');
  await expect(page.getByRole('columnheader', { name: '下一行动' })).toHaveAttribute('aria-sort', 'ascending');
  await page.goto('/accounts?sort=risk:desc');
  await expect(page.getByRole('columnheader', { name: '流失风险' })).toHaveAttribute('aria-sort', 'descending');
  await expect(page.getByTestId('account-row').first()).toBeVisible();

  await page.keyboard.press('Control+k');
  const menu = page.getByRole('dialog', { name: '跳转到客户' });
  await menu.getByRole('textbox').fill(INITIALS);
  await expect(menu.getByRole('option').first()).toContainText(NAME);
  await shot(page, 'command-pinyin-zh-CN');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('account-name')).toHaveText(NAME);

  await setLang(page, 'en');
  await page.goto('/accounts?sort=revenue:desc&attention=1');
  await expect(page.getByRole('columnheader', { name: 'Revenue (12 mo.)' })).toHaveAttribute('aria-sort', 'descending');
  await expect(page.getByTestId('account-row').first()).toBeVisible();
  await settled(page);
  await shot(page, 'accounts-revenue-attention-en');
  await setLang(page, 'zh-CN');
});
