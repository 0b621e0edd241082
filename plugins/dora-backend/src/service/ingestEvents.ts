import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { InputError } from '@backstage/errors';
import { resolveBatch, validateBatch } from '@internal/plugin-dora-common';
import { DoraStore, IngestResult } from '../database/DoraStore';
import { IngestAuthorizer } from './authorizeIngest';

export const KUBERNETES_ID_ANNOTATION = 'backstage.io/kubernetes-id';

/**
 * Ids per catalog read, so a filter's query string stays well under the 16 kB of headers Node
 * accepts: about 70 bytes per id, 7 kB per read.
 */
const CLAIM_CHUNK = 100;

/**
 * Id prefixes of the plugin's own sources (webhook, CDEvents route, cluster observer). A batch
 * posted to `POST /events` may not use them: it could otherwise take a source's id first.
 */
export const SOURCE_ID_PREFIXES = ['github:', 'cdevents:', 'kubernetes:'];

/**
 * The one ingestion path, shared by `POST /events` and the demo seeding: validate the whole
 * batch (dora-common; the first problem is an InputError naming its field), resolve
 * `kubernetesId`s through the catalog with the caller's credentials, check the caller may post
 * for every entity (all or nothing), then store everything in one transaction.
 */
export async function ingestEvents(
  raw: unknown,
  deps: {
    store: DoraStore;
    catalog: CatalogService;
    credentials: BackstageCredentials;
    /** The caller's rights per entity; absent for the plugin's own sources. */
    authorize?: IngestAuthorizer;
    /** Id prefixes the caller may not use (another source's namespace). */
    reservedIdPrefixes?: string[];
  },
): Promise<IngestResult> {
  const batch = validateBatch(raw);
  for (const list of ['deployments', 'incidents'] as const) {
    batch[list].forEach(({ id }, i) => {
      const prefix = deps.reservedIdPrefixes?.find(p => id.startsWith(p));
      if (prefix !== undefined) {
        throw new InputError(
          `${list}[${i}].id: ids starting with ${prefix} are kept for the plugin's own ${prefix.slice(
            0,
            -1,
          )} source`,
        );
      }
    });
  }
  const ids = new Set<string>();
  for (const item of [
    ...batch.deployments,
    ...batch.changes,
    ...batch.incidents,
  ]) {
    if (item.kubernetesId !== undefined && item.entityRef === undefined) {
      ids.add(item.kubernetesId);
    }
  }
  const refByKubernetesId = new Map<string, string>();
  if (ids.size > 0) {
    // A read per CLAIM_CHUNK ids: the filter goes in the query string, and 500 ids in one
    // request make a URL the catalog refuses (431).
    const all = [...ids];
    const items = [];
    for (let i = 0; i < all.length; i += CLAIM_CHUNK) {
      const page = await deps.catalog.getEntities(
        {
          filter: {
            [`metadata.annotations.${KUBERNETES_ID_ANNOTATION}`]: all.slice(
              i,
              i + CLAIM_CHUNK,
            ),
          },
          fields: [
            'kind',
            'metadata.namespace',
            'metadata.name',
            'metadata.annotations',
          ],
        },
        { credentials: deps.credentials },
      );
      items.push(...page.items);
    }
    // Deterministic when several entities share an id: the smallest ref wins.
    const entities = items
      .map(e => ({
        ref: stringifyEntityRef(e),
        id: e.metadata.annotations?.[KUBERNETES_ID_ANNOTATION],
      }))
      .sort((a, b) => (a.ref < b.ref ? -1 : Number(a.ref > b.ref)));
    for (const { ref, id } of entities) {
      if (id !== undefined && !refByKubernetesId.has(id)) {
        refByKubernetesId.set(id, ref);
      }
    }
  }
  const resolved = resolveBatch(batch, id => refByKubernetesId.get(id));
  // After resolution, so a kubernetesId cannot hide whose entity a record is for.
  await deps.authorize?.(resolved, deps.credentials);
  return deps.store.ingest(resolved);
}

/** Which of these kubernetes-ids some catalog entity claims, in one catalog read per 100 ids. */
export async function claimedKubernetesIds(
  ids: string[],
  deps: { catalog: CatalogService; credentials: BackstageCredentials },
): Promise<Set<string>> {
  const claimed = new Set<string>();
  for (let i = 0; i < ids.length; i += CLAIM_CHUNK) {
    const { items } = await deps.catalog.getEntities(
      {
        filter: {
          [`metadata.annotations.${KUBERNETES_ID_ANNOTATION}`]: ids.slice(
            i,
            i + CLAIM_CHUNK,
          ),
        },
        fields: ['metadata.annotations'],
      },
      { credentials: deps.credentials },
    );
    for (const e of items) {
      const id = e.metadata.annotations?.[KUBERNETES_ID_ANNOTATION];
      if (id) claimed.add(id);
    }
  }
  return claimed;
}
