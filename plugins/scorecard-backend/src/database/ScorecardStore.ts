import {
  DatabaseService,
  resolvePackagePath,
} from '@backstage/backend-plugin-api';
import { ConflictError } from '@backstage/errors';
import {
  CheckResult,
  EntityScorecard,
  LevelId,
} from '@internal/plugin-scorecard-common';
import { Knex } from 'knex';

/** A day's scorecard with the hash of the signals it was judged from. */
export interface StoredDay extends EntityScorecard {
  inputsHash: string;
}

/** One result pushed from CI. */
export interface CiResult {
  runId: string;
  entityRef: string;
  checkId: string;
  state: 'pass' | 'fail';
  message?: string;
  evidenceUrl?: string;
  reportedAt: string;
  reportedBy: string;
}

export interface Exemption {
  id: number;
  entityRef: string;
  checkId: string;
  reason: string;
  expiresAt: string;
  createdBy: string;
  createdAt: string;
  revokedBy?: string;
  revokedAt?: string;
}

export interface DayFilter {
  owners?: string[];
  system?: string;
  entityRefs?: string[];
}

export interface ScorecardStore {
  /** Writes the day's row unless the stored one has the same inputs; true when written. */
  saveDay(day: StoredDay): Promise<boolean>;
  getDay(entityRef: string, day: string): Promise<StoredDay | undefined>;
  /** The newest row of each entity. */
  listLatest(filter?: DayFilter): Promise<StoredDay[]>;
  /** Each entity's row of the newest day at or before `day`. */
  listAsOf(day: string, filter?: DayFilter): Promise<StoredDay[]>;
  /** One entity's rows from `fromDay` on, oldest first. */
  history(entityRef: string, fromDay: string): Promise<StoredDay[]>;
  /** Every entity's rows from `fromDay` on and its last row before it, for campaign burn-ups. */
  historyOfAll(fromDay: string): Promise<StoredDay[]>;
  /**
   * Stores a run's results all-or-nothing. A run id already stored with the same results is a
   * no-op (`duplicates`); with different ones a ConflictError, so a retry never rewrites history.
   */
  insertCiResults(
    runId: string,
    results: CiResult[],
  ): Promise<{ inserted: number; duplicates: number }>;
  /** The newest pushed result of each (entity, check). */
  latestCiResults(entityRefs?: string[]): Promise<CiResult[]>;
  addExemption(e: Omit<Exemption, 'id'>): Promise<Exemption>;
  revokeExemption(id: number, by: string, at: string): Promise<Exemption>;
  getExemption(id: number): Promise<Exemption | undefined>;
  /** Every exemption ever granted (revoked and expired ones too), newest first. */
  listExemptions(entityRef?: string): Promise<Exemption[]>;
  /**
   * Retention: deletes day rows before `cutoffDay` and CI results reported before it, except
   * each entity's newest day row before it and each (entity, check)'s newest result, so every
   * answer about days from the cut-off on (trends, "as of", burn-ups) is unchanged. Bounded statements; idempotent.
   */
  deleteHistoryBefore(
    cutoffDay: string,
    options?: { daysPerChunk?: number; runsPerChunk?: number },
  ): Promise<{ days: number; ciResults: number }>;
}

type DayRow = {
  entity_ref: string;
  day: string;
  title: string | null;
  owner: string | null;
  system: string | null;
  domain: string | null;
  level: string | null;
  score: number | null;
  results: string;
  inputs_hash: string;
  evaluated_at: string;
};

type CiRow = {
  run_id: string;
  entity_ref: string;
  check_id: string;
  state: string;
  message: string | null;
  evidence_url: string | null;
  reported_at: string;
  reported_by: string;
};

type ExemptionRow = {
  id: number;
  entity_ref: string;
  check_id: string;
  reason: string;
  expires_at: string;
  created_by: string;
  created_at: string;
  revoked_by: string | null;
  revoked_at: string | null;
};

const DAYS = 'scorecard_days';
const CI = 'scorecard_ci_results';
const EXEMPTIONS = 'scorecard_exemptions';
const migrationsDir = resolvePackagePath(
  '@internal/plugin-scorecard-backend',
  'migrations',
);

export class DatabaseScorecardStore implements ScorecardStore {
  static async create(options: {
    database: DatabaseService;
    skipMigrations?: boolean;
  }): Promise<DatabaseScorecardStore> {
    const client = await options.database.getClient();
    if (!options.database.migrations?.skip && !options.skipMigrations) {
      await client.migrate.latest({ directory: migrationsDir });
    }
    return new DatabaseScorecardStore(client);
  }

  private constructor(private readonly db: Knex) {}

  async saveDay(day: StoredDay): Promise<boolean> {
    const existing = await this.db<DayRow>(DAYS)
      .where({ entity_ref: day.entityRef, day: day.day })
      .first('inputs_hash');
    if (existing?.inputs_hash === day.inputsHash) return false;
    await this.db<DayRow>(DAYS)
      .insert(toDayRow(day))
      .onConflict(['entity_ref', 'day'])
      .merge();
    return true;
  }

