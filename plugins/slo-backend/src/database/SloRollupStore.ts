import {
  DatabaseService,
  resolvePackagePath,
} from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import { RollupBucket } from '@internal/plugin-slo-common';
import { Knex } from 'knex';
import {
  TouchedRange,
  deriveCoarseRollups,
} from './operations/deriveCoarseRollups';
import { RangeRequest, RangeSum, sumRanges } from './operations/sumRanges';
import {
  DeletedRollups,
  deleteRollupsBefore,
} from './operations/deleteRollupsBefore';

export type { RangeRequest, RangeSum } from './operations/sumRanges';
export type { DeletedRollups } from './operations/deleteRollupsBefore';

/** Default rollup bucket length in seconds; every bucket starts at a multiple of it. */
export const BUCKET_SECONDS = 300;

/**
 * A bucket length the rollups support: it divides 5 minutes (the shortest alert window), and
 * so an hour and a day too.
 */
export function assertBucketSeconds(seconds: number): void {
  if (!Number.isInteger(seconds) || seconds <= 0 || 300 % seconds !== 0) {
    throw new InputError(
      `slo.bucketSeconds: must be a whole number of seconds dividing 300, got ${seconds}`,
    );
  }
}

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
  /** The bucket length: every bucket starts at a multiple of it. */
  readonly bucketSeconds: number;
  /**
   * Writes buckets; writing a bucket that exists replaces it, so re-collecting a range is
   * idempotent. Starts must be multiples of `bucketSeconds`, 0 ≤ good ≤ total.
   */
  upsertBuckets(sloId: string, buckets: RollupBucket[]): Promise<void>;
  /**
   * One collection cycle's writes in one transaction, in a few multi-row statements: the
   * buckets of many SLOs (as {@link SloRollupStore.upsertBuckets}) and their collection states.
   */
  saveCollection(writes: {
    buckets: Array<{ sloId: string; buckets: RollupBucket[] }>;
    states: CollectionState[];
  }): Promise<void>;
  /** Buckets with from ≤ start < to, oldest first. Missing buckets mean no data. */
  readBuckets(sloId: string, from: number, to: number): Promise<RollupBucket[]>;
  /**
   * Hourly sums as buckets starting on the hour, for hour-aligned ranges; summing them over
   * [from, to) gives what summing {@link SloRollupStore.readBuckets} would. Hours without
   * buckets are missing.
   */
  readHourlyBuckets(
    sloId: string,
    from: number,
    to: number,
  ): Promise<RollupBucket[]>;
  /**
   * Per SLO, the good/total sums and newest bucket start over each range of bucket starts,
   * equal to summing {@link SloRollupStore.readBuckets} over it but read from hourly and daily
   * sums with a few queries shared by all SLOs.
   */
  sumRanges(requests: RangeRequest[]): Promise<Map<string, RangeSum[]>>;
  /** Start of the newest bucket, undefined when the SLO has none. */
  lastBucket(sloId: string): Promise<number | undefined>;
  /** {@link SloRollupStore.lastBucket} of many SLOs; SLOs without buckets are absent. */
  lastBuckets(sloIds: string[]): Promise<Map<string, number>>;
  recordCollection(state: CollectionState): Promise<void>;
  getCollectionStates(sloIds: string[]): Promise<Map<string, CollectionState>>;
  /** Retention: deletes buckets and their hourly and daily sums before a UTC midnight. */
  deleteRollupsBefore(cutoff: number): Promise<DeletedRollups>;
}

type RollupRow = {
  slo_id: string;
  bucket_start: number | string;
  good: number | string;
  total: number | string;
};

type HourlyRow = {
  slo_id: string;
  hour_start: number | string;
  good: number | string;
  total: number | string;
  last_bucket: number | string;
};

type CollectionStateRow = {
  slo_id: string;
  last_bucket: number | string | null;
  last_success_at: string | null;
  last_error: string | null;
  stale: boolean | number;
};

const ROLLUPS = 'slo_rollups';
const HOURLY = 'slo_rollups_hourly';
const DAILY = 'slo_rollups_daily';
const COLLECTION_STATE = 'slo_collection_state';
// Rows or ids per statement: 4 bound variables per row stays well under the limits of SQLite
// (32,766 since 3.32) and Postgres (65,535).
const CHUNK = 1000;
// Knex writes SQLite multi-row inserts as a UNION ALL, which SQLite caps at 500 terms.
const STATES_CHUNK = 400;

const migrationsDir = resolvePackagePath(
  '@internal/plugin-slo-backend',
  'migrations',
);

