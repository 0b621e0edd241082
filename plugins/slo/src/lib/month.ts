import { calendarMonth } from '@internal/plugin-slo-common';

const MONTH_PATTERN = /^\d{4}-(0[1-9]|1[0-2])$/;

export function isMonth(value: unknown): value is string {
  return typeof value === 'string' && MONTH_PATTERN.test(value);
}

/** "November 2026": the UTC calendar month's name, whatever the browser's time zone. */
export function monthLabel(month: string): string {
  return new Date(calendarMonth(month).from * 1000).toLocaleString('en-US', {
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
