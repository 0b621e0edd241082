import {
  DatabaseService,
  resolvePackagePath,
} from '@backstage/backend-plugin-api';
import {
  Change,
  DAY_MS,
  Deployment,
  Incident,
  IncidentLink,
  ResolvedBatch,
  normalizeEntityRef,
  ListedDeployment,
} from '@internal/plugin-dora-common';
import { Knex } from 'knex';
import {
  DeploymentRow,
  ChangeRow,
  IncidentRow,
  LinkRow,
  iso,
  toDeployment,
  toChange,
  toIncident,
  toLink,
} from './rows';
import { commitsOf, groupCommits, chunks, by } from './queries';
import { rebuildAllFacts } from './operations/rebuildAllFacts';
import { MetricsQuery, readMetrics } from './operations/readMetrics';
import { ingestBatch } from './operations/ingestBatch';
import { readReasons } from './operations/readReasons';
import {
  SourceOutcome,
  countSourceEvents,
  deleteSourceBookkeeping,
  hasDelivery,
  readSourceEvents,
  recordDelivery,
} from './operations/sourceEvents';
import {
  countQueued,
  hasQueuedRefresh,
  refreshQueued,
} from './operations/refreshQueue';
import { DoraMetrics } from '@internal/plugin-dora-common';

/** Refreshing after ingests, in the background (see DatabaseDoraStore.create). */
export interface BackgroundRefresh {
  onError: (error: Error) => void;
  /** Default 1000. */
  delayMs?: number;
}

/** Per-kind counts of an ingestion. */
export interface EventCounts {
  deployments: number;
  changes: number;
  incidents: number;
}

/**
 * What an ingestion stored, what it completed (a known change or incident whose empty fields a
 * later record filled, e.g. an incident's resolution) and what it ignored as already known.
 */
export interface IngestResult {
  inserted: EventCounts;
  completed: Pick<EventCounts, 'changes' | 'incidents'>;
  duplicates: EventCounts;
}

/** The events behind one metrics request (see DoraStore.loadEvents). */
export interface LoadedEvents {
  deployments: Deployment[];
  changes: Change[];
  incidents: Incident[];
}

export interface LoadEventsQuery {
  /** Entities in scope (any reference form); undefined means every entity. */
  entityRefs?: Iterable<string>;
  /** Window start, epoch ms (inclusive). */
  from: number;
  /** Window end, epoch ms (exclusive). */
  to: number;
  /** Default `production`. */
  environment?: string;
}

export interface DeploymentQuery {
  entityRef?: string;
  environment?: string;
  /** Inclusive, epoch ms. */
  from?: number;
  /** Exclusive, epoch ms. */
  to?: number;
  limit: number;
}

