import { BudgetPolicy, PolicyStep } from '../types';
import { DEFAULT_BUDGET_POLICY } from '../math/policy';
import { SpecNode } from './node';

// Actions whose whole point is to stop changes; others only inform.
const BLOCKING_ACTIONS = new Set(['freeze', 'halt']);

function stepAt(node: SpecNode, previous?: PolicyStep): PolicyStep {
  node.mapping();
  const percentNode = node.field('consumed_percent');
  const consumedPercent = percentNode.number();
  if (consumedPercent <= 0) {
    percentNode.fail('must be a number greater than 0');
  }
  if (previous && consumedPercent <= previous.consumedPercent) {
    percentNode.fail(
      `must be greater than the previous step's ${previous.consumedPercent} (list steps in ascending order)`,
    );
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
    steps = [];
    for (const n of stepNodes) {
      steps.push(stepAt(n, steps[steps.length - 1]));
    }
  }
  if (!steps && !exemptions) {
    return defaultPolicy;
  }
  return {
    steps: steps ?? defaultPolicy?.steps ?? DEFAULT_BUDGET_POLICY.steps,
    exemptions: exemptions ?? defaultPolicy?.exemptions ?? [],
  };
}