export class DatabaseSloRollupStore implements SloRollupStore {
  static async create(options: {
    database: DatabaseService;
    skipMigrations?: boolean;
    /**
     * Default 300. Shorter buckets are for tests and demos on a fresh database: rows of
     * another length would be summed as if they were of this one.
     */
    bucketSeconds?: number;
  }): Promise<DatabaseSloRollupStore> {
    const bucketSeconds = options.bucketSeconds ?? BUCKET_SECONDS;
    assertBucketSeconds(bucketSeconds);
    const client = await options.database.getClient();
    if (!options.database.migrations?.skip && !options.skipMigrations) {
      await client.migrate.latest({ directory: migrationsDir });
    }
    return new DatabaseSloRollupStore(client, bucketSeconds);
  }

  private constructor(
    private readonly db: Knex,
    readonly bucketSeconds: number,
  ) {}

  async upsertBuckets(sloId: string, buckets: RollupBucket[]): Promise<void> {
    await this.saveCollection({ buckets: [{ sloId, buckets }], states: [] });
  }

  async saveCollection(writes: {
    buckets: Array<{ sloId: string; buckets: RollupBucket[] }>;
    states: CollectionState[];
  }): Promise<void> {
    // Validate everything before writing anything.
    // Keyed so a bucket given twice is written once (the last wins): Postgres refuses to
    // update one row twice in a statement.
    const byKey = new Map<string, RollupRow>();
    const touched: TouchedRange[] = [];
    for (const { sloId, buckets } of writes.buckets) {
      if (!sloId) throw new InputError('sloId: must not be empty');
      if (buckets.length === 0) continue;
      let first = Infinity;
      let last = -Infinity;
      for (const b of buckets) {
        byKey.set(
          `${b.start}\u0000${sloId}`,
          toRollupRow(sloId, b, this.bucketSeconds),
        );
        first = Math.min(first, b.start);
        last = Math.max(last, b.start);
      }
      touched.push({ sloId, first, last });
    }
    const rows = [...byKey.values()];
    const states = [
      ...new Map(writes.states.map(st => [st.sloId, st])).values(),
    ].map(toCollectionStateRow);
    if (rows.length === 0 && states.length === 0) return;
    await this.db.transaction(async tx => {
      // Plain multi-row VALUES: knex writes SQLite multi-row inserts as a UNION ALL, which
      // SQLite caps at 500 terms.
      for (let i = 0; i < rows.length; i += CHUNK) {
        const chunk = rows.slice(i, i + CHUNK);
        await tx.raw(
          `INSERT INTO ${ROLLUPS} (slo_id, bucket_start, good, total) VALUES ${chunk
            .map(() => '(?, ?, ?, ?)')
            .join(', ')}
           ON CONFLICT (slo_id, bucket_start) DO UPDATE SET
             good = excluded.good, total = excluded.total`,
          chunk.flatMap(r => [r.slo_id, r.bucket_start, r.good, r.total]),
        );
      }
      await deriveCoarseRollups(tx, touched);
      for (let i = 0; i < states.length; i += STATES_CHUNK) {
        await tx<CollectionStateRow>(COLLECTION_STATE)
          .insert(states.slice(i, i + STATES_CHUNK))
          .onConflict('slo_id')
          .merge();
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

  async readHourlyBuckets(
    sloId: string,
    from: number,
    to: number,
  ): Promise<RollupBucket[]> {
    const rows = await this.db<HourlyRow>(HOURLY)
      .where('slo_id', sloId)
      .andWhere('hour_start', '>=', from)
      .andWhere('hour_start', '<', to)
      .orderBy('hour_start', 'asc');
    return rows.map(row => ({
      start: Number(row.hour_start),
      good: Number(row.good),
      total: Number(row.total),
    }));
  }

  async deleteRollupsBefore(cutoff: number): Promise<DeletedRollups> {
    return deleteRollupsBefore(this.db, cutoff);
  }

  async sumRanges(requests: RangeRequest[]): Promise<Map<string, RangeSum[]>> {
    return sumRanges(this.db, requests, this.bucketSeconds);
  }

  async lastBuckets(sloIds: string[]): Promise<Map<string, number>> {
    const result = new Map<string, number>();
    for (let i = 0; i < sloIds.length; i += CHUNK) {
      // Daily rows carry their newest bucket: far fewer rows than the buckets.
      const rows: Array<{ slo_id: string; last: number | string }> =
        await this.db(DAILY)
          .select('slo_id')
          .max({ last: 'last_bucket' })
          .whereIn('slo_id', sloIds.slice(i, i + CHUNK))
          .groupBy('slo_id');
      for (const row of rows) result.set(row.slo_id, Number(row.last));
    }
    return result;
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

function toRollupRow(
  sloId: string,
  b: RollupBucket,
  bucketSeconds: number,
): RollupRow {
  if (!Number.isInteger(b.start) || b.start % bucketSeconds !== 0) {
    throw new InputError(
      `buckets: start ${b.start} is not a multiple of ${bucketSeconds} epoch seconds`,
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
