import { createApiRef } from '@backstage/frontend-plugin-api';
import type { PolicyStep, Slo } from '@internal/plugin-slo-common';

/**
 * The types below mirror the backend contract
 * (`plugins/slo-backend/src/schema/openapi.yaml`). JSON has no `undefined`,
 * `Infinity` or `NaN`: a fraction is `null` when there is no data, or when it
 * is unbounded (time to exhaustion while not burning, the remaining budget of
 * a 100% objective after a bad event), which `status` disambiguates.
 */

/**
 * healthy: within budget, nothing firing, no policy step; warning: a ticket
 * alert or a policy step in force; critical: a page alert or the budget is
 * spent; no-data: no events in the window.
 *
 * @public
 */
export type SloStatus = 'healthy' | 'warning' | 'critical' | 'no-data';

/** @public */
export type AlertSeverity = 'page' | 'ticket';

/** One multi-window burn rate condition that currently fires. @public */
export interface FiringAlert {
  severity: AlertSeverity;
  /** Seconds. */
  longWindow: number;
  /** Seconds. */
  shortWindow: number;
  factor: number;
  /** Null only for an unbounded burn (a 100% objective with errors). */
  longBurn: number | null;
  shortBurn: number | null;
}

/** The current budget of one SLO. @public */
export interface SloState {
  sloId?: string;
  status: SloStatus;
  /** The SLO window containing now, epoch seconds, half-open. */
  window: { from: number; to: number };
  good: number;
  total: number;
  sli: number | null;
  budgetRemaining: number | null;
  budgetConsumed: number | null;
  /** Every alert window, ascending, then the SLO window. */
  burnRates: Array<{ windowSeconds: number; burnRate: number | null }>;
  alert: {
    /** The worst firing severity; 'no-data' when no alert window has traffic. */
    severity: AlertSeverity | 'none' | 'no-data';
    firing: FiringAlert[];
  };
  /** Null without data or while the budget is not burning. */
  timeToExhaustionSeconds: number | null;
  /** The step of the SLO's policy (else the default policy) in force. */
  policyStep?: PolicyStep;
  /** True when the collector has not refreshed the budget recently. */
  stale: boolean;
  /** Start of the newest bucket, epoch seconds. */
  lastBucket?: number;
}

/** An SLO with the entity it belongs to and its current budget. @public */
export interface SloWithState {
  slo: Slo;
  entityRef: string;
  owner?: string;
  system?: string;
  state: SloState;
}

/** One point of the history: the rolling SLO window ending at `t`. @public */
export interface SloHistoryPoint {
  /** Exclusive end of the window, epoch seconds. */
  t: number;
  sli: number | null;
  remaining: number | null;
  /** Average burn rate over the whole window ending at `t`. */
  burnRate: number | null;
  /** Burn rate over the last step (resolution) ending at `t`. */
  recentBurnRate: number | null;
}

/** `GET /slo`: one SLO with its history. @public */
export interface SloDetail extends SloWithState {
  resolutionSeconds: number;
  history: SloHistoryPoint[];
}

/**
 * A spec file, document or SLO the backend could not read; the entity's
 * other SLOs are still evaluated. @public
 */
export interface SloSpecError {
  /** The spec path as written in the entity's annotation. */
  file: string;
  /** 1-based document number in multi-document files. */
  document?: number;
  /** Path of the offending field, e.g. `slos[1].sli.events.error_query`. */
  field?: string;
  /** Name of the SLO that was skipped, when the error is inside one. */
  slo?: string;
  /** The full message, starting with file, document and field. */
  message: string;
}

/** `GET /slos`: the SLOs and the spec errors of the matching entities. @public */
export interface SloList {
  items: SloWithState[];
  errors: Array<
    SloSpecError & { entityRef: string; owner?: string; system?: string }
  >;
}

/** `GET /entity`: the SLOs of one catalog entity. @public */
export interface EntitySlos {
  entityRef: string;
  owner?: string;
  system?: string;
  slos: SloWithState[];
  errors: SloSpecError[];
}

/** `GET /gate`: whether the entity may deploy now, and why (not). @public */
export interface DeployGateDecision {
  allowed: boolean;
  /** Sentences naming each SLO that mattered and its numbers. */
  reasons: string[];
  /** The deciding step: the worst blocking one when denied, else the worst in force. */
  policyStep?: PolicyStep;
  slos: Array<{
    id: string;
    remainingFraction: number | null;
    step?: PolicyStep;
  }>;
}

/** Query of `GET /slos`. @public */
export interface SloListFilter {
  /** Owner entity ref, e.g. group:default/payments. */
  owner?: string;
  /** System entity ref, e.g. system:default/checkout. */
  system?: string;
  status?: SloStatus;
  /** `budget`: least remaining first, no data last. Default: by SLO id. */
  sort?: 'budget' | 'id';
}

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
