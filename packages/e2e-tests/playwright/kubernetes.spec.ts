import { expect, test } from '@playwright/test';
import { shots, signInAsGuest } from './signIn';

test('the Kubernetes tab shows payment-service pods from the local cluster', async ({
  page,
}) => {
  await signInAsGuest(page);
  await page.goto('/catalog/default/component/payment-service/kubernetes');
  const cluster = page.getByRole('button', { name: /local/ }).first();
  await expect(cluster).toContainText(/\d+ pods/);
  await expect(cluster).toContainText('No pods with errors');
  await cluster.click();
  // Expand the deployment's accordion (its title opens a YAML drawer instead, so use the keyboard).
  await page
    .getByRole('button', {
      name: /^payment-service Deployment namespace: payments min replicas/,
    })
    .press('Enter');
  await expect(
    page.getByText(/^payment-service-[a-z0-9]+-[a-z0-9]{5}$/).first(),
  ).toBeVisible();
  await page.screenshot({
    path: `${shots}/payment-service-kubernetes.png`,
    fullPage: true,
  });
});

test('the crash-looping notification-service shows its errors', async ({
  page,
}) => {
  await signInAsGuest(page);
  await page.goto('/catalog/default/component/notification-service/kubernetes');
  await expect(
    page.getByRole('heading', { name: 'Error Reporting' }),
  ).toBeVisible();
  await expect(
    page.getByText(/back-off .* restarting failed container/).first(),
  ).toBeVisible();
  await expect(page.getByText(/pods with errors/)).toBeVisible();
  await page.screenshot({
    path: `${shots}/notification-service-kubernetes.png`,
    fullPage: true,
  });
});
