import { localDate } from '@internal/portal-common';
import { Analysis, analyze } from '../analysis';
import { bucketRanges } from '../buckets';
import { DoraOptions, inScope } from '../options';
import { median } from '../stats';
import { DAY_MS, MsRange, inRange, resolveWindow } from '../time';
import { DoraEvents, Window } from '../types';
import { KeyResult, buildKeyResult } from './result';

/**
 * Deployment frequency.
 *
 * @public
 */
export interface DeploymentFrequencyResult extends KeyResult {
  key: 'deploymentFrequency';
  /**
   * Median, over the full ISO weeks inside the window, of the number of
   * distinct local calendar days with at least one counted deployment
   * (0–7). `undefined` when the window contains no full week.
   */
  medianDeploymentDaysPerWeek: number | undefined;
  /** Number of full ISO weeks the weekly median is taken over. */
  fullWeeks: number;
}

/**
 * Deployment frequency: successful deployments to the environment per day.
 *
 * @remarks
 * - `count`: successful deployments (any type) to the environment with
 *   `finishedAt` in `[from, to)`; `denominator`: window length in days
 *   (`(to − from) / 86 400 000`, fractional allowed); `value = count /
 *   denominator`. Zero deployments give 0 and tier `low`.
 * - `series`: deployment count per bucket (0 for empty buckets).
 * - Tier from `value` (2023: elite ≥ 1/day, high ≥ 1/week, medium ≥
 *   1/30 days, else low).
 *
 * @public
 */
export function deploymentFrequency(
  events: DoraEvents,
  window: Window,
  options?: DoraOptions,
): DeploymentFrequencyResult {
  return deploymentFrequencyOf(analyze(events, options), window);
}

/** deploymentFrequency over an existing analysis. */
export function deploymentFrequencyOf(
  analysis: Analysis,
  window: Window,
): DeploymentFrequencyResult {
  const { options } = analysis;
  const times = analysis.events.deployments
    .filter(
      d =>
        d.status === 'success' &&
        d.environment === options.environment &&
        inScope(options, d.entityRef),
    )
    .map(d => d.t);
  const result = buildKeyResult({
    key: 'deploymentFrequency',
    unit: 'deployments-per-day',
    analysis,
    window,
    summarize: (range: MsRange) => {
      const count = times.filter(t => inRange(t, range)).length;
      const days = (range.to - range.from) / DAY_MS;
      return { value: count / days, count, denominator: days };
    },
    seriesValue: summary => summary.count,
  });
  const weekly = deploymentDaysPerWeek(
    times,
    resolveWindow(window),
    options.timeZone,
  );
  return {
    ...result,
    key: 'deploymentFrequency',
    medianDeploymentDaysPerWeek: median(weekly),
    fullWeeks: weekly.length,
  };
}

/**
 * Distinct deployment days for each ISO week lying entirely inside the
 * range. Partial weeks are left out because they have fewer possible days
 * and would bias the median down.
 */
function deploymentDaysPerWeek(
  times: readonly number[],
  range: MsRange,
  timeZone: string,
): number[] {
  const weeks = bucketRanges(range, 'week', timeZone).filter(
    w => w.from >= range.from && w.to <= range.to,
  );
  return weeks.map(week => {
    const days = new Set<string>();
    for (const t of times) {
      if (inRange(t, week)) {
        days.add(localDate(t, timeZone));
      }
    }
    return days.size;
  });
}