  async getDay(entityRef: string, day: string) {
    const row = await this.db<DayRow>(DAYS)
      .where({ entity_ref: entityRef, day })
      .first();
    return row ? fromDayRow(row) : undefined;
  }

  async listLatest(filter: DayFilter = {}) {
    return this.listAsOf('9999-12-31', filter);
  }

  async listAsOf(day: string, filter: DayFilter = {}) {
    const newest = this.db<DayRow>(DAYS)
      .where('day', '<=', day)
      .groupBy('entity_ref')
      .select('entity_ref')
      .max({ max_day: 'day' })
      .as('newest');
    const query = this.db<DayRow>(`${DAYS} as d`)
      .join(newest, join =>
        join
          .on('d.entity_ref', '=', 'newest.entity_ref')
          .andOn('d.day', '=', 'newest.max_day'),
      )
      .select('d.*');
    if (filter.owners) query.whereIn('d.owner', filter.owners);
    if (filter.system) query.where('d.system', filter.system);
    if (filter.entityRefs) query.whereIn('d.entity_ref', filter.entityRefs);
    query.orderBy('d.entity_ref', 'asc');
    return (await query).map(fromDayRow);
  }

  /** Every entity's rows from `fromDay` on, plus each one's last row before it (to carry over). */
  async historyOfAll(fromDay: string) {
    const [before, since] = await Promise.all([
      this.listAsOf(dayBeforeDay(fromDay)),
      this.db<DayRow>(DAYS).where('day', '>=', fromDay).orderBy('day', 'asc'),
    ]);
    return [...before, ...since.map(fromDayRow)];
  }

  async history(entityRef: string, fromDay: string) {
    const rows = await this.db<DayRow>(DAYS)
      .where({ entity_ref: entityRef })
      .andWhere('day', '>=', fromDay)
      .orderBy('day', 'asc');
    return rows.map(fromDayRow);
  }

  async insertCiResults(runId: string, results: CiResult[]) {
    return this.db.transaction(async tx => {
      const existing = await tx<CiRow>(CI).where({ run_id: runId });
      const stored = new Map(
        existing.map(r => [`${r.entity_ref}\n${r.check_id}`, r]),
      );
      const fresh: CiRow[] = [];
      let duplicates = 0;
      for (const r of results) {
        const row = toCiRow(runId, r);
        const old = stored.get(`${r.entityRef}\n${r.checkId}`);
        if (!old) {
          fresh.push(row);
        } else if (
          old.state === row.state &&
          old.message === row.message &&
          old.evidence_url === row.evidence_url
        ) {
          duplicates++;
        } else {
          throw new ConflictError(
            `runId: run ${runId} already reported ${r.checkId} for ${r.entityRef} as ${old.state}; a run's results never change (use a new run id)`,
          );
        }
      }
      // Chunks keep each statement under SQLite's bound-parameter limit.
      for (let i = 0; i < fresh.length; i += 100) {
        await tx<CiRow>(CI).insert(fresh.slice(i, i + 100));
      }
      return { inserted: fresh.length, duplicates };
    });
  }

  async latestCiResults(entityRefs?: string[]) {
    const newest = this.db<CiRow>(CI)
      .groupBy('entity_ref', 'check_id')
      .select('entity_ref', 'check_id')
      .max({ max_at: 'reported_at' })
      .as('newest');
    const query = this.db<CiRow>(`${CI} as c`)
      .join(newest, join =>
        join
          .on('c.entity_ref', '=', 'newest.entity_ref')
          .andOn('c.check_id', '=', 'newest.check_id')
          .andOn('c.reported_at', '=', 'newest.max_at'),
      )
      .select('c.*')
      // Two runs reporting at the same instant: the larger run id wins, on every engine.
      .orderBy('c.run_id', 'desc');
    if (entityRefs) query.whereIn('c.entity_ref', entityRefs);
    const seen = new Set<string>();
    const out: CiResult[] = [];
    for (const row of await query) {
      const key = `${row.entity_ref}\n${row.check_id}`;
      if (seen.has(key)) continue;
      seen.add(key);
      out.push(fromCiRow(row));
    }
    return out;
  }

  async addExemption(e: Omit<Exemption, 'id'>) {
    const [row] = await this.db<ExemptionRow>(EXEMPTIONS)
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
    return (await this.getExemption(id))!;
  }

  async revokeExemption(id: number, by: string, at: string) {
    // Only the first revocation is recorded: a second one must not rewrite who revoked it.
    await this.db<ExemptionRow>(EXEMPTIONS)
      .where({ id })
      .whereNull('revoked_at')
      .update({ revoked_by: by, revoked_at: at });
    return (await this.getExemption(id))!;
  }

  async getExemption(id: number) {
    const row = await this.db<ExemptionRow>(EXEMPTIONS).where({ id }).first();
    return row ? fromExemptionRow(row) : undefined;
  }

  async listExemptions(entityRef?: string) {
    const query = this.db<ExemptionRow>(EXEMPTIONS).orderBy('id', 'desc');
    if (entityRef) query.where({ entity_ref: entityRef });
    return (await query).map(fromExemptionRow);
  }

