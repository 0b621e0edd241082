import {
  DatabaseService,
  resolvePackagePath,
} from '@backstage/backend-plugin-api';
import {
  EntityConformance,
  EntitySummary,
  Severity,
  verdictsByCheck,
} from '@internal/plugin-conformance-common';
import { Knex } from 'knex';

/** A report with the catalog facts the list endpoint filters on. */
export interface StoredReport {
  entityRef: string;
  title?: string;
  owner?: string;
  system?: string;
  failingSeverities: Severity[];
  report: EntityConformance;
  /** metadata.etag of the catalog entity judged, so an unchanged entity is not judged again. */
  entityEtag?: string;
}

/** What a report was judged from: enough to tell whether a change concerns it. */
export interface ReportTracking {
  entityRef: string;
  entityEtag?: string;
  /** `cluster/namespace/kind/name` of each judged workload. */
  workloadKeys: string[];
}

/** A report as the catalog-wide list shows it, without its workloads' results. */
export type ReportSummary = Omit<EntitySummary, 'pending'>;

export interface ReportFilter {
  owner?: string;
  system?: string;
}

export interface ConformanceStore {
  upsertReport(report: StoredReport): Promise<void>;
  /** Several reports in one statement per chunk; a ref given twice keeps its last report. */
  upsertReports(reports: StoredReport[]): Promise<void>;
  getReport(entityRef: string): Promise<StoredReport | undefined>;
  listReports(filter?: ReportFilter): Promise<StoredReport[]>;
  /** listReports' rows rolled up, read without the reports: what `GET /entities` lists. */
  listSummaries(filter?: ReportFilter): Promise<ReportSummary[]>;
  /** Refs of every entity that has a report, without loading the reports. */
  listEntityRefs(): Promise<string[]>;
  /** Removes reports of entities that no longer exist or lost their Kubernetes annotation. */
  deleteReportsExcept(entityRefs: string[]): Promise<number>;
  /** Every report's etag and workload keys, without loading the reports. */
  listTracking(): Promise<ReportTracking[]>;
  /** Refs of the `limit` reports judged longest ago. */
  listStalest(limit: number): Promise<string[]>;
  deleteReports(entityRefs: string[]): Promise<number>;
}

/** The key a watched workload maps back to; the same on both sides of the comparison. */
export function workloadKey(w: {
  cluster: string;
  namespace: string;
  kind: string;
  name: string;
}): string {
  return `${w.cluster}/${w.namespace}/${w.kind}/${w.name}`;
}

type ReportRow = {
  entity_ref: string;
  title: string | null;
  owner: string | null;
  system: string | null;
  score: number | null;
  evaluated_at: string;
  failing_severities: string;
  report: string;
  entity_etag: string | null;
  workload_keys: string | null;
  summary: string | null;
};

const TABLE = 'conformance_reports';
const migrationsDir = resolvePackagePath(
  '@internal/plugin-conformance-backend',
  'migrations',
);

export class DatabaseConformanceStore implements ConformanceStore {
  static async create(options: {
    database: DatabaseService;
    skipMigrations?: boolean;
  }): Promise<DatabaseConformanceStore> {
    const client = await options.database.getClient();
    if (!options.database.migrations?.skip && !options.skipMigrations) {
      await client.migrate.latest({ directory: migrationsDir });
    }
    return new DatabaseConformanceStore(client);
  }

  private constructor(private readonly db: Knex) {}

  async upsertReport(stored: StoredReport): Promise<void> {
    await this.upsertReports([stored]);
  }

  async upsertReports(reports: StoredReport[]): Promise<void> {
    // One row per ref: PostgreSQL refuses an insert that would merge the same key twice.
    const rows = [
      ...new Map(reports.map(r => [r.entityRef, toRow(r)])).values(),
    ];
    // 100 rows of 10 columns stay under SQLite's bound-parameter limit.
    for (let i = 0; i < rows.length; i += 100) {
      await this.db<ReportRow>(TABLE)
        .insert(rows.slice(i, i + 100))
        .onConflict('entity_ref')
        .merge();
    }
  }

  async getReport(entityRef: string): Promise<StoredReport | undefined> {
    const row = await this.db<ReportRow>(TABLE)
      .where({ entity_ref: entityRef })
      .first();
    return row ? toStoredReport(row) : undefined;
  }

  async listReports(filter: ReportFilter = {}): Promise<StoredReport[]> {
    return (await this.listed(filter).select()).map(toStoredReport);
  }

