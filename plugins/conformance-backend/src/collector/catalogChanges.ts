import {
  CATALOG_FILTER_EXISTS,
  EntityFilterQuery,
} from '@backstage/catalog-client';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { ConformanceStore } from '../database/ConformanceStore';
import { AffectedEntities } from './AffectedEntities';
import {
  KUBERNETES_ID_ANNOTATION,
  KUBERNETES_LABEL_SELECTOR_ANNOTATION,
} from './ConformanceEvaluator';
import { JudgingQueue } from './JudgingQueue';

type Credentials = Parameters<CatalogService['getEntities']>[1]['credentials'];

/** Unjudged entities read with their fields at a time. */
const UNJUDGED_PAGE = 500;

const WORKLOAD_ENTITY_FILTER: EntityFilterQuery = [
  {
    [`metadata.annotations.${KUBERNETES_ID_ANNOTATION}`]: CATALOG_FILTER_EXISTS,
  },
  {
    [`metadata.annotations.${KUBERNETES_LABEL_SELECTOR_ANNOTATION}`]:
      CATALOG_FILTER_EXISTS,
  },
];

/**
 * Every catalog entity whose workloads the kubernetes plugin would show, page by page and only
 * the fields asked for: a pass over 10,000 entities holds one page at a time.
 */
export async function* streamWorkloadEntities(
  catalog: CatalogService,
  credentials: Credentials,
  fields: string[],
): AsyncIterable<Entity[]> {
  yield* catalog.streamEntities(
    {
      filter: WORKLOAD_ENTITY_FILTER,
      fields: ['kind', 'metadata.namespace', 'metadata.name', ...fields],
      pageSize: 500,
    },
    { credentials },
  );
}

/**
 * Compares the catalog with what each report was judged from: entities that are new or whose
 * etag changed (their annotations, owner, system...) are queued, reports of entities that are
 * gone are dropped. Reads refs, etags and uids of every workload entity and the annotations of
 * the new and re-stitched ones alone (how they select their workloads), never the reports: at
 * 5,000 unchanged entities the catalog serializes no annotation and nothing in memory moves.
 */
export async function detectCatalogChanges(deps: {
  catalog: CatalogService;
  credentials: Credentials;
  store: ConformanceStore;
  queue: JudgingQueue;
  affected: AffectedEntities;
}): Promise<{ entities: number; queued: number; removed: number }> {
  const tracked = new Map(
    (await deps.store.listTracking()).map(t => [t.entityRef, t]),
  );
  const seen = new Set<string>();
  const changed: string[] = [];
  const unknown: string[] = [];
  for await (const page of streamWorkloadEntities(
    deps.catalog,
    deps.credentials,
    ['metadata.etag', 'metadata.uid'],
  )) {
    for (const entity of page) {
      const ref = stringifyEntityRef(entity);
      seen.add(ref);
      if (!deps.affected.holds(ref, entity.metadata.etag)) unknown.push(ref);
      const report = tracked.get(ref);
      // Another instance may have judged it since: the watches then look for its new workloads.
      if (report) deps.affected.setJudged(report);
      // A new entity already queued (by a page view) or being judged is not queued twice.
      if (
        !report
          ? !deps.queue.has(ref)
          : report.entityEtag !== entity.metadata.etag
      ) {
        changed.push(ref);
      }
    }
  }
  for (let i = 0; i < unknown.length; i += UNJUDGED_PAGE) {
    const { items } = await deps.catalog.getEntitiesByRefs(
      {
        entityRefs: unknown.slice(i, i + UNJUDGED_PAGE),
        fields: [
          'kind',
          'metadata.namespace',
          'metadata.name',
          'metadata.etag',
          'metadata.uid',
          'metadata.annotations',
        ],
      },
      { credentials: deps.credentials },
    );
    // One removed since the paged read is forgotten with the others below.
    for (const e of items) if (e) deps.affected.setEntity(e);
  }
  const gone = [...tracked.keys()].filter(ref => !seen.has(ref));
  for (const ref of gone) deps.affected.forgetJudged(ref);
  for (const ref of deps.affected.entityRefs()) {
    if (!seen.has(ref)) deps.affected.forgetEntity(ref);
  }
  deps.affected.markCompared();
  const removed = await deps.store.deleteReports(gone);
  return {
    entities: seen.size,
    queued: deps.queue.enqueue(changed),
    removed,
  };
}

