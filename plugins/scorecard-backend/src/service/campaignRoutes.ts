import {
  AuthService,
  BackstageCredentials,
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { InputError, NotAllowedError, NotFoundError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  CampaignEntityDay,
  CampaignScope,
  campaignBurnUp,
  checksLeft,
  inCampaignScope,
  scorecardCampaignManagePermission,
  scorecardChecks,
} from '@internal/plugin-scorecard-common';
import { Campaign, DatabaseCampaignStore } from '../database/CampaignStore';
import { ScorecardStore } from '../database/ScorecardStore';
import { createOpenApiRouter } from '../schema/openapi';
import { normalizeRef } from '@internal/portal-node';

export interface CampaignRouteOptions {
  httpAuth: HttpAuthService;
  auth: AuthService;
  permissions: PermissionsService;
  catalog: CatalogService;
  store: ScorecardStore;
  campaigns: DatabaseCampaignStore;
  kinds: string[];
  now: () => Date;
}

/**
 * Campaigns: admins create them, signed-in users read them. Progress is computed on read from
 * the stored daily scorecards, so a campaign needs no rows of its own per day.
 */
export function addCampaignRoutes(
  router: Awaited<ReturnType<typeof createOpenApiRouter>>,
  options: CampaignRouteOptions,
) {
  const { httpAuth, auth, permissions, catalog, store, campaigns } = options;
  const today = () => options.now().toISOString().slice(0, 10);

  router.get('/campaigns', async (_req, res) => {
    const [all, latest] = await Promise.all([
      campaigns.list(),
      store.listLatest(),
    ]);
    const items = [];
    for (const campaign of all) {
      const rows = await withTags(latest, campaign.scope);
      const inScope = rows.filter(r => inCampaignScope(r, campaign.scope));
      items.push({
        campaign: publicCampaign(campaign),
        passing: inScope.filter(
          r => checksLeft(r.results, campaign.checkIds).length === 0,
        ).length,
        total: inScope.length,
      });
    }
    res.json({ items });
  });

  router.get('/campaigns/:id', async (req, res) => {
    const campaign = await campaigns.get(req.params.id);
    if (!campaign) throw new NotFoundError(`No campaign ${req.params.id}`);
    const from = campaign.createdAt.slice(0, 10);
    const to = today() < campaign.deadline ? today() : campaign.deadline;
    const [history, latest] = await Promise.all([
      store.historyOfAll(from),
      store.listLatest(),
    ]);
    const tagged = await withTags(history, campaign.scope);
    const current = (await withTags(latest, campaign.scope)).filter(r =>
      inCampaignScope(r, campaign.scope),
    );
    res.json({
      campaign: publicCampaign(campaign),
      burnUp: campaignBurnUp(tagged, campaign, from, to),
      entitiesLeft: current
        .map(r => ({
          entityRef: r.entityRef,
          title: r.title,
          owner: r.owner,
          checkIds: checksLeft(r.results, campaign.checkIds),
        }))
        .filter(e => e.checkIds.length > 0),
    });
  });

  router.post('/campaigns', async (req, res) => {
    const credentials = await httpAuth.credentials(req);
    await authorizeManage(credentials);
    const { title, checkIds, deadline } = req.body;
    const known = new Set(scorecardChecks.map(c => c.id));
    checkIds.forEach((id, i) => {
      if (!known.has(id)) {
        throw new InputError(`checkIds[${i}]: no check "${id}"`);
      }
    });
    const parsed = Date.parse(`${deadline}T00:00:00Z`);
    if (
      Number.isNaN(parsed) ||
      new Date(parsed).toISOString().slice(0, 10) !== deadline
    ) {
      throw new InputError(`deadline: "${deadline}" is not a date`);
    }
    if (deadline < today()) {
      throw new InputError('deadline: must not be in the past');
    }
    const scope: CampaignScope = {};
    if (req.body.scope?.owner) {
      scope.owner = normalizeRef(req.body.scope.owner, 'scope.owner', 'group');
    }
    if (req.body.scope?.system) {
      scope.system = normalizeRef(
        req.body.scope.system,
        'scope.system',
        'system',
      );
    }
    if (req.body.scope?.tag) scope.tag = req.body.scope.tag;
    const campaign: Campaign = await campaigns.add({
      title: title.trim() || title,
      checkIds: [...new Set(checkIds)],
      deadline,
      scope,
      createdBy: auth.isPrincipal(credentials, 'user')
        ? credentials.principal.userEntityRef
        : 'unknown',
      createdAt: options.now().toISOString(),
    });
    res.status(201).json(publicCampaign(campaign));
  });

  /** The stored rows carry no tags: a tag scope reads which entities carry it now. */
  async function withTags<T extends CampaignEntityDay>(
    rows: T[],
    scope: CampaignScope,
  ): Promise<T[]> {
    if (!scope.tag) return rows;
    const { items } = await catalog.getEntities(
      {
        filter: { kind: options.kinds },
        fields: [
          'kind',
          'metadata.name',
          'metadata.namespace',
          'metadata.tags',
        ],
      },
      { credentials: await auth.getOwnServiceCredentials() },
    );
    const tagged = new Set(
      items
        .filter(e => (e.metadata.tags ?? []).includes(scope.tag!))
        .map(e => stringifyEntityRef(e)),
    );
    return rows.map(r =>
      tagged.has(r.entityRef) ? { ...r, tags: [scope.tag!] } : r,
    );
  }

  async function authorizeManage(credentials: BackstageCredentials) {
    const [decision] = await permissions.authorize(
      [{ permission: scorecardCampaignManagePermission }],
      { credentials },
    );
    // Service principals skip policies in Backstage; no API client creates campaigns.
    if (
      decision.result !== AuthorizeResult.ALLOW ||
      auth.isPrincipal(credentials, 'service')
    ) {
      throw new NotAllowedError(
        'scorecard.campaign.manage: only admins may create campaigns',
      );
    }
  }
}

// Plain object types for the generated response types, which carry index signatures.
function publicCampaign(c: Campaign) {
  return { ...c, scope: { ...c.scope } };
}
