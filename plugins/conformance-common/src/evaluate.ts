import { conformanceChecks } from './checks';
import {
  CheckConfig,
  CheckFinding,
  CheckOptions,
  EvaluatedCheck,
  WorkloadContext,
} from './types';

/**
 * Annotation prefix for exemptions on catalog entities: the key
 * `conformance.portal.io/exempt-<checkId>` exempts the entity's workloads
 * from that check, and its value is the reason.
 *
 * @public
 */
export const EXEMPTION_ANNOTATION_PREFIX = 'conformance.portal.io/exempt-';

/**
 * Reads exemptions (checkId to reason) from entity annotations. Blank reasons
 * are kept, so that evaluateWorkload can report them instead of dropping
 * them silently.
 *
 * @public
 */
export function exemptionsFromAnnotations(
  annotations: Record<string, string> | undefined,
): Record<string, string> {
  const exemptions: Record<string, string> = {};
  for (const [key, value] of Object.entries(annotations ?? {})) {
    if (key.startsWith(EXEMPTION_ANNOTATION_PREFIX)) {
      const checkId = key.slice(EXEMPTION_ANNOTATION_PREFIX.length);
      if (checkId) {
        exemptions[checkId] = typeof value === 'string' ? value.trim() : '';
      }
    }
  }
  return exemptions;
}

/**
 * Runs every enabled check on one workload, in display order.
 *
 * Configuration can disable a check (it is then omitted) or override its
 * severity. An exemption with a reason turns a pass or fail into 'exempt'
 * with that reason, keeping the findings so the UI can show what is waived;
 * a check that does not apply stays 'not-applicable'. An exemption with a
 * blank reason is ignored (the check's own verdict stands) and adds a finding
 * saying the reason is mandatory.
 *
 * @public
 */
export function evaluateWorkload(
  ctx: WorkloadContext,
  options?: {
    config?: Record<string, CheckConfig>;
    exemptions?: Record<string, string>;
    checkOptions?: CheckOptions;
  },
): EvaluatedCheck[] {
  const results: EvaluatedCheck[] = [];
  for (const check of conformanceChecks) {
    const config = options?.config?.[check.id];
    if (config?.enabled === false) {
      continue;
    }
    const severity = config?.severity ?? check.severity;
    const outcome = check.evaluate(ctx, options?.checkOptions);
    const findings: CheckFinding[] = [...outcome.findings];
    const exempted = options?.exemptions?.[check.id];
    if (exempted !== undefined) {
      // Exemptions may come straight from untyped JSON; anything but text is a missing reason.
      const reason = typeof exempted === 'string' ? exempted.trim() : '';
      if (!reason) {
        // The reason is what reviewers audit; an exemption without one would be a silent opt-out.
        findings.push({
          fieldPath: `metadata.annotations['${EXEMPTION_ANNOTATION_PREFIX}${check.id}']`,
          message: `The exemption from "${check.id}" is ignored: a reason is mandatory. Put it in the annotation's value.`,
        });
      } else if (outcome.verdict !== 'not-applicable') {
        results.push({
          checkId: check.id,
          severity,
          verdict: 'exempt',
          findings,
          exemptionReason: reason,
        });
        continue;
      }
    }
    results.push({
      checkId: check.id,
      severity,
      verdict: outcome.verdict,
      findings,
    });
  }
  return results;
}
