import { BackstageCredentials } from '@backstage/backend-plugin-api';
import {
  Entity,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { providedApiRefs } from '../checks/evaluateChecks';

// The catalog reads of a scorecard pass other than the judged entities themselves.

/** Entities per page of the etag read. */
const VERSIONS_PAGE = 1000;

/**
 * The etag of every entity of the judged kinds, and of every API and System (whose definitions
 * and domains the checks read), by ref, read without their bodies.
 */
export async function readVersions(
  catalog: CatalogService,
  judgedKinds: string[],
  credentials: BackstageCredentials,
): Promise<{ judged: Map<string, string>; shared: Map<string, string> }> {
  const kinds = judgedKinds.map(k => k.toLocaleLowerCase('en-US'));
  const judged = new Map<string, string>();
  const shared = new Map<string, string>();
  // In pages: the catalog reads each entity whole to pick the fields, and at 10,000 entities
  // one response held every row and every parsed body in memory at once, on both sides.
  for await (const page of catalog.streamEntities(
    {
      filter: { kind: [...judgedKinds, 'API', 'System'] },
      fields: ['kind', 'metadata.namespace', 'metadata.name', 'metadata.etag'],
      pageSize: VERSIONS_PAGE,
    },
    { credentials },
  )) {
    for (const e of page) {
      const ref = stringifyEntityRef(e);
      if (kinds.includes(e.kind.toLocaleLowerCase('en-US'))) {
        judged.set(ref, e.metadata.etag ?? '');
      } else {
        shared.set(ref, e.metadata.etag ?? '');
      }
    }
  }
  return { judged, shared };
}

/** The APIs the entities provide, with their definitions, by the refs the entities give. */
export async function readApis(
  catalog: CatalogService,
  entities: Entity[],
  credentials: BackstageCredentials,
): Promise<Map<string, Entity>> {
  const refs = [...new Set(entities.flatMap(providedApiRefs))];
  if (refs.length === 0) return new Map();
  const { items } = await catalog.getEntitiesByRefs(
    {
      entityRefs: refs,
      fields: [
        'kind',
        'metadata.name',
        'metadata.namespace',
        'spec.definition',
      ],
    },
    { credentials },
  );
  const out = new Map<string, Entity>();
  items.forEach((e, i) => e && out.set(refs[i], e));
  return out;
}

/** Each System's domain, as full refs. */
export async function readDomains(
  catalog: CatalogService,
  credentials: BackstageCredentials,
): Promise<Map<string, string>> {
  const { items } = await catalog.getEntities(
    {
      filter: { kind: 'System' },
      fields: ['kind', 'metadata.name', 'metadata.namespace', 'spec.domain'],
    },
    { credentials },
  );
  const out = new Map<string, string>();
  for (const s of items) {
    const domain = (s.spec as { domain?: unknown } | undefined)?.domain;
    if (typeof domain !== 'string') continue;
    out.set(
      stringifyEntityRef(s),
      stringifyEntityRef(
        parseEntityRef(domain, {
          defaultKind: 'domain',
          defaultNamespace: s.metadata.namespace,
        }),
      ),
    );
  }
  return out;
}
