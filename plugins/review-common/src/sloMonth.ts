import { MonthRange } from './month';

/**
 * One point of the slo backend's history: the rolling SLO window ending at `t`.
 *
 * @public
 */
export interface SloHistoryPoint {
  /** Exclusive end of the window, epoch seconds. */
  t: number;
  sli: number | null;
  remaining: number | null;
  /** Burn rate over the last step ending at `t`. */
  recentBurnRate: number | null;
}

/**
 * One SLO's figures for a month.
 *
 * @public
 */
export interface SloMonthFigures {
  /** SLI of the SLO window ending at the month's end met the objective; null without data. */
  met: boolean | null;
  /** Error budget left at the month's end (fraction of the budget); null without data. */
  budgetLeft: number | null;
  /** Separate runs of steps whose burn rate reached the page threshold. */
  alertsFired: number;
  /** Hours the consumed budget stood at or past the first policy step that blocks deploys. */
  freezeHours: number;
  /** Whether the history reaches the month's end (it only spans the last SLO window). */
  covered: boolean;
}

/**
 * The page alert's threshold on a one-hour burn rate: the Workbook's 2% of the
 * budget in one hour, rescaled to the SLO period (14.4 for 30 days).
 *
 * @public
 */
export function pageBurnThreshold(periodSeconds: number): number {
  return (0.02 * periodSeconds) / 3600;
}

/**
 * The month's figures of one SLO from its rolling-window history. Points whose
 * window end `t` falls in `(start, end]` describe the month; the point at (or
 * last before) the month's end gives the SLI and budget left.
 *
 * @public
 */
export function sloMonthFigures(options: {
  history: readonly SloHistoryPoint[];
  /** Objective as a fraction, e.g. 0.999. */
  target: number;
  periodSeconds: number;
  resolutionSeconds: number;
  /** consumedPercent of the first policy step that blocks deploys, if any. */
  freezeAtConsumedPercent?: number;
  range: MonthRange;
}): SloMonthFigures {
  const { history, target, range, resolutionSeconds } = options;
  const startS = range.start / 1000;
  const endS = range.end / 1000;
  const inMonth = history
    .filter(p => p.t > startS && p.t <= endS)
    .sort((a, b) => a.t - b.t);
  const last = inMonth[inMonth.length - 1];
  const covered = history.some(p => p.t >= endS);

  const threshold = pageBurnThreshold(options.periodSeconds);
  let alertsFired = 0;
  let firing = false;
  let freezeSteps = 0;
  for (const p of inMonth) {
    const burning = p.recentBurnRate !== null && p.recentBurnRate >= threshold;
    if (burning && !firing) alertsFired += 1;
    firing = burning;
    const freezeAt = options.freezeAtConsumedPercent;
    if (
      freezeAt !== undefined &&
      p.remaining !== null &&
      (1 - p.remaining) * 100 >= freezeAt
    ) {
      freezeSteps += 1;
    }
  }
  return {
    met:
      last && last.t === endS && last.sli !== null ? last.sli >= target : null,
    budgetLeft: last && last.t === endS ? last.remaining : null,
    alertsFired,
    freezeHours: (freezeSteps * resolutionSeconds) / 3600,
    covered,
  };
}
