import {
  DatabaseService,
  resolvePackagePath,
} from '@backstage/backend-plugin-api';
import { GoldenPathDrift } from '@internal/plugin-golden-paths-common';
import { Knex } from 'knex';

export interface DriftFilter {
  template?: string;
  version?: string;
  owner?: string;
  /** only services behind (true) or current (false) */
  behind?: boolean;
}

type DriftRow = {
  entity_ref: string;
  title: string | null;
  owner: string | null;
  template: string;
  recorded_version: string;
  latest_version: string;
  behind: number;
  changed: string;
  missing: string;
  error: string | null;
  scanned_at: string;
};

const TABLE = 'golden_path_drift';
const migrationsDir = resolvePackagePath(
  '@internal/plugin-golden-paths-backend',
  'migrations',
);

/** Drift results, one row per service; SQL of the plugin lives here only. */
export class DriftStore {
  static async create(options: {
    database: DatabaseService;
  }): Promise<DriftStore> {
    const client = await options.database.getClient();
    if (!options.database.migrations?.skip) {
      await client.migrate.latest({ directory: migrationsDir });
    }
    return new DriftStore(client);
  }

  private constructor(private readonly db: Knex) {}

  /**
   * Writes one scan: the given results replace those of the same services, and services not in
   * `scanned` (deleted, or no longer from a golden path) lose theirs. All or nothing.
   */
  async replaceAll(results: GoldenPathDrift[]): Promise<void> {
    await this.db.transaction(async tx => {
      const refs = results.map(r => r.entityRef);
      const stale = (await tx<DriftRow>(TABLE).pluck('entity_ref')).filter(
        ref => !refs.includes(ref),
      );
      for (let i = 0; i < stale.length; i += 500) {
        await tx<DriftRow>(TABLE)
          .whereIn('entity_ref', stale.slice(i, i + 500))
          .delete();
      }
      for (let i = 0; i < results.length; i += 100) {
        await tx<DriftRow>(TABLE)
          .insert(results.slice(i, i + 100).map(toRow))
          .onConflict('entity_ref')
          .merge();
      }
    });
  }

  async upsert(result: GoldenPathDrift): Promise<void> {
    await this.db<DriftRow>(TABLE)
      .insert(toRow(result))
      .onConflict('entity_ref')
      .merge();
  }

  async get(entityRef: string): Promise<GoldenPathDrift | undefined> {
    const row = await this.db<DriftRow>(TABLE)
      .where({ entity_ref: entityRef })
      .first();
    return row ? fromRow(row) : undefined;
  }

  /** Most versions behind first, then by service. */
  async list(filter: DriftFilter = {}): Promise<GoldenPathDrift[]> {
    const query = this.db<DriftRow>(TABLE).select();
    if (filter.template) query.where({ template: filter.template });
    if (filter.version) query.where({ recorded_version: filter.version });
    if (filter.owner) query.where({ owner: filter.owner });
    if (filter.behind === true) query.where('behind', '>', 0);
    if (filter.behind === false) query.where({ behind: 0 });
    query.orderBy('behind', 'desc').orderBy('entity_ref', 'asc');
    return (await query).map(fromRow);
  }
}

function toRow(d: GoldenPathDrift): DriftRow {
  return {
    entity_ref: d.entityRef,
    title: d.title ?? null,
    owner: d.owner ?? null,
    template: d.template,
    recorded_version: d.recordedVersion,
    latest_version: d.latestVersion,
    behind: d.behind,
    changed: JSON.stringify(d.changed),
    missing: JSON.stringify(d.missing),
    error: d.error ?? null,
    scanned_at: d.scannedAt,
  };
}

function fromRow(row: DriftRow): GoldenPathDrift {
  return {
    entityRef: row.entity_ref,
    ...(row.title !== null && { title: row.title }),
    ...(row.owner !== null && { owner: row.owner }),
    template: row.template,
    recordedVersion: row.recorded_version,
    latestVersion: row.latest_version,
    behind: Number(row.behind),
    changed: JSON.parse(row.changed),
    missing: JSON.parse(row.missing),
    ...(row.error !== null && { error: row.error }),
    scannedAt: row.scanned_at,
  };
}
