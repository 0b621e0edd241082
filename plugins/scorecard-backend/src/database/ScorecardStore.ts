import {
  DatabaseService,
  resolvePackagePath,
} from '@backstage/backend-plugin-api';
import type { LevelId } from '@internal/plugin-scorecard-common';
import { Knex } from 'knex';
import { deleteHistoryBefore } from './operations/deleteHistoryBefore';
import {
  addExemption,
  getExemption,
  listExemptions,
  revokeExemption,
} from './operations/exemptions';
import { insertCiResults } from './operations/insertCiResults';
import { latestCiResults } from './operations/latestCiResults';
import {
  getDay,
  history,
  historyOfAll,
  listAsOf,
  listLatestLevels,
} from './operations/readDays';
import { saveDay, saveDays } from './operations/saveDay';
import { CiResult, DayFilter, Exemption, StoredDay } from './types';

export type { CiResult, DayFilter, Exemption, StoredDay } from './types';

export interface ScorecardStore {
  /** Writes the day's row unless the stored one has the same inputs; true when written. */
  saveDay(day: StoredDay): Promise<boolean>;
  /**
   * saveDay for many rows (a pass), reading the stored hashes a chunk at a time; answers the
   * entity refs whose rows were written. A row repeated in `days` is written once (the last).
   */
  saveDays(days: StoredDay[]): Promise<Set<string>>;
  getDay(entityRef: string, day: string): Promise<StoredDay | undefined>;
  /** The newest row of each entity. */
  listLatest(filter?: DayFilter): Promise<StoredDay[]>;
  /** Each entity's newest level, without its results. */
  listLatestLevels(): Promise<{ entityRef: string; level: LevelId | null }[]>;
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
    return saveDay(this.db, day);
  }

  async saveDays(days: StoredDay[]): Promise<Set<string>> {
    return saveDays(this.db, days);
  }

  async getDay(entityRef: string, day: string) {
    return getDay(this.db, entityRef, day);
  }

  async listLatest(filter: DayFilter = {}) {
    return listAsOf(this.db, '9999-12-31', filter);
  }

  async listLatestLevels() {
    return listLatestLevels(this.db);
  }

  async listAsOf(day: string, filter: DayFilter = {}) {
    return listAsOf(this.db, day, filter);
  }

  async historyOfAll(fromDay: string) {
    return historyOfAll(this.db, fromDay);
  }

  async history(entityRef: string, fromDay: string) {
    return history(this.db, entityRef, fromDay);
  }

  async insertCiResults(runId: string, results: CiResult[]) {
    return insertCiResults(this.db, runId, results);
  }

  async latestCiResults(entityRefs?: string[]) {
    return latestCiResults(this.db, entityRefs);
  }

  async addExemption(e: Omit<Exemption, 'id'>) {
    return addExemption(this.db, e);
  }

  async revokeExemption(id: number, by: string, at: string) {
    return revokeExemption(this.db, id, by, at);
  }

  async getExemption(id: number) {
    return getExemption(this.db, id);
  }

  async listExemptions(entityRef?: string) {
    return listExemptions(this.db, entityRef);
  }

  async deleteHistoryBefore(
    cutoffDay: string,
    options: { daysPerChunk?: number; runsPerChunk?: number } = {},
  ) {
    return deleteHistoryBefore(this.db, cutoffDay, options);
  }
}
