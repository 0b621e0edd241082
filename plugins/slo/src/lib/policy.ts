import {
  BudgetPolicy,
  DEFAULT_BUDGET_POLICY,
  PolicyStep,
  Slo,
} from '@internal/plugin-slo-common';
import { isSameStep } from './status';

export interface PolicyView {
  policy: BudgetPolicy;
  /** True when the SLO's spec has no policy and the portal's default applies. */
  isDefault: boolean;
  steps: Array<PolicyStep & { inForce: boolean; reached: boolean }>;
}

/**
 * The policy steps of an SLO, marking the one in force (as the API reports
 * it) and those already passed. The backend applies the portal's default
 * policy to SLOs without one, so the page does too.
 */
export function policyView(
  slo: Slo,
  stepInForce: PolicyStep | undefined,
): PolicyView {
  const policy = slo.policy ?? DEFAULT_BUDGET_POLICY;
  const steps = [...policy.steps].sort(
    (a, b) => a.consumedPercent - b.consumedPercent,
  );
  return {
    policy,
    isDefault: !slo.policy,
    steps: steps.map(step => ({
      ...step,
      inForce: isSameStep(step, stepInForce),
      reached:
        stepInForce !== undefined &&
        step.consumedPercent <= stepInForce.consumedPercent,
    })),
  };
}

/** The most severe step among several SLOs: the highest consumed percentage. */
export function worstStep(
  steps: Array<PolicyStep | undefined>,
): PolicyStep | undefined {
  return steps.reduce<PolicyStep | undefined>(
    (worst, s) =>
      s && (!worst || s.consumedPercent > worst.consumedPercent) ? s : worst,
    undefined,
  );
}
