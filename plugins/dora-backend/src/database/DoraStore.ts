import {
  DatabaseService,
  resolvePackagePath,
} from '@backstage/backend-plugin-api';
import {
  DAY_MS,
  DoraMetrics,
  IncidentLink,
  ResolvedBatch,
  normalizeEntityRef,
  ListedDeployment,
} from '@internal/plugin-dora-common';
import { InputError } from '@backstage/errors';
import { Knex } from 'knex';
import { LinkRow, iso, toLink } from './rows';
import {
  EventRetentionResult,
  deleteExpiredEvents,
  eventCutOff,
} from './operations/deleteExpiredEvents';
import { rebuildAllFacts } from './operations/rebuildAllFacts';
import { ORG_SCOPE } from './operations/refreshFacts';
import {
  MetricsQuery,
  readMetrics,
  readMetricsPerEntity,
} from './operations/readMetrics';
import { ingestBatch } from './operations/ingestBatch';
import { loadEvents } from './operations/loadEvents';
import { listDeployments } from './operations/listDeployments';
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
  countQueuedPerEntity,
  hasQueuedRefresh,
  refreshQueued,
} from './operations/refreshQueue';
import {
  DeploymentQuery,
  IngestResult,
  LoadEventsQuery,
  LoadedEvents,
} from './types';

export type {
  DeploymentQuery,
  EventCounts,
  IngestResult,
  LoadEventsQuery,
  LoadedEvents,
} from './types';

/** Refreshing after ingests, in the background (see DatabaseDoraStore.create). */
export interface BackgroundRefresh {
  onError: (error: Error) => void;
  /** Default 1000. */
  delayMs?: number;
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
  /** Counts this instance's writes (ingests, refresh passes that derived something). */
  changes(): number;
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
   * Retention of the events: deletes what lies before `eventCutOff(now, eventDays)` and the
   * derived rows of the days before it (see deleteExpiredEvents), one transaction per chunk.
   */
  deleteExpiredEvents(options: {
    eventDays: number;
    now?: number;
    chunkSize?: number;
  }): Promise<EventRetentionResult>;
  /**
   * The five keys for a scope, environment and window, aggregated in SQL from the facts and
   * daily rollups as last derived; equal to metricsFor over the same events once `queued` is 0
   * for the scope. It does not wait for queued entities, so a read costs the same however much
   * was just ingested. With `retainedEventDays`, a window whose previous window (the trends')
   * starts before the retention cut-off is refused once nothing before the cut-off is stored
   * (retention ran): its figures would count only part of its events.
   */
  metrics(query: MetricsQuery): Promise<DoraMetrics>;
  /**
   * `metrics` of each entity alone, from one grouped read for all of them: keyed by the
   * normalised ref, each equal to `metrics` with `entityRefs: [ref]`. Refused as `metrics` is.
   */
  metricsPerEntity(
    query: MetricsQuery & { entityRefs: string[] },
  ): Promise<Map<string, DoraMetrics>>;
  /** `queued` of each entity alone, in one read: keyed by the normalised ref. */
  queuedPerEntity(entityRefs: string[]): Promise<Map<string, number>>;
}

export { LOOKBACK_MS } from './operations/loadEvents';
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
    /** `dora.retention.eventDays`: metrics windows reaching before its cut-off are refused. */
    retainedEventDays?: number;
  }): Promise<DatabaseDoraStore> {
    const client = await options.database.getClient();
    if (!options.database.migrations?.skip && !options.skipMigrations) {
      await client.migrate.latest({ directory: migrationsDir });
    }
    // The derived tables are new or were dropped by a down migration: derive them once.
    await rebuildAllFacts(client);
    return new DatabaseDoraStore(
      client,
      options.backgroundRefresh,
      options.retainedEventDays,
    );
  }

  private running?: Promise<number>;
  private pending?: Promise<number>;

  private constructor(
    private readonly db: Knex,
    private readonly backgroundRefresh?: BackgroundRefresh,
    private readonly retainedEventDays?: number,
  ) {}

  private backgroundTimer?: ReturnType<typeof setTimeout>;
  private changeCount = 0;

  changes(): number {
    return this.changeCount;
  }

  async ingest(batch: ResolvedBatch): Promise<IngestResult> {
    const result = await this.db.transaction(trx => ingestBatch(trx, batch));
    this.changeCount++;
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
          const refreshed = await this.running;
          if (refreshed > 0) this.changeCount++;
          return refreshed;
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
    return loadEvents(this.db, query);
  }

  async listDeployments(query: DeploymentQuery): Promise<ListedDeployment[]> {
    await this.refreshIfQueued();
    return listDeployments(this.db, query);
  }

  async listIncidentLinks(): Promise<IncidentLink[]> {
    await this.refreshIfQueued();
    const rows = await this.db<LinkRow>('incident_links').orderBy(
      'incident_id',
    );
    return rows.map(toLink);
  }

  async metrics(query: MetricsQuery): Promise<DoraMetrics> {
    await this.assertWithinRetention(query);
    return readMetrics(this.db, query);
  }

  async metricsPerEntity(
    query: MetricsQuery & { entityRefs: string[] },
  ): Promise<Map<string, DoraMetrics>> {
    await this.assertWithinRetention(query);
    return readMetricsPerEntity(this.db, query);
  }

  async queuedPerEntity(entityRefs: string[]): Promise<Map<string, number>> {
    return countQueuedPerEntity(
      this.db,
      entityRefs.map(r => normalizeEntityRef(r) ?? r),
    );
  }

  private async assertWithinRetention(query: MetricsQuery): Promise<void> {
    if (this.retainedEventDays !== undefined) {
      const cutOff = eventCutOff(Date.now(), this.retainedEventDays);
      if (
        query.from - (query.to - query.from) < cutOff &&
        (await this.cutOffApplied(cutOff))
      ) {
        throw new InputError(
          `from: the window and the previous window of the same length (the trends) must start at or after ${iso(
            cutOff,
          )}, the DORA retention cut-off; older events are deleted`,
        );
      }
    }
  }

  /**
   * Whether nothing before the cut-off is stored while something is: retention ran (or the
   * history starts after it). Until then, tests and stores holding older history answer
   * windows reaching before it from what they hold.
   */
  private async cutOffApplied(cutOff: number): Promise<boolean> {
    const org = () => this.db('dora_daily').where('scope_ref', ORG_SCOPE);
    const [any, older] = await Promise.all([
      org().first('day'),
      org()
        .where('day', '<', Math.floor(cutOff / DAY_MS))
        .first('day'),
    ]);
    return !!any && !older;
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

  async deleteExpiredEvents(options: {
    eventDays: number;
    now?: number;
    chunkSize?: number;
  }): Promise<EventRetentionResult> {
    return deleteExpiredEvents(
      this.db,
      eventCutOff(options.now ?? Date.now(), options.eventDays),
      { chunkSize: options.chunkSize },
    );
  }

  async hasDeployments(): Promise<boolean> {
    return !!(await this.db('deployments').first('id'));
  }
}
