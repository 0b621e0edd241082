import { Knex } from 'knex';
import { CommitRow, ParentRow, commitDeploymentKey } from './rows';

// Query helpers shared by the store's operations; SQL stays inside database/.

export const CHUNK = 200;

/** Stored links are about this environment, with the default time window of dora-common. */
export const LINK_ENVIRONMENT = 'production';

const isPg = (db: Knex | Knex.Transaction) => db.client.config.client === 'pg';

/**
 * `column IN (values)`. PostgreSQL gets one array parameter: planning a statement with hundreds
 * of parameters cost more than running it, and ingest ran several per batch.
 */
export function whereAnyOf<Q extends Knex.QueryBuilder>(
  q: Q,
  column: string,
  values: readonly unknown[],
): Q {
  return q.client.config.client === 'pg'
    ? (q.whereRaw('?? = ANY(?)', [column, values as any[]]) as Q)
    : (q.whereIn(column, values as any[]) as Q);
}

/** Chunks for whereAnyOf: one for PostgreSQL's array parameter, SQLite's variable limit otherwise. */
export function keyChunks<T>(db: Knex | Knex.Transaction, keys: T[]): T[][] {
  return chunks(keys, isPg(db) ? 20_000 : CHUNK);
}

/** A table's key: one column, or several (composite keys, the most selective first). */
export type Key<T> = (keyof T & string) | readonly (keyof T & string)[];

export const columnsOf = <T>(key: Key<T>): readonly (keyof T & string)[] =>
  typeof key === 'string' ? [key] : key;

/** A row's key as one string: the column's value, or a JSON array of a composite key's values. */
export function keyOf<T extends Record<string, unknown>>(
  row: T,
  key: Key<T>,
): string {
  const columns = columnsOf(key);
  return columns.length === 1
    ? String(row[columns[0]])
    : JSON.stringify(columns.map(c => String(row[c])));
}

/** Which of the rows' keys are stored, looked up by the key's first column. */
async function existing<T extends Record<string, unknown>>(
  db: Knex | Knex.Transaction,
  table: string,
  key: Key<T>,
  rows: T[],
): Promise<Set<string>> {
  const columns = columnsOf(key);
  const found = new Set<string>();
  const firsts = [...new Set(rows.map(r => r[columns[0]]))];
  for (const part of keyChunks(db, firsts)) {
    (await whereAnyOf(db(table).select(...columns), columns[0], part)).forEach(
      (r: T) => found.add(keyOf(r, key)),
    );
  }
  return found;
}

/**
 * Inserts the rows whose `key` is not stored yet (keys unique within `rows`) and returns the
 * keys (keyOf) it inserted. PostgreSQL learns them from the insert itself (ON CONFLICT DO NOTHING
 * RETURNING), one statement instead of a look-up and an insert; a row another transaction
 * stores concurrently counts as stored, not inserted.
 */
export async function insertNew<T extends Record<string, unknown>>(
  db: Knex | Knex.Transaction,
  table: string,
  rows: T[],
  key: Key<T>,
): Promise<Set<string>> {
  const inserted = new Set<string>();
  if (rows.length === 0) return inserted;
  const keyColumns = columnsOf(key);
  if (isPg(db)) {
    const columns = Object.keys(rows[0]);
    const list = columns.map(() => '??').join(', ');
    const keyList = keyColumns.map(() => '??').join(', ');
    // In key order: concurrent deliveries of the same records in another order would otherwise
    // each hold a key the other waits for, a deadlock.
    const ordered = [...rows].sort((a, b) =>
      compareText(keyOf(a, key), keyOf(b, key)),
    );
    for (const part of chunks(ordered, 20_000)) {
      const result = await db.raw(
        `INSERT INTO ?? (${list}) SELECT ${list} FROM json_populate_recordset(NULL::??, ?::json) ON CONFLICT (${keyList}) DO NOTHING RETURNING ${keyList}`,
        [
          table,
          ...columns,
          ...columns,
          table,
          JSON.stringify(part),
          ...keyColumns,
          ...keyColumns,
        ],
      );
      for (const row of result.rows) inserted.add(keyOf(row, key));
    }
    return inserted;
  }
  const stored = await existing(db, table, key, rows);
  const fresh = rows.filter(r => !stored.has(keyOf(r, key)));
  await bulkInsert(db, table, fresh);
  fresh.forEach(r => inserted.add(keyOf(r, key)));
  return inserted;
}

