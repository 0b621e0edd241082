import {
  AuthService,
  BackstageCredentials,
  LoggerService,
  UrlReaderService,
} from '@backstage/backend-plugin-api';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { CATALOG_FILTER_EXISTS } from '@backstage/catalog-client';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  GoldenPathDrift,
  SOURCE_TEMPLATE_ANNOTATION,
  TEMPLATE_VERSION_ANNOTATION,
} from '@internal/plugin-golden-paths-common';
import {
  FileSet,
  inspectDrift,
  localRepositoryOf,
  readBranch,
  readRemoteRepository,
  TemplateVersions,
} from '@internal/plugin-scaffolder-backend-module-golden-paths';
import { DriftStore } from '../database/DriftStore';

export interface DriftScannerOptions {
  catalog: CatalogService;
  auth: AuthService;
  store: DriftStore;
  versions: TemplateVersions;
  publisher: 'local' | 'github';
  repositoryRoot: string;
  urlReader: UrlReaderService;
  logger: LoggerService;
  now?: () => Date;
}

/**
 * Compares every service created from a golden path (catalog entities with
 * `backstage.io/source-template`) with the render of its recorded template version.
 */
export class DriftScanner {
  constructor(private readonly options: DriftScannerOptions) {}

  /** The files of the service's default branch, from disk (local) or the URL reader (github). */
  private async repositoryFiles(entity: Entity): Promise<FileSet> {
    const ref = stringifyEntityRef(entity);
    if (this.options.publisher === 'local') {
      const dir = localRepositoryOf(entity, this.options.repositoryRoot, ref);
      return (await readBranch(dir)).files;
    }
    return (await readRemoteRepository(entity, this.options.urlReader, ref))
      .files;
  }

  async scanEntity(entity: Entity): Promise<GoldenPathDrift> {
    const entityRef = stringifyEntityRef(entity);
    const annotations = entity.metadata.annotations ?? {};
    const facts = {
      entityRef,
      ...(entity.metadata.title && { title: entity.metadata.title }),
      ...(typeof entity.spec?.owner === 'string' && {
        owner: entity.spec.owner,
      }),
      scannedAt: (this.options.now?.() ?? new Date()).toISOString(),
    };
    try {
      const files = await this.repositoryFiles(entity);
      return {
        ...facts,
        ...(await inspectDrift(this.options.versions, files)),
      };
    } catch (e) {
      // One unreadable repository or dropped version must not stop the scan of the others.
      const template = annotations[SOURCE_TEMPLATE_ANNOTATION];
      const recorded = annotations[TEMPLATE_VERSION_ANNOTATION] ?? 'unknown';
      return {
        ...facts,
        template,
        recordedVersion: recorded,
        latestVersion: recorded,
        behind: 0,
        changed: [],
        missing: [],
        error: (e as Error).message,
      };
    }
  }

  async scanAll(
    credentials?: BackstageCredentials,
  ): Promise<GoldenPathDrift[]> {
    const { items } = await this.options.catalog.getEntities(
      {
        filter: {
          [`metadata.annotations.${SOURCE_TEMPLATE_ANNOTATION}`]:
            CATALOG_FILTER_EXISTS,
        },
      },
      {
        credentials:
          credentials ?? (await this.options.auth.getOwnServiceCredentials()),
      },
    );
    const results: GoldenPathDrift[] = [];
    for (const entity of items) {
      results.push(await this.scanEntity(entity));
    }
    await this.options.store.replaceAll(results);
    const failed = results.filter(r => r.error).length;
    this.options.logger.info(
      `Golden paths: ${
        results.length
      } services compared with their template versions, ${
        results.filter(r => r.behind > 0).length
      } behind, ${failed} unreadable`,
    );
    return results;
  }
}
