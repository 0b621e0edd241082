import { ConfigReader } from '@backstage/config';
import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { BackstageUserInfo } from '@backstage/backend-plugin-api';
import {
  catalogEntityDeletePermission,
  catalogEntityReadPermission,
  catalogEntityRefreshPermission,
  catalogLocationCreatePermission,
  catalogLocationDeletePermission,
} from '@backstage/plugin-catalog-common/alpha';
import {
  AuthorizeResult,
  Permission,
} from '@backstage/plugin-permission-common';
import { kubernetesProxyPermission } from '@backstage/plugin-kubernetes-common';
import { conformanceRefreshPermission } from '@internal/plugin-conformance-common';
import { goldenPathUpgradePermission } from '@internal/plugin-golden-paths-common';
import { doraEventsCreatePermission } from '@internal/plugin-dora-common';
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
  reviewItemWritePermission,
  reviewReadPermission,
  reviewSnapshotCreatePermission,
} from '@internal/plugin-review-common';
import { PortalPermissionPolicy } from './PortalPermissionPolicy';
import {
  kubernetesProxyAdminPermission,
  kubernetesProxyReadPermission,
} from './permissions';

const admin: BackstageUserInfo = {
  userEntityRef: 'user:default/lukas.novak',
  ownershipEntityRefs: [
    'user:default/lukas.novak',
    'group:default/platform',
    'group:default/Portal-Admins',
  ],
};
const payments: BackstageUserInfo = {
  userEntityRef: 'user:default/aisha.khan',
  ownershipEntityRefs: ['user:default/aisha.khan', 'group:default/payments'],
};

function policyFor(userInfo: BackstageUserInfo, adminRefs?: string[]) {
  return PortalPermissionPolicy.fromConfig(
    new ConfigReader({ permission: { portal: { adminRefs } } }),
    mockServices.userInfo(userInfo),
  );
}

async function decide(
  permission: Permission,
  userInfo: BackstageUserInfo | undefined,
  adminRefs = ['group:default/portal-admins'],
) {
  const policy = policyFor(userInfo ?? payments, adminRefs);
  return policy.handle(
    { permission },
    userInfo
      ? {
          credentials: mockCredentials.user(userInfo.userEntityRef),
          info: userInfo,
        }
      : undefined,
  );
}

describe('PortalPermissionPolicy', () => {
  it.each([
    ['reads an entity', catalogEntityReadPermission, payments],
    ['registers a location', catalogLocationCreatePermission, payments],
    ['deletes any entity as admin', catalogEntityDeletePermission, admin],
    ['refreshes any entity as admin', catalogEntityRefreshPermission, admin],
    ['unregisters a location as admin', catalogLocationDeletePermission, admin],
    [
      'reaches the guarded Kubernetes proxy',
      kubernetesProxyPermission,
      payments,
    ],
    [
      'reads any namespace by proxy as admin',
      kubernetesProxyReadPermission,
      admin,
    ],
    ['writes by proxy as admin', kubernetesProxyAdminPermission, admin],
    [
      'posts DORA events for any entity as admin',
      doraEventsCreatePermission,
      admin,
    ],
    [
      'refreshes any conformance report as admin',
      conformanceRefreshPermission,
      admin,
    ],
    ['collects any SLO now as admin', sloCollectPermission, admin],
    ['exports any SLO rules as admin', sloRulesReadPermission, admin],
    ['upgrades any service as admin', goldenPathUpgradePermission, admin],
    [
      'pushes scorecard results for any entity as admin',
      scorecardResultsCreatePermission,
      admin,
    ],
    [
      'evaluates any scorecard now as admin',
      scorecardEvaluatePermission,
      admin,
    ],
    [
      'grants scorecard exemptions as admin',
      scorecardExemptionManagePermission,
      admin,
    ],
    [
      'creates scorecard campaigns as admin',
      scorecardCampaignManagePermission,
      admin,
    ],
    ['reads the monthly review', reviewReadPermission, payments],
    ['freezes a review month as admin', reviewSnapshotCreatePermission, admin],
    [
      "writes any team's review notes as admin",
      reviewItemWritePermission,
      admin,
    ],
  ])('allows a user who %s', async (_, permission, user) => {
    expect(await decide(permission, user)).toEqual({
      result: AuthorizeResult.ALLOW,
    });
  });

  it.each([
    ['deletes an entity', catalogEntityDeletePermission],
    ['refreshes an entity', catalogEntityRefreshPermission],
    ['reads workloads by proxy', kubernetesProxyReadPermission],
    ['posts DORA events', doraEventsCreatePermission],
    ['refreshes a conformance report', conformanceRefreshPermission],
    ['collects SLOs now', sloCollectPermission],
    ['exports SLO rules', sloRulesReadPermission],
    ['upgrades a service to its golden path', goldenPathUpgradePermission],
    ['pushes scorecard results', scorecardResultsCreatePermission],
    ['evaluates a scorecard now', scorecardEvaluatePermission],
  ])('lets a non-admin who %s do so only for owned entities', async (_, p) => {
    expect(await decide(p, payments)).toEqual({
      result: AuthorizeResult.CONDITIONAL,
      pluginId: 'catalog',
      resourceType: 'catalog-entity',
      conditions: {
        rule: 'IS_ENTITY_OWNER',
        resourceType: 'catalog-entity',
        params: {
          claims: ['user:default/aisha.khan', 'group:default/payments'],
        },
      },
    });
  });

  it.each([
    ['unregistering a location', catalogLocationDeletePermission],
    ['writing through the Kubernetes proxy', kubernetesProxyAdminPermission],
    // Even for an owned entity: the team an exemption helps cannot grant it.
    ['granting a scorecard exemption', scorecardExemptionManagePermission],
    ['creating a scorecard campaign', scorecardCampaignManagePermission],
    ['freezing a review month', reviewSnapshotCreatePermission],
  ])('denies %s to a non-admin', async (_, p) => {
    expect(await decide(p, payments)).toEqual({
      result: AuthorizeResult.DENY,
    });
  });

  it("lets a non-admin write review notes and actions only on their own teams' rows", async () => {
    expect(await decide(reviewItemWritePermission, payments)).toEqual({
      result: AuthorizeResult.CONDITIONAL,
      pluginId: 'review',
      resourceType: 'review-team',
      conditions: {
        rule: 'IS_TEAM_MEMBER',
        resourceType: 'review-team',
        params: {
          claims: ['user:default/aisha.khan', 'group:default/payments'],
        },
      },
    });
    expect(await decide(reviewItemWritePermission, undefined)).toEqual({
      result: AuthorizeResult.DENY,
    });
  });

  it('denies destructive actions without a user', async () => {
    for (const p of [
      catalogEntityDeletePermission,
      catalogLocationDeletePermission,
      kubernetesProxyPermission,
      kubernetesProxyReadPermission,
      kubernetesProxyAdminPermission,
      doraEventsCreatePermission,
      conformanceRefreshPermission,
      sloCollectPermission,
      sloRulesReadPermission,
      goldenPathUpgradePermission,
      scorecardResultsCreatePermission,
      scorecardEvaluatePermission,
      scorecardExemptionManagePermission,
    ]) {
      expect(await decide(p, undefined)).toEqual({
        result: AuthorizeResult.DENY,
      });
    }
  });

  it('has no admins unless configured', async () => {
    expect(await decide(catalogLocationDeletePermission, admin, [])).toEqual({
      result: AuthorizeResult.DENY,
    });
  });
});
