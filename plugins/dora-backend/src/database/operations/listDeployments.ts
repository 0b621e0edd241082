import { ListedDeployment } from '@internal/plugin-dora-common';
import { Knex } from 'knex';
import type { DeploymentQuery } from '../types';
import { commitsOf, groupCommits } from '../queries';
import { DeploymentRow, deploymentRowKey, iso, toDeployment } from '../rows';
import { readReasons } from './readReasons';

/** DoraStore.listDeployments: newest first, each with why it counted as failed or rework. */
export async function listDeployments(
  db: Knex,
  query: DeploymentQuery,
): Promise<ListedDeployment[]> {
  const q = db<DeploymentRow>('deployments');
  if (query.entityRef) q.where('entity_ref', query.entityRef);
  if (query.environment) q.where('environment', query.environment);
  if (query.from !== undefined) q.where('finished_at', '>=', iso(query.from));
  if (query.to !== undefined) q.where('finished_at', '<', iso(query.to));
  const rows = await q
    .orderBy('finished_at', 'desc')
    .orderBy('id', 'desc')
    .orderBy('entity_ref', 'desc')
    .orderBy('source', 'desc')
    .limit(query.limit);
  const shasOf = groupCommits(await commitsOf(db, rows));
  const reasons = await readReasons(db, rows);
  return rows.map(r => ({
    ...toDeployment(r, shasOf.get(deploymentRowKey(r)) ?? []),
    ...reasons.get(deploymentRowKey(r)),
  }));
}
