import {
  AlertState,
  PolicyStep,
  RollupBucket,
  Slo,
  aggregate,
  alertState,
  alertWindowSeconds,
  budgetRemaining,
  burnRate,
  errorRatio,
  nominalWindowSeconds,
  policyStepInForce,
  sli,
  timeToExhaustion,
  windowBounds,
  DEFAULT_BUDGET_POLICY,
} from '@internal/plugin-slo-common';
import { BUCKET_SECONDS, CollectionState } from '../database/SloRollupStore';

/**
 * healthy: within budget, nothing firing, no policy step; warning: a ticket alert or a policy
 * step in force; critical: a page alert or the budget is spent; no-data: no events in the window.
 */
export type SloStatus = 'healthy' | 'warning' | 'critical' | 'no-data';

export interface BurnRateAt {
  windowSeconds: number;
  burnRate: number | undefined;
}

/** The current budget of one SLO. Fractions are 0..1; undefined means no data, never NaN. */
export interface SloState {
  sloId: string;
  status: SloStatus;
  /** The SLO window containing `now` (half-open, epoch seconds). */
  window: { from: number; to: number };
  good: number;
  total: number;
  sli: number | undefined;
  budgetRemaining: number | undefined;
  budgetConsumed: number | undefined;
  /** Every alert window (ascending) plus the SLO window itself. */
  burnRates: BurnRateAt[];
  alert: AlertState;
  /** Seconds until the budget is gone at the 1h burn rate; Infinity when not burning. */
  timeToExhaustionSeconds: number | undefined;
  /** The step of the SLO's policy (else the default policy) in force. */
  policyStep: PolicyStep | undefined;
  /** True when the collector says so or the newest bucket is older than `staleAfterSeconds`. */
  stale: boolean;
  /** Start of the newest bucket seen, epoch seconds. */
  lastBucket: number | undefined;
  /** When the collector last succeeded (ISO 8601); undefined without a collector. */
  lastSuccessAt?: string;
}

export interface ComputeSloStateOptions {
  collection?: CollectionState;
  /** Default 900 (three missed buckets). */
  staleAfterSeconds?: number;
}

/**
 * The range of buckets {@link computeSloState} needs at `now`: the SLO window and the longest
 * alert window, whichever reaches further back.
 */
export function stateRange(
  slo: Slo,
  now: number,
): { from: number; to: number } {
  const bounds = windowBounds(slo.window, now);
  const longest = Math.max(
    0,
    ...alertWindowSeconds(nominalWindowSeconds(slo.window)),
  );
  return { from: Math.min(bounds.from, now - longest), to: now };
}

/** Pure: the budget state of `slo` at `now` (epoch seconds) from its rollup buckets. */
export function computeSloState(
  slo: Slo,
  buckets: RollupBucket[],
  now: number,
  options: ComputeSloStateOptions = {},
): SloState {
  const period = nominalWindowSeconds(slo.window);
  const bounds = windowBounds(slo.window, now);
  const { good, total } = aggregate(buckets, bounds.from, bounds.to);
  const remaining = budgetRemaining({ good, total, target: slo.target });
  const consumed = remaining === undefined ? undefined : 1 - remaining;

  const burnRates: BurnRateAt[] = alertWindowSeconds(period).map(w => {
    const sums = aggregate(buckets, now - w, now);
    return {
      windowSeconds: w,
      burnRate: burnRate(errorRatio(sums.good, sums.total), slo.target),
    };
  });
  const byWindow: Record<number, number | undefined> = {};
  for (const b of burnRates) byWindow[b.windowSeconds] = b.burnRate;
  const alert = alertState(byWindow, period);
  burnRates.push({
    windowSeconds: period,
    burnRate: burnRate(errorRatio(good, total), slo.target),
  });

  const policyStep = policyStepInForce(
    slo.policy ?? DEFAULT_BUDGET_POLICY,
    consumed,
  );
  const lastBucket = buckets.reduce<number | undefined>(
    (max, b) => (max === undefined || b.start > max ? b.start : max),
    undefined,
  );
  const newest = Math.max(
    lastBucket ?? -Infinity,
    options.collection?.lastBucket ?? -Infinity,
  );
  const staleAfter = options.staleAfterSeconds ?? 900;
  const stale =
    Boolean(options.collection?.stale) ||
    (Number.isFinite(newest) && now - (newest + BUCKET_SECONDS) > staleAfter);

  let status: SloStatus;
  if (remaining === undefined) {
    status = 'no-data';
  } else if (alert.severity === 'page' || remaining <= 0) {
    status = 'critical';
  } else if (alert.severity === 'ticket' || policyStep) {
    status = 'warning';
  } else {
    status = 'healthy';
  }

  return {
    sloId: slo.id,
    status,
    window: bounds,
    good,
    total,
    sli: sli(good, total),
    budgetRemaining: remaining,
    budgetConsumed: consumed,
    burnRates,
    alert,
    timeToExhaustionSeconds: timeToExhaustion({
      remainingFraction: remaining,
      burnRate1h: byWindow[3600],
      windowSeconds: period,
    }),
    policyStep,
    stale,
    lastBucket,
    ...(options.collection?.lastSuccessAt
      ? { lastSuccessAt: options.collection.lastSuccessAt }
      : {}),
  };
}
