import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Page, expect, test } from '@playwright/test';
import { PortalClient } from '../src/PortalClient';
import { PortalBackend, startPortalBackend } from '../src/startPortalBackend';
import { shots } from './signIn';

// A campaign as an admin creates it and a lead follows it. This spec boots a portal of its own
// whose guest is olivia.brooks of portal-admins: the shared portal of global-setup signs in a
// guest who may only read campaigns (scorecard.spec.ts checks that it sees no form). No cluster
// here: the campaign's checks (a runbook link, SLOs defined) come from the catalog and the SLO
// plugin's reading of the specs in catalog/slos.

const OWNER = 'group:default/orders';
const CHECKS = ['runbook-link', 'slo-defined'];
const TITLES: Record<string, string> = {
  'runbook-link': 'Runbook link',
  'slo-defined': 'SLOs defined',
};

let backend: PortalBackend;
let client: PortalClient;
let tmp: string;

test.beforeAll(async () => {
  test.setTimeout(400_000);
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'portal-campaign-'));
  backend = await startPortalBackend({
    configs: ['app-config.yaml'],
    env: { PORTAL_DATA_DIR: path.join(tmp, 'data') },
    timeoutMs: 300_000,
    override: {
      auth: {
        providers: { guest: { userEntityRef: 'user:default/olivia.brooks' } },
      },
    },
  });
  const anonymous = new PortalClient(backend.baseUrl);
  await (
    await anonymous.signInAsGuest()
  ).waitForEntities(['User:olivia.brooks', 'Group:portal-admins'], 120_000);
  // Signed in again once the user entity exists, so the token carries the admins' membership.
  client = await anonymous.signInAsGuest();
  // The first scorecard pass runs once the backend is ready; wait for its rows of the orders team.
  await expect
    .poll(
      async () =>
        (
          await (
            await client.request(
              `/api/scorecard/entities?owner=${encodeURIComponent(OWNER)}`,
            )
          ).json()
        ).items?.length ?? 0,
      { timeout: 240_000, intervals: [3_000] },
    )
    .toBeGreaterThan(0);
});

test.afterAll(async () => {
  await backend?.stop();
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

async function signIn(page: Page) {
  await page.goto(`${backend.baseUrl}/`);
  await page.getByRole('button', { name: 'Enter' }).click();
  await page
    .getByRole('navigation', { name: 'sidebar nav' })
    .getByRole('link', { name: 'Catalog', exact: true })
    .waitFor();
}

function isoDay(offsetDays: number) {
  return new Date(Date.now() + offsetDays * 86400_000)
    .toISOString()
    .slice(0, 10);
}

test('an admin creates a campaign with the form; its page shows the burn-up and the entities left as the API counts them', async ({
  page,
}) => {
  test.setTimeout(240_000);
  await page.setViewportSize({ width: 1400, height: 1000 });
  await signIn(page);
  await page.goto(`${backend.baseUrl}/scorecard-campaigns`);
  await page.getByRole('button', { name: 'New campaign' }).click();

  const form = page.getByRole('form', { name: 'new campaign' });
  await form.getByLabel('Title').fill('Runbooks and SLOs for orders');
  await form.getByRole('checkbox', { name: 'Runbook link' }).check();
  await form.getByRole('checkbox', { name: 'SLOs defined' }).check();
  await form.getByLabel('Scope: owner').fill(OWNER);
  // A deadline in the past: the backend's 400 names the field, and nothing is created.
  await form.getByLabel('Deadline').fill(isoDay(-3));
  await form.getByRole('button', { name: 'Create campaign' }).click();
  await expect(form.getByRole('alert')).toHaveText(
    'deadline: must not be in the past',
  );
  expect(
    (await (await client.request('/api/scorecard/campaigns')).json()).items,
  ).toEqual([]);

  const deadline = isoDay(30);
  await form.getByLabel('Deadline').fill(deadline);
  await form.getByRole('button', { name: 'Create campaign' }).click();
  await expect(page).toHaveURL(/\/scorecard-campaigns\?id=\d+$/);
  const id = Number(new URL(page.url()).searchParams.get('id'));

  const api = await (
    await client.request(`/api/scorecard/campaigns/${id}`)
  ).json();
  expect(api.campaign).toMatchObject({
    title: 'Runbooks and SLOs for orders',
    checkIds: CHECKS,
    deadline,
    scope: { owner: OWNER },
    createdBy: 'user:default/olivia.brooks',
  });

  // The same figures from the entities' own check results, not from the campaign math.
  const { items } = await (
    await client.request(
      `/api/scorecard/entities?owner=${encodeURIComponent(OWNER)}`,
    )
  ).json();
  const left = items
    .filter((i: any) =>
      CHECKS.some(
        c => i.results.find((r: any) => r.checkId === c)?.state !== 'pass',
      ),
    )
    .map((i: any) => i.entityRef)
    .sort();
  // The orders team's three services; only order-service has an SLO spec in catalog/slos.
  expect(items).toHaveLength(3);
  expect(left.length).toBeGreaterThan(0);
  expect(api.entitiesLeft.map((e: any) => e.entityRef).sort()).toEqual(left);
  const last = api.burnUp[api.burnUp.length - 1];
  expect(last).toEqual({
    day: isoDay(0),
    passing: items.length - left.length,
    total: items.length,
  });

  // Read again after the API's answer, so both show the same scorecard pass.
  await page.reload();
  // One point per day since the campaign began, each as the API counts it.
  const chart = page.getByRole('img', {
    name: `burn-up: ${last.passing} of ${last.total} passing on ${last.day}`,
  });
  await expect(chart).toBeVisible();
  const points = chart.getByTestId('burn-up-point');
  await expect(points).toHaveCount(api.burnUp.length);
  await expect(points).toHaveText(
    api.burnUp.map((p: any) => `${p.day}: ${p.passing} of ${p.total} passing`),
  );

  await expect(
    page.getByText(`Entities left (${left.length})`, { exact: true }),
  ).toBeVisible();
  const list = page.getByRole('list', { name: 'entities left' });
  await expect(list.getByRole('listitem')).toHaveCount(left.length);
  for (const e of api.entitiesLeft) {
    const item = list.getByRole('listitem').filter({
      has: page.getByRole('link', { name: e.title ?? e.entityRef }),
    });
    await expect(item).toContainText(
      `left: ${e.checkIds.map((c: string) => TITLES[c]).join(', ')}`,
    );
  }
  await page.screenshot({
    path: `${shots}/scorecard-campaign.png`,
    fullPage: true,
  });

  // The list shows it with the same progress.
  await page.goto(`${backend.baseUrl}/scorecard-campaigns`);
  await expect(
    page.getByRole('list', { name: 'campaigns' }).getByRole('listitem'),
  ).toContainText(
    `${last.passing} of ${last.total} passing · due ${deadline} · owner ${OWNER}`,
  );
});
