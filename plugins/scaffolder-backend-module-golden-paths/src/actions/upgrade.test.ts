import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { ScmIntegrations } from '@backstage/integration';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { createFetchTemplateAction } from '@backstage/plugin-scaffolder-backend';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import git from 'isomorphic-git';
import { readBranch } from '../goldenPath/localRepository';
import { readFileSet, renderTemplateVersion } from '../goldenPath/render';
import {
  commitFiles,
  createRepository,
  SKELETON_V1,
  tempDir,
  writeTemplate,
} from '../goldenPath/testFixtures';
import {
  snapshotTemplateVersion,
  TemplateVersions,
} from '../goldenPath/versions';
import { createRecordTemplateAction } from './recordTemplate';
import { createUpgradeAction } from './upgrade';

const answers = {
  name: 'invoice-api',
  owner: 'group:default/payments',
  highAvailability: true,
};

describe('portal:golden-path:record and portal:golden-path:upgrade', () => {
  let templates: string;
  let repositories: string;
  let workspace: string;

  beforeEach(() => {
    templates = tempDir('gp-templates-');
    repositories = tempDir('gp-repos-');
    workspace = tempDir('gp-ws-');
    writeTemplate(templates, '1.0.0', SKELETON_V1);
  });
  afterEach(() => {
    for (const dir of [templates, repositories, workspace]) {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('records what a later render of the same version reproduces exactly', async () => {
    // What the scaffolder runs on create: fetch:template with the step's evaluated values …
    const fetchTemplate = createFetchTemplateAction({
      reader: mockServices.urlReader.mock(),
      integrations: ScmIntegrations.fromConfig(new ConfigReader({})),
    });
    const templateInfo = {
      entityRef: 'template:default/svc',
      baseUrl: pathToFileURL(path.join(templates, 'svc.yaml')).toString(),
      entity: {
        metadata: {
          name: 'svc',
          annotations: { 'portal.io/template-version': '1.0.0' },
        },
      },
    };
    const fetchCtx = createMockActionContext({
      workspacePath: workspace,
      templateInfo,
      input: {
        url: './skeletons/svc',
        values: {
          name: 'invoice-api',
          owner: 'group:default/payments',
          team: 'payments',
          highAvailability: true,
          replicas: 3,
        },
      },
    });
    // The scaffolder fetches into a temporary folder outside the workspace; the mock's is inside.
    const fetched = tempDir('gp-fetch-');
    await fetchTemplate.handler({
      ...fetchCtx,
      createTemporaryDirectory: async () => fetched,
    });
    fs.rmSync(fetched, { recursive: true, force: true });
    // … then the record step.
    const record = createRecordTemplateAction();
    const ctx = createMockActionContext({
      workspacePath: workspace,
      templateInfo,
      input: { answers },
    });
    await record.handler(ctx);
    expect(ctx.output).toHaveBeenCalledWith('version', '1.0.0');

    const published = await readFileSet(workspace);
    expect(published.get('kubernetes/deployment.yaml')).toContain(
      'replicas: 3\n  topologySpread: zone\n',
    );
    const rendered = await renderTemplateVersion(
      new TemplateVersions(templates).get('svc', '1.0.0'),
      { template: 'template:default/svc', answers },
    );
    expect(rendered).toEqual(published);
  });

  it('records the real template in a dry run, whose entityRef is template:default/dry-run', async () => {
    const ctx = createMockActionContext({
      workspacePath: workspace,
      templateInfo: {
        entityRef: 'template:default/dry-run',
        entity: {
          metadata: {
            name: 'svc',
            annotations: { 'portal.io/template-version': '1.0.0' },
          },
        },
      },
      input: { answers },
    });
    await createRecordTemplateAction().handler(ctx);
    expect(ctx.output).toHaveBeenCalledWith('template', 'template:default/svc');
  });

  it('refuses a template without a version', async () => {
    const ctx = createMockActionContext({
      workspacePath: workspace,
      templateInfo: {
        entityRef: 'template:default/svc',
        entity: { metadata: { name: 'svc' } },
      },
      input: { answers },
    });
    await expect(createRecordTemplateAction().handler(ctx)).rejects.toThrow(
      'template:default/svc: metadata.annotations.portal.io/template-version: "undefined" is not a version',
    );
  });

  describe('upgrade on the local publisher', () => {
    let repo: string;
    const entityRef = 'component:default/invoice-api';

    beforeEach(async () => {
      const versions = new TemplateVersions(templates);
      repo = path.join(repositories, 'invoice-api');
      fs.mkdirSync(repo);
      await createRepository(
        repo,
        await renderTemplateVersion(versions.get('svc', '1.0.0'), {
          template: 'template:default/svc',
          answers,
        }),
      );
      await commitFiles(
        repo,
        new Map([['README.md', '# invoice-api\n\nOurs.\n']]),
        'Our README',
      );
      snapshotTemplateVersion(templates, 'svc');
      writeTemplate(templates, '1.1.0', {
        ...SKELETON_V1,
        Dockerfile: SKELETON_V1.Dockerfile.replace('node:22.1', 'node:22.4'),
      });
    });

    const action = (result: AuthorizeResult) => {
      const authorize = jest.fn(async () => [{ result }]);
      return {
        authorize,
        action: createUpgradeAction({
          config: {
            repositoryRoot: repositories,
            defaultAuthor: { name: 'Portal', email: 'portal@example.com' },
            publisher: 'local',
            github: { host: 'github.com' },
          },
          templateRoot: templates,
          catalog: catalogServiceMock({
            entities: [
              {
                apiVersion: 'backstage.io/v1alpha1',
                kind: 'Component',
                metadata: {
                  name: 'invoice-api',
                  annotations: {
                    'backstage.io/managed-by-location': `file:${path.join(
                      repo,
                      'catalog-info.yaml',
                    )}`,
                  },
                },
                spec: { owner: 'group:default/payments' },
              },
            ],
          }),
          permissions: mockServices.permissions.mock({
            authorize: authorize as any,
          }),
        }),
      };
    };

    it('writes one commit on a new branch for an owner, with the team edit and the template change', async () => {
      const { action: upgrade, authorize } = action(AuthorizeResult.ALLOW);
      const main = await readBranch(repo, 'main');
      const ctx = createMockActionContext({
        workspacePath: workspace,
        input: { entityRef: 'invoice-api' },
      });
      await upgrade.handler(ctx);
      expect(authorize).toHaveBeenCalledWith(
        [
          {
            permission: expect.objectContaining({
              name: 'golden-paths.upgrade',
            }),
            resourceRef: entityRef,
          },
        ],
        expect.anything(),
      );
      expect(ctx.output).toHaveBeenCalledWith(
        'branch',
        'golden-path/svc-1.1.0',
      );
      expect(ctx.output).toHaveBeenCalledWith('conflicts', []);
      const branch = await readBranch(repo, 'golden-path/svc-1.1.0');
      const log = await git.log({ fs, dir: repo, ref: branch.commit });
      expect(log[0].commit.parent).toEqual([main.commit]);
      expect(log[0].commit.message).toMatch(
        /^Golden path: svc 1.0.0 → 1.1.0\n/,
      );
      expect(branch.files.get('README.md')).toBe('# invoice-api\n\nOurs.\n');
      expect(branch.files.get('Dockerfile')).toMatch(/^FROM node:22.4-alpine/);
      // The default branch and the checked-out work tree are untouched.
      expect((await readBranch(repo, 'main')).commit).toBe(main.commit);
      expect(fs.readFileSync(path.join(repo, 'Dockerfile'), 'utf8')).toMatch(
        /^FROM node:22.1-alpine/,
      );
      // A second run does not overwrite the branch.
      await expect(upgrade.handler(ctx)).rejects.toThrow(
        'branch: golden-path/svc-1.1.0 already exists',
      );
    });

    it('refuses anyone else before reading the entity, and writes nothing', async () => {
      const { action: upgrade } = action(AuthorizeResult.DENY);
      const ctx = createMockActionContext({
        workspacePath: workspace,
        input: { entityRef },
      });
      await expect(upgrade.handler(ctx)).rejects.toThrow(
        'golden-paths.upgrade: only members of the owning group of component:default/invoice-api and admins may upgrade it',
      );
      expect(await git.listBranches({ fs, dir: repo })).toEqual(['main']);
    });

    it('names the field of a bad reference', async () => {
      const { action: upgrade } = action(AuthorizeResult.ALLOW);
      await expect(
        upgrade.handler(
          createMockActionContext({
            workspacePath: workspace,
            input: { entityRef: 'component:' },
          }),
        ),
      ).rejects.toThrow(/^entityRef: /);
    });
  });

  it('on the github publisher reads the repository through the URL reader and leaves the upgrade for the pull-request step', async () => {
    const versions = new TemplateVersions(templates);
    const created = await renderTemplateVersion(versions.get('svc', '1.0.0'), {
      template: 'template:default/svc',
      answers,
    });
    created.set('README.md', '# invoice-api\n\nOurs.\n');
    snapshotTemplateVersion(templates, 'svc');
    writeTemplate(templates, '2.0.0', {
      ...SKELETON_V1,
      Dockerfile: SKELETON_V1.Dockerfile.replace('node:22.1', 'node:22.4'),
    });
    // GitHub is out of reach here: the reader answers with the repository's files.
    const urlReader = mockServices.urlReader.mock({
      readTree: jest.fn(async () => ({
        files: async () =>
          [...created].map(([p, content]) => ({
            path: p,
            content: async () => Buffer.from(content),
          })),
      })) as any,
    });
    const upgrade = createUpgradeAction({
      config: {
        repositoryRoot: repositories,
        defaultAuthor: { name: 'Portal', email: 'portal@example.com' },
        publisher: 'github',
        github: { host: 'github.com', owner: 'acme' },
      },
      templateRoot: templates,
      catalog: catalogServiceMock({
        entities: [
          {
            apiVersion: 'backstage.io/v1alpha1',
            kind: 'Component',
            metadata: {
              name: 'invoice-api',
              annotations: {
                'backstage.io/source-location':
                  'url:https://github.com/acme/invoice-api/tree/main/',
              },
            },
            spec: { owner: 'group:default/payments' },
          },
        ],
      }),
      permissions: mockServices.permissions.mock({
        authorize: (async () => [{ result: AuthorizeResult.ALLOW }]) as any,
      }),
      urlReader,
    });
    const ctx = createMockActionContext({
      workspacePath: workspace,
      input: { entityRef: 'component:default/invoice-api' },
    });
    await upgrade.handler(ctx);
    expect(urlReader.readTree).toHaveBeenCalledWith(
      'https://github.com/acme/invoice-api/tree/main/',
    );
    expect(ctx.output).toHaveBeenCalledWith(
      'githubRepoUrl',
      'github.com?owner=acme&repo=invoice-api',
    );
    expect(ctx.output).toHaveBeenCalledWith('branch', 'golden-path/svc-2.0.0');
    const upgraded = await readFileSet(path.join(workspace, 'upgrade'));
    expect(upgraded.get('README.md')).toBe('# invoice-api\n\nOurs.\n');
    expect(upgraded.get('Dockerfile')).toMatch(/^FROM node:22.4-alpine/);
    expect(upgraded.size).toBe(created.size);
  });
});
