import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { resolveSafeChildPath } from '@backstage/backend-plugin-api';
import { ConflictError, InputError } from '@backstage/errors';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import git from 'isomorphic-git';
import { GoldenPathsConfig, REPOSITORY_NAME } from '../config';

export const PUBLISH_LOCAL_ACTION_ID = 'portal:publish:local';

/**
 * Publishes the workspace as a new git repository under `goldenPaths.repositoryRoot`, with one
 * commit. The repository is built in a hidden staging folder and renamed into place, so a failure
 * at any point leaves no half-created repository behind.
 */
export function createPublishLocalAction(options: {
  config: GoldenPathsConfig;
}) {
  const { repositoryRoot, defaultAuthor } = options.config;
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
      const { repoName } = ctx.input;
      if (!REPOSITORY_NAME.test(repoName ?? '')) {
        throw new InputError(
          `repoName: "${repoName}" is not a valid repository name; use lowercase letters, digits and dashes, starting with a letter (at most 63 characters)`,
        );
      }
      const source = resolveSafeChildPath(
        ctx.workspacePath,
        ctx.input.sourcePath ?? '.',
      );
      const target = path.join(repositoryRoot, repoName);
      if (fs.existsSync(target)) {
        throw new ConflictError(
          `repoName: a repository named "${repoName}" already exists at ${target}; choose another name`,
        );
      }
      const catalogInfoPath = path.join(target, 'catalog-info.yaml');
      if (!fs.existsSync(path.join(source, 'catalog-info.yaml'))) {
        throw new InputError(
          `sourcePath: the workspace has no catalog-info.yaml at ${
            ctx.input.sourcePath ?? '.'
          }`,
        );
      }
      ctx.output('repoPath', target);
      ctx.output('repoUrl', pathToFileURL(target).toString());
      ctx.output('catalogInfoPath', catalogInfoPath);

      if (ctx.isDryRun) {
        ctx.logger.info(`Dry run: would create the repository ${target}`);
        ctx.output('commitHash', 'dry-run');
        return;
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
        ctx.output('commitHash', commitHash);
      } finally {
        fs.rmSync(staging, { recursive: true, force: true });
      }
    },
  });
}
