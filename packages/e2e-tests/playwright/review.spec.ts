import { expect, test } from '@playwright/test';
import { shots, signInAsGuest } from './signIn';

/** The month before the current UTC month: the review's default, computed here by hand. */
function lastFullMonth(): string {
  const now = new Date();
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 1))
    .toISOString()
    .slice(0, 7);
}

test('the monthly review reads its month from the URL, drills down and prints', async ({
  page,
}) => {
  const month = lastFullMonth();
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
  await page.screenshot({ path: `${shots}/review-page.png`, fullPage: true });

  // A cell opens the page behind it, filtered to the row.
  await payments.getByRole('link', { name: 'Lead time of Payments' }).click();
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
