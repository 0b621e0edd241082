import type { DoraKey, MetricUnit } from '@internal/plugin-dora-common';

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** Shown wherever the backend has no data; never NaN, never a misleading 0. */
export const NO_DATA = '—';

function isNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}

/** One decimal below 10 so small durations keep their precision, none above. */
function compact(value: number): string {
  const rounded = value < 10 ? Math.round(value * 10) / 10 : Math.round(value);
  return String(rounded);
}

export function formatDuration(ms: number | undefined | null): string {
  if (!isNumber(ms) || ms < 0) return NO_DATA;
  if (ms < MINUTE) return `${Math.round(ms / SECOND)}s`;
  if (ms < HOUR) return `${compact(ms / MINUTE)}m`;
  if (ms < DAY) return `${compact(ms / HOUR)}h`;
  return `${compact(ms / DAY)}d`;
}

export function formatPercent(ratio: number | undefined | null): string {
  if (!isNumber(ratio)) return NO_DATA;
  return `${compact(ratio * 100)}%`;
}

/**
 * Deployments per day, rescaled to the unit a lead reads naturally: daily
 * deployers per day, weekly ones per week, the rest per month (30 days).
 */
export function formatFrequency(perDay: number | undefined | null): string {
  if (!isNumber(perDay)) return NO_DATA;
  if (perDay === 0) return '0/week';
  if (perDay >= 1) return `${compact(perDay)}/day`;
  if (perDay * 7 >= 1) return `${compact(perDay * 7)}/week`;
  return `${compact(perDay * 30)}/month`;
}

export function formatByUnit(
  unit: MetricUnit,
  value: number | undefined | null,
): string {
  switch (unit) {
    case 'deployments-per-day':
      return formatFrequency(value);
    case 'milliseconds':
      return formatDuration(value);
    case 'ratio':
      return formatPercent(value);
    default:
      return NO_DATA;
  }
}

export const KEY_UNITS: Record<DoraKey, MetricUnit> = {
  deploymentFrequency: 'deployments-per-day',
  changeLeadTime: 'milliseconds',
  changeFailureRate: 'ratio',
  failedDeploymentRecoveryTime: 'milliseconds',
  deploymentReworkRate: 'ratio',
};

export function formatKeyValue(
  key: DoraKey,
  value: number | undefined | null,
): string {
  return formatByUnit(KEY_UNITS[key], value);
}

/** `2025-01-06T00:00:00.000Z` → `6 Jan`, in UTC like the backend's buckets. */
export function formatBucketDate(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return date.toLocaleDateString('en-GB', {
    day: 'numeric',
    month: 'short',
    timeZone: 'UTC',
  });
}

/** `2025-01-06T10:15:00.000Z` → `2025-01-06 10:15 UTC`. */
export function formatTimestamp(iso: string | undefined): string {
  if (!iso) return NO_DATA;
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}
