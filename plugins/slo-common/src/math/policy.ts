import { BudgetPolicy, PolicyStep } from '../types';

/**
 * The portal's default error budget policy, used for SLOs whose spec does
 * not define one.
 *
 * The 90% step keeps blocking deploys: the step in force is the highest one
 * reached, so a non-blocking 90% step would lift the 75% freeze.
 */
export const DEFAULT_BUDGET_POLICY: BudgetPolicy = Object.freeze({
  steps: Object.freeze([
    Object.freeze({
      consumedPercent: 50,
      action: 'review',
      description: 'Review recent deploys for reliability risk.',
      blocksDeploys: false,
    }),
    Object.freeze({
      consumedPercent: 75,
      action: 'freeze',
      description: 'Freeze non-critical deploys.',
      blocksDeploys: true,
    }),
    Object.freeze({
      consumedPercent: 90,
      action: 'incident-commander',
      description:
        'Assign an incident commander; reliability work takes priority. Non-critical deploys stay frozen.',
      blocksDeploys: true,
    }),
    Object.freeze({
      consumedPercent: 100,
      action: 'halt',
      description: 'Full freeze: only exempt changes ship.',
      blocksDeploys: true,
    }),
  ]) as PolicyStep[],
  exemptions: Object.freeze([
    'security_patch',
    'data_corruption_fix',
  ]) as string[],
}) as BudgetPolicy;

// Absorbs float noise such as 0.29 * 100 = 28.999999999999996.
const EPSILON_PERCENT = 1e-9;

/**
 * The step in force at a consumed budget fraction: the highest step whose
 * `consumedPercent` has been reached. Undefined when no step is reached or
 * there is no data. Overspent budgets (fraction above 1) keep the last step.
 */
export function policyStepInForce(
  policy: BudgetPolicy | undefined,
  consumedFraction: number | undefined,
): PolicyStep | undefined {
  if (
    !policy ||
    consumedFraction === undefined ||
    Number.isNaN(consumedFraction)
  ) {
    return undefined;
  }
  const consumedPercent = consumedFraction * 100 + EPSILON_PERCENT;
  let inForce: PolicyStep | undefined;
  for (const step of policy.steps) {
    if (step.consumedPercent <= consumedPercent) {
      if (!inForce || step.consumedPercent >= inForce.consumedPercent) {
        inForce = step;
      }
    }
  }
  return inForce;
}
