import {
  HttpAuthService,
  LoggerService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { InputError, ServiceUnavailableError } from '@backstage/errors';
import { parseDuration, validateSloSpecs } from '@internal/plugin-slo-common';
import {
  GroupCatalog,
  groupWithSubTeams,
  normalizeRef,
} from '@internal/portal-node';
import express from 'express';
import { createOpenApiRouter } from '../schema/openapi';
import { GateDecisionStore } from '../database/GateDecisionStore';
import { SloRegistry } from '../specs/SloRegistry';
import { SloScope } from '../specs/sloScope';
import { SloService, SloWithState } from './SloService';
import { SloStatus } from '../state/computeSloState';
import { ControlRoutesOptions, addControlRoutes } from './controlRoutes';

export interface RouterOptions {
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
  registry: SloRegistry;
  service: SloService;
  /** How long a request waits for the first spec refresh (default 10s). */
  loadTimeoutMs?: number;
  /** Label that scopes plain latency SLOs to their service, as the spec provider reads them. */
  serviceLabel?: string;
  collect?: ControlRoutesOptions['collect'];
  collectWaitMs?: number;
  /** Keeps every gate answer, for counting denials per month (the review). */
  gateDecisions?: GateDecisionStore;
  logger?: LoggerService;
  /** Resolves an `owner` filter's sub-teams; without it the filter is the group alone. */
  catalog?: GroupCatalog;
}

export async function createRouter(
  options: RouterOptions,
): Promise<express.Router> {
  const { httpAuth, registry, service } = options;
  const router = await createOpenApiRouter({
    // Up to 20 spec files of 256 KiB each (the spec's limits) exceed the default 100 kB.
    middleware: [express.json({ limit: '6mb' })],
  });

  // Every route needs a user or service principal; the backend's default auth policy
  // already rejects anonymous calls, this keeps the requirement explicit.
  router.use(async (req, _res, next) => {
    await httpAuth.credentials(req, { allow: ['user', 'service'] });
    if (!registry.isLoaded()) {
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([
        registry.whenLoaded(),
        new Promise(r => {
          timer = setTimeout(r, options.loadTimeoutMs ?? 10_000);
        }),
      ]);
      clearTimeout(timer);
      if (!registry.isLoaded()) {
        throw new ServiceUnavailableError(
          'SLO specs have not been loaded yet; try again shortly',
        );
      }
    }
    next();
  });

  // A team's SLOs include its sub-teams', as a team does on the DORA and review pages.
  const scopeOf = async (
    req: express.Request,
    query: { owner?: string; system?: string; entityRef?: string },
  ): Promise<SloScope> => {
    const { owner, system, entityRef } = query;
    const scope: SloScope = {
      system: system && normalizeRef(system, 'system', 'system'),
      entityRef: entityRef && normalizeRef(entityRef, 'entityRef', 'component'),
    };
    if (!owner) return scope;
    const ownerRef = normalizeRef(owner, 'owner', 'group');
    if (!ownerRef.startsWith('group:') || !options.catalog) {
      return { ...scope, owners: [ownerRef] };
    }
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    return {
      ...scope,
      owners: await groupWithSubTeams(options.catalog, ownerRef, credentials),
    };
  };

  router.get('/slos', async (req, res) => {
    const { status, sort } = req.query;
    const scope = await scopeOf(req, req.query);
    const items = await service.list({
      ...scope,
      status: status as SloStatus | undefined,
      sort: sort as 'budget' | 'id' | undefined,
    });
    // Broken specs have no status: they are listed unless a status is asked for.
    const errors = status
      ? []
      : registry.specErrors(scope).map(e => ({ ...e }));
    res.json({ items: items.map(toJson), errors });
  });

  router.get('/slos/month', async (req, res) => {
    const answer = await service.month(
      req.query.month,
      await scopeOf(req, req.query),
    );
    res.json({ ...answer, items: answer.items.map(i => ({ ...i })) });
  });

  router.get('/slo', async (req, res) => {
    const { id, resolution } = req.query;
    let resolutionSeconds = 3600;
    if (resolution) {
      try {
        resolutionSeconds = parseDuration(resolution);
      } catch (e) {
        throw new InputError(`resolution: ${(e as Error).message}`);
      }
    }
    const result = await service.get(id, resolutionSeconds);
    res.json({
      ...toJson(result),
      resolutionSeconds,
      history: result.history.map(p => ({
        t: p.t,
        sli: finite(p.sli),
        remaining: finite(p.remaining),
        burnRate: finite(p.burnRate),
        recentBurnRate: finite(p.recentBurnRate),
      })),
    });
  });

  router.get('/entity', async (req, res) => {
    const entityRef = normalizeRef(
      req.query.entityRef,
      'entityRef',
      'component',
    );
    const result = await service.entity(entityRef);
    res.json({
      ...result,
      slos: result.slos.map(toJson),
      errors: result.errors.map(e => ({ ...e })),
    });
  });

  router.get('/gate', async (req, res) => {
    const entityRef = normalizeRef(
      req.query.entityRef,
      'entityRef',
      'component',
    );
    const decision = await service.gate(entityRef, req.query.changeType);
    if (options.gateDecisions) {
      // A pipeline waiting on the gate gets its answer even when keeping the record fails.
      await options.gateDecisions
        .record({
          entityRef,
          decidedAt: Date.now(),
          allowed: decision.allowed,
          changeType: req.query.changeType,
          reasons: decision.reasons,
        })
        .catch(e =>
          options.logger?.warn(
            `SLO gate: could not record the answer for ${entityRef}: ${e}`,
          ),
        );
    }
    res.json({
      ...decision,
      ...(decision.policyStep
        ? { policyStep: { ...decision.policyStep } }
        : {}),
      slos: decision.slos.map(s => ({
        id: s.id,
        remainingFraction: finite(s.remainingFraction),
        ...(s.step ? { step: { ...s.step } } : {}),
      })),
    });
  });

  router.get('/gate/decisions', async (req, res) => {
    const from = Date.parse(req.query.from);
    const to = Date.parse(req.query.to);
    for (const [field, value] of [
      ['from', from],
      ['to', to],
    ] as const) {
      if (Number.isNaN(value)) {
        throw new InputError(`${field}: expected an ISO 8601 date-time`);
      }
    }
    if (from >= to) {
      throw new InputError('to: must be after from');
    }
    const items = options.gateDecisions
      ? await options.gateDecisions.countByEntity({ from, to })
      : [];
    res.json({ items });
  });

  addControlRoutes(router, options, normalizeRef);

  router.post('/validate', async (req, res) => {
    const { slos, problems } = validateSloSpecs(req.body.files, {
      serviceLabel: options.serviceLabel,
    });
    res.json({
      valid: problems.length === 0,
      slos: slos.map(s => ({
        id: s.id,
        name: s.name,
        objectivePercent: s.objectivePercent,
        file: s.source.file,
      })),
      problems: problems.map(p => ({ ...p })),
    });
  });

  return router;
}

/** JSON has no Infinity or NaN: unbounded and unknown values become null. */
function finite(n: number | undefined): number | null {
  return n === undefined || !Number.isFinite(n) ? null : n;
}

function toJson(s: SloWithState) {
  const { state } = s;
  return {
    slo: s.slo,
    entityRef: s.entityRef,
    ...(s.owner ? { owner: s.owner } : {}),
    ...(s.system ? { system: s.system } : {}),
    state: {
      sloId: state.sloId,
      status: state.status,
      evaluatedAt: state.evaluatedAt,
      window: { from: state.window.from, to: state.window.to },
      good: state.good,
      total: state.total,
      sli: finite(state.sli),
      budgetRemaining: finite(state.budgetRemaining),
      budgetConsumed: finite(state.budgetConsumed),
      burnRates: state.burnRates.map(b => ({
        windowSeconds: b.windowSeconds,
        burnRate: finite(b.burnRate),
      })),
      alert: {
        severity: state.alert.severity,
        firing: state.alert.firing.map(f => ({ ...f })),
      },
      timeToExhaustionSeconds: finite(state.timeToExhaustionSeconds),
      ...(state.policyStep ? { policyStep: { ...state.policyStep } } : {}),
      stale: state.stale,
      ...(state.lastBucket !== undefined
        ? { lastBucket: state.lastBucket }
        : {}),
      ...(state.lastSuccessAt ? { lastSuccessAt: state.lastSuccessAt } : {}),
    },
  };
}
