import {
  AuditorService,
  AuthService,
  BackstageCredentials,
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { InputError, NotAllowedError, NotFoundError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  scorecardChecks,
  scorecardExemptionManagePermission,
} from '@internal/plugin-scorecard-common';
import { Exemption, ScorecardStore } from '../database/ScorecardStore';
import { ScorecardEvaluator } from '../evaluator/ScorecardEvaluator';
import { createOpenApiRouter } from '../schema/openapi';
import { normalizeRef } from '@internal/portal-node';

export interface ExemptionRouteOptions {
  httpAuth: HttpAuthService;
  auth: AuthService;
  permissions: PermissionsService;
  auditor?: AuditorService;
  catalog: CatalogService;
  store: ScorecardStore;
  evaluator: ScorecardEvaluator;
  now: () => Date;
  principalName: (credentials: BackstageCredentials) => string;
}

/**
 * Exemptions: admins grant and revoke them (audited, with a reason and an expiry), signed-in
 * users read them. Each change re-evaluates the entity so its level reflects it at once.
 */
export function addExemptionRoutes(
  router: Awaited<ReturnType<typeof createOpenApiRouter>>,
  options: ExemptionRouteOptions,
) {
  const {
    httpAuth,
    auth,
    permissions,
    catalog,
    store,
    evaluator,
    now,
    principalName,
  } = options;

  router.get('/exemptions', async (req, res) => {
    const entityRef =
      req.query.entityRef &&
      normalizeRef(req.query.entityRef, 'entityRef', 'component');
    const items = await store.listExemptions(entityRef);
    res.json({ items: items.map(e => publicExemption(e, now())) });
  });

  router.post('/exemptions', async (req, res) => {
    const credentials = await httpAuth.credentials(req);
    await authorizeBasic(credentials, 'grant exemptions');
    const entityRef = normalizeRef(
      req.body.entityRef,
      'entityRef',
      'component',
    );
    if (!scorecardChecks.some(c => c.id === req.body.checkId)) {
      throw new InputError(`checkId: no check "${req.body.checkId}"`);
    }
    const reason = req.body.reason.trim();
    if (!reason) throw new InputError('reason: must not be blank');
    const expires = Date.parse(req.body.expiresAt);
    if (Number.isNaN(expires)) {
      throw new InputError('expiresAt: not a date-time');
    }
    if (expires <= now().getTime()) {
      throw new InputError('expiresAt: must be in the future');
    }
    const entity = await catalog.getEntityByRef(entityRef, { credentials });
    if (!entity)
      throw new NotFoundError(`No entity ${entityRef} in the catalog`);
    const exemption = await store.addExemption({
      entityRef,
      checkId: req.body.checkId,
      reason,
      expiresAt: new Date(expires).toISOString(),
      createdBy: principalName(credentials),
      createdAt: now().toISOString(),
    });
    await options.auditor
      ?.createEvent({
        eventId: 'scorecard-exemption',
        severityLevel: 'medium',
        meta: { action: 'grant', ...exemption },
        request: req,
      })
      .then(e => e.success());
    // The level shown must reflect the exemption now, not at the next scheduled pass.
    await evaluator.evaluate([entityRef]);
    res.status(201).json(publicExemption(exemption, now()));
  });

  router.post('/exemptions/:id/revoke', async (req, res) => {
    const credentials = await httpAuth.credentials(req);
    await authorizeBasic(credentials, 'revoke exemptions');
    const id = Number(req.params.id);
    if (!(await store.getExemption(id))) {
      throw new NotFoundError(`No exemption ${id}`);
    }
    const revoked = await store.revokeExemption(
      id,
      principalName(credentials),
      now().toISOString(),
    );
    await options.auditor
      ?.createEvent({
        eventId: 'scorecard-exemption',
        severityLevel: 'medium',
        meta: { action: 'revoke', ...revoked },
        request: req,
      })
      .then(e => e.success());
    await evaluator.evaluate([revoked.entityRef]);
    res.json(publicExemption(revoked, now()));
  });

  async function authorizeBasic(
    credentials: BackstageCredentials,
    what: string,
  ) {
    const [decision] = await permissions.authorize(
      [{ permission: scorecardExemptionManagePermission }],
      { credentials },
    );
    // Service principals skip policies in Backstage; no API client may touch exemptions.
    if (
      decision.result !== AuthorizeResult.ALLOW ||
      auth.isPrincipal(credentials, 'service')
    ) {
      throw new NotAllowedError(
        `scorecard.exemption.manage: only admins may ${what}`,
      );
    }
  }
}

function publicExemption(e: Exemption, now: Date) {
  return {
    ...e,
    inForce: !e.revokedAt && Date.parse(e.expiresAt) > now.getTime(),
  };
}
