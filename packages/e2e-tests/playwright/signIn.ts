import { Page } from '@playwright/test';

export const shots = '../../test-results/screenshots';

/** Guest sign-in, the development config's only provider. */
export async function signInAsGuest(page: Page) {
  await page.goto('/');
  await page.getByRole('button', { name: 'Enter' }).click();
  await page
    .getByRole('navigation', { name: 'sidebar nav' })
    .getByRole('link', { name: 'Catalog', exact: true })
    .waitFor();
}
