import { test, expect, auth, setLang, shot, settled, axe, state } from './fixtures';
import { gql, token } from './server';

// The partner manager's journey on shared demo data: pm01 (EAST) evaluates an
// EAST distributor and decides an upgrade into the second tier with evidence;
// an executive approves it; the tier and the history change; pm02 (NORTH)
// cannot find it. The approval goes through the API (approveTierEvaluation):
// the /approvals queue is another engineer's screen, not in this tree.

interface Target {
  id: string;
  name: string;
  tierRank: number | null;
  up: { id: string; name: string; nameEn: string };
}
let target: Target;

/** Picks an option of the open antd Select (its visible list, not the hidden a11y one). */
async function pick(page: import('@playwright/test').Page, label: string) {
  await page.locator(`.ant-select-dropdown:visible .ant-select-item-option[title="${label}"]`).click();
}
let exec: string;

test.beforeAll(async () => {
  exec = token(state(), 'EXECUTIVE', `e2e-partners-${Date.now()}`);
  const tiers = await gql(state(), exec, `{ partnerTiers { id rank name nameEn } }`);
  const up = tiers.partnerTiers.find((t: { rank: number }) => t.rank === 2);
  if (!up) throw new Error('the demo ladder has no rank-2 tier');
  const r = await gql(state(), exec, `{ partners(first: 200, where: { region: "EAST", pendingEvaluation: false }) {
    edges { node { id regionsCovered tier { rank } account { name region } } } } }`);
  const node = r.partners.edges
    .map((e: any) => e.node)
    .find((n: any) => n.account.region === 'EAST' && !(n.regionsCovered ?? []).includes('NORTH') && (!n.tier || n.tier.rank > 2));
  if (!node) throw new Error('no EAST-only distributor below rank 2 without a pending evaluation');
  target = { id: node.id, name: node.account.name, tierRank: node.tier?.rank ?? null, up };
});

test.describe.serial('a partner manager for EAST', () => {
  test.use({ storageState: auth('pm01') });

  test('evaluates a distributor and decides an upgrade into the top two tiers with evidence', async ({ page }) => {
    test.setTimeout(180_000);
    await page.goto('/partners');
    await setLang(page, 'zh-CN');
    await page.goto(`/partners?q=${encodeURIComponent(target.name)}`);
    await expect(page.getByRole('heading', { name: '经销商' })).toBeVisible();
    await page.getByRole('link', { name: target.name }).click();
    await expect(page.getByTestId('partner-name')).toHaveText(target.name);
    await expect(page.getByTestId('tier-progress')).toBeVisible();

    await page.getByTestId('evaluate').click();
    const dialog = page.getByRole('dialog', { name: '决定级别' });
    await expect(dialog).toBeVisible();
    await dialog.getByLabel('级别').click();
    await pick(page, target.up.name);
    await expect(dialog.getByText('升入前两级需高管审批后生效。')).toBeVisible();
    await dialog.getByLabel('理由').fill('E2E 年度审计后业绩达标');
    await dialog.getByLabel('证据说明').fill('E2E 2026 年审计报表已核实');
    await dialog.getByLabel('证据链接（每行一个）').fill('https://files.example/e2e-audit-2026.pdf');
    await dialog.getByRole('button', { name: '决定' }).click();
    await expect(page.getByText('已提交高管审批')).toBeVisible();
    const history = page.getByTestId('evaluations');
    await expect(history.getByText('待高管审批').first()).toBeVisible();
    await expect(history.getByRole('link', { name: 'https://files.example/e2e-audit-2026.pdf' })).toBeVisible();
    await settled(page);
    await shot(page, 'partners-detail-submitted-zh-CN');
  });

  test('sees the new tier and who approved it after an executive approves', async ({ page, browser, baseURL }) => {
    const r = await gql(state(), exec, `query($id: ID!) { node(id: $id) { ... on PartnerProfile { evaluations(where: { status: SUBMITTED }) { edges { node { id } } } } } }`, { id: target.id });
    const ev = r.node.evaluations.edges[0]?.node;
    expect(ev, 'the decision awaits an executive').toBeTruthy();
    (target as any).evaluationID = ev.id;
    // exec01 approves through the API from their signed-in session (so the
    // approval names them); the /approvals queue is not in this branch.
    const exec01 = await browser.newContext({ storageState: auth('exec01'), baseURL });
    const execPage = await exec01.newPage();
    await execPage.goto('/partners');
    const res = await execPage.evaluate(async (id) => {
      const r = await fetch('/graphql', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'X-Summit-CSRF': '1' },
        body: JSON.stringify({ query: 'mutation($id: ID!) { approveTierEvaluation(id: $id, note: "E2E checked") { status } }', variables: { id } }),
      });
      return r.json();
    }, ev.id);
    await exec01.close();
    expect(res.errors).toBeUndefined();
    expect(res.data.approveTierEvaluation.status).toBe('APPLIED');

    await page.goto(`/partners/${target.id}`);
    await expect(page.getByTestId('partner-name')).toHaveText(target.name);
    await expect(page.getByTestId('tier-tag').first()).toHaveText(target.up.name);
    const history = page.getByTestId('evaluations');
    await expect(history.getByText('已生效').first()).toBeVisible();
    await expect(history.getByTestId('approved-by').first()).toContainText('审批：');
  });
});

