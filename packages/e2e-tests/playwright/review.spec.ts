import { expect, test } from '@playwright/test';
import { PortalClient } from '../src/PortalClient';
import { shots, signInAsGuest } from './signIn';

/** The month before the current UTC month: the review's default, computed here by hand. */
function lastFullMonth(): string {
  const now = new Date();
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 1))
    .toISOString()
    .slice(0, 7);
}

/** Month edges as the review uses them (UTC), for asking the dora API directly. */
function monthEdges(month: string): { from: string; to: string } {
  const [y, m] = month.split('-').map(Number);
  return {
    from: new Date(Date.UTC(y, m - 1, 1)).toISOString(),
    to: new Date(Date.UTC(y, m, 1)).toISOString(),
  };
}

test('the monthly review reads its month from the URL, drills down and prints', async ({
  page,
  baseURL,
}) => {
  const month = lastFullMonth();
  // The demo DORA history is seeded in the background after start. Wait for the real signal,
  // the dora API answering the month with payments' deployments (nothing left to derive), so the
  // review is not read (or frozen) before the seed; that answer is also the reference figure.
  const api = await new PortalClient(baseURL!).signInAsGuest();
  const query = { group: 'group:default/payments', ...monthEdges(month) };
  let reference: any;
  await expect
    .poll(
      async () => {
        reference = await api.doraMetricsDerived({ ...query, bucket: 'month' });
        return reference.metrics.deploymentFrequency?.count ?? 0;
      },
      { timeout: 150_000, intervals: [2_000, 5_000] },
    )
    .toBeGreaterThan(0);
  const frequency = reference.metrics.deploymentFrequency.value as number;
  expect(frequency).toBeGreaterThan(0);

  await signInAsGuest(page);
  await page.goto(`/review?month=${month}`);
  await expect(
    page.getByText(`Engineering review · ${month}`, { exact: true }),
  ).toBeVisible({ timeout: 60_000 });
  await expect(
    page.getByRole('textbox', { name: 'Month', exact: true }),
  ).toHaveValue(month);
  const payments = page.getByTestId('row-group:default/payments');
  await expect(payments).toBeVisible();
  // The page shows the month's figure the dora API gives for the team, not the unseeded 0.00/day.
  await expect(
    payments.getByRole('link', { name: 'Deploy frequency of Payments' }),
  ).toHaveText(`${frequency.toFixed(2)}/day`);
  await page.screenshot({ path: `${shots}/review-page.png`, fullPage: true });

  // A cell opens the page behind it, filtered to the row.
  // The lead-time figure leads to the commits (and PRs, when deployments name them) behind it.
  await payments
    .getByRole('link', {
      name: 'Pull requests and commits behind the lead time of Payments',
    })
    .click();
  await expect(page).toHaveURL(/#changes-group-default-payments$/);
  await expect(page.locator('#changes-group-default-payments')).toContainText(
    'Behind the lead time:',
  );
  await payments
    .getByRole('link', { name: 'Lead time of Payments', exact: true })
    .click();
  await expect(page).toHaveURL(/\/dora\?team=group%3Adefault%2Fpayments$/);

  // The print view: no pickers or forms, and print CSS hides the app's navigation.
  await page.goto(`/review?month=${month}&print=1`);
  await expect(page.getByTestId('row-group:default/payments')).toBeVisible({
    timeout: 60_000,
  });
  await expect(
    page.getByRole('textbox', { name: 'Month', exact: true }),
  ).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Add' })).toHaveCount(0);
  await page.emulateMedia({ media: 'print' });
  await expect(
    page.getByRole('navigation', { name: 'sidebar nav' }),
  ).toBeHidden();
  await page.screenshot({ path: `${shots}/review-print.png`, fullPage: true });
});
