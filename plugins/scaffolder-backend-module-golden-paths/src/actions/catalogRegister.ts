import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import {
  isChildPath,
  resolveSafeChildPath,
} from '@backstage/backend-plugin-api';
import {
  ANNOTATION_LOCATION,
  Entity,
  getCompoundEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { ConflictError, InputError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { parseAllDocuments } from 'yaml';
import { GoldenPathsConfig } from '../config';

export const CATALOG_REGISTER_ACTION_ID = 'portal:catalog:register';

/** Where the descriptor lives: a file in a local repository, or a URL the catalog reads. */
type Target =
  | { kind: 'file'; file: string; relative: string; url: string }
  | { kind: 'url'; url: string; relative: string };

/**
 * Registers what `portal:publish` published and waits until its main entity is in the catalog.
 *
 * A `file:` URL (the local publisher) must point into a repository directly under
 * `goldenPaths.repositoryRoot`. The catalog API only accepts `url` locations, and allowing `file`
 * there would let any signed-in user make the catalog read any file on the server. Instead the
 * golden-paths entity provider registers every repository under the root (and nothing else) as a
 * file location; this action checks the file is there and waits for the catalog to show the
 * entity. An `https:` URL (the GitHub publisher) is registered as a `url` location.
 */
export function createCatalogRegisterAction(options: {
  config: GoldenPathsConfig;
  catalog: CatalogService;
}) {
  const { repositoryRoot } = options.config;

  function resolveTarget(input: {
    catalogInfoUrl?: string;
    repoPath?: string;
    catalogInfoPath?: string;
  }): Target {
    const { catalogInfoUrl, repoPath } = input;
    if (catalogInfoUrl && repoPath) {
      throw new InputError(
        'catalogInfoUrl: give catalogInfoUrl or repoPath, not both',
      );
    }
    if (repoPath !== undefined) {
      // The form before portal:publish: a repository folder and a path inside it.
      const relative = input.catalogInfoPath ?? 'catalog-info.yaml';
      if (
        !path.isAbsolute(repoPath) ||
        path.dirname(path.resolve(repoPath)) !== repositoryRoot
      ) {
        throw new InputError(
          `repoPath: ${repoPath} is not a repository directly under ${repositoryRoot}`,
        );
      }
      const file = path.resolve(repoPath, relative);
      if (!isChildPath(repoPath, file)) {
        throw new InputError(
          `catalogInfoPath: ${relative} leaves the repository`,
        );
      }
      return { kind: 'file', file, relative, url: pathToFileURL(file).href };
    }
    if (!catalogInfoUrl) {
      throw new InputError(
        'catalogInfoUrl: required (the catalogInfoUrl output of portal:publish)',
      );
    }
    let url: URL;
    try {
      url = new URL(catalogInfoUrl);
    } catch {
      throw new InputError(`catalogInfoUrl: ${catalogInfoUrl} is not a URL`);
    }
    if (url.protocol === 'file:') {
      const file = fileURLToPath(url);
      const [repo, ...rest] = path
        .relative(repositoryRoot, file)
        .split(path.sep);
      // Dot folders are the publisher's staging areas, never repositories.
      if (!rest.length || !repo || repo.startsWith('.')) {
        throw new InputError(
          `catalogInfoUrl: ${catalogInfoUrl} is not in a repository directly under ${repositoryRoot}`,
        );
      }
      return { kind: 'file', file, relative: rest.join('/'), url: url.href };
    }
    if (url.protocol === 'https:' || url.protocol === 'http:') {
      return {
        kind: 'url',
        url: url.href,
        // What was published is the workspace: the descriptor is read from there to validate it.
        relative: input.catalogInfoPath ?? 'catalog-info.yaml',
      };
    }
    throw new InputError(
      `catalogInfoUrl: ${catalogInfoUrl} is neither a file: nor an http(s): URL`,
    );
  }

  return createTemplateAction({
    id: CATALOG_REGISTER_ACTION_ID,
    description:
      'Registers the catalog-info.yaml that portal:publish published (a local repository or a URL) and waits until its entity is in the catalog.',
    supportsDryRun: true,
    schema: {
      input: {
        catalogInfoUrl: z =>
          z
            .string()
            .optional()
            .describe(
              'The catalogInfoUrl output of portal:publish: file: (local repository) or https: (GitHub)',
            ),
        repoPath: z =>
          z
            .string()
            .optional()
            .describe(
              'Instead of catalogInfoUrl: absolute path of a local repository (portal:publish:local output)',
            ),
        catalogInfoPath: z =>
          z
            .string()
            .optional()
            .describe(
              'With repoPath, or to validate a URL target: the descriptor in the repository (workspace); default catalog-info.yaml',
            ),
        timeoutSeconds: z =>
          z
            .number()
            .int()
            .min(1)
            .max(600)
            .optional()
            .describe('How long to wait for the entity; default 120'),
      },
      output: {
        entityRef: z => z.string(),
        catalogInfoUrl: z => z.string(),
      },
    },
    async handler(ctx) {
      const target = resolveTarget(ctx.input);
      // A dry run published nothing, and a URL target holds what the workspace holds: read the
      // workspace's descriptor then. A local repository is read where it was published.
      const readFrom =
        target.kind === 'file' && !ctx.isDryRun
          ? target.file
          : resolveSafeChildPath(ctx.workspacePath, target.relative);
      if (!fs.existsSync(readFrom)) {
        throw new InputError(`catalogInfoPath: ${readFrom} does not exist`);
      }
      const entities = parseEntities(
        fs.readFileSync(readFrom, 'utf8'),
        target.relative,
      );
      const entityRef = mainEntityRef(entities, target.relative);
      // The catalog's own validation, so an invalid descriptor fails here with the catalog's
      // message instead of never appearing (the catalog only logs a processing warning).
      for (const entity of entities) {
        // Validation accepts only url location refs; a file URL names the same file.
        const result = await options.catalog.validateEntity(
          entity,
          `url:${target.url}`,
          { credentials: await ctx.getInitiatorCredentials() },
        );
        if (!result.valid) {
          throw new InputError(
            `catalogInfoPath: ${entity.kind} ${entity.metadata.name} in ${
              target.relative
            } is invalid: ${result.errors.map(e => e.message).join('; ')}`,
          );
        }
      }
      ctx.output('entityRef', entityRef);
      ctx.output(
        'catalogInfoUrl',
        target.kind === 'file' ? `file:${target.file}` : target.url,
      );
      if (ctx.isDryRun) {
        ctx.logger.info(`Dry run: would register ${target.url} (${entityRef})`);
        return;
      }

      if (target.kind === 'url') {
        try {
          await options.catalog.addLocation(
            { type: 'url', target: target.url },
            { credentials: await ctx.getInitiatorCredentials() },
          );
          ctx.logger.info(`Registered ${target.url}`);
        } catch (e) {
          // A retried task registered it already; waiting for the entity is all that is left.
          if ((e as Error).name !== 'ConflictError') throw e;
          ctx.logger.info(`${target.url} was registered already`);
        }
      }
      const timeoutMs = (ctx.input.timeoutSeconds ?? 120) * 1000;
      const deadline = Date.now() + timeoutMs;
      ctx.logger.info(`Waiting for ${entityRef} to appear in the catalog`);
      const started = Date.now();
      for (;;) {
        const entity = await options.catalog.getEntityByRef(entityRef, {
          credentials: await ctx.getInitiatorCredentials(),
        });
        if (entity) {
          // An entity of that name registered from somewhere else first is not the new service:
          // later steps (the applier's namespace owner, the Kubernetes proxy reads it grants)
          // must never be handed to whoever took the name.
          const location = entity.metadata.annotations?.[ANNOTATION_LOCATION];
          const registeredFrom =
            target.kind === 'file'
              ? `file:${target.file}`
              : `url:${target.url}`;
          if (location !== undefined && location !== registeredFrom) {
            throw new ConflictError(
              `${entityRef} is already in the catalog from ${location}, not from ${registeredFrom}; give the new service another name`,
            );
          }
          break;
        }
        if (Date.now() > deadline || ctx.signal?.aborted) {
          const hint =
            target.kind === 'file'
              ? `is ${target.file} valid, and is the golden-paths catalog module installed?`
              : `can the catalog read ${target.url} (integrations)?`;
          throw new Error(
            `${entityRef} did not appear in the catalog within ${timeoutMs} ms; ${hint}`,
          );
        }
        await new Promise(r => setTimeout(r, 500));
      }
      ctx.logger.info(
        `${entityRef} is in the catalog after ${Date.now() - started} ms`,
      );
    },
  });
}

/** The entities of a catalog file; fails on YAML errors and on a file without entities. */
export function parseEntities(yamlText: string, where: string): Entity[] {
  const entities: Entity[] = [];
  for (const doc of parseAllDocuments(yamlText)) {
    if (doc.errors.length) {
      throw new InputError(
        `catalogInfoPath: ${where}: ${doc.errors[0].message}`,
      );
    }
    const value = doc.toJS();
    if (value?.kind && value?.metadata?.name) entities.push(value);
  }
  if (!entities.length) {
    throw new InputError(`catalogInfoPath: ${where} holds no entity`);
  }
  return entities;
}

/** The entity the template output links to: the first Component, else the first entity. */
export function mainEntityRef(entities: Entity[], where: string): string {
  const main = entities.find(e => e.kind === 'Component') ?? entities[0];
  if (!main) {
    throw new InputError(`catalogInfoPath: ${where} holds no entity`);
  }
  return stringifyEntityRef(getCompoundEntityRef(main)).toLocaleLowerCase(
    'en-US',
  );
}
