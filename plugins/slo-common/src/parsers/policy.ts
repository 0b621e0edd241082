import { BudgetPolicy, PolicyStep } from '../types';
import { DEFAULT_BUDGET_POLICY } from '../math/policy';
import { SpecNode } from './node';

// Actions whose whole point is to stop changes; others only inform.
const BLOCKING_ACTIONS = new Set(['freeze', 'halt']);

function stepAt(node: SpecNode): PolicyStep {
  node.mapping();
  const percentNode = node.field('consumed_percent');
  const consumedPercent = percentNode.number();
  if (consumedPercent <= 0) {
    percentNode.fail('must be a number greater than 0');
  }
  const action = node.field('action').string();
  const description = node.field('description').optionalString();
  const blocksDeploys =
    node.field('blocks_deploys').optionalBoolean() ??
    BLOCKING_ACTIONS.has(action);
  return {
    consumedPercent,
    action,
    ...(description ? { description } : {}),
    blocksDeploys,
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
  const exemptions = exemptionsNode.optionalItems()?.map(n => n.string());

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
