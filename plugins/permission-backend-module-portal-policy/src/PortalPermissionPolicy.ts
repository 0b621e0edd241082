import { Config } from '@backstage/config';
import { UserInfoService } from '@backstage/backend-plugin-api';
import {
  catalogEntityDeletePermission,
  catalogEntityRefreshPermission,
  catalogLocationDeletePermission,
} from '@backstage/plugin-catalog-common/alpha';
import { kubernetesProxyPermission } from '@backstage/plugin-kubernetes-common';
import { conformanceRefreshPermission } from '@internal/plugin-conformance-common';
import { doraEventsCreatePermission } from '@internal/plugin-dora-common';
import { goldenPathUpgradePermission } from '@internal/plugin-golden-paths-common';
import {
  scorecardCampaignManagePermission,
  scorecardEvaluatePermission,
  scorecardExemptionManagePermission,
  scorecardResultsCreatePermission,
} from '@internal/plugin-scorecard-common';
import {
  sloCollectPermission,
  sloRulesReadPermission,
} from '@internal/plugin-slo-common';
import {
  REVIEW_TEAM_RESOURCE_TYPE,
  reviewItemWritePermission,
  reviewSnapshotCreatePermission,
} from '@internal/plugin-review-common';
import {
  catalogConditions,
  createCatalogConditionalDecision,
} from '@backstage/plugin-catalog-backend/alpha';
import {
  AuthorizeResult,
  Permission,
  PolicyDecision,
  isPermission,
} from '@backstage/plugin-permission-common';
import {
  PermissionPolicy,
  PolicyQuery,
  PolicyQueryUser,
} from '@backstage/plugin-permission-node';
import {
  kubernetesProxyAdminPermission,
  kubernetesProxyReadPermission,
} from './permissions';

/** Allowed to the owners of the entity (and admins). */
const OWNED = [
  catalogEntityDeletePermission,
  catalogEntityRefreshPermission,
  kubernetesProxyReadPermission,
  // A team's DORA figures are only its own deployments and incidents when only it posts them.
  doraEventsCreatePermission,
  // Each judges or collects with the plugin's own cluster or Prometheus credentials, so a
  // reader could otherwise make the portal hammer them for any entity.
  conformanceRefreshPermission,
  sloCollectPermission,
  // The rules a team loads into its Prometheus; its CI prints them from its own repository
  // (portal-slo validate --rules), so no token or reader needs the export.
  sloRulesReadPermission,
  // Writes a branch or pull request into the service's repository.
  goldenPathUpgradePermission,
  // A pushed result can change the entity's level, like DORA events change its figures.
  scorecardResultsCreatePermission,
  // Evaluating now reads the other plugins' APIs with the scorecard's own identity.
  scorecardEvaluatePermission,
];
/** Allowed to admins only. */
const ADMIN_ONLY = [
  // A location can hold entities of many owners, so only admins may remove one.
  catalogLocationDeletePermission,
  kubernetesProxyAdminPermission,
  // An exemption hides a failure from a level, so the team it helps cannot grant it itself.
  scorecardExemptionManagePermission,
  // A campaign sets work with a deadline for many teams.
  scorecardCampaignManagePermission,
  // A snapshot is what every later reading of the month shows, and is never replaced.
  reviewSnapshotCreatePermission,
];
/** Allowed to the members of the team (the resource is the team's group ref) and admins. */
const TEAM_MEMBERS = [reviewItemWritePermission];
/**
 * Allowed to any signed-in user, never to a service token: the portal's proxy guard in front of
 * the stock proxy decides each request with the two proxy permissions above.
 */
const USERS_ONLY = [kubernetesProxyPermission];

/**
 * Everyone signed in reads and creates (self-service); destructive catalog actions and reads of
 * a team's workloads through the Kubernetes proxy belong to the owners of the entity and to the
 * configured admins; writes through the proxy and unregistering locations to admins only.
 */
export class PortalPermissionPolicy implements PermissionPolicy {
  static fromConfig(config: Config, userInfo: UserInfoService) {
    const adminRefs =
      config.getOptionalStringArray('permission.portal.adminRefs') ?? [];
    return new PortalPermissionPolicy(
      new Set(adminRefs.map(ref => ref.toLocaleLowerCase('en-US'))),
      userInfo,
    );
  }

  private constructor(
    private readonly adminRefs: Set<string>,
    private readonly userInfo: UserInfoService,
  ) {}

  async handle(
    request: PolicyQuery,
    user?: PolicyQueryUser,
  ): Promise<PolicyDecision> {
    const { permission } = request;
    const is = (list: Permission[]) =>
      list.some(p => isPermission(permission, p));
    const isOwnedAction = is(OWNED);
    const isAdminAction = is(ADMIN_ONLY);
    const isTeamAction = is(TEAM_MEMBERS);
    if (!isOwnedAction && !isAdminAction && !isTeamAction && !is(USERS_ONLY)) {
      return { result: AuthorizeResult.ALLOW };
    }
    if (!user) {
      return { result: AuthorizeResult.DENY };
    }
    if (!isOwnedAction && !isAdminAction && !isTeamAction) {
      return { result: AuthorizeResult.ALLOW };
    }

    const { ownershipEntityRefs } = await this.userInfo.getUserInfo(
      user.credentials,
    );
    if (this.isAdmin(ownershipEntityRefs)) {
      return { result: AuthorizeResult.ALLOW };
    }
    if (isAdminAction) {
      return { result: AuthorizeResult.DENY };
    }
    if (isTeamAction) {
      // The review plugin applies IS_TEAM_MEMBER to the team the note or action belongs to.
      return {
        result: AuthorizeResult.CONDITIONAL,
        pluginId: 'review',
        resourceType: REVIEW_TEAM_RESOURCE_TYPE,
        conditions: {
          rule: 'IS_TEAM_MEMBER',
          resourceType: REVIEW_TEAM_RESOURCE_TYPE,
          params: { claims: ownershipEntityRefs },
        },
      };
    }
    return createCatalogConditionalDecision(
      permission as typeof catalogEntityDeletePermission,
      catalogConditions.isEntityOwner({ claims: ownershipEntityRefs }),
    );
  }

  private isAdmin(ownershipEntityRefs: string[]): boolean {
    return ownershipEntityRefs.some(ref =>
      this.adminRefs.has(ref.toLocaleLowerCase('en-US')),
    );
  }
}
