import { Knex } from 'knex';
import { entitiesReaching, keyChunks, whereAnyOf } from '../queries';

/**
 * Entities whose derived facts an ingestion may have changed, beyond the entities of its own new
 * deployments and incidents (an incident's cause is always a deployment of its own entity): every
 * entity that deployed a new or completed change (or a descendant of it, through the reported
 * parents) or another change of the same PR (lead time and the PR breakdown of those deployments
 * move).
 */
export async function touchedEntities(
  trx: Knex.Transaction,
  input: {
    changeShas: string[];
    prIds: string[];
  },
): Promise<Set<string>> {
  const refs = new Set<string>();
  const add = (rows: { entity_ref: string }[]) =>
    rows.forEach(r => refs.add(r.entity_ref));
  const deployers = () => trx('deployment_commits').distinct('entity_ref');
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
