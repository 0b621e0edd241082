import { constants as fsConstants } from 'node:fs';
import fs from 'node:fs/promises';
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
import { isInside, resolveSpecTarget } from './resolveSpecTarget';
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

/** Spec files are small; this bounds what one annotation can make the backend read. */
export const MAX_SPEC_BYTES = 256 * 1024;

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
  /** What each entity's spec files gave, before ids are deduplicated across entities. */
  private readonly cache = new Map<
    string,
    { etag?: string; readAt: number; slos: EntitySlos }
  >();

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

  /**
   * Like {@link SloSpecProvider.readAll}, for the scheduled refresh: a field-filtered, paged read
   * of the annotated entities, and spec files read again only for entities that are new, whose
   * etag changed (annotation, location, owner, system) or whose files were read more than
   * `maxAgeMs` ago (a spec file edited without its catalog file). Returns how many were read.
   */
  async readChanged(
    maxAgeMs: number,
    now = Date.now(),
  ): Promise<{ entities: EntitySlos[]; reread: number }> {
    const seen = new Set<string>();
    const result: EntitySlos[] = [];
    let reread = 0;
    const pages = this.deps.catalog.streamEntities(
      {
        filter: {
          [`metadata.annotations.${SLO_SPEC_ANNOTATION}`]:
            CATALOG_FILTER_EXISTS,
        },
        fields: [
          'kind',
          'metadata.namespace',
          'metadata.name',
          'metadata.etag',
          'metadata.annotations',
          'spec.owner',
          'spec.system',
        ],
        pageSize: 500,
      },
      { credentials: await this.deps.auth.getOwnServiceCredentials() },
    );
    for await (const page of pages) {
      const read = await Promise.all(
        page.map(async entity => {
          const entityRef = stringifyEntityRef(entity);
          seen.add(entityRef);
          const cached = this.cache.get(entityRef);
          if (
            cached &&
            cached.etag === entity.metadata.etag &&
            now - cached.readAt < maxAgeMs
          ) {
            return { slos: cached.slos, read: false };
          }
          const slos = await this.readEntity(entity);
          this.cache.set(entityRef, {
            etag: entity.metadata.etag,
            readAt: now,
            slos,
          });
          return { slos, read: true };
        }),
      );
      result.push(...read.map(r => r.slos));
      reread += read.filter(r => r.read).length;
    }
    for (const entityRef of this.cache.keys()) {
      if (!seen.has(entityRef)) this.cache.delete(entityRef);
    }
    result.sort((a, b) => a.entityRef.localeCompare(b.entityRef));
    return { entities: dedupeIds(result), reread };
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
    const originRef = annotations[ANNOTATION_ORIGIN_LOCATION];
    const target = resolveSpecTarget(
      file,
      parseLocationRef(locationRef),
      originRef ? parseLocationRef(originRef) : undefined,
    );
    const content =
      target.type === 'file'
        ? await readContainedFile(file, target.path, target.root)
        : await this.readUrl(file, target.url);
    if (content.length > MAX_SPEC_BYTES) {
      throw new Error(`${file}: is larger than ${MAX_SPEC_BYTES / 1024} KiB`);
    }
    return content.toString('utf8');
  }

  private async readUrl(file: string, url: string): Promise<Buffer> {
    try {
      const response = await this.deps.urlReader.readUrl(url);
      return await response.buffer();
    } catch (e) {
      // The reader's message may carry the full URL, which the annotation may not show.
      throw new Error(`${file}: cannot read the file (${(e as Error).name})`);
    }
  }
}

/**
 * Reads a regular file whose real path (symlinks resolved) is inside `root`, at most
 * {@link MAX_SPEC_BYTES} + 1 bytes. Errors name the path as written, not where it points.
 */
async function readContainedFile(
  file: string,
  target: string,
  root: string,
): Promise<Buffer> {
  try {
    const real = await fs.realpath(target);
    if (!isInside(await fs.realpath(root), real)) {
      throw new Error(
        `${file}: must stay inside the folder of the entity's catalog location`,
      );
    }
    // stat first: opening a FIFO would wait for a writer.
    if (!(await fs.stat(real)).isFile()) {
      throw new Error(`${file}: must be a regular file`);
    }
    const handle = await fs.open(
      real,
      fsConstants.O_RDONLY | fsConstants.O_NONBLOCK,
    );
    try {
      const buffer = Buffer.alloc(MAX_SPEC_BYTES + 1);
      const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
      return buffer.subarray(0, bytesRead);
    } finally {
      await handle.close();
    }
  } catch (e) {
    // System errors carry the resolved path in their message: only their code is shown.
    const code = (e as NodeJS.ErrnoException).code;
    throw code ? new Error(`${file}: cannot read the file (${code})`) : e;
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
