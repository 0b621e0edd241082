import {
  FailureReason,
  ListedDeployment,
  ReworkReason,
} from '@internal/plugin-dora-common';
import { Knex } from 'knex';
import { chunks } from '../queries';
import { DeploymentRow, deploymentRowKey } from '../rows';

const FAILURE_COLUMNS: [string, FailureReason][] = [
  ['failed_status', 'failed'],
  ['rolled_back', 'rolled-back'],
  ['followed_by_rollback', 'followed-by-rollback'],
  ['replaced_by_ancestor', 'replaced-by-ancestor'],
  ['caused_incident', 'caused-incident'],
];
const REWORK_COLUMNS: [string, ReworkReason][] = [
  ['hotfix', 'hotfix'],
  ['restored_incident', 'restored-incident'],
];

type ListedFacts = Pick<
  ListedDeployment,
  'failureReasons' | 'reworkReasons' | 'ancestryKnown'
>;

/**
 * The reasons stored as flags of a deployment's facts row, in the drill-down's words, and
 * whether it counts as known ancestry in the lead-time coverage.
 */
function reasonsOf(fact: Record<string, unknown> | undefined): ListedFacts {
  if (!fact) return {};
  return {
    ancestryKnown: Boolean(fact.ancestry_known),
    failureReasons: FAILURE_COLUMNS.filter(([c]) => Boolean(fact[c])).map(
      ([, reason]) => reason,
    ),
    reworkReasons: REWORK_COLUMNS.filter(([c]) => Boolean(fact[c])).map(
      ([, reason]) => reason,
    ),
  };
}

/**
 * Why each of the given deployments counted as failed or rework, and whether its ancestry is
 * known (none of these: no facts row), by deploymentKey.
 */
export async function readReasons(
  db: Knex,
  deployments: Pick<DeploymentRow, 'id' | 'entity_ref' | 'source'>[],
): Promise<Map<string, ListedFacts>> {
  const result = new Map<string, ListedFacts>();
  const wanted = new Set(deployments.map(deploymentRowKey));
  for (const part of chunks([...new Set(deployments.map(d => d.id))])) {
    const rows = await db('dora_deployment_facts').whereIn(
      'deployment_id',
      part,
    );
    for (const row of rows) {
      const key = deploymentRowKey({ ...row, id: row.deployment_id });
      if (wanted.has(key)) result.set(key, reasonsOf(row));
    }
  }
  return result;
}
