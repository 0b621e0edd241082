import {
  AuditorService,
  AuthService,
  HttpAuthService,
} from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  BucketUnit,
  DAY_MS,
  normalizeEntityRef,
  parseIsoTimestamp,
} from '@internal/plugin-dora-common';
import {
  mapLimited,
  normalizeRef as normalizeInputRef,
} from '@internal/portal-node';
import express from 'express';
import { DoraStore } from '../database/DoraStore';
import { createOpenApiRouter } from '../schema/openapi';
import { IngestAuthorizer } from './authorizeIngest';
import { CatalogScopes } from './CatalogScopes';
import { KeptAnswers } from './KeptAnswers';
import { SOURCE_ID_PREFIXES, ingestEvents } from './ingestEvents';
import {
  RAW_BODY,
  RequestWithRawBody,
  SourceOptions,
  createSourceHandlers,
} from './sourceRoutes';
import { verifiedWebhookBody } from './webhookBody';

/**
 * The JSON shape of a value: the generated response types are index-signature object types,
 * which interfaces (dora-common's results) are not assignable to until mapped like this.
 */
type Plain<T> = T extends object ? { [K in keyof T]: Plain<T[K]> } : T;
const plain = <T>(value: T) => value as Plain<T>;

type Scope = {
  kind: 'entity' | 'group' | 'system' | 'organization';
  ref?: string;
};

export interface RouterOptions {
  auth: AuthService;
  httpAuth: HttpAuthService;
  auditor: AuditorService;
  catalog: CatalogService;
  store: DoraStore;
  sources: SourceOptions;
  /** Who may post for which entity (POST /events and /cdevents). */
  authorizeIngest: IngestAuthorizer;
  /** The entities of a group or system the metrics route scopes to. */
  scopes: CatalogScopes;
}

const WINDOW_DAYS: Record<string, number> = {
  '7d': 7,
  '30d': 30,
  '90d': 90,
  '180d': 180,
};

/** Entities one GET /metrics/entities answers for: a URL of 100 refs stays well under 8 kB. */
const MAX_ENTITIES_PER_READ = 100;

