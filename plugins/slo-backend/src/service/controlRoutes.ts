import {
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import {
  NotAllowedError,
  NotFoundError,
  ServiceUnavailableError,
} from '@backstage/errors';
import {
  Slo,
  prometheusRulesYaml,
  sloCollectPermission,
  sloRulesReadPermission,
} from '@internal/plugin-slo-common';
import { createOpenApiRouter } from '../schema/openapi';
import { SloService } from './SloService';
import { allowedEntities } from './authorizeEntities';

/** What collecting some SLOs now did, as the collector reports it. */
export interface CollectNowReport {
  collected: string[];
  failed: Array<{ sloId: string; error: string }>;
  bucketsWritten: number;
}

export interface ControlRoutesOptions {
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
  service: SloService;
  /** Collects the given SLOs from Prometheus now; undefined when `slo.prometheus` is not set. */
  collect?: (slos: Slo[]) => Promise<CollectNowReport>;
  /** How long a collect request waits for Prometheus before answering 503 (default 10 s). */
  collectWaitMs?: number;
}

type Router = Awaited<ReturnType<typeof createOpenApiRouter>>;
type Normalize = (value: string, field: string, defaultKind: string) => string;

/**
 * The owners' routes of the SLO plugin: the rules export and collecting an entity's SLOs now.
 * Both name one entity as the resource of a permission the policy answers with the ownership
 * rule; reading SLOs and the gate stays with every signed-in user.
 */
export function addControlRoutes(
  router: Router,
  options: ControlRoutesOptions,
  normalizeRef: Normalize,
) {
  const { httpAuth, permissions, service } = options;
  // One collection per entity at a time: a second press of the button waits for the first.
  const inFlight = new Map<string, Promise<CollectNowReport>>();

  router.get('/rules', async (req, res) => {
    const credentials = await httpAuth.credentials(req);
    const { id } = req.query;
    const entityRef =
      req.query.entityRef &&
      normalizeRef(req.query.entityRef, 'entityRef', 'component');
    if (entityRef) {
      await requireEntity(entityRef);
    }
    const selected = service.select({ entityRef, id });
    const allowed = await allowedEntities(
      permissions,
      sloRulesReadPermission,
      selected.map(s => s.entityRef),
      credentials,
    );
    if (id) {
      const denied = selected.find(s => !allowed.has(s.entityRef));
      if (denied) throw rulesRefused(denied.entityRef);
    }
    // Without a filter: the rules of every entity the caller may export (an admin: all).
    const slos = selected.filter(s => allowed.has(s.entityRef)).map(s => s.slo);
    res.type('text/yaml').send(prometheusRulesYaml(slos));

    async function requireEntity(ref: string) {
      const ok = await allowedEntities(
        permissions,
        sloRulesReadPermission,
        [ref],
        credentials,
      );
      if (!ok.has(ref)) throw rulesRefused(ref);
    }
  });

  router.post('/collect', async (req, res) => {
    const credentials = await httpAuth.credentials(req);
    const entityRef = normalizeRef(
      req.body.entityRef,
      'entityRef',
      'component',
    );
    // Asked before anything else, so a refusal says nothing about the entity's SLOs.
    const allowed = await allowedEntities(
      permissions,
      sloCollectPermission,
      [entityRef],
      credentials,
    );
    if (!allowed.has(entityRef)) {
      throw new NotAllowedError(
        `slo.collect: only members of the owning group of ${entityRef} and admins may collect its SLOs now; they are collected on the schedule`,
      );
    }
    const slos = service.select({ entityRef }).map(s => s.slo);
    if (!options.collect) {
      throw new ServiceUnavailableError(
        'SLO collection is off: slo.prometheus is not configured in this portal',
      );
    }
    if (slos.length === 0) {
      throw new NotFoundError(`${entityRef} has no SLOs to collect`);
    }
    let running = inFlight.get(entityRef);
    if (!running) {
      running = options.collect(slos);
      inFlight.set(entityRef, running);
      running
        .finally(() => inFlight.delete(entityRef))
        .catch(() => {
          // The waiting request reports the error.
        });
    }
    const waitMs = options.collectWaitMs ?? 10_000;
    let timer: NodeJS.Timeout | undefined;
    const report = await Promise.race([
      running,
      new Promise<undefined>(resolve => {
        timer = setTimeout(() => resolve(undefined), waitMs);
      }),
    ]).finally(() => clearTimeout(timer));
    if (!report) {
      throw new ServiceUnavailableError(
        `Prometheus did not finish collecting the SLOs of ${entityRef} within ${waitMs} ms; the collection goes on, and its SLOs show as stale until one succeeds`,
      );
    }
    if (report.collected.length === 0 && report.failed.length > 0) {
      throw new ServiceUnavailableError(
        `No SLO of ${entityRef} was collected: ${report.failed[0].error}`,
      );
    }
    res.json({
      entityRef,
      collected: report.collected,
      failed: report.failed.map(f => ({ ...f })),
      bucketsWritten: report.bucketsWritten,
    });
  });
}

function rulesRefused(entityRef: string) {
  return new NotAllowedError(
    `slo.rules.read: only members of the owning group of ${entityRef} and admins may export its SLO rules; a team's CI prints them from its own spec with portal-slo validate --rules`,
  );
}
