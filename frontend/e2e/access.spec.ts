import { test, expect, auth, state } from './fixtures';

test.describe('another key-account manager', () => {
  test.use({ storageState: auth('kam02') });
  test('gets a not-found page for an account of kam01', async ({ page }) => {
    const { classA } = state().fixtures as { classA: { id: string; name: string } };
    await page.goto(`/accounts/${classA.id}`);
    await expect(page.getByText('未找到该客户')).toBeVisible();
    await expect(page.getByText(classA.name)).toHaveCount(0);
  });
});

test.describe('a viewer', () => {
  test.use({ storageState: auth('viewer') });
  test('sees no edit controls, and a refused write explains itself', async ({ page }) => {
    const { classA, alert } = state().fixtures as { classA: { id: string; name: string }; alert: { account: { id: string } } };
    await page.goto(`/accounts/${classA.id}?tab=plan`);
    await expect(page.getByTestId('account-name')).toHaveText(classA.name);
    await expect(page.getByTestId('create-plan')).toHaveCount(0);
    await expect(page.getByRole('button', { name: '提交审批' })).toHaveCount(0);
    await page.getByRole('tab', { name: '接触' }).click();
    await expect(page.getByText('只读')).toBeVisible();
    await expect(page.getByTestId('log-touchpoint')).toHaveCount(0);
    await page.getByRole('tab', { name: '关系图' }).click();
    await expect(page.getByRole('button', { name: '添加联系人' })).toHaveCount(0);
    await page.getByRole('tab', { name: '分级' }).click();
    await expect(page.getByTestId('request-override')).toHaveCount(0);
    await page.goto(`/accounts/${alert.account.id}?tab=alerts`);
    await expect(page.getByTestId('alert-card').first()).toBeVisible();
    await expect(page.getByTestId('acknowledge')).toHaveCount(0);

    // The same write the hidden button would send, from the viewer's
    // signed-in browser: the server refuses it by meaning (FORBIDDEN) with
    // a sentence saying why, which is what the app shows for a refusal.
    const r = await page.evaluate(async (accountID) => {
      const res = await fetch('/graphql', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'X-Summit-CSRF': '1' },
        body: JSON.stringify({
          query: 'mutation($in: LogTouchpointInput!) { logTouchpoint(input: $in) { id } }',
          variables: { in: { accountID, kind: 'CALL', occurredAt: new Date().toISOString(), summary: 'viewer tries' } },
        }),
      });
      return res.json();
    }, classA.id);
    expect(r.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(String(r.errors?.[0]?.message ?? '')).not.toBe('');
  });
});
