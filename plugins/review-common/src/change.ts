/**
 * The five DORA keys as the dora backend names them.
 *
 * @public
 */
export const DORA_KEYS = [
  'deploymentFrequency',
  'changeLeadTime',
  'changeFailureRate',
  'failedDeploymentRecoveryTime',
  'deploymentReworkRate',
] as const;

/**
 * One of the five DORA keys.
 *
 * @public
 */
export type DoraKeyName = (typeof DORA_KEYS)[number];

/**
 * How a figure moved from the previous month to this one.
 *
 * @public
 */
export interface MonthChange {
  previous: number | null;
  /** `value − previous`; null unless both exist. */
  delta: number | null;
  /** `delta / previous`; null unless both exist and previous is not 0. */
  relative: number | null;
  direction: 'better' | 'worse' | 'unchanged' | null;
}

// Deployment frequency is the only key where more is better.
const HIGHER_IS_BETTER: ReadonlySet<DoraKeyName> = new Set([
  'deploymentFrequency',
]);

/**
 * The change of one key against the previous calendar month. Unlike the dora
 * backend's own trend (the window of the same length just before), the
 * previous period here is the previous calendar month, whatever its length.
 *
 * @public
 */
export function changeOf(
  key: DoraKeyName,
  value: number | null | undefined,
  previous: number | null | undefined,
): MonthChange {
  const prev = previous ?? null;
  if (value === null || value === undefined || prev === null) {
    return { previous: prev, delta: null, relative: null, direction: null };
  }
  const delta = value - prev;
  const relative = prev === 0 ? null : delta / prev;
  if (delta === 0) {
    return { previous: prev, delta, relative, direction: 'unchanged' };
  }
  const up = delta > 0;
  const better = HIGHER_IS_BETTER.has(key) ? up : !up;
  return {
    previous: prev,
    delta,
    relative,
    direction: better ? 'better' : 'worse',
  };
}
