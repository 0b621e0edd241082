import { BudgetPolicy, PolicyStep, Slo } from '../types';
import { describeBudget, formatPercent } from './format';
import { DEFAULT_BUDGET_POLICY, policyStepInForce } from './policy';

/** One SLO's budget as seen by the deploy gate. */
export interface GateSloInput {
  slo: Slo;
  /** Undefined when the window has no data. */
  remainingFraction: number | undefined;
  /** True when the collector has not refreshed the budget recently. */
  stale?: boolean;
}

/** Input of {@link gateDecision}. */
export interface GateInput {
  slos: GateSloInput[];
  /** The kind of change being deployed, matched against policy exemptions. */
  changeType?: string;
  /** Policy for SLOs without one; defaults to {@link DEFAULT_BUDGET_POLICY}. */
  defaultPolicy?: BudgetPolicy;
  /** Spec files, documents or SLOs of the entity that could not be read. */
  specErrors?: Array<{ file: string; message: string }>;
  /**
   * What a spec error means for the deploy (`slo.gate.onSpecError`): `deny` (the default, an
   * SLO nobody can evaluate protects nothing) or `allow` (with the error in the reasons).
   */
  onSpecError?: 'deny' | 'allow';
}

/** Outcome of {@link gateDecision}. */
export interface GateDecision {
  allowed: boolean;
  /** Human-readable sentences naming each SLO that mattered and its numbers. */
  reasons: string[];
  /** The deciding step: the worst blocking one when denied, else the worst in force. */
  policyStep?: PolicyStep;
  slos: Array<{
    id: string;
    remainingFraction: number | undefined;
    step?: PolicyStep;
  }>;
}

// "security-patch", "Security Patch" and "security_patch" name the same exemption.
function normaliseChangeType(s: string): string {
  return s
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, '_');
}

function worst(steps: PolicyStep[]): PolicyStep | undefined {
  return steps.reduce<PolicyStep | undefined>(
    (w, s) => (!w || s.consumedPercent > w.consumedPercent ? s : w),
    undefined,
  );
}

function stepLabel(step: PolicyStep): string {
  const description = step.description ? ` (${step.description})` : '';
  return `the ${step.consumedPercent}% policy step "${step.action}"${description}`;
}

/**
 * Decides whether a deploy may proceed under the error budget policies of
 * the SLOs it touches. It is denied when any SLO's step in force blocks
 * deploys, unless `changeType` is one of that SLO's policy exemptions.
 *
 * SLOs without data or with stale data never block: the gate fails open on
 * unknowns so a broken collector cannot freeze every team, and the reasons
 * say so. A broken spec is different: its owners can fix it, so by default
 * it denies (`onSpecError`), naming the file.
 */
export function gateDecision(input: GateInput): GateDecision {
  const changeType = input.changeType
    ? normaliseChangeType(input.changeType)
    : undefined;
  const reasons: string[] = [];
  const blocking: PolicyStep[] = [];
  const inForce: PolicyStep[] = [];
  const slos: GateDecision['slos'] = [];

  for (const { slo, remainingFraction, stale } of input.slos) {
    const policy = slo.policy ?? input.defaultPolicy ?? DEFAULT_BUDGET_POLICY;
    const known =
      remainingFraction !== undefined && !Number.isNaN(remainingFraction);
    const step = known
      ? policyStepInForce(policy, 1 - remainingFraction)
      : undefined;
    slos.push({ id: slo.id, remainingFraction, ...(step ? { step } : {}) });

    if (!known) {
      reasons.push(
        `${slo.id} has no data for its current window, so it does not block deploys.`,
      );
      continue;
    }
    if (stale) {
      reasons.push(
        `${slo.id} has stale budget data (last known: ${formatPercent(
          remainingFraction,
        )} remaining), so its policy was not enforced.`,
      );
      continue;
    }
    if (!step) {
      continue;
    }
    inForce.push(step);
    const head = `${slo.id} ${describeBudget(remainingFraction)}`;
    if (!step.blocksDeploys) {
      reasons.push(
        `${head}; ${stepLabel(step)} applies but does not block deploys.`,
      );
      continue;
    }
    const exemption = policy.exemptions.find(
      e => changeType !== undefined && normaliseChangeType(e) === changeType,
    );
    if (exemption) {
      reasons.push(
        `${head}; ${stepLabel(
          step,
        )} blocks deploys, but "${exemption}" changes are exempt.`,
      );
      continue;
    }
    blocking.push(step);
    const exempt = policy.exemptions.length
      ? ` Exempt change types: ${policy.exemptions.join(', ')}.`
      : '';
    reasons.push(`${head}; ${stepLabel(step)} blocks deploys.${exempt}`);
  }

  const specErrors = input.specErrors ?? [];
  const denyOnSpecError = (input.onSpecError ?? 'deny') === 'deny';
  for (const error of specErrors) {
    reasons.push(
      denyOnSpecError
        ? `The SLO spec ${error.file} has an error, so deploys are denied until it is fixed (slo.gate.onSpecError: deny): ${error.message}`
        : `The SLO spec ${error.file} has an error and was not evaluated; deploys are not blocked by it (slo.gate.onSpecError: allow): ${error.message}`,
    );
  }

  const allowed =
    blocking.length === 0 && !(denyOnSpecError && specErrors.length > 0);
  if (reasons.length === 0) {
    const ids = input.slos.map(s => s.slo.id);
    if (ids.length === 0) {
      reasons.push('No SLOs apply to this deploy.');
    } else if (ids.length === 1) {
      reasons.push(`${ids[0]} is within its error budget policy.`);
    } else {
      reasons.push(
        `All ${ids.length} SLOs (${ids.join(
          ', ',
        )}) are within their error budget policies.`,
      );
    }
  }
  const policyStep = allowed ? worst(inForce) : worst(blocking);
  return { allowed, reasons, ...(policyStep ? { policyStep } : {}), slos };
}
