import {
  AlertState,
  PolicyStep,
  RollupBucket,
  Slo,
  SloStatus,
  aggregate,
  alertState,
  alertWindowSeconds,
  budgetRemaining,
  burnRate,
  errorRatio,
  evaluationRanges,
  evaluationTime,
  nominalWindowSeconds,
  policyStepInForce,
  sli,
  timeToExhaustion,
  windowBounds,
  DEFAULT_BUDGET_POLICY,
} from '@internal/plugin-slo-common';
import { BUCKET_SECONDS, CollectionState } from '../database/SloRollupStore';

// The status is part of the wire contract, so its one definition is in slo-common.
export type { SloStatus };

export interface BurnRateAt {
  windowSeconds: number;
  burnRate: number | undefined;
}

/** The current budget of one SLO. Fractions are 0..1; undefined means no data, never NaN. */
export interface SloState {
  sloId: string;
  status: SloStatus;
  /**
   * Where every window ends (epoch seconds): the end of the newest collected bucket, or the
   * wall clock when nothing was collected. See {@link evaluationTime}.
   */
  evaluatedAt: number;
  /** The SLO window containing `evaluatedAt` (half-open, epoch seconds). */
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
  /**
   * True when the collector says so or the evaluation time (the newest bucket's end) is more
   * than `staleAfterSeconds` behind the wall clock.
   */
  stale: boolean;
  /** Start of the newest bucket seen, epoch seconds. */
  lastBucket: number | undefined;
  /** When the collector last succeeded (ISO 8601); undefined without a collector. */
  lastSuccessAt?: string;
}

export interface ComputeSloStateOptions {
  collection?: CollectionState;
  /** The wall clock, for staleness; default: the evaluation time (never stale by age). */
  now?: number;
  /** The rollups' bucket length (default 300). */
  bucketSeconds?: number;
  /** Default 900 (three missed buckets). */
  staleAfterSeconds?: number;
}

/**
 * The range of buckets the state evaluated at `at` needs: the SLO window and the longest
 * alert window, whichever reaches further back.
 */
export function stateRange(slo: Slo, at: number): { from: number; to: number } {
  const bounds = windowBounds(slo.window, at);
  const longest = Math.max(
    0,
    ...alertWindowSeconds(nominalWindowSeconds(slo.window)),
  );
  return { from: Math.min(bounds.from, at - longest), to: at };
}

/** Good and total events summed over one range. */
export interface EventSums {
  good: number;
  total: number;
}

/** Everything {@link stateFromSums} needs from the rollups; see {@link stateRanges}. */
export interface StateSums {
  /** Over the SLO window up to the evaluation time. */
  window: EventSums;
  /** Over [at − w, at) for each w of `alertWindowSeconds(period)`, same order. */
  alertWindows: EventSums[];
  /** Start of the newest bucket in [stateRange.from, at). */
  lastBucket: number | undefined;
}

/**
 * The ranges of bucket starts whose sums make up the state evaluated at `at`, as the store
 * can sum them: {@link computeSloState} over the buckets of {@link stateRange} equals
 * {@link stateFromSums} over these sums (`lookback` is where the newest bucket is looked for).
 */
export function stateRanges(
  slo: Slo,
  at: number,
): {
  window: { from: number; to: number };
  alertWindows: Array<{ from: number; to: number }>;
  lookback: { from: number; to: number };
} {
  return {
    ...evaluationRanges(
      slo.window,
      alertWindowSeconds(nominalWindowSeconds(slo.window)),
      at,
    ),
    lookback: stateRange(slo, at),
  };
}

/**
 * Where the state of an SLO is evaluated: the end of its newest collected bucket (the
 * collector's resume mark, else the newest stored bucket), `now` when there is none.
 */
export function evaluationTimeOf(
  newestStored: number | undefined,
  collection: CollectionState | undefined,
  now: number,
  bucketSeconds: number = BUCKET_SECONDS,
): number {
  const newest = Math.max(
    newestStored ?? -Infinity,
    collection?.lastBucket ?? -Infinity,
  );
  return evaluationTime(
    Number.isFinite(newest) ? newest : undefined,
    bucketSeconds,
    now,
  );
}

/**
 * Pure: the budget state of `slo` with the wall clock at `now` (epoch seconds) from its
 * rollup buckets, evaluated at the end of the newest one (see {@link evaluationTimeOf}). The
 * straightforward computation, kept as the reference the summed path is tested against.
 */
export function computeSloState(
  slo: Slo,
  buckets: RollupBucket[],
  now: number,
  options: ComputeSloStateOptions = {},
): SloState {
  const newest = buckets.reduce<number | undefined>(
    (max, b) => (max === undefined || b.start > max ? b.start : max),
    undefined,
  );
  const at = evaluationTimeOf(
    newest,
    options.collection,
    now,
    options.bucketSeconds,
  );
  const ranges = stateRanges(slo, at);
  return stateFromSums(
    slo,
    {
      window: aggregate(buckets, ranges.window.from, ranges.window.to),
      alertWindows: ranges.alertWindows.map(r =>
        aggregate(buckets, r.from, r.to),
      ),
      lastBucket: buckets.reduce<number | undefined>(
        (max, b) =>
          b.start >= ranges.lookback.from &&
          b.start < ranges.lookback.to &&
          (max === undefined || b.start > max)
            ? b.start
            : max,
        undefined,
      ),
    },
    at,
    { now, ...options },
  );
}

/** Pure: the budget state of `slo` evaluated at `at` from the sums over {@link stateRanges}. */
export function stateFromSums(
  slo: Slo,
  sums: StateSums,
  at: number,
  options: ComputeSloStateOptions = {},
): SloState {
  const period = nominalWindowSeconds(slo.window);
  const bounds = windowBounds(slo.window, at);
  const { good, total } = sums.window;
  const remaining = budgetRemaining({ good, total, target: slo.target });
  const consumed = remaining === undefined ? undefined : 1 - remaining;

  const burnRates: BurnRateAt[] = alertWindowSeconds(period).map((w, i) => {
    const windowSums = sums.alertWindows[i];
    return {
      windowSeconds: w,
      burnRate: burnRate(
        errorRatio(windowSums.good, windowSums.total),
        slo.target,
      ),
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
  const { lastBucket } = sums;
  const staleAfter = options.staleAfterSeconds ?? 900;
  const stale =
    Boolean(options.collection?.stale) || (options.now ?? at) - at > staleAfter;

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
    evaluatedAt: at,
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