/**
 * Inserts rows (all with the keys of the first) in few statements; with `conflict`, rows whose
 * key exists are skipped. PostgreSQL: one statement per 20,000 rows expanding a JSON array with
 * the table's own row type, so a batch binds one parameter rather than one per value (which
 * dominated ingest time). SQLite: multi-row inserts below its 500 compound-SELECT terms.
 */
export async function bulkInsert<T extends {}>(
  db: Knex | Knex.Transaction,
  table: string,
  rows: T[],
  conflict?: string | string[],
): Promise<void> {
  if (rows.length === 0) return;
  const columns = Object.keys(rows[0]);
  const keys = conflict === undefined ? [] : [conflict].flat();
  if (db.client.config.client === 'pg') {
    const list = columns.map(() => '??').join(', ');
    const onConflict =
      keys.length > 0
        ? ` ON CONFLICT (${keys.map(() => '??').join(', ')}) DO NOTHING`
        : '';
    for (const part of chunks(rows, 20_000)) {
      await db.raw(
        `INSERT INTO ?? (${list}) SELECT ${list} FROM json_populate_recordset(NULL::??, ?::json)${onConflict}`,
        [table, ...columns, ...columns, table, JSON.stringify(part), ...keys],
      );
    }
    return;
  }
  const size = Math.min(400, Math.max(1, Math.floor(30_000 / columns.length)));
  for (const part of chunks(rows, size)) {
    const insert = db(table).insert(part);
    await (keys.length > 0 ? insert.onConflict(keys).ignore() : insert);
  }
}

/** The commits of the given deployments (by their deploymentKey). */
export async function commitsOf(
  db: Knex | Knex.Transaction,
  deployments: { id: string; entity_ref: string; source: string }[],
): Promise<CommitRow[]> {
  const wanted = new Set(
    deployments.map(d =>
      commitDeploymentKey({ ...d, deployment_id: d.id, sha: '', position: 0 }),
    ),
  );
  const result: CommitRow[] = [];
  for (const part of chunks([...new Set(deployments.map(d => d.id))])) {
    const rows = await db<CommitRow>('deployment_commits').whereIn(
      'deployment_id',
      part,
    );
    result.push(...rows.filter(r => wanted.has(commitDeploymentKey(r))));
  }
  return result;
}

/** The SHAs of each deployment, by deploymentKey, in reported order. */
export function groupCommits(commits: CommitRow[]): Map<string, string[]> {
  const byDeployment = new Map<string, CommitRow[]>();
  for (const c of commits) {
    const key = commitDeploymentKey(c);
    const list = byDeployment.get(key) ?? [];
    list.push(c);
    byDeployment.set(key, list);
  }
  return new Map(
    [...byDeployment].map(([id, list]) => [
      id,
      list.sort((a, b) => a.position - b.position).map(c => c.sha),
    ]),
  );
}

/**
 * Selects `columns` of `table`, on PostgreSQL with the `times` (timestamptz) formatted as UTC ISO
 * strings in the database: the driver would parse each into a Date that the row mapping turns
 * back into that string, which was a quarter of a refresh pass.
 */
export function isoColumns(
  db: Knex | Knex.Transaction,
  table: string,
  spec: { all: readonly string[]; times: readonly string[] },
): (string | Knex.Raw)[] {
  return spec.all.map(c =>
    isPg(db) && spec.times.includes(c)
      ? db.raw(
          `to_char(?? AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS ??`,
          [`${table}.${c}`, c],
        )
      : `${table}.${c}`,
  );
}

export function chunks<T>(items: T[], size = CHUNK): T[][] {
  const result: T[][] = [];
  for (let i = 0; i < items.length; i += size) {
    result.push(items.slice(i, i + size));
  }
  return result;
}

