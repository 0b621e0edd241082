import {
  AuthService,
  BackstageCredentials,
  LoggerService,
} from '@backstage/backend-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { ConflictError, InputError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  Review,
  ReviewItem,
  ReviewScope,
  isMonthOver,
  previousMonth,
  stringifyScope,
} from '@internal/plugin-review-common';
import { ReviewStore } from '../database/ReviewStore';
import { PluginClient } from '@internal/portal-node';
import { computeReview } from './computeReview';
import { Peers, lateEventsOf, scopeEventCounts } from './doraReads';
import { sharedReads } from './sharedReads';
import { RowSubject, scopeRows, scopeRowsOfRun } from './scopeRows';

export interface ReviewResponse extends Review {
  items: ReviewItem[];
  previousActions: ReviewItem[];
}

export interface ReviewServiceOptions {
  catalog: CatalogService;
  auth: AuthService;
  peers: PluginClient;
  store: ReviewStore;
  logger: LoggerService;
  environment?: string;
  scorecardPath?: string;
  now?: () => Date;
}

/** Reads a month's review from its snapshot when there is one, computes it otherwise. */
export class ReviewService {
  private readonly now: () => Date;

  constructor(private readonly options: ReviewServiceOptions) {
    this.now = options.now ?? (() => new Date());
  }

  async getReview(
    month: string,
    scope: ReviewScope,
    credentials: BackstageCredentials,
  ): Promise<ReviewResponse> {
    const { store, peers, catalog, environment } = this.options;
    const scopeKey = stringifyScope(scope);
    const snapshot = await store.getSnapshot(month, scopeKey);
    let review: Review;
    if (snapshot) {
      review = {
        ...snapshot.review,
        source: 'snapshot',
        snapshotAt: snapshot.createdAt,
      };
      try {
        const live = await scopeEventCounts(peers, scope, month, environment);
        review.lateEvents = lateEventsOf(snapshot.counts, live);
      } catch (e) {
        review.warnings = [
          ...review.warnings,
          `late data: could not count events after the snapshot (${
            (e as Error).message
          })`,
        ];
      }
    } else {
      review = await computeReview({
        peers,
        month,
        scope,
        rows: await scopeRows(catalog, scope, credentials),
        environment,
        scorecardPath: this.options.scorecardPath,
      });
    }
    const rowRefs = new Set(review.rows.map(r => r.ref));
    const prev = previousMonth(month);
    const items = (await store.listItems([month, prev])).filter(i =>
      rowRefs.has(i.rowRef),
    );
    return {
      ...review,
      items: items.filter(i => i.month === month),
      previousActions: items.filter(
        i => i.month === prev && i.kind === 'action',
      ),
    };
  }

  /**
   * Computes and stores a month that has ended; a month is frozen once per scope. `peers`: how
   * the other plugins are read (the month-end run shares its organisation-wide reads), and
   * `rowsOf` how a scope's rows are read (the run reads the catalog once for all its scopes).
   */
  async createSnapshot(
    month: string,
    scope: ReviewScope,
    peers: Peers = this.options.peers,
    rowsOf?: (scope: ReviewScope) => Promise<RowSubject[]>,
  ): Promise<Review> {
    const { store, catalog, auth, environment } = this.options;
    const now = this.now();
    if (!isMonthOver(month, now)) {
      throw new InputError(`month: ${month} has not ended yet`);
    }
    const scopeKey = stringifyScope(scope);
    if (await store.getSnapshot(month, scopeKey)) {
      throw new ConflictError(
        `month: ${month} of ${scopeKey} already has a snapshot`,
      );
    }
    const credentials = await auth.getOwnServiceCredentials();
    // Counted before the figures: an event arriving while they are computed is then reported
    // as late rather than silently in or out.
    const counts = await scopeEventCounts(peers, scope, month, environment);
    const review = await computeReview({
      peers,
      month,
      scope,
      rows: rowsOf
        ? await rowsOf(scope)
        : await scopeRows(catalog, scope, credentials),
      environment,
      scorecardPath: this.options.scorecardPath,
    });
    const createdAt = this.now().toISOString();
    const stored: Review = {
      ...review,
      source: 'snapshot',
      snapshotAt: createdAt,
    };
    await store.insertSnapshot({
      month,
      scope: scopeKey,
      createdAt,
      review: stored,
      counts,
    });
    return { ...stored, lateEvents: 0 };
  }

  /**
   * The month-end task: every scope a lead can pick (the organisation, each team, each system)
   * that has no snapshot of `month` yet. One scope failing does not stop the others.
   */
  async snapshotAllScopes(
    month: string,
    options: { spreadMs?: number; signal?: AbortSignal } = {},
  ): Promise<{ created: number; failed: number }> {
    const { store, catalog, auth, logger } = this.options;
    const credentials = await auth.getOwnServiceCredentials();
    const { items } = await catalog.getEntities(
      {
        filter: [{ kind: 'group', 'spec.type': 'team' }, { kind: 'system' }],
        fields: ['kind', 'metadata.name', 'metadata.namespace'],
      },
      { credentials },
    );
    const done = new Set(await store.listSnapshotScopes(month));
    const all: ReviewScope[] = [{ kind: 'organization' }];
    for (const e of items) {
      const kind =
        e.kind.toLocaleLowerCase('en-US') === 'group' ? 'group' : 'system';
      all.push({ kind, ref: stringifyEntityRef(e) });
    }
    const scopes = all.filter(s => !done.has(stringifyScope(s)));
    const peers = sharedReads(this.options.peers);
    const rowsOf = scopeRowsOfRun(catalog, scopes, credentials);
    let created = 0;
    let failed = 0;
    // A rare run spread over its period rather than back to back: at 10,000 services it is 300
    // scopes, and the portal keeps answering pages meanwhile.
    const pauseMs =
      scopes.length > 1 ? (options.spreadMs ?? 0) / scopes.length : 0;
    for (const [i, scope] of scopes.entries()) {
      if (i > 0 && pauseMs > 0) await pause(pauseMs, options.signal);
      if (options.signal?.aborted) break;
      try {
        await this.createSnapshot(month, scope, peers, rowsOf);
        created += 1;
      } catch (e) {
        if (e instanceof ConflictError) continue;
        failed += 1;
        logger.warn(
          `Review snapshot of ${month} for ${stringifyScope(
            scope,
          )} failed: ${e}`,
        );
      }
    }
    return { created, failed };
  }
}

function pause(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise(resolve => {
    const timer = setTimeout(done, ms);
    signal?.addEventListener('abort', done);
    function done() {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
  });
}