export async function createRouter(
  options: RouterOptions,
): Promise<express.Router> {
  const { httpAuth, catalog, store, scopes } = options;
  // Keyed by everything an answer depends on; see KeptAnswers for when one is reused.
  const answers = new KeptAnswers<MetricsAnswer>({
    version: () => store.changes(),
  });

  // Aggregated in SQL from the facts and daily rollups as last derived; equal to dora-common's
  // metricsFor over the same events once nothing is queued (the store's property test). The
  // read never waits for re-derivation; `queued` tells the caller what it does not count yet.
  const answerFor = (
    sortedRefs: string[] | undefined,
    range: ReturnType<typeof windowOf>,
    environment: string,
    bucket: string | undefined,
    /** Computes a missing answer some other way (several entities' in one read). */
    compute?: () => Promise<MetricsAnswer>,
  ) =>
    answers.get(
      JSON.stringify([range.key, environment, bucket, sortedRefs]),
      compute ??
        (async () => {
          const window = range.resolve();
          const [metrics, queued] = await Promise.all([
            store.metrics({
              entityRefs: sortedRefs,
              from: window.from,
              to: window.to,
              environment,
              ...(bucket && { bucket: bucket as BucketUnit }),
            }),
            store.queued(sortedRefs),
          ]);
          return {
            window: {
              from: new Date(window.from).toISOString(),
              to: new Date(window.to).toISOString(),
            },
            metrics,
            queued,
          };
        }),
    );
  const sources = createSourceHandlers({
    ...options,
    options: options.sources,
  });
  const router = await createOpenApiRouter({
    middleware: [
      verifiedWebhookBody(options.sources.github.webhookSecret),
      express.json({
        // Batches of up to 10 000 events per list do not fit the default 100 kB body limit.
        limit: '20mb',
        type: [
          'application/json',
          'application/cloudevents+json',
          'application/cloudevents-batch+json',
        ],
        // GitHub signs the exact bytes it sent, which re-serialised JSON would not reproduce.
        verify: (req, _res, buf) => {
          (req as RequestWithRawBody)[RAW_BODY] = buf;
        },
      }),
    ],
  });

  router.post('/events', async (req, res) => {
    const result = await ingestEvents(req.body, {
      store,
      catalog,
      credentials: await httpAuth.credentials(req),
      authorize: options.authorizeIngest,
      reservedIdPrefixes: SOURCE_ID_PREFIXES,
    });
    res.json(plain(result));
  });

  router.post('/cdevents', async (req, res) => {
    res.json(plain(await sources.cdevents(req)));
  });

  router.post('/webhooks/github', async (req, res) => {
    res.json(plain(await sources.github(req)));
  });

  router.get('/coverage', async (_req, res) => {
    const today = Math.floor(Date.now() / DAY_MS);
    const rows = await store.sourceEvents(today - 6, today);
    const bySource = ['github', 'cdevents'].map(source => {
      const own = rows.filter(r => r.source === source);
      const sum = (pick: (outcome: string) => boolean) =>
        own.filter(r => pick(r.outcome)).reduce((n, r) => n + r.n, 0);
      return {
        source: source as 'github' | 'cdevents',
        received: sum(() => true),
        attributed: sum(o => o === 'attributed'),
        ignored: Object.fromEntries(
          own
            .filter(r => r.outcome.startsWith('ignored:'))
            .map(r => [r.outcome.slice('ignored:'.length), r.n]),
        ),
        refused: sum(o => o === 'refused'),
      };
    });
    res.json({
      from: new Date((today - 6) * DAY_MS).toISOString(),
      to: new Date((today + 1) * DAY_MS).toISOString(),
      sources: bySource,
    });
  });

  router.get('/metrics', async (req, res) => {
    const { entityRef, group, system, environment, bucket } = req.query;
    const given = (['entityRef', 'group', 'system'] as const).filter(
      key => req.query[key] !== undefined,
    );
    if (given.length > 1) {
      throw new InputError(
        `${given[1]}: give at most one of entityRef, group and system`,
      );
    }
    const range = windowOf(req.query);
    const credentials = await httpAuth.credentials(req);
    let scope: Scope;
    let entityRefs: string[] | undefined;
    if (entityRef !== undefined) {
      const ref = normalizeRef(entityRef, 'entityRef', 'component');
      scope = { kind: 'entity', ref };
      entityRefs = [ref];
    } else if (group !== undefined) {
      const ref = normalizeRef(group, 'group', 'group');
      scope = { kind: 'group', ref };
      entityRefs = await scopes.groupEntities(ref, credentials);
    } else if (system !== undefined) {
      const ref = normalizeRef(system, 'system', 'system');
      scope = { kind: 'system', ref };
      entityRefs = await scopes.systemEntities(ref, credentials);
    } else {
      scope = { kind: 'organization' };
    }
    const env = (environment ?? 'production').toLowerCase();
    const sortedRefs = entityRefs && [...entityRefs].sort();
    const answer = await answerFor(sortedRefs, range, env, bucket);
    res.json({
      scope,
      environment: env,
      window: answer.window,
      ...(sortedRefs && { entityRefs: sortedRefs }),
      metrics: plain(answer.metrics),
      queued: answer.queued,
    });
  });

  router.get('/metrics/entities', async (req, res) => {
    const { entityRefs, environment, bucket } = req.query;
    const refs = [
      ...new Set(
        entityRefs
          .split(',')
          .map(r => normalizeRef(r.trim(), 'entityRefs', 'component')),
      ),
    ];
    if (refs.length > MAX_ENTITIES_PER_READ) {
      throw new InputError(
        `entityRefs: at most ${MAX_ENTITIES_PER_READ} entities per request, got ${refs.length}`,
      );
    }
    const range = windowOf(req.query);
    const env = (environment ?? 'production').toLowerCase();
    // Each entity's answer is the one GET /metrics?entityRef= gives, kept under the same key.
    // The entities with no kept answer are read together: one set of queries grouped by
    // entity instead of one set per entity (a review's month end reads 10,000 of them).
    const window = range.resolve();
    const missing: string[] = [];
    let computeMissing!: (answers: Map<string, MetricsAnswer>) => void;
    let failMissing!: (error: unknown) => void;
    const computed = new Promise<Map<string, MetricsAnswer>>((ok, fail) => {
      computeMissing = ok;
      failMissing = fail;
    });
    const pending = refs.map(ref =>
      answerFor([ref], range, env, bucket, () => {
        missing.push(ref);
        return computed.then(m => m.get(ref)!);
      }),
    );
    if (missing.length > 0) {
      Promise.all([
        store.metricsPerEntity({
          entityRefs: missing,
          from: window.from,
          to: window.to,
          environment: env,
          ...(bucket && { bucket: bucket as BucketUnit }),
        }),
        store.queuedPerEntity(missing),
      ]).then(([metrics, queued]) => {
        const fresh = new Map<string, MetricsAnswer>();
        for (const ref of missing) {
          fresh.set(ref, {
            window: {
              from: new Date(window.from).toISOString(),
              to: new Date(window.to).toISOString(),
            },
            metrics: metrics.get(ref)!,
            queued: queued.get(ref) ?? 0,
          });
        }
        computeMissing(fresh);
      }, failMissing);
    }
    const items = (await Promise.all(pending)).map((answer, i) => ({
      entityRef: refs[i],
      window: answer.window,
      metrics: plain(answer.metrics),
      queued: answer.queued,
    }));
    res.json({ environment: env, items });
  });

  // The leads page's whole table, serialised once: about 3 kB per team, so re-serialising it
  // for every view costs more than computing it. Only for callers who see every team.
  const teamBodies = new KeptAnswers<string>({
    version: () => store.changes(),
  });
  router.get('/metrics/teams', async (req, res) => {
    const range = windowOf(req.query);
    const env = (req.query.environment ?? 'production').toLowerCase();
    const { bucket } = req.query;
    const credentials = await httpAuth.credentials(req);
    const build = async () => {
      const teams = await scopes.teamScopes(credentials);
      // A few teams at a time: on a cold start each is a handful of statements, and the pool
      // is shared with ingest and the other routes.
      const rows = await mapLimited(teams, 4, async team => {
        const entityRefs = [...team.entityRefs].sort();
        const answer = await answerFor(entityRefs, range, env, bucket);
        return {
          ref: team.ref,
          title: team.title,
          window: answer.window,
          entityRefs,
          metrics: answer.metrics,
          queued: answer.queued,
        };
      });
      return JSON.stringify({ environment: env, teams: rows });
    };
    const body = (await scopes.readsEverything(credentials))
      ? await teamBodies.get(JSON.stringify([range.key, env, bucket]), build)
      : await build();
    // Already JSON text: sent as is, past the typed router's object-only send.
    (res as express.Response).type('application/json').send(body);
  });

  router.get('/deployments', async (req, res) => {
    const { entityRef, environment, from, to, limit } = req.query;
    const items = await store.listDeployments({
      entityRef:
        entityRef === undefined
          ? undefined
          : normalizeRef(entityRef, 'entityRef', 'component'),
      environment: environment?.toLowerCase(),
      from: from === undefined ? undefined : timestamp(from, 'from'),
      to: to === undefined ? undefined : timestamp(to, 'to'),
      limit: limit ?? 100,
    });
    res.json({ items: plain(items) });
  });

  return router;
}

