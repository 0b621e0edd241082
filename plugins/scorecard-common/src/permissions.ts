import { createPermission } from '@backstage/plugin-permission-common';

/**
 * Pushing check results for an entity from CI (`POST /api/scorecard/results`). A result can turn
 * the entity's level, so it is an action on the entity: its owners, admins, and API clients the
 * plugin lists in `scorecard.ingest.apiClients` (Backstage never asks the policy about them).
 *
 * @public
 */
export const scorecardResultsCreatePermission = createPermission({
  name: 'scorecard.results.create',
  attributes: { action: 'create' },
  // The catalog's RESOURCE_TYPE_CATALOG_ENTITY, spelled out so the common package needs no
  // catalog dependency.
  resourceType: 'catalog-entity',
});

/**
 * Granting or revoking an exemption from a check. Not for owners: an exemption hides a failure
 * from the level, so the team it helps cannot grant it itself; the platform admins do, with a
 * reason and an expiry, and every grant is kept.
 *
 * @public
 */
export const scorecardExemptionManagePermission = createPermission({
  name: 'scorecard.exemption.manage',
  attributes: { action: 'update' },
});

/**
 * Evaluating one entity's scorecard now (`POST /api/scorecard/evaluate`): reads the other
 * plugins' APIs on the entity's behalf, so owners and admins only.
 *
 * @public
 */
export const scorecardEvaluatePermission = createPermission({
  name: 'scorecard.evaluate',
  attributes: { action: 'update' },
  resourceType: 'catalog-entity',
});

/**
 * Creating a campaign (a check set with a deadline and a scope): it sets work for many teams,
 * so admins only. Reading campaigns is for every signed-in user.
 *
 * @public
 */
export const scorecardCampaignManagePermission = createPermission({
  name: 'scorecard.campaign.manage',
  attributes: { action: 'create' },
});

/** @public */
export const scorecardPermissions = [
  scorecardCampaignManagePermission,
  scorecardResultsCreatePermission,
  scorecardExemptionManagePermission,
  scorecardEvaluatePermission,
];
