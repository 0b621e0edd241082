import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import git from 'isomorphic-git';
import { createPublishLocalAction } from './publishLocal';

describe('portal:publish:local', () => {
  let root: string;
  let workspace: string;

  beforeEach(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'gp-root-'));
    workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'gp-ws-'));
    fs.writeFileSync(
      path.join(workspace, 'catalog-info.yaml'),
      'kind: Component\n',
    );
    fs.mkdirSync(path.join(workspace, 'src'));
    fs.writeFileSync(path.join(workspace, 'src/main.ts'), 'export {};\n');
  });
  afterEach(() => {
    fs.rmSync(root, { recursive: true, force: true });
    fs.rmSync(workspace, { recursive: true, force: true });
  });

  const action = () =>
    createPublishLocalAction({
      config: {
        repositoryRoot: root,
        defaultAuthor: { name: 'Portal', email: 'portal@example.com' },
        publisher: 'local',
        github: { host: 'github.com' },
      },
    });

  it('creates a repository with one commit of every file, by the user who ran the template', async () => {
    const ctx = createMockActionContext({
      workspacePath: workspace,
      input: { repoName: 'invoice-api' },
      user: {
        ref: 'user:default/ada',
        entity: {
          apiVersion: 'backstage.io/v1alpha1',
          kind: 'User',
          metadata: { name: 'ada' },
          spec: { profile: { displayName: 'Ada', email: 'ada@example.com' } },
        },
      },
    });
    await action().handler(ctx);

    const dir = path.join(root, 'invoice-api');
    const log = await git.log({ fs, dir });
    expect(log).toHaveLength(1);
    expect(log[0].commit.author).toMatchObject({
      name: 'Ada',
      email: 'ada@example.com',
    });
    expect((await git.listFiles({ fs, dir })).sort()).toEqual([
      'catalog-info.yaml',
      'src/main.ts',
    ]);
    expect(await git.currentBranch({ fs, dir })).toBe('main');
    expect(ctx.output).toHaveBeenCalledWith('repoPath', dir);
    expect(ctx.output).toHaveBeenCalledWith('commitHash', log[0].oid);
    expect(ctx.output).toHaveBeenCalledWith(
      'catalogInfoPath',
      path.join(dir, 'catalog-info.yaml'),
    );
    // No staging folder left behind.
    expect(fs.readdirSync(root)).toEqual(['invoice-api']);
  });

  it('falls back to the configured author', async () => {
    await action().handler(
      createMockActionContext({
        workspacePath: workspace,
        input: { repoName: 'svc' },
      }),
    );
    const [commit] = await git.log({ fs, dir: path.join(root, 'svc') });
    expect(commit.commit.author.email).toBe('portal@example.com');
  });

  it('refuses an existing name with a clear error and changes nothing', async () => {
    fs.mkdirSync(path.join(root, 'invoice-api'));
    fs.writeFileSync(path.join(root, 'invoice-api/keep.txt'), 'mine');
    await expect(
      action().handler(
        createMockActionContext({
          workspacePath: workspace,
          input: { repoName: 'invoice-api' },
        }),
      ),
    ).rejects.toThrow(
      /repoName: a repository named "invoice-api" already exists/,
    );
    expect(fs.readdirSync(root)).toEqual(['invoice-api']);
    expect(fs.readdirSync(path.join(root, 'invoice-api'))).toEqual([
      'keep.txt',
    ]);
  });

  it.each(['Invoice', 'invoice_api', '-api', 'a'.repeat(64), ''])(
    'refuses the name %j naming the field',
    async repoName => {
      await expect(
        action().handler(
          createMockActionContext({
            workspacePath: workspace,
            input: { repoName },
          }),
        ),
      ).rejects.toMatchObject({
        name: 'InputError',
        message: expect.stringMatching(/^repoName: /),
      });
      expect(fs.readdirSync(root)).toEqual([]);
    },
  );

  it('refuses a workspace without catalog-info.yaml', async () => {
    fs.rmSync(path.join(workspace, 'catalog-info.yaml'));
    await expect(
      action().handler(
        createMockActionContext({
          workspacePath: workspace,
          input: { repoName: 'svc' },
        }),
      ),
    ).rejects.toThrow(/sourcePath: the workspace has no catalog-info.yaml/);
    expect(fs.readdirSync(root)).toEqual([]);
  });

  it('writes nothing in a dry run but reports where it would publish', async () => {
    const ctx = {
      // createMockActionContext drops isDryRun, so set it on the result.
      ...createMockActionContext({
        workspacePath: workspace,
        input: { repoName: 'invoice-api' },
      }),
      isDryRun: true,
    };
    await action().handler(ctx);
    expect(fs.readdirSync(root)).toEqual([]);
    expect(ctx.output).toHaveBeenCalledWith(
      'repoPath',
      path.join(root, 'invoice-api'),
    );
    expect(ctx.output).toHaveBeenCalledWith('commitHash', 'dry-run');
  });
});