export interface DoraStore {
  /**
   * Stores a resolved batch in one transaction (all or nothing). Records whose key is already
   * stored, or repeated earlier in the batch, are ignored: the first write wins. The entities
   * whose incident links and facts the batch may change are queued for `refresh`.
   */
  ingest(batch: ResolvedBatch): Promise<IngestResult>;
  /**
   * Re-derives the incident links and facts of every queued entity until the queue is empty;
   * returns how many entity refreshes ran. The scheduled task and the background pass after an
   * ingest call it; tests call it to read what they stored.
   */
  refresh(): Promise<number>;
  /**
   * How many entities wait for re-derivation: among `entityRefs` (any reference form) when
   * given, else across the organisation.
   */
  queued(entityRefs?: Iterable<string>): Promise<number>;
  /**
   * Every event `metricsFor` needs for the given scope and window `[from, to)`: the scope's
   * deployments to the environment from the start of the previous window (for trends) minus
   * LOOKBACK_MS onwards, with no upper bound (restoration may lie after the window), earlier
   * deployments containing the same commits (lead time takes the first deployment of a commit),
   * the changes of those commits and of their PRs, the incidents that can link to or be
   * restored by those deployments, and the deployments those incidents name.
   */
  loadEvents(query: LoadEventsQuery): Promise<LoadedEvents>;
  /** Newest first, each with the reasons it counted as failed or rework. */
  listDeployments(query: DeploymentQuery): Promise<ListedDeployment[]>;
  /** Stored incident links, in incident id order. */
  listIncidentLinks(): Promise<IncidentLink[]>;
  hasDeployments(): Promise<boolean>;
  /** Counts how the source routes answered events today (UTC). */
  countSourceEvents(outcomes: SourceOutcome[], now?: number): Promise<void>;
  /** Per source and outcome, over the UTC days `[fromDay, toDay]`. */
  sourceEvents(fromDay: number, toDay: number): Promise<SourceOutcome[]>;
  /** Whether a GitHub delivery (X-GitHub-Delivery) was processed already. */
  hasGitHubDelivery(id: string): Promise<boolean>;
  recordGitHubDelivery(id: string, now?: number): Promise<void>;
  /**
   * Retention: forgets GitHub delivery ids older than `deliveryDays` and the sources' daily
   * counts older than `sourceEventDays` (UTC days before today).
   */
  deleteExpired(options: {
    deliveryDays: number;
    sourceEventDays: number;
    now?: number;
  }): Promise<{ deliveries: number; sourceEventDays: number }>;
  /**
   * The five keys for a scope, environment and window, aggregated in SQL from the facts and
   * daily rollups as last derived; equal to metricsFor over the same events once `queued` is 0
   * for the scope. It does not wait for queued entities, so a read costs the same however much
   * was just ingested.
   */
  metrics(query: MetricsQuery): Promise<DoraMetrics>;
}

/**
 * How far before the previous window loadEvents reaches, so that incidents opened shortly
 * before it and restorations by earlier deployments are seen the way the full history sees them.
 */
export const LOOKBACK_MS = 30 * DAY_MS;

export { LINK_ENVIRONMENT } from './queries';

const migrationsDir = resolvePackagePath(
  '@internal/plugin-dora-backend',
  'migrations',
);

export class DatabaseDoraStore implements DoraStore {
  static async create(options: {
    database: DatabaseService;
    skipMigrations?: boolean;
    /**
     * Start a refresh in the background `delayMs` after an ingest (the plugin does; tests call
     * `refresh` themselves so they control when it runs). Its failures go to `onError`.
     */
    backgroundRefresh?: BackgroundRefresh;
  }): Promise<DatabaseDoraStore> {
    const client = await options.database.getClient();
    if (!options.database.migrations?.skip && !options.skipMigrations) {
      await client.migrate.latest({ directory: migrationsDir });
    }
    // The derived tables are new or were dropped by a down migration: derive them once.
    await rebuildAllFacts(client);
    return new DatabaseDoraStore(client, options.backgroundRefresh);
  }

  private running?: Promise<number>;
  private pending?: Promise<number>;

  private constructor(
    private readonly db: Knex,
    private readonly backgroundRefresh?: BackgroundRefresh,
  ) {}

  private backgroundTimer?: ReturnType<typeof setTimeout>;

  async ingest(batch: ResolvedBatch): Promise<IngestResult> {
    const result = await this.db.transaction(trx => ingestBatch(trx, batch));
    this.refreshInBackground();
    return result;
  }

  refresh(): Promise<number> {
    // A pass already running may have found the queue empty before the caller's events were
    // queued, so callers wait for one pass that starts after they asked; they share it.
    if (!this.pending) {
      const start = async () => {
        this.pending = undefined;
        this.running = refreshQueued(this.db);
        try {
          return await this.running;
        } finally {
          this.running = undefined;
        }
      };
      this.pending = this.running
        ? this.running.then(start, start)
        : Promise.resolve().then(start);
    }
    return this.pending;
  }

