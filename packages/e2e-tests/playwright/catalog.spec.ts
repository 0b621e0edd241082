import { expect, test } from '@playwright/test';
import { shots, signInAsGuest } from './signIn';

test('a guest finds payment-service in the catalog and sees its owner and API', async ({
  page,
}) => {
  await signInAsGuest(page);

  const nav = page.getByRole('navigation', { name: 'sidebar nav' });
  for (const item of ['Home', 'Catalog', 'APIs', 'Create', 'Settings']) {
    await expect(
      nav.getByRole('link', { name: item, exact: true }),
    ).toBeVisible();
  }
  await expect(nav.getByText('Search', { exact: true })).toBeVisible();

  await nav.getByRole('link', { name: 'Catalog', exact: true }).click();
  // The catalog processes the demo files shortly after a cold start; the table fills in then.
  const row = page.getByRole('row').filter({ hasText: 'Payment Service' });
  await expect(async () => {
    await page.getByPlaceholder('Search').fill('payment');
    await expect(row).toBeVisible({ timeout: 2_000 });
  }).toPass({ timeout: 60_000 });
  await page.screenshot({ path: `${shots}/catalog.png`, fullPage: true });

  await row.getByRole('link', { name: 'Payment Service' }).click();
  await expect(
    page.getByRole('heading', { name: 'Payment Service' }),
  ).toBeVisible();
  // The owner shows as a link to the owning group's page.
  const owner = page.locator('a[href$="/catalog/default/group/payments"]');
  await expect(owner.first()).toHaveText(/Payments/);
  await expect(
    page.getByRole('link', { name: 'Payment API' }).first(),
  ).toBeVisible();
  await page.screenshot({
    path: `${shots}/payment-service.png`,
    fullPage: true,
  });

  // Entity tabs are links to sub-routes, so a tab's URL can be shared.
  await page.locator('a[href$="/component/payment-service/apis"]').click();
  await expect(page).toHaveURL(/\/payment-service\/apis$/);
  await expect(
    page.getByRole('heading', { name: 'Provided APIs' }),
  ).toBeVisible();
  await page.getByRole('link', { name: 'Payment API' }).first().click();
  await page.locator('a[href$="/api/payment-api/definition"]').click();
  await expect(
    page.getByText('/payments/{paymentId}/refunds').first(),
  ).toBeVisible();
  await page.screenshot({ path: `${shots}/payment-api.png`, fullPage: true });
});
