import { monthLabel, monthRange } from '@internal/portal-common';
import type { DoraWindow } from '../api/types';

/**
 * A calendar month `YYYY-MM` in UTC, half-open: [first day 00:00, next month's first day
 * 00:00). The monthly review asks the DORA backend for exactly these bounds, so the page's
 * month figures are the review's.
 */
export function monthBounds(month: string): { from: string; to: string } {
  const { from, to } = monthRange(month);
  return {
    from: new Date(from).toISOString(),
    to: new Date(to).toISOString(),
  };
}

/** What every figure of a view is computed over: a rolling window ending now, or a month. */
export interface DoraPeriod {
  window: DoraWindow;
  /** When set, the figures are of this calendar month and `window` is not used. */
  month?: string;
}

/** The metrics query's period: `window`, or the month as `from`/`to`. */
export function periodQuery(
  period: DoraPeriod,
): { window: DoraWindow } | { from: string; to: string } {
  return period.month ? monthBounds(period.month) : { window: period.window };
}

/** "November 2026" or "Last 30 days", for a heading. */
export function periodTitle(period: DoraPeriod): string {
  return period.month
    ? monthLabel(period.month)
    : `Last ${Number(period.window.slice(0, -1))} days`;
}

/** "November 2026" or "the last 30 days", for sentences about the figures. */
export function periodPhrase(period: DoraPeriod): string {
  return period.month
    ? monthLabel(period.month)
    : `the last ${Number(period.window.slice(0, -1))} days`;
}
