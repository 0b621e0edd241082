import {
  HttpAuthService,
  LoggerService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { InputError, NotAllowedError, NotFoundError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  CheckConfig,
  conformanceRefreshPermission,
  EntitySummary,
  Severity,
  conformanceChecks,
} from '@internal/plugin-conformance-common';
import { normalizeRef } from '@internal/portal-node';
import express from 'express';
import { Entity } from '@backstage/catalog-model';
import { listUnjudgedEntities } from '../collector/catalogChanges';
import {
  ConformanceEvaluator,
  catalogFacts,
  hasKubernetesWorkloads,
} from '../collector/ConformanceEvaluator';
import { AffectedEntities } from '../collector/AffectedEntities';
import { JudgingQueue } from '../collector/JudgingQueue';
import { ConformanceStore } from '../database/ConformanceStore';
import { createOpenApiRouter } from '../schema/openapi';

export interface RouterOptions {
  logger: LoggerService;
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
  catalog: CatalogService;
  store: ConformanceStore;
  /** Judges in the background; the Refresh button and an unseen entity's card judge through it. */
  queue: JudgingQueue;
  /** The workload entities the last catalog comparison saw: which ones are new since. */
  affected: AffectedEntities;
  /** Judges within a request's time limit. */
  evaluator: ConformanceEvaluator;
  checkConfig: Record<string, CheckConfig>;
}

export async function createRouter(
  options: RouterOptions,
): Promise<express.Router> {
  const { httpAuth, permissions, catalog, store, queue, evaluator, affected } =
    options;
  const { checkConfig } = options;
  const router = await createOpenApiRouter();

  router.get('/checks', async (_req, res) => {
    res.json({
      items: conformanceChecks.map(check => ({
        id: check.id,
        title: check.title,
        shortTitle: check.shortTitle,
        severity: checkConfig[check.id]?.severity ?? check.severity,
        rationale: check.rationale,
        remediation: check.remediation,
        remediationSnippet: check.remediationSnippet,
        enabled: checkConfig[check.id]?.enabled ?? true,
      })),
    });
  });

  router.get('/entities', async (req, res) => {
    const { owner, system, severity } = req.query;
    const filter = {
      owner: owner && normalizeRef(owner, 'owner', 'group'),
      system: system && normalizeRef(system, 'system', 'system'),
    };
    const [reports, unjudged] = await Promise.all([
      store.listSummaries(filter),
      listUnjudgedEntities({
        catalog,
        credentials: await httpAuth.credentials(req),
        store,
        affected,
      }),
    ]);
    // A read never judges: entities registered since the last catalog comparison are queued for
    // the background worker and listed as pending (they have no verdicts to filter by severity).
    queue.enqueue(unjudged.map(e => stringifyEntityRef(e)));
    const pending = severity
      ? []
      : unjudged
          .map(toPendingSummary)
          .filter(
            p =>
              (!filter.owner || p.owner === filter.owner) &&
              (!filter.system || p.system === filter.system),
          );
    const items: EntitySummary[] = [
      ...reports.filter(
        r => !severity || r.failingSeverities.includes(severity as Severity),
      ),
      ...pending,
    ];
    res.json({ items });
  });

  router.get('/entity', async (req, res) => {
    const entityRef = normalizeRef(
      req.query.entityRef,
      'entityRef',
      'component',
    );
    const stored = await store.getReport(entityRef);
    if (stored) {
      res.json(stored.report);
      return;
    }
    // Not judged yet (new entity, or the first scheduled pass has not reached it): judge it now
    // rather than show an empty card.
    const entity = await catalog.getEntityByRef(entityRef, {
      credentials: await httpAuth.credentials(req),
    });
    if (!entity || !hasKubernetesWorkloads(entity)) {
      throw new NotFoundError(`No conformance report for ${entityRef}`);
    }
    const fresh = await queue.judge(entity, evaluator);
    res.json(fresh.report);
  });

  router.post('/refresh', async (req, res) => {
    const entityRef = normalizeRef(
      req.body.entityRef,
      'entityRef',
      'component',
    );
    const credentials = await httpAuth.credentials(req);
    // Asked before the entity is looked up, so a refusal says nothing about whether it exists.
    const [decision] = await permissions.authorize(
      [{ permission: conformanceRefreshPermission, resourceRef: entityRef }],
      { credentials },
    );
    if (decision.result !== AuthorizeResult.ALLOW) {
      throw new NotAllowedError(
        `conformance.refresh: only members of the owning group of ${entityRef} and admins may judge it again now; its report is refreshed on the schedule`,
      );
    }
    const entity = await catalog.getEntityByRef(entityRef, { credentials });
    if (!entity)
      throw new NotFoundError(`No entity ${entityRef} in the catalog`);
    if (!hasKubernetesWorkloads(entity)) {
      throw new InputError(
        `entityRef: ${entityRef} has no backstage.io/kubernetes-id or backstage.io/kubernetes-label-selector annotation`,
      );
    }
    const stored = await queue.judge(entity, evaluator);
    res.json(stored.report);
  });

  return router;
}

function toPendingSummary(entity: Entity): EntitySummary {
  return {
    entityRef: stringifyEntityRef(entity),
    ...catalogFacts(entity),
    pending: true,
    score: null,
    workloadCount: 0,
    verdicts: {},
    summary: { pass: 0, fail: 0, 'not-applicable': 0, exempt: 0 },
    failingSeverities: [],
    clusterErrors: [],
  };
}
