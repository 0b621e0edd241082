import { EntityConformance } from './api';
import { Severity, Verdict } from './types';

const WEIGHTS: Record<Severity, number> = {
  critical: 4,
  high: 3,
  medium: 2,
  low: 1,
};

/**
 * Conformance score from 0 to 100: the severity-weighted share of passes
 * among pass and fail verdicts (critical 4, high 3, medium 2, low 1).
 * Exempt and not-applicable results do not count; null when nothing counts.
 * Rounded down, so 100 means nothing failed.
 *
 * @public
 */
export function conformanceScore(
  results: { severity: Severity; verdict: Verdict }[],
): number | null {
  let passed = 0;
  let total = 0;
  for (const { severity, verdict } of results) {
    if (verdict === 'pass' || verdict === 'fail') {
      const weight = WEIGHTS[severity] ?? 0;
      total += weight;
      if (verdict === 'pass') {
        passed += weight;
      }
    }
  }
  return total === 0 ? null : Math.floor((passed * 100) / total);
}

const PRECEDENCE: Record<Verdict, number> = {
  fail: 3,
  exempt: 2,
  pass: 1,
  'not-applicable': 0,
};

/**
 * Worst verdict per check id across all workloads of an entity:
 * fail, then exempt, then pass, then not-applicable. A check that never ran
 * (disabled, or no workloads) has no key.
 *
 * @public
 */
export function verdictsByCheck(
  report: Pick<EntityConformance, 'workloads'>,
): Record<string, Verdict> {
  const worst: Record<string, Verdict> = {};
  for (const workload of report.workloads) {
    for (const { checkId, verdict } of workload.results) {
      const current = worst[checkId];
      if (current === undefined || PRECEDENCE[verdict] > PRECEDENCE[current]) {
        worst[checkId] = verdict;
      }
    }
  }
  return worst;
}