interface MetricsAnswer {
  window: { from: string; to: string };
  metrics: Awaited<ReturnType<DoraStore['metrics']>>;
  queued: number;
}

/**
 * The window a metrics request asks for: a named window ends when the answer is computed (a
 * kept answer says when that was), explicit bounds are fixed. Checked before anything is read.
 */
function windowOf(query: { window?: string; from?: string; to?: string }): {
  key: string;
  resolve: () => { from: number; to: number };
} {
  const trailing = (days: number) => ({
    key: `${days}d`,
    resolve: () => {
      const to = Date.now();
      return { from: to - days * DAY_MS, to };
    },
  });
  if (query.window !== undefined) {
    if (query.from !== undefined || query.to !== undefined) {
      throw new InputError('window: give either window or from and to');
    }
    return trailing(WINDOW_DAYS[query.window]);
  }
  if (query.from === undefined && query.to === undefined) return trailing(30);
  if (query.from === undefined) throw new InputError('from: required with to');
  if (query.to === undefined) throw new InputError('to: required with from');
  const from = timestamp(query.from, 'from');
  const to = timestamp(query.to, 'to');
  if (to <= from) throw new InputError('to: must be after from');
  return { key: `${from}..${to}`, resolve: () => ({ from, to }) };
}

function timestamp(value: string, field: string): number {
  const t = parseIsoTimestamp(value);
  if (t === undefined) {
    throw new InputError(
      `${field}: must be an ISO 8601 timestamp with offset, e.g. 2025-01-01T00:00:00Z`,
    );
  }
  return t;
}

/** Entity refs as the store keeps them: full and lower-case (the catalog compares them so). */
function normalizeRef(value: string, field: string, defaultKind: string) {
  const ref = normalizeInputRef(value, field, defaultKind);
  return normalizeEntityRef(ref) ?? ref;
}