test.describe('a partner manager for NORTH', () => {
  test.use({ storageState: auth('pm02') });
  test('cannot find the EAST distributor by list, search or URL', async ({ page }) => {
    await page.goto('/partners');
    await setLang(page, 'zh-CN');
    await page.goto('/partners');
    await expect(page.getByTestId('partner-count')).toBeVisible();
    await expect(page.getByRole('link', { name: target.name })).toHaveCount(0);
    await page.goto(`/partners?q=${encodeURIComponent(target.name)}`);
    await expect(page.getByText('没有符合筛选条件的经销商，请清除部分筛选。')).toBeVisible();
    await page.goto(`/partners/${target.id}`);
    await expect(page.getByText('未找到该经销商')).toBeVisible();
    await expect(page.getByText(target.name)).toHaveCount(0);
  });
});

test.describe.serial('an admin', () => {
  test.use({ storageState: auth('admin') });
  const grantee = 'sales02@summit.example';

  async function navOf(browser: import('@playwright/test').Browser, baseURL: string, email: string): Promise<string> {
    // A context of its own, signed out (test.use's storageState would apply otherwise).
    const ctx = await browser.newContext({ baseURL, locale: 'zh-CN', storageState: { cookies: [], origins: [] } });
    const page = await ctx.newPage();
    await page.goto('/accounts');
    // The dev IdP lists a few users per role; others sign in by email.
    const other = page.locator('input[type="email"][name="email"]');
    await other.fill(email);
    await other.press('Enter');
    await page.waitForURL(/\/accounts/);
    const nav = page.getByRole('navigation', { name: '主导航' });
    await expect(nav).toBeVisible();
    const text = (await nav.textContent()) ?? '';
    await ctx.close();
    return text;
  }

  test('grants a role and the user sees partners at their next sign-in', async ({ page, browser, baseURL }) => {
    test.setTimeout(180_000);
    expect(await navOf(browser, baseURL!, grantee)).not.toContain('经销商');
    await page.goto('/settings/users');
    await setLang(page, 'zh-CN');
    await page.goto(`/settings/users?q=${grantee}`);
    await page.getByTestId(`grant-${grantee}`).click();
    const dialog = page.getByRole('dialog', { name: `为 ${grantee} 授予角色` });
    await dialog.getByLabel('角色').click();
    await pick(page, '渠道经理');
    await dialog.getByLabel('区域').click();
    await pick(page, '华南');
    await dialog.getByLabel('理由（记入审计日志）').fill('E2E 负责华南渠道');
    await dialog.getByRole('button', { name: '授予角色' }).click();
    await expect(page.getByTestId(`roles-${grantee}`)).toContainText('渠道经理 · 华南');
    expect(await navOf(browser, baseURL!, grantee)).toContain('经销商');
  });

  test('the audit log shows each event with before and after', async ({ page }) => {
    test.setTimeout(240_000);
    // The audit table is the largest on a shared, loaded machine: give its
    // filtered reads longer than the default.
    const slow = { timeout: 60_000 };
    const evaluationID = (target as any).evaluationID as string | undefined;
    await page.goto('/settings/audit');
    await setLang(page, 'zh-CN');
    // The decision and the approval of the tier evaluation.
    if (evaluationID) {
      await page.goto(`/settings/audit?entity=TierEvaluation:${evaluationID}`);
      const table = page.getByTestId('audit-table');
      await expect(table.getByText('tier_evaluation.decide')).toBeVisible(slow);
      await expect(table.getByText('tier_evaluation.approve')).toBeVisible(slow);
      await table.getByRole('row', { name: /tier_evaluation\.decide/ }).getByRole('button').first().click();
      const diff = page.getByTestId('audit-diff').first();
      await expect(diff.getByText('SUBMITTED')).toBeVisible();
      await expect(diff.getByText('DRAFT')).toBeVisible();
    }
    // The tier change on the partner.
    await page.goto(`/settings/audit?entity=PartnerProfile:${target.id}&action=partner.tier_change`);
    const rows = page.getByTestId('audit-table');
    await expect(rows.getByText('partner.tier_change').first()).toBeVisible(slow);
    await rows.getByRole('row', { name: /partner\.tier_change/ }).first().getByRole('button').first().click();
    await expect(page.getByTestId('audit-diff').first()).toContainText('变更前');
    await shot(page, 'settings-audit-diff-zh-CN');
    // The role granted to sales02.
    await page.goto('/settings/audit?action=role.assign&actor=admin');
    const roles = page.getByTestId('audit-table');
    await expect(roles.getByText('E2E 负责华南渠道')).toBeVisible(slow);
    await roles.getByRole('row', { name: /E2E 负责华南渠道/ }).getByRole('button').first().click();
    await expect(page.getByTestId('audit-diff').first()).toContainText('PARTNER_MANAGER');
  });

  test('creates a service token that is shown once', async ({ page }) => {
    await page.goto('/settings/tokens');
    await page.getByTestId('create-token').click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('名称').fill(`e2e-ui-${Date.now()}`);
    await dialog.getByRole('button', { name: '创建' }).click();
    await expect(page.getByTestId('token-secret')).toContainText('smt_');
  });
});

test.describe('every partners and settings screen', () => {
  test.use({ storageState: auth('admin') });
  for (const lang of ['zh-CN', 'en'] as const) {
    test(`in ${lang}: screenshot and axe`, async ({ page }) => {
      test.setTimeout(240_000);
      await page.goto('/partners');
      await setLang(page, lang);
      const screens: [string, string][] = [
        ['partners-list', '/partners'],
        ['partners-detail', `/partners/${target.id}`],
        ['partners-runs', '/partners/runs?status=ALL'],
        ['settings-users', '/settings/users'],
        ['settings-tokens', '/settings/tokens'],
        ['settings-policies', '/settings/policies'],
        ['settings-categories', '/settings/categories'],
        ['settings-ladder', '/settings/ladder'],
        ['settings-audit', '/settings/audit'],
        ['settings-jobs', '/settings/jobs'],
      ];
      for (const [name, path] of screens) {
        await page.goto(path);
        await settled(page);
        await expect(page.locator('main').last()).not.toBeEmpty();
        await shot(page, `${name}-${lang}`);
        await axe(page, `${path} (${lang})`);
      }
      await setLang(page, 'zh-CN');
    });
  }
});
