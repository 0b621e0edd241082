import {
  AuthService,
  DiscoveryService,
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import {
  NotAllowedError,
  NotFoundError,
  ResponseError,
} from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  goldenPathUpgradePermission,
  SOURCE_TEMPLATE_ANNOTATION,
} from '@internal/plugin-golden-paths-common';
import { TemplateVersions } from '@internal/plugin-scaffolder-backend-module-golden-paths';
import { normalizeRef } from '@internal/portal-node';
import express from 'express';
import { DriftStore } from '../database/DriftStore';
import { DriftScanner } from '../scan/DriftScanner';
import { createOpenApiRouter } from '../schema/openapi';

/** The template that upgrades a service (templates/upgrade/golden-path-upgrade.yaml). */
export const UPGRADE_TEMPLATE_REF = 'template:default/golden-path-upgrade';

export interface RouterOptions {
  httpAuth: HttpAuthService;
  auth: AuthService;
  permissions: PermissionsService;
  discovery: DiscoveryService;
  catalog: CatalogService;
  store: DriftStore;
  scanner: DriftScanner;
  versions: TemplateVersions;
  fetch?: typeof fetch;
}

export async function createRouter(
  options: RouterOptions,
): Promise<express.Router> {
  const { httpAuth, auth, permissions, catalog, store, scanner, versions } =
    options;
  const doFetch = options.fetch ?? fetch;
  const router = await createOpenApiRouter();

  router.get('/templates', async (_req, res) => {
    res.json({
      items: versions.names().map(name => ({
        template: `template:default/${name}`,
        name,
        versions: versions.list(name).map(v => v.version),
      })),
    });
  });

  router.get('/services', async (req, res) => {
    const { template, version, owner, behind } = req.query;
    res.json({
      items: await store.list({
        template: template && normalizeRef(template, 'template', 'template'),
        version,
        owner: owner && normalizeRef(owner, 'owner', 'group'),
        behind: behind === undefined ? undefined : behind === 'true',
      }),
    });
  });

  router.get('/service', async (req, res) => {
    const entityRef = normalizeRef(
      req.query.entityRef,
      'entityRef',
      'component',
    );
    // One service is compared now rather than read from the last scan: the card is where a team
    // looks right after merging an upgrade, and one render takes well under a second.
    const entity = await catalog.getEntityByRef(entityRef, {
      credentials: await httpAuth.credentials(req),
    });
    if (!entity?.metadata.annotations?.[SOURCE_TEMPLATE_ANNOTATION]) {
      throw new NotFoundError(
        `${entityRef} was not created from a golden-path template`,
      );
    }
    const drift = await scanner.scanEntity(entity);
    await store.upsert(drift);
    res.json(drift);
  });

  router.post('/upgrade', async (req, res) => {
    const entityRef = normalizeRef(
      req.body.entityRef,
      'entityRef',
      'component',
    );
    const credentials = await httpAuth.credentials(req, { allow: ['user'] });
    // Asked before the entity is looked up, so a refusal says nothing about whether it exists.
    const [decision] = await permissions.authorize(
      [{ permission: goldenPathUpgradePermission, resourceRef: entityRef }],
      { credentials },
    );
    if (decision.result !== AuthorizeResult.ALLOW) {
      throw new NotAllowedError(
        `golden-paths.upgrade: only members of the owning group of ${entityRef} and admins may upgrade it`,
      );
    }
    const entity = await catalog.getEntityByRef(entityRef, { credentials });
    if (!entity?.metadata.annotations?.[SOURCE_TEMPLATE_ANNOTATION]) {
      throw new NotFoundError(
        `${entityRef} was not created from a golden-path template`,
      );
    }
    // The scaffolder runs the upgrade as the caller, so its task, log and commit are theirs.
    const { token } = await auth.getPluginRequestToken({
      onBehalfOf: credentials,
      targetPluginId: 'scaffolder',
    });
    const base = await options.discovery.getBaseUrl('scaffolder');
    const response = await doFetch(`${base}/v2/tasks`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${token}`,
        'content-type': 'application/json',
      },
      body: JSON.stringify({
        templateRef: UPGRADE_TEMPLATE_REF,
        values: {
          entityRef,
          ...(req.body.toVersion && { toVersion: req.body.toVersion }),
          ...(req.body.answers && { answers: req.body.answers }),
        },
      }),
    });
    if (!response.ok) {
      throw await ResponseError.fromResponse(response as any);
    }
    const { id } = (await response.json()) as { id: string };
    res.status(202).json({ taskId: id, taskUrl: `/create/tasks/${id}` });
  });

  return router;
}