  async deleteHistoryBefore(
    cutoffDay: string,
    options: { daysPerChunk?: number; runsPerChunk?: number } = {},
  ) {
    const daysPerChunk = options.daysPerChunk ?? 7;
    const runsPerChunk = options.runsPerChunk ?? 200;
    let days = 0;
    // A cursor over the distinct days before the cut-off (a few strings a statement, never the
    // rows): the carried-over newest rows stay, so their days come back on the next run.
    for (let after = ''; ; ) {
      const chunk = (
        await this.db<DayRow>(DAYS)
          .distinct('day')
          .where('day', '<', cutoffDay)
          .andWhere('day', '>', after)
          .orderBy('day', 'asc')
          .limit(daysPerChunk)
      ).map(r => r.day);
      if (chunk.length === 0) break;
      after = chunk[chunk.length - 1];
      // A row goes only when the same entity has a newer one before the cut-off day: each
      // entity's last row before it stays, as campaign burn-ups from the cut-off carry it over.
      days += await this.db(DAYS)
        .whereIn('day', chunk)
        .whereExists(q =>
          q
            .select(this.db.raw('1'))
            .from(`${DAYS} as n`)
            .whereRaw('n.entity_ref = ??', [`${DAYS}.entity_ref`])
            .andWhereRaw('n.day > ??', [`${DAYS}.day`])
            .andWhere('n.day', '<', cutoffDay),
        )
        .delete();
    }

    let ciResults = 0;
    const cutoffAt = `${cutoffDay}T00:00:00.000Z`;
    for (let after = ''; ; ) {
      const chunk = (
        await this.db<CiRow>(CI)
          .distinct('run_id')
          .where('reported_at', '<', cutoffAt)
          .andWhere('run_id', '>', after)
          .orderBy('run_id', 'asc')
          .limit(runsPerChunk)
      ).map(r => r.run_id);
      if (chunk.length === 0) break;
      after = chunk[chunk.length - 1];
      // Kept: the result latestCiResults would pick (newest, then the larger run id).
      ciResults += await this.db(CI)
        .whereIn('run_id', chunk)
        .andWhere('reported_at', '<', cutoffAt)
        .whereExists(q =>
          q
            .select(this.db.raw('1'))
            .from(`${CI} as n`)
            .whereRaw('n.entity_ref = ??', [`${CI}.entity_ref`])
            .andWhereRaw('n.check_id = ??', [`${CI}.check_id`])
            .andWhere(w =>
              w
                .whereRaw('n.reported_at > ??', [`${CI}.reported_at`])
                .orWhere(w2 =>
                  w2
                    .whereRaw('n.reported_at = ??', [`${CI}.reported_at`])
                    .andWhereRaw('n.run_id > ??', [`${CI}.run_id`]),
                ),
            ),
        )
        .delete();
    }
    return { days, ciResults };
  }
}

function toDayRow(d: StoredDay): DayRow {
  return {
    entity_ref: d.entityRef,
    day: d.day,
    title: d.title ?? null,
    owner: d.owner ?? null,
    system: d.system ?? null,
    domain: d.domain ?? null,
    level: d.level,
    score: d.score,
    results: JSON.stringify(d.results),
    inputs_hash: d.inputsHash,
    evaluated_at: d.evaluatedAt,
  };
}

function dayBeforeDay(day: string): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) - 86400_000)
    .toISOString()
    .slice(0, 10);
}

function fromDayRow(row: DayRow): StoredDay {
  return {
    entityRef: row.entity_ref,
    day: row.day,
    title: row.title ?? undefined,
    owner: row.owner ?? undefined,
    system: row.system ?? undefined,
    domain: row.domain ?? undefined,
    level: (row.level as LevelId | null) ?? null,
    score: row.score,
    results: JSON.parse(row.results) as CheckResult[],
    inputsHash: row.inputs_hash,
    evaluatedAt: row.evaluated_at,
  };
}

function toCiRow(runId: string, r: CiResult): CiRow {
  return {
    run_id: runId,
    entity_ref: r.entityRef,
    check_id: r.checkId,
    state: r.state,
    message: r.message ?? null,
    evidence_url: r.evidenceUrl ?? null,
    reported_at: r.reportedAt,
    reported_by: r.reportedBy,
  };
}

function fromCiRow(row: CiRow): CiResult {
  return {
    runId: row.run_id,
    entityRef: row.entity_ref,
    checkId: row.check_id,
    state: row.state as 'pass' | 'fail',
    message: row.message ?? undefined,
    evidenceUrl: row.evidence_url ?? undefined,
    reportedAt: row.reported_at,
    reportedBy: row.reported_by,
  };
}

function fromExemptionRow(row: ExemptionRow): Exemption {
  return {
    id: Number(row.id),
    entityRef: row.entity_ref,
    checkId: row.check_id,
    reason: row.reason,
    expiresAt: row.expires_at,
    createdBy: row.created_by,
    createdAt: row.created_at,
    revokedBy: row.revoked_by ?? undefined,
    revokedAt: row.revoked_at ?? undefined,
  };
}