  /**
   * One pass `delayMs` after the first of a burst of ingests, none while a pass runs or waits:
   * a pass drains until the queue is empty, so it takes what arrives meanwhile. Passes back to
   * back for every batch of a large feed would keep the event loop busy with derivation.
   */
  private refreshInBackground(): void {
    const background = this.backgroundRefresh;
    if (!background || this.backgroundTimer || this.running || this.pending) {
      return;
    }
    this.backgroundTimer = setTimeout(() => {
      this.backgroundTimer = undefined;
      this.refresh().catch(error => background.onError(error as Error));
    }, background.delayMs ?? 1000);
    this.backgroundTimer.unref?.();
  }

  async queued(entityRefs?: Iterable<string>): Promise<number> {
    return countQueued(
      this.db,
      entityRefs && [...entityRefs].map(r => normalizeEntityRef(r) ?? r),
    );
  }

  async loadEvents(query: LoadEventsQuery): Promise<LoadedEvents> {
    const environment = (query.environment ?? 'production').toLowerCase();
    const refs = query.entityRefs && [
      ...new Set([...query.entityRefs].map(r => normalizeEntityRef(r) ?? r)),
    ];
    if (refs && refs.length === 0) {
      return { deployments: [], changes: [], incidents: [] };
    }
    const start = iso(query.from - (query.to - query.from) - LOOKBACK_MS);
    const scoped = <T extends {}>(q: Knex.QueryBuilder<T>, column: string) =>
      refs ? q.whereIn(column, refs) : q;

    const rows = new Map<string, DeploymentRow>();
    const add = (list: DeploymentRow[]) => list.forEach(r => rows.set(r.id, r));

    // 1. The scope's deployments from the start of the look-back onwards.
    add(
      await scoped(
        this.db<DeploymentRow>('deployments')
          .where('environment', environment)
          .where('finished_at', '>=', start),
        'entity_ref',
      ),
    );
    let commits = await commitsOf(this.db, [...rows.keys()]);

    // 2. Earlier deployments of the same commits: lead time uses a commit's first deployment.
    const shas = [...new Set(commits.map(c => c.sha))];
    for (const part of chunks(shas)) {
      add(
        await scoped(
          this.db<DeploymentRow>('deployments')
            .select('deployments.*')
            .join(
              'deployment_commits',
              'deployment_commits.deployment_id',
              'deployments.id',
            )
            .whereIn('deployment_commits.sha', part)
            .where('deployments.environment', environment)
            .where('deployments.finished_at', '<', start),
          'deployments.entity_ref',
        ),
      );
    }

    // 3. Incidents that can fail or be restored by these deployments.
    const incidentRows = new Map<string, IncidentRow>();
    (
      await scoped(
        this.db<IncidentRow>('incidents').where(q =>
          q
            .where('opened_at', '>=', start)
            .orWhere('resolved_at', '>=', start)
            .orWhereNull('resolved_at'),
        ),
        'entity_ref',
      )
    ).forEach((r: IncidentRow) => incidentRows.set(r.id, r));
    for (const part of chunks([...rows.keys()])) {
      (
        await this.db<IncidentRow>('incidents').whereIn(
          'caused_by_deployment_id',
          part,
        )
      ).forEach(r => incidentRows.set(r.id, r));
    }

    // 4. Deployments the incidents name (any entity or environment) or blame by commit.
    const named = [...incidentRows.values()]
      .map(i => i.caused_by_deployment_id)
      .filter((id): id is string => !!id && !rows.has(id));
    for (const part of chunks([...new Set(named)])) {
      add(await this.db<DeploymentRow>('deployments').whereIn('id', part));
    }
    const blamed = [...incidentRows.values()]
      .map(i => i.caused_by_commit_sha)
      .filter((sha): sha is string => !!sha);
    for (const part of chunks([...new Set(blamed)])) {
      add(
        await this.db<DeploymentRow>('deployments')
          .select('deployments.*')
          .join(
            'deployment_commits',
            'deployment_commits.deployment_id',
            'deployments.id',
          )
          .whereIn('deployment_commits.sha', part)
          .where('deployments.environment', environment),
      );
    }
    const loadedCommits = new Set(commits.map(c => c.deployment_id));
    commits = commits.concat(
      await commitsOf(
        this.db,
        [...rows.keys()].filter(id => !loadedCommits.has(id)),
      ),
    );

    // 5. Changes of every loaded commit, plus the other commits of their PRs (the lead time
    // breakdown takes each PR timestamp as the minimum over all of the PR's changes).
    const changeRows = new Map<string, ChangeRow>();
    for (const part of chunks([...new Set(commits.map(c => c.sha))])) {
      (await this.db<ChangeRow>('changes').whereIn('sha', part)).forEach(r =>
        changeRows.set(r.sha, r),
      );
    }
    const prIds = [...changeRows.values()]
      .map(c => c.pr_id)
      .filter((id): id is string => !!id);
    for (const part of chunks([...new Set(prIds)])) {
      (await this.db<ChangeRow>('changes').whereIn('pr_id', part)).forEach(r =>
        changeRows.set(r.sha, r),
      );
    }

    const shasOf = groupCommits(commits);
    return {
      deployments: [...rows.values()]
        .map(r => toDeployment(r, shasOf.get(r.id) ?? []))
        .sort(by(d => [d.finishedAt, d.id])),
      changes: [...changeRows.values()]
        .map(r => toChange(r))
        .sort(by(c => [c.committedAt, c.sha])),
      incidents: [...incidentRows.values()]
        .map(toIncident)
        .sort(by(i => [i.openedAt, i.id])),
    };
  }

