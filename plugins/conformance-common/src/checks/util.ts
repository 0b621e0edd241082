import { CheckFinding, CheckOutcome } from '../types';
import { LocatedContainer, describeContainer } from '../workload';

export function notApplicable(): CheckOutcome {
  return { verdict: 'not-applicable', findings: [] };
}

export function outcomeOf(findings: CheckFinding[]): CheckOutcome {
  return { verdict: findings.length > 0 ? 'fail' : 'pass', findings };
}

export function containerFinding(
  c: LocatedContainer,
  field: string,
  message: string,
): CheckFinding {
  return {
    ...(c.name !== undefined && { container: c.name }),
    fieldPath: `${c.path}.${field}`,
    message: `${describeContainer(c)} ${message}`,
  };
}

/**
 * Whether a field counts as set. Quantities arrive as strings from the API but
 * may be numbers in hand-written manifests; an empty string sets nothing.
 */
export function isSet(value: unknown): boolean {
  return value !== undefined && value !== null && value !== '';
}

/** The snippets are YAML; this strips the source indentation so they paste cleanly. */
export function yaml(strings: TemplateStringsArray): string {
  const lines = strings.raw.join('').replace(/^\n/, '').trimEnd().split('\n');
  const indent = Math.min(
    ...lines.filter(l => l.trim()).map(l => l.length - l.trimStart().length),
  );
  return lines.map(l => l.slice(indent)).join('\n');
}
