import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { ConfigReader } from '@backstage/config';
import { parseRepoUrl } from '@backstage/plugin-scaffolder-node';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import git from 'isomorphic-git';
import { GoldenPathsConfig, readGoldenPathsConfig } from '../config';
import { createPublishAction, githubTarget } from './publish';

describe('portal:publish', () => {
  let root: string;
  let workspace: string;

  beforeEach(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'gp-root-'));
    workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'gp-ws-'));
    fs.writeFileSync(
      path.join(workspace, 'catalog-info.yaml'),
      'kind: Component\n',
    );
  });
  afterEach(() => {
    fs.rmSync(root, { recursive: true, force: true });
    fs.rmSync(workspace, { recursive: true, force: true });
  });

  const config = (
    publisher: GoldenPathsConfig['publisher'],
  ): GoldenPathsConfig => ({
    repositoryRoot: root,
    defaultAuthor: { name: 'Portal', email: 'portal@example.com' },
    publisher,
    github: { host: 'github.com', owner: 'acme' },
  });
  /** Every output of the action, by name (the mock context's output is a jest.fn). */
  const outputs = (ctx: { output: unknown }) =>
    Object.fromEntries((ctx.output as jest.Mock).mock.calls);

  it('local: creates the repository on disk and outputs its catalog-info.yaml as a file URL', async () => {
    const ctx = createMockActionContext({
      workspacePath: workspace,
      input: { repoName: 'invoice-api' },
    });
    await createPublishAction({ config: config('local') }).handler(ctx);

    const dir = path.join(root, 'invoice-api');
    const [commit] = await git.log({ fs, dir });
    expect(await git.listFiles({ fs, dir })).toEqual(['catalog-info.yaml']);
    expect(outputs(ctx)).toEqual({
      publisher: 'local',
      repoPath: dir,
      repoUrl: pathToFileURL(dir).href,
      catalogInfoUrl: pathToFileURL(path.join(dir, 'catalog-info.yaml')).href,
      commitHash: commit.oid,
    });
  });

  it('local: refuses an existing name as the local publisher does', async () => {
    fs.mkdirSync(path.join(root, 'invoice-api'));
    await expect(
      createPublishAction({ config: config('local') }).handler(
        createMockActionContext({
          workspacePath: workspace,
          input: { repoName: 'invoice-api' },
        }),
      ),
    ).rejects.toThrow(
      /repoName: a repository named "invoice-api" already exists/,
    );
  });

  it('local: writes nothing in a dry run', async () => {
    const ctx = {
      // createMockActionContext drops isDryRun, so set it on the result.
      ...createMockActionContext({
        workspacePath: workspace,
        input: { repoName: 'invoice-api' },
      }),
      isDryRun: true,
    };
    await createPublishAction({ config: config('local') }).handler(ctx);
    expect(fs.readdirSync(root)).toEqual([]);
    expect(outputs(ctx)).toMatchObject({
      publisher: 'local',
      commitHash: 'dry-run',
    });
  });

  it('github: resolves the repository for publish:github, writes nothing and calls nothing', async () => {
    const fetchSpy = jest.spyOn(global, 'fetch');
    const ctx = createMockActionContext({
      workspacePath: workspace,
      input: { repoName: 'invoice-api', defaultBranch: 'trunk' },
    });
    await createPublishAction({ config: config('github') }).handler(ctx);
    expect(outputs(ctx)).toEqual({
      publisher: 'github',
      githubRepoUrl: 'github.com?owner=acme&repo=invoice-api',
      repoUrl: 'https://github.com/acme/invoice-api',
      catalogInfoUrl:
        'https://github.com/acme/invoice-api/blob/trunk/catalog-info.yaml',
    });
    expect(fs.readdirSync(root)).toEqual([]);
    expect(fetchSpy).not.toHaveBeenCalled();
    fetchSpy.mockRestore();
  });

  it('github: the repoUrl is what publish:github parses into host, owner and repo', () => {
    const { githubRepoUrl } = githubTarget(
      { host: 'github.example.com', owner: 'platform team' },
      'invoice-api',
    );
    // publish:github's own parser; the registry stand-in answers what the integrations config
    // would for that host (the integration package is not a dependency of this module).
    expect(
      parseRepoUrl(githubRepoUrl, {
        byHost: () => ({ type: 'github' }),
      } as any),
    ).toMatchObject({
      host: 'github.example.com',
      owner: 'platform team',
      repo: 'invoice-api',
    });
  });

  it('github: names the config key when no owner is configured, and checks the input first', async () => {
    const action = createPublishAction({
      config: { ...config('github'), github: { host: 'github.com' } },
    });
    await expect(
      action.handler(
        createMockActionContext({
          workspacePath: workspace,
          input: { repoName: 'invoice-api' },
        }),
      ),
    ).rejects.toThrow(/^goldenPaths.github.owner is not set/);
    await expect(
      action.handler(
        createMockActionContext({
          workspacePath: workspace,
          input: { repoName: 'Invoice' },
        }),
      ),
    ).rejects.toMatchObject({
      name: 'InputError',
      message: expect.stringMatching(/^repoName: /),
    });
    fs.rmSync(path.join(workspace, 'catalog-info.yaml'));
    await expect(
      createPublishAction({ config: config('github') }).handler(
        createMockActionContext({
          workspacePath: workspace,
          input: { repoName: 'invoice-api' },
        }),
      ),
    ).rejects.toThrow(/sourcePath: the workspace has no catalog-info.yaml/);
  });

  it('reads the publisher from config: local by default, github with its owner, nothing else', () => {
    expect(readGoldenPathsConfig(new ConfigReader({}))).toMatchObject({
      publisher: 'local',
      github: { host: 'github.com', owner: undefined },
    });
    expect(
      readGoldenPathsConfig(
        new ConfigReader({
          goldenPaths: {
            publisher: 'github',
            github: { host: 'ghe.example.com', owner: 'acme' },
          },
        }),
      ),
    ).toMatchObject({
      publisher: 'github',
      github: { host: 'ghe.example.com', owner: 'acme' },
    });
    expect(() =>
      readGoldenPathsConfig(
        new ConfigReader({ goldenPaths: { publisher: 'gitlab' } }),
      ),
    ).toThrow('goldenPaths.publisher: "gitlab" is not a publisher');
  });
});
