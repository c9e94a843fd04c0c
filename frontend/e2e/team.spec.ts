import { test, expect, auth, axe, setLang, settled, shot, state } from './fixtures';

test.use({ storageState: auth('kam01') });

// The team tab: a key-account manager puts a colleague on the account's
// team and takes them off again, each with a reason.
test('a key-account manager adds a team member and removes them', async ({ page }) => {
  test.setTimeout(240_000);
  const { classA } = state().fixtures as { classA: { id: string } };
  await page.goto('/accounts');
  await setLang(page, 'zh-CN');
  await page.goto(`/accounts/${classA.id}?tab=team`);
  await page.getByTestId('add-team-member').click();
  const dialog = page.getByRole('dialog', { name: '添加成员' });
  await dialog.getByLabel('成员').fill('kam02');
  await page.keyboard.press('Enter');
  await dialog.getByLabel('角色', { exact: true }).click();
  await page.getByTitle('售前').click();
  await dialog.getByLabel('原因（记入审计）').fill('E2E 支援售前方案');
  await dialog.getByRole('button', { name: '添加' }).click();
  await expect(page.getByText('已添加团队成员')).toBeVisible();
  const row = page.getByRole('row', { name: /kam02/ });
  await expect(row).toBeVisible();
  await settled(page);
  await shot(page, 'account-team-edit-zh-CN');
  await axe(page, 'account team with edit controls (zh-CN)');

  await row.getByRole('button', { name: /移出团队/ }).click();
  const remove = page.getByRole('dialog', { name: /移出团队/ });
  await remove.getByLabel('原因（记入审计）').fill('E2E 方案完成');
  await remove.getByRole('button', { name: '移出团队' }).click();
  await expect(page.getByText('已移出团队')).toBeVisible();
  await expect(page.getByRole('row', { name: /kam02/ })).toHaveCount(0);

  await setLang(page, 'en');
  await page.reload();
  await expect(page.getByTestId('add-team-member')).toHaveText(/Add member/);
  await settled(page);
  await shot(page, 'account-team-edit-en');
  await setLang(page, 'zh-CN');
});
