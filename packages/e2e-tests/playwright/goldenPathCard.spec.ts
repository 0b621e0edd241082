import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Page, expect, test } from '@playwright/test';
import { PortalClient } from '../src/PortalClient';
import { cases } from '../src/goldenPathCases';
import {
  editTemplateFile,
  gitAsPayments,
  keepHttpApi100,
  startGoldenPathPortal,
} from '../src/goldenPathPortal';
import { PortalBackend } from '../src/startPortalBackend';
import { shots } from './signIn';

// The golden-path card as a team sees it: a service created from version 1.0.0 of http-api, one
// file edited by the team, then a version 1.1.0 that changes the Dockerfile, adds a file and asks
// a new question. This spec boots a portal of its own: drift and upgrade render from a copy of
// templates/ in which it publishes 1.1.0, which the shared portal of global-setup cannot do
// without changing templates/ for every other spec. The guest is priya.raman of payments, the
// owning team, since only owners and admins may upgrade.

const ENTITY_PATH = '/catalog/default/component/invoice-api';
const BRANCH = 'golden-path/http-api-1.1.0';

/** The task page's icons of a finished and a failed step (see scaffolder.spec.ts). */
const DONE_ICON = 'svg path[d^="M16.59 7.58L10 14.17"]';
const FAILED_ICON = 'svg path[d^="M11 15h2v2h-2z"]';

const git = gitAsPayments;

let backend: PortalBackend;
// Set in beforeAll: the runner also loads this file in its main process, which must create nothing.
let tmp: string;
let templates: string;
let repo: string;

const edit = (file: string, from: string, to: string) =>
  editTemplateFile(templates, file, from, to);

/** Keeps 1.0.0 under versions/ and publishes 1.1.0 with a new required question. */
function publishVersion110() {
  keepHttpApi100(templates);
  edit(
    'http-api.yaml',
    'portal.io/template-version: 1.0.0',
    'portal.io/template-version: 1.1.0',
  );
  edit(
    'http-api.yaml',
    '      required: [name, description, owner, system]\n      properties:\n',
    `      required: [name, description, owner, system, onCallChannel]
      properties:
        onCallChannel:
          title: On-call channel
          type: string
          pattern: '^#[a-z0-9-]+$'
          ui:help: 'The chat channel that is paged, e.g. #payments-oncall.'
`,
  );
  edit(
    'http-api.yaml',
    '          workloadKind: deployment\n',
    '          workloadKind: deployment\n          onCallChannel: ${{ parameters.onCallChannel }}\n',
  );
  edit(
    'skeletons/node-service/Dockerfile',
    'FROM node:22.12.0-alpine3.21 AS build',
    'FROM node:22.13.0-alpine3.21 AS build',
  );
  fs.writeFileSync(
    path.join(templates, 'skeletons/http-api/ONCALL.md'),
    '# On call for ${{ values.name }}\n\nPaged in ${{ values.onCallChannel }}.\n',
  );
}

test.beforeAll(async () => {
  // Boot, catalog ingestion and one scaffolder task.
  test.setTimeout(400_000);
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'portal-gp-card-'));
  let client: PortalClient;
  let repositories: string;
  ({ backend, client, templates, repositories } = await startGoldenPathPortal(
    tmp,
    ['template:http-api'],
  ));
  repo = path.join(repositories, 'invoice-api');

  // Created from 1.0.0 with the real scaffolder, as /create does; no cluster in this portal.
  const created = await client.request('/api/scaffolder/v2/tasks', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      templateRef: 'template:default/http-api',
      values: { ...cases['http-api'].values, deployToCluster: false },
    }),
  });
  expect(created.status).toBe(201);
  const { id } = await created.json();
  await expect
    .poll(
      async () =>
        (
          await (await client.request(`/api/scaffolder/v2/tasks/${id}`)).json()
        ).status,
      { timeout: 120_000 },
    )
    .toBe('completed');
  await client.waitForEntities(['component:invoice-api'], 120_000);

  // The team edits one file the template renders; then the platform publishes 1.1.0.
  fs.appendFileSync(
    path.join(repo, 'README.md'),
    '\nOn call: ask in #payments.\n',
  );
  git(repo, 'commit', '-am', 'Where to ask');
  publishVersion110();
  // Through the API first, so that a broken copy of the templates fails here with its reason
  // rather than as the card's "not compared" warning.
  const drift = await (
    await client.request(
      '/api/golden-paths/service?entityRef=component:default/invoice-api',
    )
  ).json();
  expect(drift.error).toBeUndefined();
  expect(drift).toMatchObject({ behind: 1 });
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

