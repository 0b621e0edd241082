import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import {
  PermissionsService,
  UrlReaderService,
} from '@backstage/backend-plugin-api';
import {
  ANNOTATION_LOCATION,
  ANNOTATION_SOURCE_LOCATION,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { InputError, NotAllowedError, NotFoundError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { goldenPathUpgradePermission } from '@internal/plugin-golden-paths-common';
import { GoldenPathsConfig } from '../config';
import { commitToNewBranch, readBranch } from '../goldenPath/localRepository';
import { templateNameOf } from '../goldenPath/record';
import { FileSet } from '../goldenPath/render';
import { planUpgrade, UpgradePlan } from '../goldenPath/upgrade';
import { TemplateVersions } from '../goldenPath/versions';

export const UPGRADE_ACTION_ID = 'portal:golden-path:upgrade';

/**
 * The repository folder of an entity the local publisher created: the folder of the
 * catalog-info.yaml it was registered from, which must sit directly under the repository root.
 */
export function localRepositoryOf(
  entity: { metadata: { annotations?: Record<string, string> } },
  repositoryRoot: string,
  entityRef: string,
): string {
  const location = entity.metadata.annotations?.[ANNOTATION_LOCATION] ?? '';
  const match = /^file:(.*)$/.exec(location);
  if (!match) {
    throw new InputError(
      `entityRef: ${entityRef} was not registered from a local repository (location ${
        location || 'unknown'
      })`,
    );
  }
  const file = match[1].startsWith('file://')
    ? fileURLToPath(match[1])
    : match[1];
  const dir = path.dirname(path.resolve(file));
  if (path.dirname(dir) !== path.resolve(repositoryRoot)) {
    throw new InputError(
      `entityRef: ${entityRef} lives at ${dir}, outside goldenPaths.repositoryRoot`,
    );
  }
  return dir;
}

/**
 * The default branch of a repository the GitHub publisher created, read through the catalog's
 * URL reader (integrations.github credentials) from the entity's source location.
 */
export async function readRemoteRepository(
  entity: { metadata: { annotations?: Record<string, string> } },
  urlReader: UrlReaderService,
  entityRef: string,
): Promise<{ url: string; files: FileSet }> {
  const source = entity.metadata.annotations?.[ANNOTATION_SOURCE_LOCATION];
  const url = source?.replace(/^url:/, '');
  if (!url || !/^https:\/\//.test(url)) {
    throw new InputError(
      `entityRef: ${entityRef} has no https source location to read its repository from`,
    );
  }
  const tree = await urlReader.readTree(url);
  const files: FileSet = new Map();
  for (const file of await tree.files()) {
    files.set(file.path, (await file.content()).toString('utf8'));
  }
  return { url, files };
}

/** `github.com?owner=o&repo=r` (publish:github:pull-request's repoUrl) of a GitHub browse URL. */
export function githubRepoUrlOf(url: string): string {
  const { host, pathname } = new URL(url);
  const [owner, repo] = pathname.split('/').filter(Boolean);
  return `${host}?owner=${encodeURIComponent(owner)}&repo=${encodeURIComponent(
    repo,
  )}`;
}

function summary(plan: UpgradePlan) {
  const lines = [
    `Upgrades ${plan.record.template} from ${plan.record.version} to ${plan.target.version}: the difference between the two versions rendered with this repository's recorded answers, merged three-way so the team's edits stay.`,
    '',
    ...plan.changes.map(c => `- ${c.path}: ${c.change}`),
  ];
  if (plan.conflicts.length > 0) {
    lines.push(
      '',
      `Conflicts (marked with <<<<<<< / >>>>>>>, resolve before merging): ${plan.conflicts.join(
        ', ',
      )}`,
    );
  }
  return lines.join('\n');
}

/**
 * Upgrades a service created from a golden path to a newer version of its template. Local
 * publisher: one commit on a new branch `golden-path/<template>-<version>` of the repository on
 * disk, the default branch untouched. GitHub publisher: the repository's files fetched into the
 * workspace (`sourcePath`) are rewritten there, and the template's next step
 * (`publish:github:pull-request`) opens the pull request with the outputs `branch`, `title` and
 * `description`. Only owners of the entity and admins may (`golden-paths.upgrade`).
 */
export function createUpgradeAction(options: {
  config: GoldenPathsConfig;
  templateRoot: string;
  catalog: CatalogService;
  permissions: PermissionsService;
  urlReader?: UrlReaderService;
}) {
  const { config, catalog, permissions, urlReader } = options;
  const versions = new TemplateVersions(options.templateRoot);
  return createTemplateAction({
    id: UPGRADE_ACTION_ID,
    description:
      "Upgrades a service to a newer version of its golden-path template by a three-way merge that keeps the team's edits: a branch with one commit (local) or the files for a pull request (github).",
    supportsDryRun: true,
    schema: {
      input: {
        entityRef: z =>
          z
            .string()
            .describe('The service, e.g. component:default/invoice-api'),
        toVersion: z =>
          z.string().optional().describe('Default: the newest version'),
        answers: z =>
          z
            .record(z.unknown())
            .optional()
            .describe('Answers to questions the newer version added'),
      },
      output: {
        publisher: z => z.enum(['local', 'github']),
        githubRepoUrl: z =>
          z
            .string()
            .optional()
            .describe('github: repoUrl for publish:github:pull-request'),
        sourcePath: z =>
          z
            .string()
            .optional()
            .describe('github: the upgraded repository in the workspace'),
        fromVersion: z => z.string(),
        toVersion: z => z.string(),
        branch: z => z.string(),
        commitHash: z => z.string().optional(),
        repoUrl: z => z.string().optional(),
        conflicts: z => z.array(z.string()),
        changes: z =>
          z.array(z.object({ path: z.string(), change: z.string() })),
        title: z => z.string(),
        description: z => z.string(),
      },
    },
    async handler(ctx) {
      let entityRef: string;
      try {
        entityRef = stringifyEntityRef(
          parseEntityRef(ctx.input.entityRef, { defaultKind: 'component' }),
        );
      } catch (e) {
        throw new InputError(`entityRef: ${(e as Error).message}`);
      }
      const credentials = await ctx.getInitiatorCredentials();
      // Asked before the entity is read, so a refusal says nothing about whether it exists.
      const [decision] = await permissions.authorize(
        [{ permission: goldenPathUpgradePermission, resourceRef: entityRef }],
        { credentials },
      );
      if (decision.result !== AuthorizeResult.ALLOW) {
        throw new NotAllowedError(
          `golden-paths.upgrade: only members of the owning group of ${entityRef} and admins may upgrade it`,
        );
      }
      const entity = await catalog.getEntityByRef(entityRef, { credentials });
      if (!entity) {
        throw new NotFoundError(`No entity ${entityRef} in the catalog`);
      }

      const local = config.publisher === 'local';
      let repoDir = '';
      let remoteUrl = '';
      let files: FileSet;
      let main;
      if (local) {
        repoDir = localRepositoryOf(entity, config.repositoryRoot, entityRef);
        main = await readBranch(repoDir);
        files = main.files;
      } else {
        if (!urlReader)
          throw new Error('no URL reader for the github publisher');
        const remote = await readRemoteRepository(entity, urlReader, entityRef);
        remoteUrl = remote.url;
        files = remote.files;
      }
      const plan = await planUpgrade(versions, files, {
        toVersion: ctx.input.toVersion,
        answers: ctx.input.answers,
      });
      const branch = `golden-path/${templateNameOf(plan.record.template)}-${
        plan.target.version
      }`;
      const title = `Golden path: ${templateNameOf(plan.record.template)} ${
        plan.record.version
      } → ${plan.target.version}${
        plan.conflicts.length ? ` (${plan.conflicts.length} conflicts)` : ''
      }`;
      const description = summary(plan);
      ctx.output('publisher', config.publisher);
      ctx.output('fromVersion', plan.record.version);
      ctx.output('toVersion', plan.target.version);
      ctx.output('branch', branch);
      ctx.output('conflicts', plan.conflicts);
      ctx.output('changes', plan.changes);
      ctx.output('title', title);
      ctx.output('description', description);
      ctx.logger.info(description);
      if (ctx.isDryRun) return;

      if (local) {
        const user = ctx.user?.entity;
        const commitHash = await commitToNewBranch(repoDir, {
          branch,
          base: main!,
          files: plan.files,
          message: `${title}\n\n${description}`,
          author: {
            name: user?.spec?.profile?.displayName ?? config.defaultAuthor.name,
            email: user?.spec?.profile?.email ?? config.defaultAuthor.email,
          },
        });
        ctx.output('commitHash', commitHash);
        ctx.output('repoUrl', pathToFileURL(repoDir).toString());
        ctx.logger.info(`Branch ${branch} of ${repoDir} at ${commitHash}`);
        return;
      }
      // GitHub: the whole upgraded repository goes to the workspace; the template's next step
      // (publish:github:pull-request, run only for github) pushes the branch and opens the PR.
      const sourcePath = 'upgrade';
      const target = path.join(ctx.workspacePath, sourcePath);
      for (const [file, content] of plan.files) {
        const out = path.join(target, file);
        fs.mkdirSync(path.dirname(out), { recursive: true });
        fs.writeFileSync(out, content);
      }
      ctx.output('sourcePath', sourcePath);
      ctx.output('githubRepoUrl', githubRepoUrlOf(remoteUrl));
    },
  });
}
