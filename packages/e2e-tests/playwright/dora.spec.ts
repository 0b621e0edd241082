import { expect, test } from '@playwright/test';
import { shots, signInAsGuest } from './signIn';

// The demo history is seeded through the DORA ingestion path at start; the payments team's
// profile is elite, orders' is not.

test('the leads page shows each team against the five keys and drills down to deployments', async ({
  page,
}) => {
  await signInAsGuest(page);
  await page.goto('/dora');
  const payments = page.getByRole('row', { name: /^Payments/ });
  // Seeding runs in the background after start: reload until the team has figures.
  await expect(async () => {
    await page.reload();
    await expect(payments).toContainText('Elite', { timeout: 5_000 });
  }).toPass({ timeout: 90_000 });
  await expect(
    page.getByRole('row', { name: /^Whole organisation/ }),
  ).toBeVisible();
  await expect(page.getByRole('row', { name: /^Orders/ })).toBeVisible();
  await page.screenshot({ path: `${shots}/dora-leads.png`, fullPage: true });

  // Drill down: team → its services → one service's deployments; the URL keeps the view.
  await page.getByRole('link', { name: 'Orders', exact: true }).click();
  await expect(page).toHaveURL(/team=group%3Adefault%2Forders/);
  await page.getByRole('link', { name: 'order-service', exact: true }).click();
  await expect(page).toHaveURL(/service=component%3Adefault%2Forder-service/);
  await expect(page.getByText('Deployments of order-service')).toBeVisible();
  await expect(
    page.getByText(/^order-service-prod-\d+$/).first(),
  ).toBeVisible();
  await page.screenshot({
    path: `${shots}/dora-drill-down.png`,
    fullPage: true,
  });
});

test('the DORA tab of a service charts its deployments and lead time', async ({
  page,
}) => {
  await signInAsGuest(page);
  await page.goto('/catalog/default/component/payment-service/dora');
  await expect(
    page.getByRole('group', { name: 'Deployment frequency' }),
  ).toContainText('Elite');
  for (const chart of [
    'Deployments per week',
    'Change lead time',
    'Lead time breakdown',
    'Failure and rework rate',
    'Recovery time',
  ]) {
    await expect(page.getByRole('figure', { name: chart })).toBeVisible();
  }
  await expect(page.getByText(/^\d+ successful, \d+ failed/)).toBeVisible();
  await page.screenshot({
    path: `${shots}/dora-entity-tab.png`,
    fullPage: true,
  });
});
