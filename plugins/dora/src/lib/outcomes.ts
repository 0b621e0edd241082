import {
  Deployment,
  bucketRanges,
  parseIsoTimestamp,
} from '@internal/plugin-dora-common';

export interface WeekOutcomes {
  /** ISO instant of the week's Monday 00:00 UTC. */
  weekStart: string;
  success: number;
  failed: number;
  rolledBack: number;
}

/**
 * Completed deployments per ISO week (UTC, the backend's default bucket zone)
 * by status, one entry per week of `[from, to)` including empty ones, so the
 * bar chart's x-axis matches the metric series. In-progress and cancelled
 * deployments never count (dora-common README, "Completed").
 */
export function deploymentsPerWeek(
  deployments: readonly Deployment[],
  window: { from: string; to: string },
): WeekOutcomes[] {
  const from = parseIsoTimestamp(window.from);
  const to = parseIsoTimestamp(window.to);
  if (from === undefined || to === undefined || to <= from) return [];
  const weeks = bucketRanges({ from, to }, 'week', 'UTC').map(b => ({
    range: b,
    outcome: { weekStart: b.bucketStart, success: 0, failed: 0, rolledBack: 0 },
  }));
  for (const d of deployments) {
    const t = parseIsoTimestamp(d.finishedAt);
    if (t === undefined || t < from || t >= to) continue;
    const week = weeks.find(w => t >= w.range.from && t < w.range.to);
    if (!week) continue;
    if (d.status === 'success') week.outcome.success += 1;
    else if (d.status === 'failure') week.outcome.failed += 1;
    else if (d.status === 'rolled_back') week.outcome.rolledBack += 1;
  }
  return weeks.map(w => w.outcome);
}

export function completedCount(weeks: readonly WeekOutcomes[]): number {
  return weeks.reduce((n, w) => n + w.success + w.failed + w.rolledBack, 0);
}
