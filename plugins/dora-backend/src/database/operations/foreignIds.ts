import { ConflictError } from '@backstage/errors';
import { Knex } from 'knex';
import { keyChunks, whereAnyOf } from '../queries';

/**
 * Refuses records whose id is already stored for another entity. Ids are the idempotency keys
 * and first come, first kept, so a record of one entity that took another's id first would
 * otherwise turn that entity's own record into a silent duplicate; refusing it (409, the whole
 * batch) makes the clash visible to the sender of the second.
 */
export async function refuseForeignIds(
  trx: Knex.Transaction,
  table: 'deployments' | 'incidents',
  records: { id: string; entityRef: string; index: number }[],
): Promise<void> {
  if (records.length === 0) return;
  const stored = new Map<string, string>();
  for (const part of keyChunks(
    trx,
    records.map(r => r.id),
  )) {
    const rows: { id: string; entity_ref: string }[] = await whereAnyOf(
      trx(table),
      'id',
      part,
    ).select('id', 'entity_ref');
    rows.forEach(r => stored.set(r.id, r.entity_ref));
  }
  const clash = records.find(
    r => stored.has(r.id) && stored.get(r.id) !== r.entityRef,
  );
  if (clash) {
    throw new ConflictError(
      `${table}[${clash.index}].id: ${
        clash.id
      } is already stored for ${stored.get(clash.id)}, not ${
        clash.entityRef
      }; give ids unique across services (e.g. prefixed with the service)`,
    );
  }
}
