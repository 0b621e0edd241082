import { expect, test } from '@playwright/test';
import { shots, signInAsGuest } from './signIn';

// The demo budgets are seeded through the SLO rollup store at start: order-service burns fast
// (a page alert), user-service has spent enough budget for a freeze.

test('the SLO page lists every SLO with its budget, alert and policy step', async ({
  page,
}) => {
  await signInAsGuest(page);
  const order = page.getByRole('row', { name: /order-availability/ });
  await expect(async () => {
    await page.goto('/slos');
    await expect(order).toContainText('Page', { timeout: 5_000 });
  }).toPass({ timeout: 90_000 });
  await expect(order).toContainText('Critical');
  const user = page.getByRole('row', { name: /api-availability/ });
  await expect(user).toContainText('freeze');
  await expect(
    page.getByRole('row', { name: /delivery-availability/ }),
  ).toContainText('No data');
  await page.screenshot({ path: `${shots}/slo-list.png`, fullPage: true });

  // Filters live in the URL.
  await page.goto('/slos?owner=group:default/payments');
  await expect(page.getByRole('row', { name: /requests-/ })).toHaveCount(2);
  await expect(order).toHaveCount(0);

  // A team includes its sub-teams: in the demo catalog every team's parent is engineering,
  // which owns no service itself, so its page lists every SLO the unfiltered page does.
  await page.goto('/slos');
  const counts = page.getByTestId('status-counts');
  await expect(counts).toContainText(/^\d+ SLOs/);
  const everything = await counts.textContent();
  await page.goto('/slos?owner=group:default/engineering');
  await expect(counts).toHaveText(everything!);
  await expect(order).toContainText('Critical');
  await page.screenshot({ path: `${shots}/slo-team-with-subteams.png` });

  // One entity's SLOs.
  await page.goto('/slos?entity=component:default/payment-service');
  await expect(page.getByRole('row', { name: /requests-/ })).toHaveCount(2);
  await expect(counts).toContainText(/^2 SLOs/);
});

test('an SLO detail page charts the budget and names the firing alert', async ({
  page,
}) => {
  await signInAsGuest(page);
  await page.goto('/slos');
  await page.getByRole('link', { name: 'order-availability' }).click();
  await expect(page).toHaveURL(
    /\/slos\/slo\?id=order-service%2Forder-availability/,
  );
  await expect(
    page.getByText('Budget burn-down', { exact: true }),
  ).toBeVisible();
  await expect(page.getByText('Alert rules', { exact: true })).toBeVisible();
  await expect(page.getByText('Firing').first()).toBeVisible();
  await expect(page.getByText('Deploy gate', { exact: true })).toBeVisible();
  await page.screenshot({ path: `${shots}/slo-detail.png`, fullPage: true });
});
