import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PortalClient } from './PortalClient';
import { cases } from './goldenPathCases';
import {
  editTemplateFile,
  gitAsPayments,
  keepHttpApi100,
  startGoldenPathPortal,
} from './goldenPathPortal';
import { PortalBackend } from './startPortalBackend';

// The scenario in the booted portal: a service created from version 1.0.0 of http-api on
// the local publisher, two files changed by its team, a version 1.1.0 of the template (one file
// changed, one added, one changed that the team also changed), the upgrade through the API and
// the real scaffolder, then the merge.

jest.setTimeout(600_000);

const ENTITY = 'component:default/invoice-api';
const git = gitAsPayments;

describe('golden-path drift and upgrade', () => {
  let backend: PortalBackend;
  let client: PortalClient;
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'portal-gp-upgrade-'));
  // Drift and upgrade render from a copy of templates/, so the test can publish a version 1.1.0;
  // /create still offers the repository's own 1.0.0.
  let templates: string;
  let repositories: string;

  beforeAll(async () => {
    ({ backend, client, templates, repositories } = await startGoldenPathPortal(
      tmp,
      ['template:http-api', 'template:golden-path-upgrade'],
    ));
  });

  afterAll(async () => {
    await backend?.stop();
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  async function runTask(templateRef: string, values: Record<string, unknown>) {
    const res = await client.request('/api/scaffolder/v2/tasks', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ templateRef, values }),
    });
    expect(res.status).toBe(201);
    return waitForTask((await res.json()).id);
  }

  async function waitForTask(id: string) {
    for (;;) {
      const task = await (
        await client.request(`/api/scaffolder/v2/tasks/${id}`)
      ).json();
      if (['completed', 'failed', 'cancelled'].includes(task.status)) {
        const events = await (
          await client.request(`/api/scaffolder/v2/tasks/${id}/events`)
        ).json();
        const log = events.map((e: any) => e.body?.message ?? '').join('\n');
        if (task.status !== 'completed') {
          throw new Error(`task ${task.status}:\n${log}`);
        }
        return log;
      }
      await new Promise(r => setTimeout(r, 500));
    }
  }

  async function drift() {
    const res = await client.request(
      `/api/golden-paths/service?entityRef=${ENTITY}`,
    );
    expect(res.status).toBe(200);
    return res.json();
  }

  it('creates from 1.0.0, shows the drift, upgrades to 1.1.0 keeping the team edits with one conflict, and is current after the merge', async () => {
    await runTask('template:default/http-api', {
      ...cases['http-api'].values,
      deployToCluster: false,
    });
    const repo = path.join(repositories, 'invoice-api');
    expect(
      fs.readFileSync(path.join(repo, '.portal/template.yaml'), 'utf8'),
    ).toContain('template: template:default/http-api\nversion: 1.0.0\n');
    expect(
      fs.readFileSync(path.join(repo, 'catalog-info.yaml'), 'utf8'),
    ).toContain(
      'backstage.io/source-template: template:default/http-api\n    portal.io/template-version: 1.0.0\n',
    );

    // The team changes two files.
    fs.appendFileSync(
      path.join(repo, 'README.md'),
      '\nOn call: #payments-oncall\n',
    );
    const deployment = path.join(repo, 'kubernetes/deployment.yaml');
    const created = fs.readFileSync(deployment, 'utf8');
    expect(created).toContain('  revisionHistoryLimit: 5\n');
    fs.writeFileSync(
      deployment,
      created.replace(
        '  revisionHistoryLimit: 5\n',
        '  revisionHistoryLimit: 3\n',
      ),
    );
    git(repo, 'commit', '-am', 'On-call channel, shorter history');

    // Version 1.1.0: 1.0.0 kept, then one file changed, one added, one the team also changed.
    keepHttpApi100(templates);
    const edit = (file: string, from: string, to: string) =>
      editTemplateFile(templates, file, from, to);
    edit(
      'http-api.yaml',
      'portal.io/template-version: 1.0.0',
      'portal.io/template-version: 1.1.0',
    );
    edit(
      'skeletons/node-service/Dockerfile',
      'FROM node:22.12.0-alpine3.21 AS build',
      'FROM node:22.13.0-alpine3.21 AS build',
    );
    edit(
      'skeletons/http-api/kubernetes/deployment.yaml',
      '  revisionHistoryLimit: 5\n',
      '  revisionHistoryLimit: 10\n',
    );
    fs.writeFileSync(
      path.join(templates, 'skeletons/http-api/kubernetes/pdb.yaml'),
      'apiVersion: policy/v1\nkind: PodDisruptionBudget\nmetadata:\n  name: ${{ values.name }}\n',
    );

    // Before: behind by one, the team's two files changed.
    expect(await drift()).toMatchObject({
      template: 'template:default/http-api',
      recordedVersion: '1.0.0',
      latestVersion: '1.1.0',
      behind: 1,
      changed: ['README.md', 'kubernetes/deployment.yaml'],
      missing: [],
    });

    const started = await client.request('/api/golden-paths/upgrade', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ entityRef: ENTITY }),
    });
    expect(started.status).toBe(202);
    const { taskId, taskUrl } = await started.json();
    expect(taskUrl).toBe(`/create/tasks/${taskId}`);
    const log = await waitForTask(taskId);
    expect(log).toContain(
      'Conflicts (marked with <<<<<<< / >>>>>>>, resolve before merging): kubernetes/deployment.yaml',
    );

    // One commit on a branch; main untouched.
    const branch = 'golden-path/http-api-1.1.0';
    expect(git(repo, 'rev-list', '--count', `main..${branch}`).trim()).toBe(
      '1',
    );
    expect(git(repo, 'show', 'main:kubernetes/deployment.yaml')).toContain(
      'revisionHistoryLimit: 3',
    );
    const show = (file: string) => git(repo, 'show', `${branch}:${file}`);
    expect(show('README.md')).toContain('On call: #payments-oncall');
    expect(show('Dockerfile')).toContain(
      'FROM node:22.13.0-alpine3.21 AS build',
    );
    expect(show('kubernetes/pdb.yaml')).toContain('  name: invoice-api\n');
    expect(show('kubernetes/deployment.yaml')).toContain(
      '<<<<<<< repository\n  revisionHistoryLimit: 3\n=======\n  revisionHistoryLimit: 10\n>>>>>>> http-api 1.1.0\n',
    );
    expect(show('.portal/template.yaml')).toContain('version: 1.1.0\n');

    // The team resolves the conflict and merges.
    git(repo, 'checkout', branch);
    const merged = show('kubernetes/deployment.yaml').replace(
      '<<<<<<< repository\n  revisionHistoryLimit: 3\n=======\n  revisionHistoryLimit: 10\n>>>>>>> http-api 1.1.0\n',
      '  revisionHistoryLimit: 3\n',
    );
    fs.writeFileSync(deployment, merged);
    git(repo, 'commit', '-am', 'Keep our history limit');
    git(repo, 'checkout', 'main');
    git(repo, 'merge', '--ff-only', branch);

    expect(await drift()).toMatchObject({
      recordedVersion: '1.1.0',
      latestVersion: '1.1.0',
      behind: 0,
      changed: ['README.md', 'kubernetes/deployment.yaml'],
    });
  });
});
