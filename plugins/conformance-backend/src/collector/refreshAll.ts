import { LoggerService } from '@backstage/backend-plugin-api';
import { CATALOG_FILTER_EXISTS } from '@backstage/catalog-client';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { ConformanceStore } from '../database/ConformanceStore';
import {
  ConformanceEvaluator,
  KUBERNETES_ID_ANNOTATION,
  KUBERNETES_LABEL_SELECTOR_ANNOTATION,
} from './ConformanceEvaluator';

type Credentials = Parameters<CatalogService['getEntities']>[1]['credentials'];

/** Every catalog entity whose workloads the kubernetes plugin would show. */
export async function listWorkloadEntities(
  catalog: CatalogService,
  credentials: Credentials,
): Promise<Entity[]> {
  const { items } = await catalog.getEntities(
    {
      filter: [
        {
          [`metadata.annotations.${KUBERNETES_ID_ANNOTATION}`]:
            CATALOG_FILTER_EXISTS,
        },
        {
          [`metadata.annotations.${KUBERNETES_LABEL_SELECTOR_ANNOTATION}`]:
            CATALOG_FILTER_EXISTS,
        },
      ],
    },
    { credentials },
  );
  return items;
}

/**
 * One scheduled pass: every entity with Kubernetes workloads is judged again, and reports of
 * entities that are gone are dropped. One failing entity never stops the others.
 */
export async function refreshAll(deps: {
  catalog: CatalogService;
  credentials: Credentials;
  evaluator: ConformanceEvaluator;
  store: ConformanceStore;
  logger: LoggerService;
}): Promise<{ evaluated: number; failed: number; removed: number }> {
  const items = await listWorkloadEntities(deps.catalog, deps.credentials);
  let failed = 0;
  for (const entity of items) {
    try {
      await deps.store.upsertReport(await deps.evaluator.evaluate(entity));
    } catch (e) {
      failed++;
      deps.logger.warn(
        `Conformance of ${stringifyEntityRef(entity)} not refreshed: ${
          (e as Error).message
        }`,
      );
    }
  }
  const removed = await deps.store.deleteReportsExcept(
    items.map(e => stringifyEntityRef(e)),
  );
  return { evaluated: items.length - failed, failed, removed };
}
