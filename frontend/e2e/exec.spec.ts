import type { Browser, Page } from '@playwright/test';
import { test, expect, auth, axe, setLang, settled, shot, state } from './fixtures';
import { gql, token } from './server';

// The executive console and the grading workbench, as executives, an admin
// and the key-account manager use them (issue 14). The journeys build on
// each other (approve, change the model, review, approve in bulk, publish,
// the owner sees the result), so they run in order and stop at the first
// failure. kam.spec.ts's fixtures stay as they were: moves out of S/A are
// rejected here, so kam01's class-A account keeps its class.
test.describe.configure({ mode: 'serial' });

const KAM = 'kam01@summit.example';
interface Acc {
  id: string;
  name: string;
  currentClass: string | null;
}
let exec = '';
let override: Acc; // a class-B/C account of kam01 an override moves into A
let model: { id: string; name: string; nextVersion: number };
let cycleID = '';
let moved: { id: string; name: string; to: string } | null = null;

/** A GraphQL request as the signed-in person of the page (session cookie + CSRF header). */
async function api<T = any>(page: Page, query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const r = await page.evaluate(
    async ({ query, variables }) => {
      const res = await fetch('/graphql', { method: 'POST', headers: { 'Content-Type': 'application/json', 'X-Summit-CSRF': '1' }, body: JSON.stringify({ query, variables }) });
      return res.json();
    },
    { query, variables },
  );
  expect(r.errors, JSON.stringify(r.errors)).toBeUndefined();
  return r.data as T;
}

