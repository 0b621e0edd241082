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
 * gone are dropped. Reads only refs, etags and annotations, never the reports.
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
  for await (const page of streamWorkloadEntities(
    deps.catalog,
    deps.credentials,
    ['metadata.etag', 'metadata.annotations'],
  )) {
    for (const entity of page) {
      const ref = stringifyEntityRef(entity);
      seen.add(ref);
      deps.affected.setEntity(entity);
      const report = tracked.get(ref);
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
  const gone = [...tracked.keys()].filter(ref => !seen.has(ref));
  for (const ref of gone) {
    deps.affected.forgetJudged(ref);
    deps.affected.forgetEntity(ref);
  }
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
 * Workload entities no report exists for yet (registered since the last comparison), with the
 * fields a pending row of the catalog-wide page shows. Reads only; the caller queues them.
 * Every page view and scorecard pass asks, and once everything is judged none is unjudged: the
 * workload entities are read as refs (about a tenth of their size with relations at 10,000
 * entities), and only the unjudged ones with their title and relations.
 */
export async function listUnjudgedEntities(deps: {
  catalog: CatalogService;
  credentials: Credentials;
  store: ConformanceStore;
}): Promise<Entity[]> {
  const known = new Set(await deps.store.listEntityRefs());
  const refs: string[] = [];
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
  const unjudged: Entity[] = [];
  for (let i = 0; i < refs.length; i += UNJUDGED_PAGE) {
    const { items } = await deps.catalog.getEntitiesByRefs(
      {
        entityRefs: refs.slice(i, i + UNJUDGED_PAGE),
        fields: [
          'kind',
          'metadata.namespace',
          'metadata.name',
          'metadata.title',
          'relations',
        ],
      },
      { credentials: deps.credentials },
    );
    // An entity removed between the two reads is not listed.
    for (const e of items) if (e) unjudged.push(e);
  }
  return unjudged;
}
