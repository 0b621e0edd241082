import { Knex } from 'knex';
import {
  Key,
  columnsOf,
  compareText,
  keyChunks,
  keyOf,
  whereAnyOf,
} from './queries';

// Merging records that share a key: first value wins, later records only fill empty columns.

function isEmpty(value: unknown): boolean {
  return value === null || value === undefined;
}

/**
 * Merges records that share a key, in order: the first value of each column wins and later
 * records only fill columns that are still empty. Used both inside a batch and against stored
 * rows, so an incident reported open and later resolved ends up with both times, while a
 * re-delivered record changes nothing.
 */
export function fillEmptyColumns<R extends Record<string, unknown>>(
  base: R,
  incoming: R,
  columns: readonly (keyof R)[],
): Partial<R> {
  const patch: Partial<R> = {};
  for (const column of columns) {
    const value = incoming[column];
    if (isEmpty(base[column]) && !isEmpty(value)) patch[column] = value;
  }
  return patch;
}

/**
 * Applies fillEmptyColumns to rows already stored. Returns the keys of the rows that changed.
 * `check` may veto a patch (it throws an InputError naming the offending field).
 */
export async function fillStoredRows<R extends Record<string, unknown>>(
  trx: Knex.Transaction,
  table: string,
  key: Key<R>,
  rows: R[],
  columns: readonly (keyof R)[],
  check?: (stored: R, patch: Partial<R>, index: number) => void,
): Promise<R[]> {
  const keyColumns = columnsOf(key);
  const stored = new Map<string, R>();
  for (const part of keyChunks(trx, [
    ...new Set(rows.map(r => r[keyColumns[0]])),
  ])) {
    for (const row of (await whereAnyOf(
      trx(table),
      keyColumns[0],
      part,
    )) as R[]) {
      stored.set(keyOf(row, key), row);
    }
  }
  const patches: { row: R; current: R; patch: Partial<R> }[] = [];
  for (const [index, row] of rows.entries()) {
    const current = stored.get(keyOf(row, key));
    if (!current) continue;
    const patch = fillEmptyColumns(current, row, columns);
    if (Object.keys(patch).length === 0) continue;
    check?.(current, patch, index);
    patches.push({ row, current, patch });
  }
  // Applied in key order, as insertNew inserts, so concurrent deliveries cannot deadlock; and a
  // column is set only while still empty, so of two concurrent fills the first one wins.
  patches.sort((a, b) => compareText(keyOf(a.row, key), keyOf(b.row, key)));
  const changed: R[] = [];
  for (const { row, current, patch } of patches) {
    const fill = Object.fromEntries(
      Object.entries(patch).map(([column, value]) => [
        column,
        trx.raw('COALESCE(??, ?)', [column, value as any]),
      ]),
    );
    await trx(table)
      .where(Object.fromEntries(keyColumns.map(c => [c, row[c] as string])))
      .update(fill);
    changed.push({ ...current, ...patch });
  }
  return changed;
}

/** Records of one key merged in batch order (see fillEmptyColumns), with each key's first index. */
export function mergeByKey<R extends Record<string, unknown>>(
  rows: R[],
  key: Key<R>,
  columns: readonly (keyof R)[],
): { row: R; index: number }[] {
  const merged = new Map<string, { row: R; index: number }>();
  rows.forEach((row, index) => {
    const first = merged.get(keyOf(row, key));
    if (!first) merged.set(keyOf(row, key), { row: { ...row }, index });
    else Object.assign(first.row, fillEmptyColumns(first.row, row, columns));
  });
  return [...merged.values()];
}