async function as(browser: Browser, user: 'kam01' | 'exec01' | 'admin', lang: 'zh-CN' | 'en' = 'zh-CN') {
  const ctx = await browser.newContext({ storageState: auth(user), baseURL: state().baseURL, viewport: { width: 1440, height: 900 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
  const page = await ctx.newPage();
  await page.goto('/accounts');
  await setLang(page, lang);
  return page;
}

test.beforeAll(async () => {
  const s = state();
  exec = token(s, 'EXECUTIVE', 'e2e-exec-journeys');
  const { classA, alert } = s.fixtures as { classA: { id: string }; alert: { account: { id: string } } };
  const keep = [classA.id, alert.account.id];
  const bc = await gql(s, exec, `query($e: String!) { accounts(first: 20, orderBy: [{ field: CODE }], where: { currentClassIn: [B, C], archived: false, hasOwnerWith: [{ email: $e }], not: { hasClassAssignmentsWith: [{ approvalStatus: PENDING }] } }) { edges { node { id name currentClass } } } }`, { e: KAM });
  override = bc.accounts.edges.map((e: any) => e.node).find((a: Acc) => !keep.includes(a.id));
  expect(override, 'kam01 has a class-B/C account to override').toBeTruthy();
  const models = await gql(s, exec, `{ gradingModels(first: 50) { edges { node { id name kind scope versions { number status } } } } }`);
  const m = models.gradingModels.edges.map((e: any) => e.node).find((x: any) => x.kind === 'WEIGHTED_SCORECARD' && x.scope === 'ALL' && x.versions.some((v: any) => v.status === 'PUBLISHED'));
  expect(m, 'a published scorecard for all accounts').toBeTruthy();
  model = { id: m.id, name: m.name, nextVersion: Math.max(...m.versions.map((v: any) => v.number)) + 1 };
});

test('an executive approves a class override and an S/A plan from the queue; the owner sees both', async ({ browser }) => {
  test.setTimeout(300_000);
  const kam = await as(browser, 'kam01');
  await api(kam, `mutation($a: ID!) { overrideClass(accountID: $a, class: A, reason: "省级标杆客户(e2e)") { id approvalStatus } }`, { a: override.id });

  const ex = await as(browser, 'exec01');
  await ex.goto('/approvals?kind=CLASS_OVERRIDE');
  await settled(ex);
  await expect(ex.getByTestId('approvals-badge')).toBeVisible();
  const row = ex.locator('.ant-table-row', { hasText: override.name });
  await expect(row).toContainText('省级标杆客户(e2e)');
  await row.getByTestId('approve').click();
  await ex.getByTestId('decision-note').fill('同意,季度经营会已确认');
  await ex.getByTestId('decision-ok').click();
  await expect(row).toHaveCount(0);

  // Now class A, the account needs an approved plan: the owner submits one.
  const y = new Date().getUTCFullYear();
  const plan = await api(kam, `mutation($in: CreatePlanInput!) { createPlan(input: $in) { id version } }`, {
    in: { accountID: override.id, period: `E2E-${y}`, periodStart: `${y}-01-01T00:00:00Z`, periodEnd: `${y}-12-31T00:00:00Z` },
  });
  await api(kam, `mutation($id: ID!, $v: Int!) { submitPlan(id: $id, version: $v) { id status } }`, { id: plan.createPlan.id, v: plan.createPlan.version });

  await ex.goto('/approvals?kind=PLAN');
  await settled(ex);
  const planRow = ex.locator('.ant-table-row', { hasText: override.name });
  await expect(planRow).toBeVisible();
  await shot(ex, 'approvals-plan-zh-CN');
  await planRow.getByTestId('approve').click();
  await ex.getByTestId('decision-ok').click();
  await expect(planRow).toHaveCount(0);

  // The owner sees the new class and the approved plan.
  await kam.goto(`/accounts/${override.id}`);
  await expect(kam.getByTestId('class-badge')).toHaveText('A');
  await kam.goto(`/accounts/${override.id}?tab=plan`);
  await expect(kam.getByTestId('plan-view')).toContainText('已批准');
  await kam.context().close();
  await ex.context().close();
});

test('an admin changes a scorecard weight, simulates, sees who moves and publishes', async ({ browser }) => {
  test.setTimeout(300_000);
  const admin = await as(browser, 'admin');
  await admin.goto('/models');
  await settled(admin);
  await admin.getByRole('link', { name: model.name }).click();
  await expect(admin.getByTestId('model-title')).toHaveText(model.name);
  await admin.getByTestId('new-draft').click();
  await expect(admin.getByTestId('save-version')).toBeVisible({ timeout: 60_000 });

  // Ten points of weight from cumulative sales to profit margin.
  const weight = (i: number) => admin.getByTestId(`criterion-${i}`).getByRole('spinbutton').first();
  const w0 = Number(await weight(0).inputValue());
  const w3 = Number(await weight(3).inputValue());
  await weight(0).fill(String(w0 - 10));
  await expect(admin.getByTestId('validation')).toContainText('问题');
  await weight(3).fill(String(w3 + 10));
  await expect(admin.getByTestId('weight-total')).toContainText('100');
  await expect(admin.getByTestId('validation')).toContainText('配置有效');

  await admin.getByTestId('simulate').click();
  const sim = admin.getByTestId('simulation');
  await expect(sim).toBeVisible({ timeout: 60_000 });
  const movers = admin.getByTestId('sample-movers').locator('.ant-table-row');
  await expect(movers.first()).toBeVisible();
  await movers.first().getByRole('button').first().click();
  await expect(admin.getByTestId('move-explanation').first()).toBeVisible();
  await shot(admin, 'models-simulation-zh-CN');
  await axe(admin, '/models simulation (zh-CN)');

  await admin.getByTestId('publish-version').click();
  await expect(admin.locator('.ant-table-row-selected', { hasText: `v${model.nextVersion}` })).toContainText('已发布');
  await admin.context().close();
});

test('an admin runs a review cycle with the new version until it is in review', async ({ browser }) => {
  test.setTimeout(600_000);
  const admin = await as(browser, 'admin');
  await admin.goto('/reviews');
  await settled(admin);
  await admin.getByTestId('start-review').click();
  await admin.getByTestId('cycle-name').fill(`E2E 评审 ${Date.now()}`);
  await admin.getByTestId('cycle-model').click();
  await admin.locator('.ant-select-item-option', { hasText: `${model.name} v${model.nextVersion}` }).click();
  await admin.getByTestId('start-ok').click();
  await expect(admin).toHaveURL(/\/reviews\/[^/]+$/);
  cycleID = admin.url().split('/reviews/')[1];
  await expect(admin.getByTestId('cycle-status')).toHaveText('评审中', { timeout: 540_000 });
  await expect(admin.getByTestId('movers-matrix')).toBeVisible();
  await admin.context().close();

  // Which of kam01's accounts will move: one into S/A (approved next) if any,
  // else one whose move needs no approval.
  const r = await gql(state(), exec, `query($id: ID!, $e: String!) { node(id: $id) { ... on ReviewCycle { results(first: 200, where: { hasAccountWith: [{ hasOwnerWith: [{ email: $e }] }], statusIn: [PROPOSED, PENDING_APPROVAL] }) { edges { node { status previousClass proposedClass account { id name } } } } } } }`, { id: cycleID, e: KAM });
  const rows = r.node.results.edges.map((e: any) => e.node).filter((x: any) => x.previousClass !== x.proposedClass);
  const sa = (c: string | null) => c === 'S' || c === 'A';
  const pick = rows.find((x: any) => x.status === 'PENDING_APPROVAL' && sa(x.proposedClass) && !sa(x.previousClass)) ?? rows.find((x: any) => x.status === 'PROPOSED');
  expect(pick, 'one of kam01 accounts moves in this cycle').toBeTruthy();
  moved = { id: pick.account.id, name: pick.account.name, to: pick.proposedClass };
});

test('the executive approves the moves into S/A in bulk and rejects the rest', async ({ browser }) => {
  test.setTimeout(300_000);
  const ex = await as(browser, 'exec01');
  await ex.goto('/approvals?kind=REVIEW_RESULT&move=intoSA');
  await settled(ex);
  await expect(ex.locator('.ant-table-row').first()).toBeVisible();
  await shot(ex, 'approvals-bulk-zh-CN');
  await ex.getByTestId('bulk-approve').click();
  await ex.getByTestId('decision-note').fill('2026 年中评审:升入 S/A 同意');
  await ex.getByTestId('decision-ok').click();
  await expect(ex.locator('.ant-empty')).toBeVisible();

  // Moves out of S/A (and within it) keep the previous class.
  await ex.goto('/approvals?kind=REVIEW_RESULT');
  await settled(ex);
  if (await ex.locator('.ant-table-row').count()) {
    await ex.getByTestId('bulk-reject').click();
    await ex.getByTestId('decision-note').fill('保持原分级,下季度复核');
    await ex.getByTestId('decision-ok').click();
    await expect(ex.locator('.ant-empty')).toBeVisible();
  }
  await ex.context().close();
});

test('the admin publishes and the owner sees the new class and why', async ({ browser }) => {
  test.setTimeout(600_000);
  const admin = await as(browser, 'admin');
  await admin.goto(`/reviews/${cycleID}`);
  await settled(admin);
  await admin.getByTestId('publish-cycle').click();
  await expect(admin.getByTestId('cycle-status')).toHaveText('已发布', { timeout: 540_000 });
  await admin.context().close();

  const kam = await as(browser, 'kam01');
  await kam.goto(`/accounts/${moved!.id}`);
  await expect(kam.getByTestId('class-badge')).toHaveText(moved!.to);
  await kam.getByTestId('class-badge').click();
  await expect(kam.getByTestId('class-explanation')).toBeVisible();
  await expect(kam.getByTestId('class-decision')).toContainText(`→ ${moved!.to}`);
  await shot(kam, 'journey-exec-owner-sees-class-zh-CN');
  await kam.context().close();
});

test('a drill-down from the pyramid lands on the list with the same count', async ({ browser }) => {
  const ex = await as(browser, 'exec01');
  await ex.goto('/portfolio');
  await settled(ex);
  const link = ex.getByTestId('pyramid-S');
  const count = (await link.innerText()).replace(/\D/g, '');
  await link.click();
  await expect(ex).toHaveURL(/\/accounts\?.*class=S/);
  await expect(ex.getByTestId('account-count')).toContainText(Number(count).toLocaleString('zh-CN'));
  await ex.context().close();
});

test('every executive screen in both languages', async ({ browser }) => {
  test.setTimeout(480_000);
  for (const lang of ['zh-CN', 'en'] as const) {
    const ex = await as(browser, 'exec01', lang);
    const check = lang === 'zh-CN' ? axe : async () => {};
    for (const [path, name] of [
      ['/portfolio', 'portfolio'],
      ['/approvals', 'approvals'],
      ['/reviews', 'reviews'],
      [`/reviews/${cycleID}?tab=up`, 'review-cycle'],
    ]) {
      await ex.goto(path);
      await settled(ex);
      if (name === 'portfolio') await expect(ex.locator('canvas').first()).toBeVisible();
      await shot(ex, `${name}-${lang}`);
      await check(ex, `${path} (${lang})`);
    }
    await ex.context().close();

    const admin = await as(browser, 'admin', lang);
    await admin.goto(`/models/${model.id}`);
    await settled(admin);
    await shot(admin, `models-${lang}`);
    await check(admin, `/models (${lang})`);
    await admin.getByTestId('simulate').click();
    await expect(admin.getByTestId('simulation')).toBeVisible({ timeout: 60_000 });
    await shot(admin, `models-simulated-${lang}`);
    await admin.context().close();
  }
});
