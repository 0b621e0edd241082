import { Knex } from 'knex';
import { chunks } from '../queries';

/**
 * Entities whose derived facts an ingestion may have changed, beyond the entities of its own new
 * deployments and incidents: the owners of deployments an incident names explicitly (any entity),
 * the entities of incidents that name a deployment only now stored, and every entity that
 * deployed a new or completed change or another change of the same PR (lead time and the PR
 * breakdown of those deployments move).
 */
export async function touchedEntities(
  trx: Knex.Transaction,
  input: {
    namedDeploymentIds: string[];
    newDeploymentIds: string[];
    changeShas: string[];
    prIds: string[];
  },
): Promise<Set<string>> {
  const refs = new Set<string>();
  const add = (rows: { entity_ref: string }[]) =>
    rows.forEach(r => refs.add(r.entity_ref));
  for (const part of chunks([...new Set(input.namedDeploymentIds)], 500)) {
    add(await trx('deployments').distinct('entity_ref').whereIn('id', part));
  }
  for (const part of chunks(input.newDeploymentIds, 500)) {
    add(
      await trx('incidents')
        .distinct('entity_ref')
        .whereIn('caused_by_deployment_id', part),
    );
  }
  const deployersOf = (shas: Knex.QueryBuilder | string[]) =>
    trx('deployment_commits')
      .distinct('deployments.entity_ref')
      .join('deployments', 'deployments.id', 'deployment_commits.deployment_id')
      .whereIn('deployment_commits.sha', shas);
  for (const part of chunks(input.changeShas, 500)) {
    add(await deployersOf(part));
  }
  for (const part of chunks([...new Set(input.prIds)], 500)) {
    add(await deployersOf(trx('changes').select('sha').whereIn('pr_id', part)));
  }
  return refs;
}
