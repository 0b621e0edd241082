import { createApiRef } from '@backstage/frontend-plugin-api';
import type {
  CheckDescriptor,
  EntityConformance,
  EntitySummary,
  Severity,
} from '@internal/plugin-conformance-common';

export type { EntitySummary };

/** @public */
export interface EntitySummaryFilter {
  owner?: string;
  system?: string;
  severity?: Severity;
}

/**
 * Client of the conformance backend.
 *
 * @public
 */
export interface ConformanceApi {
  getChecks(): Promise<CheckDescriptor[]>;
  /** Lowest score first. */
  listEntities(filter?: EntitySummaryFilter): Promise<EntitySummary[]>;
  /** Rejects with a NotFoundError when the entity has not been evaluated yet. */
  getEntity(entityRef: string): Promise<EntityConformance>;
  /** Re-reads the entity's workloads now and returns the new report. */
  refresh(entityRef: string): Promise<EntityConformance>;
}

/** @public */
export const conformanceApiRef = createApiRef<ConformanceApi>().with({
  id: 'plugin.conformance.api',
  pluginId: 'conformance',
});
