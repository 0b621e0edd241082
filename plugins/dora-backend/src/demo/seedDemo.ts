import {
  BackstageCredentials,
  LoggerService,
} from '@backstage/backend-plugin-api';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  DAY_MS,
  HistoryProfile,
  generateHistory,
} from '@internal/plugin-dora-common';
import { DoraStore } from '../database/DoraStore';
import { ingestEvents } from '../service/ingestEvents';
import { portalReleaseEvents } from './portalRelease';

/** The demo services of the portal's catalog and the tier each one is generated for. */
export const DEMO_SERVICES: ReadonlyArray<{
  entityRef: string;
  profile: HistoryProfile;
}> = [
  { entityRef: 'component:default/payment-service', profile: 'elite' },
  { entityRef: 'component:default/order-service', profile: 'high' },
  { entityRef: 'component:default/user-service', profile: 'high' },
  { entityRef: 'component:default/inventory-service', profile: 'low' },
  { entityRef: 'component:default/notification-service', profile: 'medium' },
  { entityRef: 'component:default/api-gateway', profile: 'high' },
  { entityRef: 'component:default/web-storefront', profile: 'medium' },
  // The portal's own entry (catalog-info.yaml): it ships the way its golden paths ask others to.
  { entityRef: 'component:default/portal', profile: 'elite' },
];

export const DEMO_DAYS = 180;
const BATCH_SIZE = 500;

export interface SeedDemoOptions {
  store: DoraStore;
  catalog: CatalogService;
  logger: LoggerService;
  getCredentials: () => Promise<BackstageCredentials>;
  /** How long to wait for the catalog to have the demo components; default 60 s. */
  catalogTimeoutMs?: number;
  pollIntervalMs?: number;
  /** End of the generated history; default the start of the current UTC day. */
  now?: number;
}

/** How many of the newest deployments are looked at for one not observed on a cluster. */
const OBSERVED_SCAN = 1000;

/**
 * Whether the store holds deployments other than the rollouts the plugin's own Kubernetes source
 * observed. Those arrive within seconds of a start on the demo cluster, often before the catalog
 * has the demo components the seed waits for, and must not stop the seed.
 */
async function holdsIngestedDeployments(store: DoraStore): Promise<boolean> {
  if (!(await store.hasDeployments())) return false;
  const newest = await store.listDeployments({ limit: OBSERVED_SCAN });
  return (
    newest.length === OBSERVED_SCAN ||
    newest.some(d => d.source !== 'kubernetes')
  );
}

/**
 * Seeds DEMO_DAYS of generated history for DEMO_SERVICES when the store holds no deployments but
 * the cluster rollouts the plugin observed itself, through the same ingestion path as
 * `POST /events`, in batches. Returns the number of deployments stored (0 when skipped).
 */
export async function seedDemo(options: SeedDemoOptions): Promise<number> {
  const { store, catalog, logger } = options;
  if (await holdsIngestedDeployments(store)) {
    logger.info('DORA demo: store already has deployments, not seeding');
    return 0;
  }
  const refs = DEMO_SERVICES.map(s => s.entityRef);
  const deadline = Date.now() + (options.catalogTimeoutMs ?? 60_000);
  for (;;) {
    const { items } = await catalog.getEntitiesByRefs(
      { entityRefs: refs, fields: ['metadata.name'] },
      { credentials: await options.getCredentials() },
    );
    const missing = refs.filter((_, i) => !items[i]);
    if (missing.length === 0) break;
    if (Date.now() >= deadline) {
      logger.warn(
        `DORA demo: catalog still lacks ${missing.join(', ')}; seeding anyway`,
      );
      break;
    }
    await new Promise(r => setTimeout(r, options.pollIntervalMs ?? 2_000));
  }
  // Another replica (or an earlier start) may have seeded while we waited.
  if (await holdsIngestedDeployments(store)) {
    return 0;
  }
  const now = options.now ?? Date.now();
  // One service at a time (each has its own random stream, so the history is the same as
  // generated all at once): at most one service's history is held, in batches of BATCH_SIZE.
  let stored = 0;
  let changes = 0;
  let incidents = 0;
  for (const service of DEMO_SERVICES) {
    const history = generateHistory({
      seed: 2025,
      days: DEMO_DAYS,
      services: [service],
      end: Math.floor(now / DAY_MS) * DAY_MS,
    });
    changes += history.changes.length;
    incidents += history.incidents.length;
    const batches = Math.ceil(
      Math.max(
        history.deployments.length,
        history.changes.length,
        history.incidents.length,
      ) / BATCH_SIZE,
    );
    for (let b = 0; b < batches; b++) {
      const slice = <T>(items: T[]) =>
        items.slice(b * BATCH_SIZE, (b + 1) * BATCH_SIZE);
      const result = await ingestEvents(
        {
          deployments: slice(history.deployments),
          changes: slice(history.changes),
          incidents: slice(history.incidents),
        },
        { store, catalog, credentials: await options.getCredentials() },
      );
      stored += result.inserted.deployments;
    }
  }
  // The release of the portal the demo cluster runs, as its CI posts it.
  stored += (
    await ingestEvents(portalReleaseEvents(now), {
      store,
      catalog,
      credentials: await options.getCredentials(),
    })
  ).inserted.deployments;
  logger.info(
    `DORA demo: seeded ${stored} deployments, ${changes} changes and ${incidents} incidents over ${DEMO_DAYS} days`,
  );
  return stored;
}
