import type {
  EvaluatedCheck,
  Severity,
  Verdict,
  WorkloadReport,
} from '@internal/plugin-conformance-common';
import type { PaletteTone } from '@internal/portal-react';

/** Worst first: an unwaived failure outranks a waived one, which outranks a pass. */
export const VERDICT_ORDER: readonly Verdict[] = [
  'fail',
  'exempt',
  'pass',
  'not-applicable',
];

export const SEVERITY_ORDER: readonly Severity[] = [
  'critical',
  'high',
  'medium',
  'low',
];

export const VERDICT_LABELS: Record<Verdict, string> = {
  fail: 'Fail',
  exempt: 'Exempt',
  pass: 'Pass',
  'not-applicable': 'N/A',
};

export const VERDICT_TONES: Record<Verdict, PaletteTone> = {
  fail: 'error',
  exempt: 'warning',
  pass: 'success',
  'not-applicable': 'default',
};

export const SEVERITY_TONES: Record<Severity, PaletteTone> = {
  critical: 'error',
  high: 'error',
  medium: 'warning',
  low: 'info',
};

export function isSeverity(value: unknown): value is Severity {
  return SEVERITY_ORDER.includes(value as Severity);
}

/** Negative when `a` is worse than `b`, for use with Array.prototype.sort. */
export function compareVerdicts(a: Verdict, b: Verdict): number {
  return VERDICT_ORDER.indexOf(a) - VERDICT_ORDER.indexOf(b);
}

/** Negative when `a` is more severe than `b`. */
export function compareSeverities(a: Severity, b: Severity): number {
  return SEVERITY_ORDER.indexOf(a) - SEVERITY_ORDER.indexOf(b);
}

export function worstVerdict(verdicts: Verdict[]): Verdict | undefined {
  return [...verdicts].sort(compareVerdicts)[0];
}

/**
 * Thresholds match what the platform team calls "healthy" (90+) and
 * "needs attention" (70+); below that the entity is off the golden path.
 */
export function scoreTone(score: number | null | undefined): PaletteTone {
  if (score === null || score === undefined) return 'default';
  if (score >= 90) return 'success';
  if (score >= 70) return 'warning';
  return 'error';
}

export function formatScore(score: number | null | undefined): string {
  return score === null || score === undefined ? '–' : String(score);
}

/** One check's results across all workloads, keeping where each came from. */
export interface CheckOccurrence {
  workload: WorkloadReport['workload'];
  result: EvaluatedCheck;
}

/**
 * Groups the results of a report by check id, so a check failing on three
 * workloads is listed once with three occurrences.
 */
export function groupResultsByCheck(
  workloads: WorkloadReport[],
  verdict: Verdict,
): Map<string, CheckOccurrence[]> {
  const byCheck = new Map<string, CheckOccurrence[]>();
  for (const { workload, results } of workloads) {
    for (const result of results) {
      if (result.verdict !== verdict) continue;
      const list = byCheck.get(result.checkId) ?? [];
      list.push({ workload, result });
      byCheck.set(result.checkId, list);
    }
  }
  return byCheck;
}

export function workloadLabel(w: WorkloadReport['workload']): string {
  return `${w.cluster}/${w.namespace}/${w.kind}/${w.name}`;
}
