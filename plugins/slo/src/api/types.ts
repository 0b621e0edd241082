import { createApiRef } from '@backstage/frontend-plugin-api';
import type {
  DeployGateDecision,
  EntitySlos,
  SloDetail,
  SloList,
  SloListFilter,
  SloMonth,
  SloWithState,
} from '@internal/plugin-slo-common';

// The wire types live in slo-common; re-exported so the plugin's modules and
// its public API keep importing them from here.
export type {
  AlertSeverity,
  DeployGateDecision,
  EntitySlos,
  SloFiringAlert as FiringAlert,
  SloDetail,
  SloHistoryPoint,
  SloList,
  SloListFilter,
  SloMonth,
  SloMonthItem,
  SloSpecProblem as SloSpecError,
  SloState,
  SloStatus,
  SloWithState,
} from '@internal/plugin-slo-common';

/**
 * Client of the SLO backend.
 *
 * @public
 */
export interface SloApi {
  listSlos(filter?: SloListFilter): Promise<SloWithState[]>;
  /** {@link SloApi.listSlos} with the spec errors of the matching entities. */
  listSlosWithErrors(filter?: SloListFilter): Promise<SloList>;
  /**
   * One SLO with a history at `resolution` (a duration such as 1h; the
   * backend's default is 1h). Rejects with a NotFoundError for unknown ids.
   */
  getSlo(id: string, options?: { resolution?: string }): Promise<SloDetail>;
  /** Every SLO (or the filter's) over one UTC calendar month `YYYY-MM` (`GET /slos/month`). */
  getMonth(
    month: string,
    filter?: Pick<SloListFilter, 'owner' | 'system' | 'entityRef'>,
  ): Promise<SloMonth>;
  /** Rejects with a NotFoundError when the entity has no SLO specs. */
  getEntity(entityRef: string): Promise<EntitySlos>;
  /** Never rejects for entities without SLOs: they are allowed. */
  getGate(
    entityRef: string,
    options?: { changeType?: string },
  ): Promise<DeployGateDecision>;
}

/** @public */
export const sloApiRef = createApiRef<SloApi>().with({
  id: 'plugin.slo.api',
  pluginId: 'slo',
});