  async listSummaries(filter: ReportFilter = {}): Promise<ReportSummary[]> {
    const rows: SummaryRow[] = await this.listed(filter).select(
      'entity_ref',
      'title',
      'owner',
      'system',
      'score',
      'evaluated_at',
      'failing_severities',
      'summary',
    );
    const unrolled = rows.filter(r => r.summary === null);
    // Written before the roll-up was kept: rolled up from the report, once per read.
    const reports = new Map<string, StoredReport>();
    for (let i = 0; i < unrolled.length; i += 500) {
      const chunk = await this.db<ReportRow>(TABLE)
        .whereIn(
          'entity_ref',
          unrolled.slice(i, i + 500).map(r => r.entity_ref),
        )
        .select();
      for (const row of chunk) reports.set(row.entity_ref, toStoredReport(row));
    }
    return rows.map(row => {
      const stored = reports.get(row.entity_ref);
      const rollUp: RollUp = stored
        ? rollUpOf(stored.report)
        : JSON.parse(row.summary!);
      return {
        entityRef: row.entity_ref,
        title: row.title ?? undefined,
        owner: row.owner ?? undefined,
        system: row.system ?? undefined,
        score: row.score,
        evaluatedAt: row.evaluated_at,
        failingSeverities: JSON.parse(row.failing_severities),
        ...rollUp,
      };
    });
  }

  private listed(filter: ReportFilter) {
    const query = this.db<ReportRow>(TABLE);
    if (filter.owner) query.where({ owner: filter.owner });
    if (filter.system) query.where({ system: filter.system });
    // Nulls (nothing evaluated) last on every engine: SQLite and Postgres disagree by default.
    return query
      .orderByRaw('CASE WHEN score IS NULL THEN 1 ELSE 0 END')
      .orderBy('score', 'asc')
      .orderBy('entity_ref', 'asc');
  }

  async listEntityRefs(): Promise<string[]> {
    return this.db<ReportRow>(TABLE).pluck('entity_ref');
  }

  async deleteReportsExcept(entityRefs: string[]): Promise<number> {
    const keep = new Set(entityRefs);
    const existing = await this.db<ReportRow>(TABLE).pluck('entity_ref');
    const stale = existing.filter(ref => !keep.has(ref));
    return this.deleteReports(stale);
  }

  async deleteReports(entityRefs: string[]): Promise<number> {
    let deleted = 0;
    // Chunks keep each statement under SQLite's bound-parameter limit.
    for (let i = 0; i < entityRefs.length; i += 500) {
      deleted += await this.db<ReportRow>(TABLE)
        .whereIn('entity_ref', entityRefs.slice(i, i + 500))
        .delete();
    }
    return deleted;
  }

  async listTracking(): Promise<ReportTracking[]> {
    const rows = await this.db<ReportRow>(TABLE).select(
      'entity_ref',
      'entity_etag',
      'workload_keys',
    );
    return rows.map(row => ({
      entityRef: row.entity_ref,
      entityEtag: row.entity_etag ?? undefined,
      workloadKeys: row.workload_keys ? JSON.parse(row.workload_keys) : [],
    }));
  }

  async listStalest(limit: number): Promise<string[]> {
    return this.db<ReportRow>(TABLE)
      .orderBy('evaluated_at', 'asc')
      .orderBy('entity_ref', 'asc')
      .limit(limit)
      .pluck('entity_ref');
  }
}

function toStoredReport(row: ReportRow): StoredReport {
  return {
    entityRef: row.entity_ref,
    title: row.title ?? undefined,
    owner: row.owner ?? undefined,
    system: row.system ?? undefined,
    failingSeverities: JSON.parse(row.failing_severities),
    report: JSON.parse(row.report),
    entityEtag: row.entity_etag ?? undefined,
  };
}

function toRow(stored: StoredReport): ReportRow {
  return {
    entity_ref: stored.entityRef,
    title: stored.title ?? null,
    owner: stored.owner ?? null,
    system: stored.system ?? null,
    score: stored.report.score,
    evaluated_at: stored.report.evaluatedAt,
    failing_severities: JSON.stringify(stored.failingSeverities),
    report: JSON.stringify(stored.report),
    entity_etag: stored.entityEtag ?? null,
    workload_keys: JSON.stringify(
      stored.report.workloads.map(w => workloadKey(w.workload)),
    ),
    summary: JSON.stringify(rollUpOf(stored.report)),
  };
}

type SummaryRow = Pick<
  ReportRow,
  | 'entity_ref'
  | 'title'
  | 'owner'
  | 'system'
  | 'score'
  | 'evaluated_at'
  | 'failing_severities'
  | 'summary'
>;

type RollUp = Pick<
  ReportSummary,
  'workloadCount' | 'verdicts' | 'summary' | 'clusterErrors'
>;

function rollUpOf(report: EntityConformance): RollUp {
  return {
    workloadCount: report.workloads.length,
    verdicts: verdictsByCheck(report),
    summary: report.summary,
    clusterErrors: report.clusterErrors,
  };
}
