import { Window } from '@internal/plugin-slo-common';

const DAY = 86400;

/** The longest a calendar window gets (a 92-day quarter, a 31-day month). */
const CALENDAR_MAX_DAYS = { week: 7, month: 31, quarter: 92 } as const;

/**
 * Where rollup retention cuts (epoch seconds, a UTC midnight): `retentionSeconds` before `now`,
 * but never inside what a registered SLO still reads: its history chart sums rolling windows
 * over the last window length, so two of its longest windows and a day are always kept.
 */
export function retentionCutoff(
  now: number,
  retentionSeconds: number,
  windows: Iterable<Window>,
): number {
  let longest = 0;
  for (const w of windows) {
    const seconds =
      w.kind === 'rolling' ? w.seconds : CALENDAR_MAX_DAYS[w.unit] * DAY;
    longest = Math.max(longest, seconds);
  }
  const keep = Math.max(retentionSeconds, 2 * longest + DAY);
  return Math.floor((now - keep) / DAY) * DAY;
}
