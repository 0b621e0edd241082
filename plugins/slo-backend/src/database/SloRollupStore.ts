import {
  DatabaseService,
  resolvePackagePath,
} from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import { RollupBucket } from '@internal/plugin-slo-common';
import { Knex } from 'knex';

/** Rollup bucket length in seconds; every bucket starts at a multiple of it. */
export const BUCKET_SECONDS = 300;

/** What the collector last did for one SLO. */
export interface CollectionState {
  sloId: string;
  /** Start of the newest collected bucket (epoch seconds). */
  lastBucket?: number;
  /** ISO 8601. */
  lastSuccessAt?: string;
  lastError?: string;
  stale: boolean;
}

export interface SloRollupStore {
  /**
   * Writes buckets; writing a bucket that exists replaces it, so re-collecting a range is
   * idempotent. Starts must be multiples of {@link BUCKET_SECONDS}, 0 ≤ good ≤ total.
   */
  upsertBuckets(sloId: string, buckets: RollupBucket[]): Promise<void>;
  /** Buckets with from ≤ start < to, oldest first. Missing buckets mean no data. */
  readBuckets(sloId: string, from: number, to: number): Promise<RollupBucket[]>;
  /** Start of the newest bucket, undefined when the SLO has none. */
  lastBucket(sloId: string): Promise<number | undefined>;
  recordCollection(state: CollectionState): Promise<void>;
  getCollectionStates(sloIds: string[]): Promise<Map<string, CollectionState>>;
}

type RollupRow = {
  slo_id: string;
  bucket_start: number | string;
  good: number | string;
  total: number | string;
};

type CollectionStateRow = {
  slo_id: string;
  last_bucket: number | string | null;
  last_success_at: string | null;
  last_error: string | null;
  stale: boolean | number;
};

const ROLLUPS = 'slo_rollups';
const COLLECTION_STATE = 'slo_collection_state';
// SQLite allows 999 bound variables per statement; 4 per row.
const CHUNK = 200;

const migrationsDir = resolvePackagePath(
  '@internal/plugin-slo-backend',
  'migrations',
);

export class DatabaseSloRollupStore implements SloRollupStore {
  static async create(options: {
    database: DatabaseService;
    skipMigrations?: boolean;
  }): Promise<DatabaseSloRollupStore> {
    const client = await options.database.getClient();
    if (!options.database.migrations?.skip && !options.skipMigrations) {
      await client.migrate.latest({ directory: migrationsDir });
    }
    return new DatabaseSloRollupStore(client);
  }

  private constructor(private readonly db: Knex) {}

  async upsertBuckets(sloId: string, buckets: RollupBucket[]): Promise<void> {
    if (!sloId) throw new InputError('sloId: must not be empty');
    const rows = buckets.map(b => toRollupRow(sloId, b));
    if (rows.length === 0) return;
    await this.db.transaction(async tx => {
      for (let i = 0; i < rows.length; i += CHUNK) {
        await tx<RollupRow>(ROLLUPS)
          .insert(rows.slice(i, i + CHUNK))
          .onConflict(['slo_id', 'bucket_start'])
          .merge(['good', 'total']);
      }
    });
  }

  async readBuckets(
    sloId: string,
    from: number,
    to: number,
  ): Promise<RollupBucket[]> {
    const rows = await this.db<RollupRow>(ROLLUPS)
      .where('slo_id', sloId)
      .andWhere('bucket_start', '>=', from)
      .andWhere('bucket_start', '<', to)
      .orderBy('bucket_start', 'asc');
    return rows.map(fromRollupRow);
  }

  async lastBucket(sloId: string): Promise<number | undefined> {
    const row = await this.db<RollupRow>(ROLLUPS)
      .where('slo_id', sloId)
      .max({ last: 'bucket_start' })
      .first();
    const last = (row as { last?: number | string | null } | undefined)?.last;
    return last === null || last === undefined ? undefined : Number(last);
  }

  async recordCollection(state: CollectionState): Promise<void> {
    await this.db<CollectionStateRow>(COLLECTION_STATE)
      .insert(toCollectionStateRow(state))
      .onConflict('slo_id')
      .merge();
  }

  async getCollectionStates(
    sloIds: string[],
  ): Promise<Map<string, CollectionState>> {
    const result = new Map<string, CollectionState>();
    for (let i = 0; i < sloIds.length; i += CHUNK) {
      const rows = await this.db<CollectionStateRow>(COLLECTION_STATE).whereIn(
        'slo_id',
        sloIds.slice(i, i + CHUNK),
      );
      for (const row of rows) {
        result.set(row.slo_id, fromCollectionStateRow(row));
      }
    }
    return result;
  }
}

// Row mapping lives here only. Postgres returns bigint as string, SQLite booleans as 0/1.

function toRollupRow(sloId: string, b: RollupBucket): RollupRow {
  if (!Number.isInteger(b.start) || b.start % BUCKET_SECONDS !== 0) {
    throw new InputError(
      `buckets: start ${b.start} is not a multiple of ${BUCKET_SECONDS} epoch seconds`,
    );
  }
  if (
    !Number.isFinite(b.good) ||
    !Number.isFinite(b.total) ||
    b.good < 0 ||
    b.total < 0 ||
    b.good > b.total
  ) {
    throw new InputError(
      `buckets: bucket ${b.start} must have 0 <= good <= total, got good=${b.good} total=${b.total}`,
    );
  }
  return { slo_id: sloId, bucket_start: b.start, good: b.good, total: b.total };
}

function fromRollupRow(row: RollupRow): RollupBucket {
  return {
    start: Number(row.bucket_start),
    good: Number(row.good),
    total: Number(row.total),
  };
}

function toCollectionStateRow(state: CollectionState): CollectionStateRow {
  return {
    slo_id: state.sloId,
    last_bucket: state.lastBucket ?? null,
    last_success_at: state.lastSuccessAt ?? null,
    last_error: state.lastError ?? null,
    stale: state.stale,
  };
}

function fromCollectionStateRow(row: CollectionStateRow): CollectionState {
  return {
    sloId: row.slo_id,
    ...(row.last_bucket !== null
      ? { lastBucket: Number(row.last_bucket) }
      : {}),
    ...(row.last_success_at !== null
      ? { lastSuccessAt: row.last_success_at }
      : {}),
    ...(row.last_error !== null ? { lastError: row.last_error } : {}),
    stale: Boolean(row.stale),
  };
}
