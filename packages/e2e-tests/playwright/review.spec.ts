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

/** "November 2026": how the /dora page names a month, written out here independently. */
function monthName(month: string): string {
  const names = [
    'January',
    'February',
    'March',
    'April',
    'May',
    'June',
    'July',
    'August',
    'September',
    'October',
    'November',
    'December',
  ];
  const [y, m] = month.split('-').map(Number);
  return `${names[m - 1]} ${y}`;
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
  // The review's unrounded figures of the row, read from the page, before following the link.
  const leadLink = payments.getByRole('link', {
    name: 'Lead time of Payments',
    exact: true,
  });
  const reviewLead = Number(await leadLink.getAttribute('data-value'));
  const reviewFrequency = Number(
    await payments
      .getByRole('link', { name: 'Deploy frequency of Payments' })
      .getAttribute('data-value'),
  );
  expect(reviewLead).toBeGreaterThan(0);
  expect(reviewFrequency).toBe(frequency);
  const reviewLeadText = (await leadLink.textContent())!;
  await leadLink.click();
  await expect(page).toHaveURL(
    new RegExp(`/dora\\?month=${month}&team=group%3Adefault%2Fpayments$`),
  );
  // The DORA page opened from the cell shows that month, and the same figures for the team.
  await expect(
    page.getByRole('heading', { name: `DORA metrics · ${monthName(month)}` }),
  ).toBeVisible();
  await expect(page.getByLabel('Period')).toHaveValue(month);
  const doraPayments = page
    .getByTestId('team-row')
    .filter({ has: page.getByRole('link', { name: 'Payments', exact: true }) });
  const doraLead = doraPayments.getByTestId('cell-changeLeadTime');
  const doraFrequency = doraPayments.getByTestId('cell-deploymentFrequency');
  await expect(doraLead).toHaveAttribute('data-value', String(reviewLead));
  await expect(doraFrequency).toHaveAttribute(
    'data-value',
    String(reviewFrequency),
  );
  // And as displayed: each page's rounding of the same lead time (review "20.0 h", dora "20h").
  expect(
    Math.abs(
      durationMs(reviewLeadText) -
        durationMs((await doraLead.locator('span').first().textContent())!),
    ),
  ).toBeLessThanOrEqual(0.05 * reviewLead + 60_000);
  await page.screenshot({
    path: `${shots}/review-dora-month.png`,
    fullPage: true,
  });

  // The SLO cell opens /slos on the same month; its counts are the row's SLOs met.
  await page.goto(`/review?month=${month}`);
  const sloLink = page
    .getByTestId('row-group:default/payments')
    .getByRole('link', { name: 'SLOs of Payments' });
  await expect(sloLink).toBeVisible({ timeout: 60_000 });
  const [met, judged, all] = ((await sloLink.textContent()) ?? '')
    .match(/^(\d+)\/(\d+) of (\d+)$/)!
    .slice(1)
    .map(Number);
  await sloLink.click();
  await expect(page).toHaveURL(
    new RegExp(`/slos\\?month=${month}&owner=group%3Adefault%2Fpayments$`),
  );
  await expect(page.getByTestId('month-counts')).toHaveText(
    `${all} SLO${all === 1 ? '' : 's'}: ${met} met · ${judged - met} missed · ${
      all - judged
    } without events`,
  );
  await page.screenshot({
    path: `${shots}/review-slos-month.png`,
    fullPage: true,
  });

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

/** "20.0 h", "1.2 d", "45 min" (the review) or "20h", "1.2d", "45m" (dora) in milliseconds. */
function durationMs(text: string): number {
  const match = /^([\d.]+)\s*(min|m|h|d)$/.exec(text.trim());
  if (!match) throw new Error(`not a duration: ${text}`);
  const unit = { min: 60_000, m: 60_000, h: 3_600_000, d: 86_400_000 }[
    match[2] as 'min' | 'm' | 'h' | 'd'
  ];
  return Number(match[1]) * unit;
}