  async listDeployments(query: DeploymentQuery): Promise<ListedDeployment[]> {
    await this.refreshIfQueued();
    const q = this.db<DeploymentRow>('deployments');
    if (query.entityRef) q.where('entity_ref', query.entityRef);
    if (query.environment) q.where('environment', query.environment);
    if (query.from !== undefined) q.where('finished_at', '>=', iso(query.from));
    if (query.to !== undefined) q.where('finished_at', '<', iso(query.to));
    const rows = await q
      .orderBy('finished_at', 'desc')
      .orderBy('id', 'desc')
      .limit(query.limit);
    const shasOf = groupCommits(
      await commitsOf(
        this.db,
        rows.map(r => r.id),
      ),
    );
    const reasons = await readReasons(
      this.db,
      rows.map(r => r.id),
    );
    return rows.map(r => ({
      ...toDeployment(r, shasOf.get(r.id) ?? []),
      ...reasons.get(r.id),
    }));
  }

  async listIncidentLinks(): Promise<IncidentLink[]> {
    await this.refreshIfQueued();
    const rows = await this.db<LinkRow>('incident_links').orderBy(
      'incident_id',
    );
    return rows.map(toLink);
  }

  async metrics(query: MetricsQuery): Promise<DoraMetrics> {
    return readMetrics(this.db, query);
  }

  private async refreshIfQueued(): Promise<void> {
    if (this.pending || this.running || (await hasQueuedRefresh(this.db))) {
      await this.refresh();
    }
  }

  async countSourceEvents(
    outcomes: SourceOutcome[],
    now = Date.now(),
  ): Promise<void> {
    await countSourceEvents(this.db, Math.floor(now / DAY_MS), outcomes);
  }

  async sourceEvents(fromDay: number, toDay: number): Promise<SourceOutcome[]> {
    return readSourceEvents(this.db, fromDay, toDay);
  }

  async hasGitHubDelivery(id: string): Promise<boolean> {
    return hasDelivery(this.db, id);
  }

  async recordGitHubDelivery(id: string, now = Date.now()): Promise<void> {
    await recordDelivery(this.db, id, now);
  }

  async deleteExpired(options: {
    deliveryDays: number;
    sourceEventDays: number;
    now?: number;
  }): Promise<{ deliveries: number; sourceEventDays: number }> {
    const now = options.now ?? Date.now();
    return deleteSourceBookkeeping(
      this.db,
      now - options.deliveryDays * DAY_MS,
      Math.floor(now / DAY_MS) - options.sourceEventDays,
    );
  }

  async hasDeployments(): Promise<boolean> {
    return !!(await this.db('deployments').first('id'));
  }
}
