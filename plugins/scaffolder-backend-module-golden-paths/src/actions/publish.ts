import { pathToFileURL } from 'node:url';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { GoldenPathsConfig } from '../config';
import { checkRepoName, publishLocal, publishSource } from './publishLocal';

export const PUBLISH_ACTION_ID = 'portal:publish';

/** Where a repository goes on GitHub, in every form the later steps need. */
export function githubTarget(
  github: { host: string; owner: string },
  repoName: string,
  defaultBranch = 'main',
) {
  const browse = `https://${github.host}/${github.owner}/${repoName}`;
  return {
    /** The `repoUrl` input of `publish:github` (the RepoUrlPicker format). */
    githubRepoUrl: `${github.host}?owner=${encodeURIComponent(
      github.owner,
    )}&repo=${encodeURIComponent(repoName)}`,
    repoUrl: browse,
    // Where `publish:github` puts the contents (its repoContentsUrl), so the catalog reads it there.
    catalogInfoUrl: `${browse}/blob/${defaultBranch}/catalog-info.yaml`,
  };
}

/**
 * The templates' publish step, by `goldenPaths.publisher`. `local` publishes the workspace as a
 * git repository on disk (as `portal:publish:local`). `github` checks the workspace and resolves
 * the GitHub repository; the template's next step, `publish-github`, runs only then and hands the
 * workspace to the GitHub module's `publish:github` with `githubRepoUrl`. Either way the outputs
 * carry what `portal:catalog:register` needs: `catalogInfoUrl`.
 */
export function createPublishAction(options: { config: GoldenPathsConfig }) {
  const { config } = options;
  return createTemplateAction({
    id: PUBLISH_ACTION_ID,
    description:
      'Publishes the workspace by goldenPaths.publisher: on disk (local), or resolves the GitHub repository that the publish:github step creates (github).',
    supportsDryRun: true,
    schema: {
      input: {
        repoName: z =>
          z
            .string()
            .describe(
              'Repository name: lowercase letters, digits and dashes, 1 to 63 characters',
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
        publisher: z =>
          z.enum(['local', 'github']).describe('goldenPaths.publisher'),
        repoUrl: z =>
          z
            .string()
            .describe('The repository: a file:// URL, or its GitHub page'),
        catalogInfoUrl: z =>
          z
            .string()
            .describe(
              'URL of its catalog-info.yaml, for portal:catalog:register',
            ),
        githubRepoUrl: z =>
          z
            .string()
            .optional()
            .describe('github only: the repoUrl input of publish:github'),
        repoPath: z =>
          z.string().optional().describe('local only: absolute path'),
        commitHash: z =>
          z.string().optional().describe('local only: the initial commit'),
      },
    },
    async handler(ctx) {
      ctx.output('publisher', config.publisher);
      if (config.publisher === 'local') {
        const published = await publishLocal(ctx, config);
        ctx.output('repoUrl', published.repoUrl);
        ctx.output(
          'catalogInfoUrl',
          pathToFileURL(published.catalogInfoPath).href,
        );
        ctx.output('repoPath', published.repoPath);
        ctx.output('commitHash', published.commitHash);
        return;
      }

      const { repoName } = ctx.input;
      checkRepoName(repoName);
      publishSource(ctx.workspacePath, ctx.input.sourcePath);
      const { owner, host } = config.github;
      if (!owner) {
        // Config, not input: a plain Error, which the task log shows with the key to set.
        throw new Error(
          'goldenPaths.github.owner is not set: the github publisher needs the organisation or user to create repositories under',
        );
      }
      const target = githubTarget(
        { host, owner },
        repoName,
        ctx.input.defaultBranch,
      );
      ctx.output('githubRepoUrl', target.githubRepoUrl);
      ctx.output('repoUrl', target.repoUrl);
      ctx.output('catalogInfoUrl', target.catalogInfoUrl);
      ctx.logger.info(
        `Publisher github: the publish-github step creates ${target.repoUrl}`,
      );
    },
  });
}
