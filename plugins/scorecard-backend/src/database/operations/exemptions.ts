import { Knex } from 'knex';
import type { Exemption } from '../types';
import { EXEMPTIONS, ExemptionRow, fromExemptionRow } from '../rows';

export async function addExemption(
  db: Knex,
  e: Omit<Exemption, 'id'>,
): Promise<Exemption> {
  const [row] = await db<ExemptionRow>(EXEMPTIONS)
    .insert({
      entity_ref: e.entityRef,
      check_id: e.checkId,
      reason: e.reason,
      expires_at: e.expiresAt,
      created_by: e.createdBy,
      created_at: e.createdAt,
    })
    .returning('id');
  const id = typeof row === 'object' ? row.id : row;
  return (await getExemption(db, id))!;
}

export async function revokeExemption(
  db: Knex,
  id: number,
  by: string,
  at: string,
): Promise<Exemption> {
  // Only the first revocation is recorded: a second one must not rewrite who revoked it.
  await db<ExemptionRow>(EXEMPTIONS)
    .where({ id })
    .whereNull('revoked_at')
    .update({ revoked_by: by, revoked_at: at });
  return (await getExemption(db, id))!;
}

export async function getExemption(
  db: Knex,
  id: number,
): Promise<Exemption | undefined> {
  const row = await db<ExemptionRow>(EXEMPTIONS).where({ id }).first();
  return row ? fromExemptionRow(row) : undefined;
}

/** Every exemption ever granted (revoked and expired ones too), newest first. */
export async function listExemptions(
  db: Knex,
  entityRef?: string,
): Promise<Exemption[]> {
  const query = db<ExemptionRow>(EXEMPTIONS).orderBy('id', 'desc');
  if (entityRef) query.where({ entity_ref: entityRef });
  return (await query).map(fromExemptionRow);
}
