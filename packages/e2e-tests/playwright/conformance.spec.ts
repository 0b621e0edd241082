import { expect, test } from '@playwright/test';
import { shots, signInAsGuest } from './signIn';

test('the conformance card names the failing check and its fix', async ({
  page,
}) => {
  await signInAsGuest(page);
  await page.goto('/catalog/default/component/api-gateway');
  // The card judges the entity on first view if the scheduled pass has not reached it yet.
  const failing = page.getByText(
    'No privileged containers or privilege escalation',
  );
  await expect(failing).toBeVisible();
  await expect(page.getByText('critical', { exact: true })).toBeVisible();
  await expect(
    page.getByText(
      /spec\.template\.spec\.containers\[0\]\.securityContext\.privileged/,
    ),
  ).toBeVisible();
  await failing.scrollIntoViewIfNeeded();
  await page.screenshot({
    path: `${shots}/api-gateway-conformance-card.png`,
    fullPage: true,
  });
});

test('the catalog-wide page shows every service against every check', async ({
  page,
}) => {
  await signInAsGuest(page);
  const rows = page.getByTestId('entity-row');
  await expect(async () => {
    await page.goto('/conformance');
    await expect(rows).toHaveCount(8, { timeout: 3_000 });
    // Viewing the page queues entities not judged yet; the background worker judges them in
    // seconds, and until then they show as pending, unscored.
    await expect(rows.filter({ hasText: 'pending' })).toHaveCount(0, {
      timeout: 3_000,
    });
  }).toPass({ timeout: 90_000 });
  // Lowest score first: the three services with deliberate deviations lead.
  const firstThree = await rows.evaluateAll(els =>
    els.slice(0, 3).map(e => e.textContent ?? ''),
  );
  expect(firstThree.join(' ')).toMatch(/Inventory Service/);
  expect(firstThree.join(' ')).toMatch(/API Gateway/);
  expect(firstThree.join(' ')).toMatch(/Web Storefront/);
  await page.screenshot({
    path: `${shots}/conformance-page.png`,
    fullPage: true,
  });

  // Filters live in the URL, so the link reproduces the view.
  await page.goto('/conformance?severity=critical');
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText('API Gateway');
});
