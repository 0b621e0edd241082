import type { AlertSeverity } from './math/alerts';
import type { SloSpecProblem } from './parsers/node';
import type { PolicyStep, Slo } from './types';

/**
 * The SLO backend's JSON contract (`plugins/slo-backend/src/schema/openapi.yaml`),
 * shared so the frontend does not mirror it by hand. JSON has no `undefined`,
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

/**
 * One multi-window burn rate condition that currently fires, as JSON carries
 * it (an unbounded burn is null). @public
 */
export interface SloFiringAlert {
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
    firing: SloFiringAlert[];
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

/** `GET /slos`: the SLOs and the spec errors of the matching entities. @public */
export interface SloList {
  items: SloWithState[];
  errors: Array<
    SloSpecProblem & { entityRef: string; owner?: string; system?: string }
  >;
}

/** `GET /entity`: the SLOs of one catalog entity. @public */
export interface EntitySlos {
  entityRef: string;
  owner?: string;
  system?: string;
  slos: SloWithState[];
  /** Spec files, documents or SLOs the backend could not read; the others still count. */
  errors: SloSpecProblem[];
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
  /** Owner entity ref, e.g. group:default/payments; a group includes its sub-teams. */
  owner?: string;
  /** System entity ref, e.g. system:default/checkout. */
  system?: string;
  /** One entity's SLOs, e.g. component:default/payment-service. */
  entityRef?: string;
  status?: SloStatus;
  /** `budget`: least remaining first, no data last. Default: by SLO id. */
  sort?: 'budget' | 'id';
}

/** One SLO's calendar month (`GET /slos/month`). @public */
export interface SloMonthItem {
  slo: Slo;
  entityRef: string;
  owner?: string;
  system?: string;
  /** Sums of the month's collected 5-minute buckets. */
  good: number;
  total: number;
  /** Share of good events in the month; null without traffic. */
  sli: number | null;
  /** Whether the month's SLI reached the objective; null without traffic. */
  met: boolean | null;
  /** Budget left at month end with the month as the budget period; negative when overspent. */
  budgetRemaining: number | null;
  budgetConsumed: number | null;
  /** Start of the month's newest collected bucket, epoch seconds; absent without buckets. */
  lastBucket?: number;
}

/**
 * `GET /slos/month`: every matching SLO's figures over one UTC calendar month, half-open
 * [first day 00:00, next month's first day 00:00). @public
 */
export interface SloMonth {
  month: string;
  /** Epoch seconds. */
  from: number;
  to: number;
  /** False while the month has not ended: the figures are of the month so far. */
  complete: boolean;
  items: SloMonthItem[];
}
