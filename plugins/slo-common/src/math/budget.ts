import { InputError } from '@backstage/errors';

function validTarget(target: number): void {
  if (!(target > 0 && target <= 1)) {
    throw new InputError(
      `target must be a number between 0 and 1, got ${target}`,
    );
  }
}

/**
 * The share of good events, or undefined when there is no traffic ("no
 * data": never NaN). `good` is clamped to [0, total] because good and total
 * usually come from separate queries that can disagree by a scrape.
 */
export function sli(good: number, total: number): number | undefined {
  if (!Number.isFinite(good) || !Number.isFinite(total) || total <= 0) {
    return undefined;
  }
  return Math.min(Math.max(good, 0), total) / total;
}

/** The share of bad events, or undefined when there is no traffic. */
export function errorRatio(good: number, total: number): number | undefined {
  const s = sli(good, total);
  return s === undefined ? undefined : 1 - s;
}

/**
 * How fast the budget burns relative to the sustainable pace: 1 spends
 * exactly the whole budget over the SLO window.
 *
 * With a 100% target there is no budget: any error burns at Infinity, no
 * errors at 0.
 */
export function burnRate(
  ratio: number | undefined,
  target: number,
): number | undefined {
  validTarget(target);
  if (ratio === undefined || !Number.isFinite(ratio)) {
    return undefined;
  }
  const allowed = 1 - target;
  if (allowed <= 0) {
    return ratio > 0 ? Infinity : 0;
  }
  return ratio / allowed;
}

/**
 * Remaining error budget as a fraction: 1 − bad / ((1 − target) × total),
 * which equals 1 − burn rate over the window.
 *
 * Undefined when total is 0 (nothing consumed, nothing known). Negative when
 * overspent; the value is kept so charts can show how far. With a 100%
 * target the budget is empty: 1 without bad events, otherwise -Infinity,
 * which every consumer treats as exhausted (consumed = Infinity reaches
 * every policy step and time to exhaustion is 0).
 */
export function budgetRemaining(input: {
  good: number;
  total: number;
  target: number;
}): number | undefined {
  const rate = burnRate(errorRatio(input.good, input.total), input.target);
  return rate === undefined ? undefined : 1 - rate;
}

/** Consumed error budget as a fraction: 1 − {@link budgetRemaining}. */
export function budgetConsumed(input: {
  good: number;
  total: number;
  target: number;
}): number | undefined {
  const remaining = budgetRemaining(input);
  return remaining === undefined ? undefined : 1 - remaining;
}

/**
 * Seconds until the budget is gone if the current (1h) burn rate persists.
 * At burn rate 1 the budget lasts one window, so each second spends
 * 1/windowSeconds: remaining × windowSeconds / burnRate.
 *
 * 0 when already exhausted, Infinity when not burning, undefined without
 * data.
 */
export function timeToExhaustion(input: {
  remainingFraction: number | undefined;
  burnRate1h: number | undefined;
  windowSeconds: number;
}): number | undefined {
  const { remainingFraction, burnRate1h, windowSeconds } = input;
  if (!(windowSeconds > 0)) {
    throw new InputError(
      `windowSeconds must be a positive number, got ${windowSeconds}`,
    );
  }
  if (remainingFraction === undefined || Number.isNaN(remainingFraction)) {
    return undefined;
  }
  if (remainingFraction <= 0) {
    return 0;
  }
  if (burnRate1h === undefined || Number.isNaN(burnRate1h)) {
    return undefined;
  }
  if (burnRate1h <= 0) {
    return Infinity;
  }
  return (remainingFraction * windowSeconds) / burnRate1h;
}

/**
 * Share of the whole budget that burning at `rate` for `durationSeconds`
 * consumes: rate × duration / period (e.g. 14.4 × 1h / 30d = 2%).
 */
export function budgetConsumedAtBurnRate(
  rate: number,
  durationSeconds: number,
  periodSeconds: number,
): number {
  if (!(periodSeconds > 0)) {
    throw new InputError(
      `periodSeconds must be a positive number, got ${periodSeconds}`,
    );
  }
  return (rate * durationSeconds) / periodSeconds;
}
