import {
  AuthService,
  AuditorService,
  BackstageCredentials,
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import {
  RELATION_OWNED_BY,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { InputError, NotAllowedError, NotFoundError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  LEVEL_ORDER,
  LevelId,
  LevelDefinitions,
  blockersOfNextLevel,
  groupWithDescendants,
  rollUp,
  scoreChanges,
  scorecardChecks,
  scorecardEvaluatePermission,
  scorecardResultsCreatePermission,
} from '@internal/plugin-scorecard-common';
import express from 'express';
import { ScorecardEvaluator } from '../evaluator/ScorecardEvaluator';
import { ScorecardStore, StoredDay } from '../database/ScorecardStore';
import { createOpenApiRouter } from '../schema/openapi';
import { DatabaseCampaignStore } from '../database/CampaignStore';
import { addCampaignRoutes } from './campaignRoutes';
import { addExemptionRoutes } from './exemptionRoutes';
import { normalizeRef } from '@internal/portal-node';

export interface RouterOptions {
  httpAuth: HttpAuthService;
  auth: AuthService;
  permissions: PermissionsService;
  auditor?: AuditorService;
  catalog: CatalogService;
  store: ScorecardStore;
  evaluator: ScorecardEvaluator;
  levels: LevelDefinitions;
  /** Per API client subject: entity refs, owning groups, or `*` it may push results for. */
  apiClients: Map<string, string[]>;
  /** How often entities are evaluated, in words ("every 15 minutes"), for the UI. */
  schedule: string;
  campaigns: DatabaseCampaignStore;
  /** Entity kinds that get a scorecard (for a campaign's tag scope). */
  kinds: string[];
  now?: () => Date;
}

/** Checks whose results come from CI rather than from the portal's own signals. */
const CI_CHECKS = new Set(
  scorecardChecks.filter(c => c.source === 'ci').map(c => c.id),
);

export async function createRouter(
  options: RouterOptions,
): Promise<express.Router> {
  const { httpAuth, auth, permissions, catalog, store, evaluator, levels } =
    options;
  const now = options.now ?? (() => new Date());
  const router = await createOpenApiRouter();
  const levelOfCheck = new Map<string, string>();
  for (const level of LEVEL_ORDER) {
    for (const id of levels[level]) levelOfCheck.set(id, level);
  }

  router.get('/checks', async (_req, res) => {
    res.json({
      schedule: options.schedule,
      items: scorecardChecks.map(c => ({
        ...c,
        level: levelOfCheck.get(c.id) as LevelId | undefined,
      })),
    });
  });

  router.get('/entity', async (req, res) => {
    const entityRef = normalizeRef(
      req.query.entityRef,
      'entityRef',
      'component',
    );
    const [latest] = await store.listLatest({ entityRefs: [entityRef] });
    if (!latest) {
      throw new NotFoundError(`No scorecard for ${entityRef} yet`);
    }
    const days = req.query.days ?? 30;
    const history = await store.history(entityRef, dayBefore(now(), days - 1));
    res.json({
      scorecard: publicDay(latest),
      trend: history.map(h => ({ day: h.day, level: h.level, score: h.score })),
      nextLevel: blockersOfNextLevel(latest.results, levels),
    });
  });

  router.get('/entities', async (req, res) => {
    const { owner, system, level } = req.query;
    const owners = owner
      ? await teamWithSubTeams(
          normalizeRef(owner, 'owner', 'group'),
          await httpAuth.credentials(req),
        )
      : undefined;
    const rows = await store.listLatest({
      owners,
      system: system && normalizeRef(system, 'system', 'system'),
    });
    res.json({
      items: rows
        .filter(r => !level || (r.level ?? 'none') === level)
        .map(publicDay),
    });
  });

  router.get('/levels', async (_req, res) => {
    res.json({ items: await store.listLatestLevels() });
  });

  router.get('/rollup', async (req, res) => {
    const { group, system, domain } = req.query;
    if ([group, system, domain].filter(Boolean).length > 1) {
      throw new InputError('group, system, domain: give at most one');
    }
    const days = req.query.days ?? 7;
    let scope: {
      kind: 'group' | 'system' | 'domain' | 'organization';
      ref?: string;
    } = { kind: 'organization' };
    let filter: (r: StoredDay) => boolean = () => true;
    if (group) {
      const ref = normalizeRef(group, 'group', 'group');
      const owners = new Set(
        await teamWithSubTeams(ref, await httpAuth.credentials(req)),
      );
      scope = { kind: 'group', ref };
      filter = r => r.owner !== undefined && owners.has(r.owner);
    } else if (system) {
      const ref = normalizeRef(system, 'system', 'system');
      scope = { kind: 'system', ref };
      filter = r => r.system === ref;
    } else if (domain) {
      const ref = normalizeRef(domain, 'domain', 'domain');
      scope = { kind: 'domain', ref };
      filter = r => r.domain === ref;
    }
    const since = dayBefore(now(), days);
    const [latest, before] = await Promise.all([
      store.listLatest(),
      store.listAsOf(since),
    ]);
    const current = latest.filter(filter);
    const changes = scoreChanges(
      new Map(before.filter(filter).map(r => [r.entityRef, r.score])),
      new Map(current.map(r => [r.entityRef, r.score])),
    );
    res.json({
      scope,
      rollup: { ...rollUp(current) },
      entities: current.map(r => ({
        entityRef: r.entityRef,
        title: r.title,
        owner: r.owner,
        level: r.level,
        score: r.score,
      })),
      changes: {
        since,
        mostImproved: changes.filter(c => c.change > 0).slice(0, 5),
        worstDrops: changes
          .filter(c => c.change < 0)
          .reverse()
          .slice(0, 5),
      },
    });
  });

  router.post('/results', async (req, res) => {
    const credentials = await httpAuth.credentials(req);
    const { runId } = req.body;
    const results = req.body.results.map((r, i) => {
      if (!CI_CHECKS.has(r.checkId)) {
        throw new InputError(
          `results[${i}].checkId: "${
            r.checkId
          }" is not a check computed in CI (${[...CI_CHECKS].join(', ')})`,
        );
      }
      return {
        ...r,
        entityRef: normalizeRef(
          r.entityRef,
          `results[${i}].entityRef`,
          'component',
        ),
      };
    });
    const refs = [...new Set(results.map(r => r.entityRef))];
    const own = await auth.getOwnServiceCredentials();
    const { items } = await catalog.getEntitiesByRefs(
      { entityRefs: refs, fields: ['kind', 'metadata', 'relations'] },
      { credentials: own },
    );
    const missing = refs.findIndex((_, i) => !items[i]);
    if (missing >= 0) {
      const index = results.findIndex(r => r.entityRef === refs[missing]);
      throw new InputError(
        `results[${index}].entityRef: no entity ${refs[missing]} in the catalog`,
      );
    }
    await authorizePush(
      refs,
      items.map(e => ownersOf(e)),
      credentials,
    );
    const reportedBy = principalName(credentials);
    const reportedAt = now().toISOString();
    const outcome = await store.insertCiResults(
      runId,
      results.map(r => ({ ...r, runId, reportedAt, reportedBy })),
    );
    res.json(outcome);
  });

  router.post('/evaluate', async (req, res) => {
    const entityRef = normalizeRef(
      req.body.entityRef,
      'entityRef',
      'component',
    );
    const credentials = await httpAuth.credentials(req);
    // Asked before the entity is looked up, so a refusal says nothing about whether it exists.
    const [decision] = await permissions.authorize(
      [{ permission: scorecardEvaluatePermission, resourceRef: entityRef }],
      { credentials },
    );
    if (decision.result !== AuthorizeResult.ALLOW) {
      throw new NotAllowedError(
        `scorecard.evaluate: only members of the owning group of ${entityRef} and admins may evaluate it now; it is evaluated on the schedule`,
      );
    }
    const entity = await catalog.getEntityByRef(entityRef, { credentials });
    if (!entity)
      throw new NotFoundError(`No entity ${entityRef} in the catalog`);
    const summary = await evaluator.evaluate([entityRef]);
    if (summary.skipped.length > 0) {
      throw new InputError(
        `entityRef: ${entityRef} could not be evaluated: ${summary.skipped[0].reason}`,
      );
    }
    const [latest] = await store.listLatest({ entityRefs: [entityRef] });
    res.json(publicDay(latest));
  });

  addExemptionRoutes(router, { ...options, now, principalName });
  addCampaignRoutes(router, { ...options, now });

  async function teamWithSubTeams(
    groupRef: string,
    credentials: BackstageCredentials,
  ): Promise<string[]> {
    const { items } = await catalog.getEntities(
      { filter: { kind: 'Group' }, fields: ['kind', 'metadata', 'relations'] },
      { credentials },
    );
    const children = new Map<string, string[]>();
    for (const g of items) {
      children.set(
        stringifyEntityRef(g),
        (g.relations ?? [])
          .filter(r => r.type === 'parentOf')
          .map(r => r.targetRef),
      );
    }
    return [...groupWithDescendants(groupRef, ref => children.get(ref) ?? [])];
  }

  async function authorizePush(
    refs: string[],
    owners: string[][],
    credentials: BackstageCredentials,
  ) {
    if (auth.isPrincipal(credentials, 'service')) {
      // Backstage never asks the policy about service principals: API clients are scoped here.
      const { subject } = credentials.principal;
      const scope = options.apiClients.get(subject) ?? [];
      if (scope.includes('*')) return;
      const denied = refs.find(
        (ref, i) =>
          !scope.includes(ref) && !owners[i].some(o => scope.includes(o)),
      );
      if (denied) {
        throw new NotAllowedError(
          `scorecard.results.create: the API client ${subject} may not push results for ${denied} (scorecard.ingest.apiClients.${subject}: ${
            scope.join(', ') || 'none'
          })`,
        );
      }
      return;
    }
    const decisions = await permissions.authorize(
      refs.map(resourceRef => ({
        permission: scorecardResultsCreatePermission,
        resourceRef,
      })),
      { credentials },
    );
    const denied = refs.find(
      (_, i) => decisions[i].result !== AuthorizeResult.ALLOW,
    );
    if (denied) {
      throw new NotAllowedError(
        `scorecard.results.create: ${principalName(
          credentials,
        )} may not push results for ${denied}: only members of its owning group and admins may`,
      );
    }
  }

  function principalName(credentials: BackstageCredentials): string {
    if (auth.isPrincipal(credentials, 'user')) {
      return credentials.principal.userEntityRef;
    }
    if (auth.isPrincipal(credentials, 'service')) {
      return credentials.principal.subject;
    }
    return 'unknown';
  }

  return router;
}

function ownersOf(
  entity: { relations?: { type: string; targetRef: string }[] } | undefined,
) {
  return (entity?.relations ?? [])
    .filter(r => r.type === RELATION_OWNED_BY)
    .map(r => r.targetRef.toLocaleLowerCase('en-US'));
}

function dayBefore(now: Date, days: number): string {
  return new Date(now.getTime() - days * 86400_000).toISOString().slice(0, 10);
}

function publicDay(d: StoredDay) {
  const { inputsHash: _hash, results, ...rest } = d;
  // Spread into plain object types: the generated response types carry index signatures.
  return { ...rest, results: results.map(r => ({ ...r })) };
}
