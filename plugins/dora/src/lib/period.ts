import type { DoraWindow } from '../api/types';

const MONTH_PATTERN = /^(\d{4})-(0[1-9]|1[0-2])$/;

export function isMonth(value: unknown): value is string {
  return typeof value === 'string' && MONTH_PATTERN.test(value);
}

/**
 * A calendar month `YYYY-MM` in UTC, half-open: [first day 00:00, next month's first day
 * 00:00). The monthly review asks the DORA backend for exactly these bounds, so the page's
 * month figures are the review's.
 */
export function monthBounds(month: string): { from: string; to: string } {
  const match = MONTH_PATTERN.exec(month);
  if (!match) throw new TypeError(`month: expected YYYY-MM, got '${month}'`);
  const year = Number(match[1]);
  const index = Number(match[2]) - 1;
  return {
    from: new Date(Date.UTC(year, index, 1)).toISOString(),
    to: new Date(Date.UTC(year, index + 1, 1)).toISOString(),
  };
}

/** "November 2026": the month's name in UTC, whatever the browser's time zone. */
export function monthLabel(month: string): string {
  return new Date(monthBounds(month).from).toLocaleString('en-US', {
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  });
}

/** The `count` calendar months up to and including the one `now` is in, newest first. */
export function recentMonths(now: Date, count: number): string[] {
  return Array.from({ length: count }, (_, i) =>
    new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - i, 1))
      .toISOString()
      .slice(0, 7),
  );
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