/**
 * The safety net behind the watches and the catalog comparison: each step queues the reports
 * judged longest ago, sized so that every report is judged once per `period` when steps run
 * every `step`. The whole catalog is never judged back to back.
 */
export async function reconcileStalest(deps: {
  store: ConformanceStore;
  queue: JudgingQueue;
  reportCount: number;
  periodMs: number;
  stepMs: number;
}): Promise<number> {
  const batch = Math.ceil(
    (deps.reportCount * deps.stepMs) / Math.max(deps.periodMs, deps.stepMs),
  );
  if (batch === 0) return 0;
  return deps.queue.enqueue(await deps.store.listStalest(batch));
}

/**
 * Workload entities no report exists for yet (registered since the last comparison, or not
 * judged yet), with the fields a pending row of the catalog-wide page shows. Reads only; the
 * caller queues them. Every page view and scorecard pass asks, and once everything is judged
 * none is unjudged: after a comparison, the catalog is asked only for the uids of its workload
 * entities (a facet, answered from the catalog's search index without reading an entity), and
 * for the bodies of the unjudged ones; before the first comparison, for every workload entity's
 * ref.
 */
export async function listUnjudgedEntities(deps: {
  catalog: CatalogService;
  credentials: Credentials;
  store: ConformanceStore;
  affected: AffectedEntities;
}): Promise<Entity[]> {
  const known = new Set(await deps.store.listEntityRefs());
  const fields = [
    'kind',
    'metadata.namespace',
    'metadata.name',
    'metadata.title',
    'relations',
  ];
  const unjudged: Entity[] = [];
  let refs: string[];
  if (deps.affected.hasCompared) {
    refs = deps.affected.entityRefs().filter(ref => !known.has(ref));
    // An entity removed and registered again under the same ref has a new uid: listed once.
    const listed = new Set(refs);
    for (const entity of await readRegisteredSince(deps, fields)) {
      const ref = stringifyEntityRef(entity);
      if (!known.has(ref) && !listed.has(ref)) unjudged.push(entity);
    }
  } else {
    refs = [];
    for await (const page of streamWorkloadEntities(
      deps.catalog,
      deps.credentials,
      [],
    )) {
      for (const entity of page) {
        const ref = stringifyEntityRef(entity);
        if (!known.has(ref)) refs.push(ref);
      }
    }
  }
  for (let i = 0; i < refs.length; i += UNJUDGED_PAGE) {
    const { items } = await deps.catalog.getEntitiesByRefs(
      { entityRefs: refs.slice(i, i + UNJUDGED_PAGE), fields },
      { credentials: deps.credentials },
    );
    // An entity removed between the two reads is not listed.
    for (const e of items) if (e) unjudged.push(e);
  }
  return unjudged;
}

/** Uids in one catalog filter: about 6 kB of URL, well under Node's 16 kB header limit. */
const UID_FILTER_PAGE = 100;

/** Workload entities the last comparison did not see (by uid), with `fields`. */
async function readRegisteredSince(
  deps: {
    catalog: CatalogService;
    credentials: Credentials;
    affected: AffectedEntities;
  },
  fields: string[],
): Promise<Entity[]> {
  const { facets } = await deps.catalog.getEntityFacets(
    { facets: ['metadata.uid'], filter: WORKLOAD_ENTITY_FILTER },
    { credentials: deps.credentials },
  );
  const seen = deps.affected.entityUids();
  const uids = (facets['metadata.uid'] ?? [])
    .map(f => f.value)
    .filter(uid => !seen.has(uid));
  const out: Entity[] = [];
  for (let i = 0; i < uids.length; i += UID_FILTER_PAGE) {
    const { items } = await deps.catalog.getEntities(
      {
        filter: { 'metadata.uid': uids.slice(i, i + UID_FILTER_PAGE) },
        fields,
      },
      { credentials: deps.credentials },
    );
    out.push(...items);
  }
  return out;
}
