import fs from 'node:fs/promises';
import path from 'node:path';
import {
  AuthService,
  LoggerService,
  UrlReaderService,
} from '@backstage/backend-plugin-api';
import { CATALOG_FILTER_EXISTS } from '@backstage/catalog-client';
import {
  ANNOTATION_LOCATION,
  ANNOTATION_ORIGIN_LOCATION,
  Entity,
  parseEntityRef,
  parseLocationRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  ParseSloSpecsOptions,
  Slo,
  SloSpecFile,
  readSloSpecFiles,
} from '@internal/plugin-slo-common';

/**
 * Path of the entity's SLO spec file, relative to the catalog file that defines the entity.
 * Several files may be listed, comma-separated (OpenSLO `indicatorRef`s resolve across them).
 */
export const SLO_SPEC_ANNOTATION = 'portal.io/slo-spec';

/** A spec file, document or SLO that could not be read; the entity's other SLOs still load. */
export interface SpecError {
  /** The path as written in the annotation. */
  file: string;
  /** 1-based document number in multi-document files. */
  document?: number;
  /** Path of the offending field, e.g. `slos[1].sli.events.error_query`. */
  field?: string;
  /** Name of the SLO that was skipped, when the problem is inside one. */
  slo?: string;
  message: string;
}

/** One annotated entity and what its spec files yielded. */
export interface EntitySlos {
  entityRef: string;
  /** Entity ref of `spec.owner`, e.g. group:default/payments. */
  owner?: string;
  /** Entity ref of `spec.system`, e.g. system:default/payment-platform. */
  system?: string;
  slos: Slo[];
  errors: SpecError[];
}

/** Reads the SLO specs of every catalog entity with {@link SLO_SPEC_ANNOTATION}. */
export class SloSpecProvider {
  constructor(
    private readonly deps: {
      catalog: CatalogService;
      auth: AuthService;
      urlReader: UrlReaderService;
      logger: LoggerService;
      /** Passed to the spec parsers, e.g. the label that scopes latency histograms. */
      parseOptions?: ParseSloSpecsOptions;
    },
  ) {}

  /** Every annotated entity, sorted by entity ref. One broken entity never hides the others. */
  async readAll(): Promise<EntitySlos[]> {
    const { items } = await this.deps.catalog.getEntities(
      {
        filter: {
          [`metadata.annotations.${SLO_SPEC_ANNOTATION}`]:
            CATALOG_FILTER_EXISTS,
        },
      },
      { credentials: await this.deps.auth.getOwnServiceCredentials() },
    );
    const result = await Promise.all(items.map(e => this.readEntity(e)));
    result.sort((a, b) => a.entityRef.localeCompare(b.entityRef));
    return dedupeIds(result);
  }

  async readEntity(entity: Entity): Promise<EntitySlos> {
    const entityRef = stringifyEntityRef(entity);
    const base: EntitySlos = {
      entityRef,
      ...relationRef(entity.spec?.owner, 'group', entity, 'owner'),
      ...relationRef(entity.spec?.system, 'system', entity, 'system'),
      slos: [],
      errors: [],
    };
    const annotation = entity.metadata.annotations?.[SLO_SPEC_ANNOTATION] ?? '';
    const paths = annotation
      .split(',')
      .map(p => p.trim())
      .filter(Boolean);
    if (paths.length === 0) {
      base.errors.push({
        file: annotation,
        message: `${SLO_SPEC_ANNOTATION}: must name at least one spec file`,
      });
      return base;
    }

    const files: SloSpecFile[] = [];
    for (const file of paths) {
      try {
        files.push({ file, content: await this.readSpec(entity, file) });
      } catch (e) {
        base.errors.push({ file, message: (e as Error).message });
      }
    }
    if (files.length === 0) return base;
    // Parsed per document and per SLO: a typo in one SLO costs that SLO only.
    const { slos, problems } = readSloSpecFiles(files, this.deps.parseOptions);
    base.slos = slos;
    base.errors.push(...problems);
    return base;
  }

  private async readSpec(entity: Entity, file: string): Promise<string> {
    const annotations = entity.metadata.annotations ?? {};
    // The entity's own catalog file first: the annotation is relative to it.
    const locationRef =
      annotations[ANNOTATION_LOCATION] ??
      annotations[ANNOTATION_ORIGIN_LOCATION];
    if (!locationRef) {
      throw new Error(
        `${file}: entity has no ${ANNOTATION_LOCATION} annotation to resolve the path against`,
      );
    }
    const location = parseLocationRef(locationRef);
    if (location.type === 'file') {
      // Only for catalog files on this machine, i.e. locations the portal's own config
      // registered (dev and demo); the resolved path stays next to them on disk.
      const target = path.resolve(path.dirname(location.target), file);
      try {
        return await fs.readFile(target, 'utf8');
      } catch (e) {
        throw new Error(
          `${file}: cannot read ${target}: ${(e as Error).message}`,
        );
      }
    }
    if (location.type === 'url') {
      const target = new URL(file, location.target).toString();
      try {
        const response = await this.deps.urlReader.readUrl(target);
        return (await response.buffer()).toString('utf8');
      } catch (e) {
        throw new Error(
          `${file}: cannot read ${target}: ${(e as Error).message}`,
        );
      }
    }
    throw new Error(
      `${file}: cannot resolve against a "${location.type}" location (${locationRef}); expected file: or url:`,
    );
  }
}

function relationRef(
  value: unknown,
  defaultKind: string,
  entity: Entity,
  key: 'owner' | 'system',
): Partial<EntitySlos> {
  if (typeof value !== 'string' || !value) return {};
  try {
    return {
      [key]: stringifyEntityRef(
        parseEntityRef(value, {
          defaultKind,
          defaultNamespace: entity.metadata.namespace ?? 'default',
        }),
      ),
    };
  } catch {
    return {};
  }
}

/** SLO ids are global: a later entity reusing an id loses that SLO and gets an error. */
function dedupeIds(entities: EntitySlos[]): EntitySlos[] {
  const owners = new Map<string, string>();
  return entities.map(e => {
    const slos: Slo[] = [];
    const errors = [...e.errors];
    for (const slo of e.slos) {
      const other = owners.get(slo.id);
      if (other && other !== e.entityRef) {
        errors.push({
          file: slo.source.file,
          message: `${slo.source.file}: duplicate SLO id "${slo.id}", already defined by ${other}`,
        });
        continue;
      }
      owners.set(slo.id, e.entityRef);
      slos.push(slo);
    }
    return { ...e, slos, errors };
  });
}
