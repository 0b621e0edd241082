import { Knex } from 'knex';
import { bulkInsert, chunks, keyChunks, whereAnyOf } from '../queries';

export interface SyncTable {
  table: string;
  /** The primary key's columns. */
  key: string[];
  /** The column that scopes the rows being replaced (an entity ref column). */
  scope: string;
}

/**
 * Whether a stored value equals the derived one. Derived rows come from JavaScript (numbers,
 * booleans, strings); PostgreSQL returns bigint as text and SQLite booleans as 0/1, so the
 * stored side is read by the derived side's type. Strings compare exactly ("007" is not "7").
 */
function sameValue(stored: unknown, derived: unknown): boolean {
  if (derived === null || derived === undefined) {
    return stored === null || stored === undefined;
  }
  if (stored === null || stored === undefined) return false;
  if (typeof derived === 'boolean') {
    return derived === (stored === true || stored === 1 || stored === '1');
  }
  if (typeof derived === 'number') return Number(stored) === derived;
  return stored === derived;
}

const keyOf = (row: Record<string, unknown>, key: string[]) =>
  key.map(c => String(row[c])).join('\u0000');

/**
 * Makes the rows of `table` whose scope column is one of `scopes` equal `rows`, writing only the
 * difference: a refresh re-derives whole histories, but a new batch changes few of their rows,
 * and index maintenance of unchanged rows was most of a refresh's time. Returns the stored rows
 * it removed and the rows it inserted (a changed row is both).
 */
export async function syncRows<T extends Record<string, unknown>>(
  trx: Knex.Transaction,
  spec: SyncTable,
  scopes: string[],
  rows: T[],
): Promise<{ removed: T[]; inserted: T[] }> {
  const stored = new Map<string, T>();
  for (const part of keyChunks(trx, scopes)) {
    const found: T[] = await whereAnyOf(trx(spec.table), spec.scope, part);
    for (const row of found) stored.set(keyOf(row, spec.key), row);
  }
  const inserted: T[] = [];
  const removed: T[] = [];
  for (const row of rows) {
    const key = keyOf(row, spec.key);
    const old = stored.get(key);
    if (old) {
      stored.delete(key);
      if (Object.keys(row).every(c => sameValue(old[c], row[c]))) {
        continue;
      }
      removed.push(old);
    }
    inserted.push(row);
  }
  removed.push(...stored.values());
  for (const part of chunks(removed, 200)) {
    if (spec.key.length === 1) {
      await whereAnyOf(
        trx(spec.table),
        spec.key[0],
        part.map(r => r[spec.key[0]]),
      ).delete();
    } else {
      await trx(spec.table)
        .whereIn(spec.key, part.map(r => spec.key.map(c => r[c])) as any)
        .delete();
    }
  }
  await bulkInsert(trx, spec.table, inserted);
  return { removed, inserted };
}
