import { Locator, Page, expect, test } from '@playwright/test';
import { shots, signInAsGuest } from './signIn';

// The http-api golden path as a developer runs it: the form at /create, the task page, the new
// entity. The owner is Portal Admins, whose namespace holds no demo workload, and the name is new
// on every run, so the counts and namespaces the other specs assert stay as they are.
const name = `e2e-web-api-${Date.now().toString(36)}`;
const description = 'Serves invoices to the browser test.';

const STEPS = [
  'Render the service',
  'Add the shared Node service files',
  'Create the repository',
  'Register in the catalog',
  'Deploy to the cluster',
];
/** Runs only with the production publisher (goldenPaths.publisher: github). */
const GITHUB_STEP = 'Push to GitHub';

/**
 * The task page shows a step's state only through its icon (the step label's own "completed"
 * class is missing on the last step): Material UI's CheckCircleOutline once done,
 * RemoveCircleOutline when skipped, ErrorOutline when failed. Matched by their SVG paths.
 */
const DONE_ICON = 'svg path[d^="M16.59 7.58L10 14.17"]';
const SKIPPED_ICON = 'svg path[d^="M7 11v2h10v-2H7z"]';
const FAILED_ICON = 'svg path[d^="M11 15h2v2h-2z"]';

function step(page: Page, label: string): Locator {
  return page
    .getByTestId('step-label')
    .filter({ has: page.getByText(label, { exact: true }) });
}

/** Picks an option of an entity picker (an autocomplete that loads its options from the catalog). */
async function pick(page: Page, field: string, option: string) {
  await page.getByRole('textbox', { name: field }).click();
  await page
    .getByRole('listbox', { name: field })
    .getByRole('option', { name: option, exact: true })
    .click();
}

test('a guest creates an HTTP API from the golden path and lands on its entity page', async ({
  page,
}) => {
  // Form, a task that renders, publishes, registers and rolls out, then the entity's pages.
  test.setTimeout(240_000);
  await signInAsGuest(page);

  await page
    .getByRole('navigation', { name: 'sidebar nav' })
    .getByRole('link', { name: 'Create', exact: true })
    .click();
  await expect(page).toHaveURL(/\/create\/templates/);
  // The templates are catalog entities: after a cold start, reload until the catalog has them.
  const card = page
    .locator('.MuiCard-root')
    .filter({ hasText: 'HTTP API (TypeScript, Node)' });
  await expect(async () => {
    await page.reload();
    await expect(card).toBeVisible({ timeout: 5_000 });
  }).toPass({ timeout: 60_000 });
  await card.getByRole('button', { name: 'Choose' }).click();
  await expect(page).toHaveURL(/\/create\/templates\/default\/http-api$/);

  // Step 1: the service. An upper-case name is refused by the template's pattern.
  const nameField = page.getByRole('textbox', { name: 'Name' });
  await nameField.fill('Invoice_API');
  await page.getByRole('textbox', { name: 'Description' }).fill(description);
  await pick(page, 'Owner', 'Portal Admins');
  await pick(page, 'System', 'Developer Platform');
  await page.getByRole('button', { name: 'Next' }).click();
  await expect(
    page.getByText(`'Name' must match pattern`, { exact: false }),
  ).toBeVisible();
  await expect(nameField).toHaveAttribute('aria-invalid', 'true');
  // Still on the first step: the second step's fields are not shown.
  await expect(page.getByRole('checkbox', { name: /Deploy/ })).toHaveCount(0);
  await page.screenshot({
    path: `${shots}/scaffolder-invalid-name.png`,
    fullPage: true,
  });

  // A name the catalog already has is refused before anything is created.
  await nameField.fill('payment-service');
  await page.getByRole('button', { name: 'Next' }).click();
  // Shown in the form's error list and under the field.
  await expect(
    page
      .getByText(
        'payment-service is already in the catalog (component:default/payment-service)',
        { exact: false },
      )
      .first(),
  ).toBeVisible();
  await expect(nameField).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByRole('checkbox', { name: /Deploy/ })).toHaveCount(0);

  await nameField.fill(name);
  await page.getByRole('button', { name: 'Next' }).click();

  // Step 2: runtime and reliability; the defaults are the golden path, deploy stays on.
  await expect(
    page.getByRole('checkbox', { name: 'Deploy to the cluster now' }),
  ).toBeChecked();
  await page.getByRole('button', { name: 'Review' }).click();

  // Review: what will be submitted.
  await expect(page.getByRole('row', { name: `Name ${name}` })).toBeVisible();
  await expect(
    page.getByRole('row', { name: 'Owner group:default/portal-admins' }),
  ).toBeVisible();
  await expect(
    page.getByRole('row', { name: 'System system:default/developer-platform' }),
  ).toBeVisible();
  await page.getByRole('button', { name: 'Create' }).click();

  // The task page: each step ends with a check mark; the GitHub step is skipped in development.
  await expect(page).toHaveURL(/\/create\/tasks\/[0-9a-f-]{36}$/);
  const failed = page.getByTestId('step-label').locator(FAILED_ICON);
  // The last step done, or any step failed: a failure ends the test at once, with the log shown.
  await expect(
    step(page, STEPS[STEPS.length - 1])
      .locator(DONE_ICON)
      .or(failed),
  ).toBeVisible({ timeout: 120_000 });
  await expect(failed).toHaveCount(0);
  for (const label of STEPS) {
    await expect(step(page, label).locator(DONE_ICON)).toBeVisible();
  }
  await expect(step(page, GITHUB_STEP).locator(SKIPPED_ICON)).toBeVisible();
  const openInCatalog = page.getByRole('button', {
    name: 'Open in the catalog',
  });
  await expect(openInCatalog).toBeVisible();
  await expect(page.getByRole('button', { name: 'Kubernetes' })).toBeVisible();
  await page.screenshot({
    path: `${shots}/scaffolder-task.png`,
    fullPage: true,
  });

  // The output link leads to the new component, registered and owned as chosen.
  await openInCatalog.click();
  await expect(page).toHaveURL(
    new RegExp(`/catalog/default/component/${name}$`),
  );
  await expect(page.getByRole('heading', { name, level: 2 })).toBeVisible();
  await expect(
    page.locator('a[href$="/catalog/default/group/portal-admins"]').first(),
  ).toBeVisible();
  // The tab, not the conformance card's "Kubernetes workloads" link to the same page.
  const kubernetesTab = page
    .locator(`a[href$="/catalog/default/component/${name}/kubernetes"]`)
    .filter({ hasText: /^Kubernetes$/ });
  await expect(kubernetesTab).toBeVisible();
  // The About card shows what the form said; the page has rendered its cards by then.
  await expect(page.getByText(description, { exact: true })).toBeVisible();
  await page.screenshot({
    path: `${shots}/scaffolder-entity.png`,
    fullPage: true,
  });

  // The workload the task rolled out, as the Kubernetes tab finds it.
  await kubernetesTab.click();
  const cluster = page.getByRole('button', { name: /local/ }).first();
  await expect(cluster).toContainText(/\d+ pods/);
  await expect(cluster).toContainText('No pods with errors');
  await page.screenshot({
    path: `${shots}/scaffolder-entity-kubernetes.png`,
    fullPage: true,
  });
});
