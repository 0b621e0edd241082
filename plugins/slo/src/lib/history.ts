import type { SloHistoryPoint } from '../api/types';

/** One chart point: epoch milliseconds and percentages, null where there is no data. */
export interface ChartPoint {
  time: number;
  sliPercent: number | null;
  remainingPercent: number | null;
  burnRate: number | null;
  recentBurnRate: number | null;
}

function percent(fraction: number | null): number | null {
  return fraction === null || !Number.isFinite(fraction)
    ? null
    : fraction * 100;
}

/**
 * Converts the API's history for recharts. Nulls stay null so lines break
 * over gaps instead of dropping to zero.
 */
export function toChartPoints(history: SloHistoryPoint[]): ChartPoint[] {
  return history.map(p => ({
    time: p.t * 1000,
    sliPercent: percent(p.sli),
    remainingPercent: percent(p.remaining),
    burnRate: finiteOrNull(p.burnRate),
    recentBurnRate: finiteOrNull(p.recentBurnRate),
  }));
}

function finiteOrNull(value: number | null | undefined): number | null {
  return value === null || value === undefined || !Number.isFinite(value)
    ? null
    : value;
}

/** True when some point has a value for `key`; charts of nothing say "no data" instead. */
export function hasData(
  points: ChartPoint[],
  key: Exclude<keyof ChartPoint, 'time'>,
): boolean {
  return points.some(p => p[key] !== null);
}

/**
 * A lower bound for the SLI axis that keeps both the data and the
 * objective in view with some margin, so a 99.9% objective is not drawn
 * flat against a 0–100% scale.
 */
export function sliAxisMin(
  points: ChartPoint[],
  objectivePercent: number,
): number {
  const values = points
    .map(p => p.sliPercent)
    .filter((v): v is number => v !== null);
  const lowest = Math.min(objectivePercent, ...values);
  const span = Math.max(100 - lowest, 0.01);
  return Math.max(0, Number((lowest - span * 0.25).toPrecision(6)));
}

/** Time axis ticks: clock time for spans up to two days, dates beyond. */
export function timeTickFormatter(spanMs: number): (ms: number) => string {
  const twoDays = 2 * 86_400_000;
  return ms =>
    spanMs <= twoDays
      ? new Date(ms).toLocaleTimeString(undefined, {
          hour: '2-digit',
          minute: '2-digit',
        })
      : new Date(ms).toLocaleDateString(undefined, {
          month: 'short',
          day: 'numeric',
        });
}
