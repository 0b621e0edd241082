import { Knex } from 'knex';
import { entitiesReaching, keyChunks, whereAnyOf } from '../queries';

/**
 * Entities whose derived facts an ingestion may have changed, beyond the entities of its own new
 * deployments and incidents: the owners of deployments an incident names explicitly (any entity),
 * the entities of incidents that name a deployment only now stored, and every entity that
 * deployed a new or completed change (or a descendant of it, through the reported parents) or
 * another change of the same PR (lead time and the PR breakdown of those deployments move).
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
  for (const part of keyChunks(trx, [...new Set(input.namedDeploymentIds)])) {
    add(
      await whereAnyOf(trx('deployments').distinct('entity_ref'), 'id', part),
    );
  }
  for (const part of keyChunks(trx, input.newDeploymentIds)) {
    add(
      await whereAnyOf(
        trx('incidents').distinct('entity_ref'),
        'caused_by_deployment_id',
        part,
      ),
    );
  }
  const deployers = () =>
    trx('deployment_commits')
      .distinct('deployments.entity_ref')
      .join(
        'deployments',
        'deployments.id',
        'deployment_commits.deployment_id',
      );
  (await entitiesReaching(trx, input.changeShas)).forEach(r => refs.add(r));
  for (const part of keyChunks(trx, [...new Set(input.prIds)])) {
    add(
      await deployers().whereIn(
        'deployment_commits.sha',
        whereAnyOf(trx('changes').select('sha'), 'pr_id', part),
      ),
    );
  }
  return refs;
}
