import type { DoraKeyName } from '@internal/plugin-review-common';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

export const KEY_LABELS: Record<DoraKeyName, string> = {
  deploymentFrequency: 'Deploy frequency',
  changeLeadTime: 'Lead time',
  changeFailureRate: 'Change failure rate',
  failedDeploymentRecoveryTime: 'Recovery time',
  deploymentReworkRate: 'Rework rate',
};

export const STAGE_LABELS: Record<string, string> = {
  coding: 'Coding',
  pickup: 'Pickup',
  review: 'Review',
  deploy: 'Deploy',
  failed: 'Failed',
  rolledBack: 'Rolled back',
  followedByRollback: 'Followed by a rollback',
  replacedByAncestor: 'Replaced by an older version',
  causedIncident: 'Caused an incident',
};

export function formatDuration(ms: number): string {
  if (ms >= 2 * DAY) return `${(ms / DAY).toFixed(1)} d`;
  if (ms >= HOUR) return `${(ms / HOUR).toFixed(1)} h`;
  return `${Math.round(ms / 60_000)} min`;
}

/** A key's value in the unit leads read: per day, a duration, or a percentage. */
export function formatValue(unit: string, value: number | null): string {
  if (value === null) return '–';
  if (unit === 'milliseconds') return formatDuration(value);
  if (unit === 'ratio') return `${(value * 100).toFixed(1)}%`;
  return `${value.toFixed(2)}/day`;
}

export function formatPercent(value: number | null): string {
  return value === null ? '–' : `${Math.round(value * 100)}%`;
}
