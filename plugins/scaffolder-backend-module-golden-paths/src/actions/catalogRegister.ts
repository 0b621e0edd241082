import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { isChildPath } from '@backstage/backend-plugin-api';
import {
  Entity,
  getCompoundEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { parseAllDocuments } from 'yaml';
import { GoldenPathsConfig } from '../config';

export const CATALOG_REGISTER_ACTION_ID = 'portal:catalog:register';

/**
 * Registers a published repository's catalog-info.yaml as a `file` location and waits until its
 * main entity is in the catalog.
 *
 * The catalog API only accepts `url` locations, and allowing `file` there would let any signed-in
 * user make the catalog read any file on the server. Instead the golden-paths entity provider
 * registers every repository under `goldenPaths.repositoryRoot` (and nothing else) as a file
 * location; this action checks the file is there and waits for the catalog to show the entity.
 */
export function createCatalogRegisterAction(options: {
  config: GoldenPathsConfig;
  catalog: CatalogService;
}) {
  const { repositoryRoot } = options.config;
  return createTemplateAction({
    id: CATALOG_REGISTER_ACTION_ID,
    description:
      'Registers the catalog-info.yaml of a repository published by portal:publish:local and waits until its entity is in the catalog.',
    supportsDryRun: true,
    schema: {
      input: {
        repoPath: z =>
          z
            .string()
            .describe(
              'Absolute path of the repository (portal:publish:local output)',
            ),
        catalogInfoPath: z =>
          z
            .string()
            .optional()
            .describe('Path inside the repository; default catalog-info.yaml'),
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
      const { repoPath } = ctx.input;
      const relative = ctx.input.catalogInfoPath ?? 'catalog-info.yaml';
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
      // A dry run published nothing: read the descriptor from the workspace instead.
      const readFrom = ctx.isDryRun
        ? path.resolve(ctx.workspacePath, relative)
        : file;
      if (!fs.existsSync(readFrom)) {
        throw new InputError(`catalogInfoPath: ${readFrom} does not exist`);
      }
      const entities = parseEntities(
        fs.readFileSync(readFrom, 'utf8'),
        relative,
      );
      const entityRef = mainEntityRef(entities, relative);
      // The catalog's own validation, so an invalid descriptor fails here with the catalog's
      // message instead of never appearing (the catalog only logs a processing warning).
      for (const entity of entities) {
        // Validation accepts only url location refs; a file URL names the same file.
        const result = await options.catalog.validateEntity(
          entity,
          `url:${pathToFileURL(file).href}`,
          { credentials: await ctx.getInitiatorCredentials() },
        );
        if (!result.valid) {
          throw new InputError(
            `catalogInfoPath: ${entity.kind} ${
              entity.metadata.name
            } in ${relative} is invalid: ${result.errors
              .map(e => e.message)
              .join('; ')}`,
          );
        }
      }
      ctx.output('entityRef', entityRef);
      ctx.output('catalogInfoUrl', `file:${file}`);
      if (ctx.isDryRun) {
        ctx.logger.info(`Dry run: would register ${file} (${entityRef})`);
        return;
      }

      const timeoutMs = (ctx.input.timeoutSeconds ?? 120) * 1000;
      const deadline = Date.now() + timeoutMs;
      ctx.logger.info(`Waiting for ${entityRef} to appear in the catalog`);
      const started = Date.now();
      for (;;) {
        const entity = await options.catalog.getEntityByRef(entityRef, {
          credentials: await ctx.getInitiatorCredentials(),
        });
        if (entity) break;
        if (Date.now() > deadline || ctx.signal?.aborted) {
          throw new Error(
            `${entityRef} did not appear in the catalog within ${timeoutMs} ms; is ${file} valid, and is the golden-paths catalog module installed?`,
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
