/**
 * Shared by the DORA benches: a PostgreSQL database of their own on the local server, a knex
 * client for it, and `\copy` of CSV files through psql (the COPY protocol, without adding a
 * streaming dependency).
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import knexFactory, { Knex } from 'knex';
import { EVENT_COLUMNS } from '../../plugins/dora-backend/src/database/rows';

export const PG_URL =
  process.env.BENCH_PG_URL ?? 'postgresql://postgres@127.0.0.1:5432';

export async function benchDatabase(name: string, fresh: boolean) {
  const admin = knexFactory({ client: 'pg', connection: `${PG_URL}/postgres` });
  const exists = await admin.raw(
    'SELECT 1 FROM pg_database WHERE datname = ?',
    [name],
  );
  if (fresh && exists.rows.length > 0) {
    await admin.raw(`DROP DATABASE ${name} WITH (FORCE)`);
  }
  if (fresh || exists.rows.length === 0) {
    await admin.raw(`CREATE DATABASE ${name}`);
  }
  await admin.destroy();
  const url = `${PG_URL}/${name}`;
  const knex: Knex = knexFactory({
    client: 'pg',
    connection: url,
    pool: { min: 1, max: 10 },
  });
  return { knex, url };
}

/** A CSV writer per table; NULL is the empty unquoted field (COPY's CSV default). */
export class CsvTables {
  private readonly streams = new Map<string, fs.WriteStream>();
  readonly rows = new Map<string, number>();
  constructor(
    private readonly dir: string,
    private readonly columns: Record<string, string[]>,
  ) {
    fs.rmSync(dir, { recursive: true, force: true });
    fs.mkdirSync(dir, { recursive: true });
  }

  write(table: string, row: Record<string, unknown>) {
    let stream = this.streams.get(table);
    if (!stream) {
      stream = fs.createWriteStream(path.join(this.dir, `${table}.csv`));
      this.streams.set(table, stream);
    }
    const line = this.columns[table]
      .map(c => {
        const v = row[c];
        if (v === null || v === undefined) return '';
        if (typeof v === 'boolean') return v ? 't' : 'f';
        const s = String(v);
        return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
      })
      .join(',');
    stream.write(`${line}\n`);
    this.rows.set(table, (this.rows.get(table) ?? 0) + 1);
  }

  async close() {
    await Promise.all(
      [...this.streams.values()].map(
        s => new Promise(resolve => s.end(resolve)),
      ),
    );
  }

  /** COPY every table from its file; returns seconds per table. */
  copyAll(url: string, tables = [...this.streams.keys()]) {
    const seconds: Record<string, number> = {};
    for (const table of tables) {
      const file = path.join(this.dir, `${table}.csv`);
      if (!fs.existsSync(file)) continue;
      const t0 = performance.now();
      execFileSync('psql', [
        url,
        '-v',
        'ON_ERROR_STOP=1',
        '-q',
        '-c',
        `\\copy ${table} (${this.columns[table].join(',')}) FROM '${file}' CSV`,
      ]);
      seconds[table] = (performance.now() - t0) / 1000;
    }
    return seconds;
  }
}

export const quantile = (xs: number[], q: number) => {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.max(0, Math.ceil(q * sorted.length) - 1)];
};

/** Columns of the raw event tables, in the order both benches COPY them. */
export const RAW_COLUMNS: Record<string, string[]> = {
  deployments: [...EVENT_COLUMNS.deployments.all],
  deployment_commits: [
    'entity_ref',
    'source',
    'deployment_id',
    'sha',
    'position',
  ],
  changes: [...EVENT_COLUMNS.changes.all],
  change_parents: ['sha', 'parent_sha'],
  incidents: [...EVENT_COLUMNS.incidents.all],
};