test('the golden-path card shows the drift, asks the new question and starts the upgrade', async ({
  page,
}) => {
  test.setTimeout(240_000);
  await signIn(page);
  await page.goto(`${backend.baseUrl}${ENTITY_PATH}`);

  const card = page
    .locator('.MuiCard-root')
    .filter({ has: page.getByText('Golden path', { exact: true }) });
  const status = card.getByTestId('golden-path-status');
  await expect(status).toHaveText('behind by 1 (latest 1.1.0)');
  await expect(card.getByText('http-api 1.0.0', { exact: true })).toBeVisible();
  // Only the team's file is drift: the template's own change is not in this repository yet.
  await expect(card.getByTestId('changed-files')).toHaveText(
    'Changed by the teamREADME.md',
  );
  await expect(
    card.getByText("1 changed, 0 missing compared with the template's render."),
  ).toBeVisible();
  await card.scrollIntoViewIfNeeded();
  await page.screenshot({ path: `${shots}/golden-path-card-behind.png` });

  // 1.1.0 asks something this service was never asked: the button opens that question first.
  const upgrade = card.getByRole('button', { name: 'Upgrade to 1.1.0' });
  await expect(upgrade).toBeEnabled();
  await upgrade.click();
  const questions = card.getByTestId('upgrade-questions');
  await expect(questions.getByText('New in version 1.1.0')).toBeVisible();
  const channel = questions.getByRole('textbox', { name: /On-call channel/ });
  await expect(channel).toBeVisible();
  await expect(
    questions.getByText(
      'The chat channel that is paged, e.g. #payments-oncall.',
    ),
  ).toBeVisible();
  const submit = questions.getByRole('button', {
    name: 'Upgrade with these answers',
  });
  // Answers are validated as at /create: an empty or malformed answer starts nothing.
  await submit.click();
  await expect(
    questions.getByText(/must have required property/),
  ).toBeVisible();
  await channel.fill('payments-oncall');
  await submit.click();
  await expect(questions.getByText(/must match pattern/)).toBeVisible();
  expect(git(repo, 'branch', '--list', BRANCH)).toBe('');
  await channel.fill('#payments-oncall');
  await page.screenshot({ path: `${shots}/golden-path-card-questions.png` });
  await submit.click();

  // The task link leads to the scaffolder's task page, which links the branch when done.
  const follow = card.getByRole('link', { name: 'follow the task' });
  await expect(follow).toBeVisible();
  await expect(questions).toHaveCount(0);
  await follow.click();
  await expect(page).toHaveURL(/\/create\/tasks\/[0-9a-f-]{36}$/);
  const merged = page
    .getByTestId('step-label')
    .filter({ has: page.getByText('Merge the new template version') });
  const failed = page.getByTestId('step-label').locator(FAILED_ICON);
  await expect(merged.locator(DONE_ICON).or(failed)).toBeVisible({
    timeout: 120_000,
  });
  await expect(failed).toHaveCount(0);
  await expect(
    page.getByRole('button', { name: `Repository (branch ${BRANCH})` }),
  ).toBeVisible();
  await page.screenshot({
    path: `${shots}/golden-path-upgrade-task.png`,
    fullPage: true,
  });

  // The branch holds the template's change, the new file with the answer, the team's edit, and
  // the answer recorded with 1.1.0; main is untouched until the team merges.
  const show = (file: string) => git(repo, 'show', `${BRANCH}:${file}`);
  expect(show('Dockerfile')).toContain('FROM node:22.13.0-alpine3.21 AS build');
  expect(show('ONCALL.md')).toBe(
    '# On call for invoice-api\n\nPaged in #payments-oncall.\n',
  );
  expect(show('README.md')).toContain('On call: ask in #payments.');
  expect(show('.portal/template.yaml')).toContain('version: 1.1.0\n');
  expect(show('.portal/template.yaml')).toMatch(
    /^ {2}onCallChannel: ["']#payments-oncall["']$/m,
  );
  expect(git(repo, 'show', 'main:Dockerfile')).toContain(
    'FROM node:22.12.0-alpine3.21 AS build',
  );

  // After the merge the card reads current, and nothing is left to upgrade.
  git(repo, 'merge', '--ff-only', BRANCH);
  await page.goto(`${backend.baseUrl}${ENTITY_PATH}`);
  await expect(status).toHaveText('current');
  await expect(card.getByText('http-api 1.1.0', { exact: true })).toBeVisible();
  await expect(card.getByTestId('changed-files')).toHaveText(
    'Changed by the teamREADME.md',
  );
  await expect(card.getByRole('button', { name: /Upgrade to/ })).toHaveCount(0);
  await card.scrollIntoViewIfNeeded();
  await page.screenshot({ path: `${shots}/golden-path-card-current.png` });
});
