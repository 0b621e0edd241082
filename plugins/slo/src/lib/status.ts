import type { PolicyStep } from '@internal/plugin-slo-common';
import type { PaletteTone } from '@internal/portal-react';
import type { SloState, SloStatus } from '../api/types';
import { NO_DATA, formatDuration } from './format';

/** Worst first; the order the status filter lists them in. */
export const STATUS_ORDER: readonly SloStatus[] = [
  'critical',
  'warning',
  'healthy',
  'no-data',
];

export const STATUS_LABELS: Record<SloStatus, string> = {
  critical: 'Critical',
  warning: 'Warning',
  healthy: 'Healthy',
  'no-data': 'No data',
};

export const STATUS_TONES: Record<SloStatus, PaletteTone> = {
  critical: 'error',
  warning: 'warning',
  healthy: 'success',
  'no-data': 'default',
};

export type AlertLevel = SloState['alert']['severity'];

export const ALERT_LABELS: Record<AlertLevel, string> = {
  page: 'Page',
  ticket: 'Ticket',
  none: 'None',
  'no-data': 'No data',
};

export const ALERT_TONES: Record<AlertLevel, PaletteTone> = {
  page: 'error',
  ticket: 'warning',
  none: 'success',
  'no-data': 'default',
};

export function isSloStatus(value: unknown): value is SloStatus {
  return STATUS_ORDER.includes(value as SloStatus);
}

/**
 * The remaining budget with the API's nulls told apart: null means no data;
 * a null next to a status other than no-data is the unbounded overspend of a
 * 100% objective, returned as -Infinity so it sorts and colours as exhausted.
 */
export function remainingBudget(state: SloState): number | null {
  if (state.budgetRemaining !== null) return state.budgetRemaining;
  return state.status === 'no-data' ? null : -Infinity;
}

/**
 * Budget colours: spent or under a quarter left is an error, under half
 * (where the default policy's first step starts) a warning.
 */
export function budgetTone(remaining: number | null): PaletteTone {
  if (remaining === null || Number.isNaN(remaining)) return 'default';
  if (remaining < 0.25) return 'error';
  if (remaining < 0.5) return 'warning';
  return 'success';
}

/** An SLI meets its objective (target as a ratio) or not. */
export function sliTone(sli: number | null, target: number): PaletteTone {
  if (sli === null || Number.isNaN(sli)) return 'default';
  return sli >= target ? 'success' : 'error';
}

/**
 * A burn rate above 1× spends the budget faster than it lasts; a page alert
 * makes it an error whatever the 1h rate says.
 */
export function burnTone(
  burnRate: number | null,
  alert: AlertLevel,
): PaletteTone {
  if (alert === 'page') return 'error';
  if (burnRate === null || Number.isNaN(burnRate)) return 'default';
  return burnRate > 1 ? 'warning' : 'success';
}

/** The burn rate over the shortest window of at least `seconds` (1h by default). */
export function burnRateOver(state: SloState, seconds = 3600): number | null {
  const entry = state.burnRates.find(b => b.windowSeconds === seconds);
  return entry ? entry.burnRate : null;
}

/**
 * Time to exhaustion in words. The API's null means one of three things;
 * the rest of the state says which.
 */
export function describeTimeToExhaustion(state: SloState): string {
  const remaining = remainingBudget(state);
  if (remaining === null) return NO_DATA;
  if (remaining <= 0 || state.timeToExhaustionSeconds === 0) {
    return 'exhausted';
  }
  if (state.timeToExhaustionSeconds !== null) {
    return formatDuration(state.timeToExhaustionSeconds);
  }
  // Null with a known budget: no traffic in the last hour, or not burning.
  return burnRateOver(state) === null ? 'no recent data' : 'not burning';
}

/** A policy step in words: "60% consumed: freeze". */
export function policyStepLabel(step: PolicyStep | undefined): string {
  return step ? `${step.consumedPercent}% consumed: ${step.action}` : 'none';
}

/** Same step, compared by value: the API sends copies. */
export function isSameStep(
  a: PolicyStep | undefined,
  b: PolicyStep | undefined,
): boolean {
  return (
    a !== undefined &&
    b !== undefined &&
    a.consumedPercent === b.consumedPercent &&
    a.action === b.action
  );
}
