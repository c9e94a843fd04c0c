import { test, expect, auth, setLang, shot, settled, state } from './fixtures';

test.use({ storageState: auth('kam01') });

// The key-account manager's day, in the order a person does it, asserting
// what they see on screen.
test('a key-account manager plans, logs, answers an alert and switches language', async ({ page }) => {
  test.setTimeout(300_000); // a long journey on a shared 2-CPU machine
  const { classA, alert } = state().fixtures as { classA: { id: string; code: string; name: string }; alert: { id: string; account: { id: string; name: string } } };
  await page.goto('/accounts');
  await setLang(page, 'zh-CN');
  await page.reload();
  await expect(page.getByRole('heading', { name: '我的客户' })).toBeVisible();

  // Finds the account from the command menu (Ctrl-K), by its code.
  await page.keyboard.press('Control+k');
  const menu = page.getByRole('dialog', { name: '跳转到客户' });
  await expect(menu).toBeVisible();
  await menu.getByRole('textbox').fill(classA.code);
  await expect(menu.getByRole('option').first()).toContainText(classA.name);
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(new RegExp(`/accounts/${classA.id}$`));
  await expect(page.getByTestId('account-name')).toHaveText(classA.name);

  // Reads why it is class A.
  await page.getByTestId('class-badge').click();
  const why = page.getByTestId('class-explanation');
  await expect(why).toBeVisible();
  await expect(why).toContainText('评级模型');
  await expect(page.getByTestId('class-decision')).toContainText('→ A');
  await expect(why.getByRole('columnheader', { name: '指标' })).toBeVisible();
  await expect(why.getByRole('columnheader', { name: '贡献' })).toBeVisible();
  await shot(page, 'journey-class-why-zh-CN');
  await page.keyboard.press('Escape');

  // Creates a plan with an objective and an action, and submits it.
  await page.getByRole('tab', { name: '计划' }).click();
  await page.getByTestId('create-plan').click();
  const period = `E2E-${Date.now()}`;
  let dialog = page.getByRole('dialog', { name: '新建计划' });
  await dialog.getByLabel('计划期间名称').fill(period);
  await dialog.getByLabel('策略陈述').fill('巩固华东份额，扩大服务器业务');
  await dialog.getByRole('button', { name: '创建' }).click();
  await expect(page.getByText('计划已创建')).toBeVisible();
  const plan = page.getByTestId('plan-view');
  await expect(plan.getByRole('heading', { name: period })).toBeVisible();
  await expect(plan.getByText('草稿', { exact: true })).toBeVisible();

  await plan.getByTestId('add-objective').click();
  dialog = page.getByRole('dialog', { name: '添加目标' });
  await dialog.getByLabel('目标', { exact: true }).fill('E2E 服务器收入增长');
  await dialog.getByLabel('目标金额（元）').fill('2000000');
  await dialog.getByRole('button', { name: '添加' }).click();
  await expect(plan.getByRole('cell', { name: 'E2E 服务器收入增长' })).toBeVisible();
  await expect(plan).toContainText('¥200万');

  await plan.getByTestId('add-action').click();
  dialog = page.getByRole('dialog', { name: '添加行动' });
  await dialog.getByLabel('行动', { exact: true }).fill('E2E 拜访采购总监');
  await dialog.getByRole('button', { name: '添加' }).click();
  await expect(plan.getByText('E2E 拜访采购总监')).toBeVisible();

  await plan.getByTestId('submit-plan').click();
  await expect(plan.getByText('已提交', { exact: true })).toBeVisible();
  await expect(plan.getByText('S/A 客户的计划需要高管批准后才能启动。')).toBeVisible();
  await shot(page, 'journey-plan-submitted-zh-CN');

  // Logs a touchpoint.
  await page.getByRole('tab', { name: '接触' }).click();
  await page.getByTestId('log-touchpoint').click();
  dialog = page.getByRole('dialog', { name: '记录接触' });
  await dialog.getByLabel('纪要').fill('E2E 季度业务回顾，客户计划扩容');
  await dialog.getByLabel('下一步', { exact: true }).fill('发送报价');
  await dialog.getByRole('button', { name: '保存' }).click();
  await expect(page.getByText('接触已记录')).toBeVisible();
  await expect(page.getByTestId('touchpoint').first()).toContainText('E2E 季度业务回顾，客户计划扩容');

  // Acknowledges and resolves an alert.
  await page.goto(`/accounts/${alert.account.id}?tab=alerts`);
  const card = page.getByTestId('alert-card').first();
  await expect(card.getByTestId('alert-status')).toHaveText('待处理');
  await card.getByTestId('acknowledge').click();
  await expect(card.getByTestId('alert-status')).toHaveText('已确认');
  await card.getByTestId('resolve').click();
  dialog = page.getByRole('dialog', { name: '关闭预警' });
  await dialog.getByLabel('原因').fill('E2E 客户已恢复下单');
  await dialog.getByRole('button', { name: '关闭预警' }).click();
  await expect(page.getByText('预警已关闭')).toBeVisible();
  await page.getByRole('radiogroup', { name: '显示哪些预警' }).getByText('全部', { exact: true }).click();
  await expect(page.getByTestId('alert-status').filter({ hasText: '已恢复' }).first()).toBeVisible();

  // Switches to English and back; the choice is saved on the user.
  await page.getByText('EN', { exact: true }).click();
  const nav = page.getByRole('navigation');
  await expect(nav.getByRole('link', { name: 'My accounts' }).first()).toBeVisible();
  await expect(page.getByRole('tab', { name: 'Alerts' })).toBeVisible();
  await page.reload();
  await expect(nav.getByRole('link', { name: 'My accounts' }).first()).toBeVisible();
  await page.getByText('中文', { exact: true }).click();
  await expect(nav.getByRole('link', { name: '我的客户' }).first()).toBeVisible();
  await page.reload();
  await expect(nav.getByRole('link', { name: '我的客户' }).first()).toBeVisible();
});
