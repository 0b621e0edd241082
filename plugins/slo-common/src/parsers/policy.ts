import { BudgetPolicy, PolicyStep } from '../types';
import { DEFAULT_BUDGET_POLICY } from '../math/policy';
import { SpecNode, optional, specSchemas } from './node';

// Actions whose whole point is to stop changes; others only inform.
const BLOCKING_ACTIONS = new Set(['freeze', 'halt']);

const stepSchema = specSchemas.mappingOf({
  consumed_percent: specSchemas.positiveNumber,
  action: specSchemas.string,
  description: optional(specSchemas.string),
  blocks_deploys: optional(specSchemas.boolean),
});

const exemptionsSchema = optional(specSchemas.listOf(specSchemas.string));

function stepAt(node: SpecNode): PolicyStep {
  const step = node.read(stepSchema);
  return {
    consumedPercent: step.consumed_percent,
    action: step.action,
    ...(step.description ? { description: step.description } : {}),
    blocksDeploys: step.blocks_deploys ?? BLOCKING_ACTIONS.has(step.action),
  };
}

/**
 * Reads a plain-format error budget policy (`error_budget_policy` steps and
 * `exemptions`), falling back field by field to `defaultPolicy`.
 *
 * Exemptions without any steps fall back to the portal default steps rather
 * than being dropped silently: someone who lists exemptions expects a policy.
 */
export function policyAt(
  stepsNode: SpecNode,
  exemptionsNode: SpecNode,
  defaultPolicy?: BudgetPolicy,
): BudgetPolicy | undefined {
  const stepNodes = stepsNode.present
    ? stepsNode.items({ nonEmpty: true })
    : undefined;
  const exemptions = exemptionsNode.read(exemptionsSchema);

  let steps: PolicyStep[] | undefined;
  if (stepNodes) {
    // Teams list steps from the worst down as often as from the first up: order is not meaning.
    const read = stepNodes.map(n => ({ n, step: stepAt(n) }));
    const seen = new Map<number, SpecNode>();
    for (const { n, step } of read) {
      const other = seen.get(step.consumedPercent);
      if (other) {
        n.field('consumed_percent').fail(
          `${step.consumedPercent} is already the threshold of ${other.path}; each step needs its own`,
        );
      }
      seen.set(step.consumedPercent, n);
    }
    steps = read
      .map(r => r.step)
      .sort((a, b) => a.consumedPercent - b.consumedPercent);
  }
  if (!steps && !exemptions) {
    return defaultPolicy;
  }
  return {
    steps: steps ?? defaultPolicy?.steps ?? DEFAULT_BUDGET_POLICY.steps,
    exemptions: exemptions ?? defaultPolicy?.exemptions ?? [],
  };
}