/** Orders strings by UTF-16 code unit: one order every process agrees on, for locking. */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : Number(a > b);
}

export function by<T>(key: (item: T) => string[]) {
  return (a: T, b: T): number => {
    const ka = key(a);
    const kb = key(b);
    for (let i = 0; i < ka.length; i++) {
      if (ka[i] !== kb[i]) return ka[i] < kb[i] ? -1 : 1;
    }
    return 0;
  };
}

/** Stored parent edges of the given commits. */
export async function storedParentEdges(
  db: Knex | Knex.Transaction,
  shas: string[],
): Promise<ParentRow[]> {
  const rows: ParentRow[] = [];
  for (const part of keyChunks(db, shas)) {
    rows.push(
      ...(await whereAnyOf(
        db<ParentRow>('change_parents').select(
          'sha',
          'entity_ref',
          'parent_sha',
        ),
        'sha',
        part,
      )),
    );
  }
  return rows;
}

/**
 * Every parent edge the given entities' delivery walks may follow: reachable from the commits of
 * their deployments through edges of the walking entity's own records or of entity-less ones
 * (never another entity's, see dora-common's changesByEntity). One recursive statement per chunk
 * rather than one round trip per generation of parents; it starts from the commits that have
 * edges, so a history without ancestry costs one empty join.
 */
export async function reachableEdges(
  db: Knex | Knex.Transaction,
  entityRefs: string[],
): Promise<ParentRow[]> {
  const edges = new Map<string, ParentRow>();
  for (const part of keyChunks(db, entityRefs)) {
    const rows: ParentRow[] = await db
      .withRecursive(
        'reach',
        ['walker', 'sha', 'entity_ref', 'parent_sha'],
        qb => {
          whereAnyOf(
            qb
              .select(
                'deployment_commits.entity_ref',
                'change_parents.sha',
                'change_parents.entity_ref',
                'change_parents.parent_sha',
              )
              .from('change_parents')
              .join(
                'deployment_commits',
                'deployment_commits.sha',
                'change_parents.sha',
              )
              .where(w =>
                w
                  .where('change_parents.entity_ref', '')
                  .orWhere(
                    'change_parents.entity_ref',
                    db.ref('deployment_commits.entity_ref'),
                  ),
              ),
            'deployment_commits.entity_ref',
            part,
          ).union(u =>
            u
              .select(
                'reach.walker',
                'change_parents.sha',
                'change_parents.entity_ref',
                'change_parents.parent_sha',
              )
              .from('change_parents')
              .join('reach', 'reach.parent_sha', 'change_parents.sha')
              .where(w =>
                w
                  .where('change_parents.entity_ref', '')
                  .orWhere('change_parents.entity_ref', db.ref('reach.walker')),
              ),
          );
        },
      )
      .distinct('sha', 'entity_ref', 'parent_sha')
      .from('reach');
    rows.forEach(r =>
      edges.set(JSON.stringify([r.sha, r.entity_ref, r.parent_sha]), r),
    );
  }
  return [...edges.values()];
}

/**
 * Entities with a deployment whose commits reach one of `shas` (the commits themselves or a
 * descendant through change_parents): whose lead times a new or completed commit may move.
 */
export async function entitiesReaching(
  db: Knex | Knex.Transaction,
  shas: string[],
): Promise<string[]> {
  const refs = new Set<string>();
  for (const part of keyChunks(db, shas)) {
    const rows: { entity_ref: string }[] = await db
      .withRecursive('descendants', ['sha'], qb => {
        whereAnyOf(
          qb.select('changes.sha').from('changes'),
          'changes.sha',
          part,
        ).union(u =>
          u
            .select('change_parents.sha')
            .from('change_parents')
            .join(
              'descendants',
              'descendants.sha',
              'change_parents.parent_sha',
            ),
        );
      })
      .distinct('deployment_commits.entity_ref')
      .from('deployment_commits')
      .whereIn(
        'deployment_commits.sha',
        db.select('descendants.sha').from('descendants'),
      );
    rows.forEach(r => refs.add(r.entity_ref));
  }
  return [...refs];
}
