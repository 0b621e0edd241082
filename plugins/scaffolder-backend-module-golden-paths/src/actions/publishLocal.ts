import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { resolveSafeChildPath } from '@backstage/backend-plugin-api';
import { ConflictError, InputError } from '@backstage/errors';
import {
  ActionContext,
  createTemplateAction,
} from '@backstage/plugin-scaffolder-node';
import git from 'isomorphic-git';
import { GoldenPathsConfig, REPOSITORY_NAME } from '../config';

export const PUBLISH_LOCAL_ACTION_ID = 'portal:publish:local';

/** What `portal:publish:local` and the local branch of `portal:publish` take. */
export type PublishInput = {
  repoName: string;
  sourcePath?: string;
  defaultBranch?: string;
  commitMessage?: string;
};

export interface LocalPublication {
  /** Absolute path of the new repository. */
  repoPath: string;
  /** file:// URL of the new repository. */
  repoUrl: string;
  /** Absolute path of its catalog-info.yaml. */
  catalogInfoPath: string;
  /** The initial commit, or `dry-run`. */
  commitHash: string;
}

export function checkRepoName(repoName: string | undefined) {
  if (!REPOSITORY_NAME.test(repoName ?? '')) {
    throw new InputError(
      `repoName: "${repoName}" is not a valid repository name; use lowercase letters, digits and dashes, starting with a letter (at most 63 characters)`,
    );
  }
}

/** The workspace folder to publish; it must hold the catalog-info.yaml that registration reads. */
export function publishSource(workspacePath: string, sourcePath?: string) {
  const source = resolveSafeChildPath(workspacePath, sourcePath ?? '.');
  if (!fs.existsSync(path.join(source, 'catalog-info.yaml'))) {
    throw new InputError(
      `sourcePath: the workspace has no catalog-info.yaml at ${
        sourcePath ?? '.'
      }`,
    );
  }
  return source;
}

/**
 * Publishes the workspace as a new git repository under `goldenPaths.repositoryRoot`, with one
 * commit. The repository is built in a hidden staging folder and renamed into place, so a failure
 * at any point leaves no half-created repository behind. A dry run validates and writes nothing.
 */
export async function publishLocal(
  ctx: Pick<
    ActionContext<PublishInput>,
    'workspacePath' | 'input' | 'isDryRun' | 'logger' | 'user'
  >,
  config: GoldenPathsConfig,
): Promise<LocalPublication> {
  const { repositoryRoot, defaultAuthor } = config;
  const { repoName } = ctx.input;
  checkRepoName(repoName);
  const target = path.join(repositoryRoot, repoName);
  if (fs.existsSync(target)) {
    throw new ConflictError(
      `repoName: a repository named "${repoName}" already exists at ${target}; choose another name`,
    );
  }
  const source = publishSource(ctx.workspacePath, ctx.input.sourcePath);
  const publication = {
    repoPath: target,
    repoUrl: pathToFileURL(target).toString(),
    catalogInfoPath: path.join(target, 'catalog-info.yaml'),
  };

  if (ctx.isDryRun) {
    ctx.logger.info(`Dry run: would create the repository ${target}`);
    return { ...publication, commitHash: 'dry-run' };
  }

  const entity = ctx.user?.entity;
  const author = {
    name: entity?.spec?.profile?.displayName ?? defaultAuthor.name,
    email: entity?.spec?.profile?.email ?? defaultAuthor.email,
  };
  fs.mkdirSync(repositoryRoot, { recursive: true });
  const staging = path.join(
    repositoryRoot,
    `.staging-${repoName}-${crypto.randomBytes(4).toString('hex')}`,
  );
  try {
    await fs.promises.cp(source, staging, { recursive: true });
    const dir = staging;
    await git.init({
      fs,
      dir,
      defaultBranch: ctx.input.defaultBranch ?? 'main',
    });
    await git.add({ fs, dir, filepath: '.' });
    const commitHash = await git.commit({
      fs,
      dir,
      message: ctx.input.commitMessage ?? 'Initial commit from the portal',
      author,
    });
    // Another task may have taken the name meanwhile; rename fails then instead of merging.
    if (fs.existsSync(target)) {
      throw new ConflictError(
        `repoName: a repository named "${repoName}" already exists at ${target}; choose another name`,
      );
    }
    await fs.promises.rename(staging, target);
    ctx.logger.info(
      `Created ${target} with commit ${commitHash} by ${author.name} <${author.email}>`,
    );
    return { ...publication, commitHash };
  } finally {
    fs.rmSync(staging, { recursive: true, force: true });
  }
}

/** The embedded publisher on its own; templates use `portal:publish`, which chooses by config. */
export function createPublishLocalAction(options: {
  config: GoldenPathsConfig;
}) {
  return createTemplateAction({
    id: PUBLISH_LOCAL_ACTION_ID,
    description:
      'Publishes the workspace as a new git repository on disk (the embedded publisher), with an initial commit.',
    supportsDryRun: true,
    schema: {
      input: {
        repoName: z =>
          z
            .string()
            .describe(
              'Repository (and folder) name: lowercase letters, digits and dashes, 1 to 63 characters',
            ),
        sourcePath: z =>
          z
            .string()
            .optional()
            .describe(
              'Workspace subfolder to publish; default the whole workspace',
            ),
        defaultBranch: z => z.string().optional().describe('Default main'),
        commitMessage: z => z.string().optional(),
      },
      output: {
        repoPath: z =>
          z.string().describe('Absolute path of the new repository'),
        repoUrl: z => z.string().describe('file:// URL of the new repository'),
        catalogInfoPath: z => z.string(),
        commitHash: z => z.string(),
      },
    },
    async handler(ctx) {
      const published = await publishLocal(ctx, options.config);
      ctx.output('repoPath', published.repoPath);
      ctx.output('repoUrl', published.repoUrl);
      ctx.output('catalogInfoPath', published.catalogInfoPath);
      ctx.output('commitHash', published.commitHash);
    },
  });
}
