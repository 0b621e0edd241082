import fs from 'node:fs';
import path from 'node:path';
import { MiddlewareFactory } from '@backstage/backend-defaults/rootHttpRouter';
import { TestDatabases, mockServices } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  renderTemplateVersion,
  snapshotTemplateVersion,
  TemplateVersions,
} from '@internal/plugin-scaffolder-backend-module-golden-paths';
import {
  commitFiles,
  createRepository,
  SKELETON_V1,
  tempDir,
  writeTemplate,
} from '@internal/plugin-scaffolder-backend-module-golden-paths/testUtils';
import express from 'express';
import request from 'supertest';
import { DriftStore } from '../database/DriftStore';
import { DriftScanner } from '../scan/DriftScanner';
import { createRouter } from './createRouter';

jest.setTimeout(60_000);

function component(name: string, repo?: string): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name,
      annotations: repo
        ? {
            'backstage.io/managed-by-location': `file:${path.join(
              repo,
              'catalog-info.yaml',
            )}`,
            'backstage.io/source-template': 'template:default/svc',
            'portal.io/template-version': '1.0.0',
          }
        : {},
    },
    spec: { type: 'service', owner: 'group:default/payments' },
  };
}

describe('golden-paths router', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3'] });
  let templates: string;
  let repositories: string;

  beforeEach(async () => {
    templates = tempDir('gp-templates-');
    repositories = tempDir('gp-repos-');
    writeTemplate(templates, '1.0.0', SKELETON_V1);
    const versions = new TemplateVersions(templates);
    for (const name of ['invoice-api', 'ledger-api']) {
      const repo = path.join(repositories, name);
      fs.mkdirSync(repo);
      await createRepository(
        repo,
        await renderTemplateVersion(versions.get('svc', '1.0.0'), {
          template: 'template:default/svc',
          answers: { name, owner: 'group:default/payments' },
        }),
      );
    }
    await commitFiles(
      path.join(repositories, 'invoice-api'),
      new Map([['README.md', '# ours\n']]),
      'Our README',
    );
    snapshotTemplateVersion(templates, 'svc');
    writeTemplate(templates, '1.1.0', SKELETON_V1);
  });
  afterEach(() => {
    fs.rmSync(templates, { recursive: true, force: true });
    fs.rmSync(repositories, { recursive: true, force: true });
  });

  async function setup(result: AuthorizeResult = AuthorizeResult.ALLOW) {
    const knex = await databases.init('SQLITE_3');
    const store = await DriftStore.create({
      database: mockServices.database({ knex, migrations: { skip: false } }),
    });
    const catalog = catalogServiceMock({
      entities: [
        component('invoice-api', path.join(repositories, 'invoice-api')),
        component('ledger-api', path.join(repositories, 'ledger-api')),
        component('docs-site'),
      ],
    });
    const versions = new TemplateVersions(templates);
    const scanner = new DriftScanner({
      catalog,
      auth: mockServices.auth(),
      store,
      versions,
      publisher: 'local',
      repositoryRoot: repositories,
      urlReader: mockServices.urlReader.mock(),
      logger: mockServices.logger.mock(),
    });
    const authorize = jest.fn(async () => [{ result }]);
    const scaffolderCalls: { url: string; init: any }[] = [];
    const router = await createRouter({
      httpAuth: mockServices.httpAuth(),
      auth: mockServices.auth(),
      permissions: mockServices.permissions.mock({
        authorize: authorize as any,
      }),
      discovery: mockServices.discovery(),
      catalog,
      store,
      scanner,
      versions,
      fetch: (async (url: string, init: any) => {
        scaffolderCalls.push({ url, init });
        return new Response(JSON.stringify({ id: 'task-1' }), {
          status: 201,
        });
      }) as any,
    });
    const errors = MiddlewareFactory.create({
      config: mockServices.rootConfig(),
      logger: mockServices.logger.mock(),
    }).error();
    const app = express().use(express.json()).use(router).use(errors);
    return { app, store, scanner, authorize, scaffolderCalls };
  }

  it('scans every golden-path service: behind, changed files, and the filters of the page', async () => {
    const { app, scanner } = await setup();
    await scanner.scanAll();
    const all = await request(app).get('/services');
    expect(all.status).toBe(200);
    expect(
      all.body.items.map((d: any) => [
        d.entityRef,
        d.recordedVersion,
        d.latestVersion,
        d.behind,
        d.changed,
        d.missing,
      ]),
    ).toEqual([
      ['component:default/invoice-api', '1.0.0', '1.1.0', 1, ['README.md'], []],
      ['component:default/ledger-api', '1.0.0', '1.1.0', 1, [], []],
    ]);
    const filtered = await request(app).get(
      '/services?template=svc&version=1.0.0&owner=payments&behind=true',
    );
    expect(filtered.body.items).toHaveLength(2);
    const current = await request(app).get('/services?behind=false');
    expect(current.body.items).toEqual([]);
    const templatesRes = await request(app).get('/templates');
    expect(templatesRes.body).toEqual({
      items: [
        {
          template: 'template:default/svc',
          name: 'svc',
          versions: ['1.0.0', '1.1.0'],
        },
      ],
    });
  });

  it('compares a service when its card asks, and 404s entities not created from a template', async () => {
    const { app, store } = await setup();
    const res = await request(app).get(
      '/service?entityRef=component:default/invoice-api',
    );
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ behind: 1, changed: ['README.md'] });
    expect((await store.get('component:default/invoice-api'))?.behind).toBe(1);
    // A change on the default branch shows at once, without waiting for the scan.
    await commitFiles(
      path.join(repositories, 'invoice-api'),
      new Map([['Dockerfile', 'FROM scratch\n']]),
      'Our Dockerfile',
    );
    const again = await request(app).get(
      '/service?entityRef=component:default/invoice-api',
    );
    expect(again.body.changed).toEqual(['Dockerfile', 'README.md']);
    const other = await request(app).get('/service?entityRef=docs-site');
    expect(other.status).toBe(404);
  });

  it('gives the card the questions the newest version added, and passes their answers to the upgrade', async () => {
    const file = path.join(templates, 'svc.yaml');
    fs.writeFileSync(
      file,
      fs.readFileSync(file, 'utf8').replace(
        '  steps:\n',
        `  parameters:
    - required: [name, tier]
      properties:
        name: { type: string }
        tier: { type: string, enum: [bronze, gold] }
  steps:\n`,
      ),
    );
    const { app, store, scaffolderCalls } = await setup();
    const res = await request(app).get('/service?entityRef=invoice-api');
    expect(res.body.newQuestions).toEqual({
      title: 'New in version 1.1.0',
      type: 'object',
      required: ['tier'],
      properties: { tier: { type: 'string', enum: ['bronze', 'gold'] } },
    });
    // The page's list does not carry them: they are asked only when one service is upgraded.
    expect(
      (await store.get('component:default/invoice-api'))?.newQuestions,
    ).toBeUndefined();
    const started = await request(app)
      .post('/upgrade')
      .send({ entityRef: 'invoice-api', answers: { tier: 'gold' } });
    expect(started.status).toBe(202);
    expect(JSON.parse(scaffolderCalls[0].init.body).values).toEqual({
      entityRef: 'component:default/invoice-api',
      answers: { tier: 'gold' },
    });
  });

  it('answers bad input with a 400 naming the field', async () => {
    const { app } = await setup();
    const version = await request(app).get('/services?version=latest');
    expect(version.status).toBe(400);
    expect(version.body.error.message).toMatch(/version/);
    const ref = await request(app)
      .post('/upgrade')
      .send({ entityRef: 'component:' });
    expect(ref.status).toBe(400);
    expect(ref.body.error.message).toMatch(/^entityRef: /);
    const extra = await request(app)
      .post('/upgrade')
      .send({ entityRef: 'invoice-api', branch: 'main' });
    expect(extra.status).toBe(400);
  });

  it('starts the upgrade template as the caller for owners, and refuses others before any read', async () => {
    const { app, scaffolderCalls, authorize } = await setup();
    const res = await request(app)
      .post('/upgrade')
      .send({ entityRef: 'invoice-api', toVersion: '1.1.0' });
    expect(res.status).toBe(202);
    expect(res.body).toEqual({
      taskId: 'task-1',
      taskUrl: '/create/tasks/task-1',
    });
    expect(authorize.mock.calls[0]).toEqual([
      [
        {
          permission: expect.objectContaining({ name: 'golden-paths.upgrade' }),
          resourceRef: 'component:default/invoice-api',
        },
      ],
      expect.anything(),
    ]);
    expect(scaffolderCalls).toHaveLength(1);
    expect(scaffolderCalls[0].url).toBe(
      'http://localhost:0/api/scaffolder/v2/tasks',
    );
    expect(JSON.parse(scaffolderCalls[0].init.body)).toEqual({
      templateRef: 'template:default/golden-path-upgrade',
      values: {
        entityRef: 'component:default/invoice-api',
        toVersion: '1.1.0',
      },
    });

    const denied = await setup(AuthorizeResult.DENY);
    const refused = await request(denied.app)
      .post('/upgrade')
      .send({ entityRef: 'invoice-api' });
    expect(refused.status).toBe(403);
    expect(denied.scaffolderCalls).toEqual([]);
  });
});
