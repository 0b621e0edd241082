/**
 * The longest window the HTTP API reads back: `days` of GET /entity (trend) and GET /rollup
 * (most improved, worst drops) is at most 366 (openapi.yaml). Retention may never be shorter.
 */
export const MAX_TREND_DAYS = 366;

/**
 * The first UTC day (YYYY-MM-DD) whose scorecard rows retention keeps: `historyDays` before
 * today, moved back to the start of any campaign whose deadline is on or after it, so a
 * campaign's burn-up is never cut while it is still (or recently) shown. Rows before the
 * cut-off go, except each entity's newest one before it (the store keeps it, so answers about
 * any day from the cut-off on do not change).
 */
export function retentionCutoff(
  nowMs: number,
  historyDays: number,
  campaigns: { createdAt: string; deadline: string }[] = [],
): string {
  let cutoff = new Date(nowMs - historyDays * 86400_000)
    .toISOString()
    .slice(0, 10);
  for (const c of campaigns) {
    const start = c.createdAt.slice(0, 10);
    if (c.deadline >= cutoff && start < cutoff) cutoff = start;
  }
  return cutoff;
}
