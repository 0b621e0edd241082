import { Config } from '@backstage/config';
import { UserInfoService } from '@backstage/backend-plugin-api';
import {
  catalogEntityDeletePermission,
  catalogEntityRefreshPermission,
  catalogLocationDeletePermission,
} from '@backstage/plugin-catalog-common/alpha';
import {
  catalogConditions,
  createCatalogConditionalDecision,
} from '@backstage/plugin-catalog-backend/alpha';
import {
  AuthorizeResult,
  PolicyDecision,
  isPermission,
} from '@backstage/plugin-permission-common';
import {
  PermissionPolicy,
  PolicyQuery,
  PolicyQueryUser,
} from '@backstage/plugin-permission-node';

/**
 * Everyone signed in reads and creates (self-service); destructive catalog actions belong to the
 * owners of the entity and to the configured admins.
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
    const isOwnedAction =
      isPermission(permission, catalogEntityDeletePermission) ||
      isPermission(permission, catalogEntityRefreshPermission);
    const isAdminAction = isPermission(
      permission,
      catalogLocationDeletePermission,
    );

    if (!isOwnedAction && !isAdminAction) {
      return { result: AuthorizeResult.ALLOW };
    }
    if (!user) {
      return { result: AuthorizeResult.DENY };
    }

    const { ownershipEntityRefs } = await this.userInfo.getUserInfo(
      user.credentials,
    );
    if (this.isAdmin(ownershipEntityRefs)) {
      return { result: AuthorizeResult.ALLOW };
    }
    if (isAdminAction) {
      // A location can hold entities of many owners, so only admins may remove one.
      return { result: AuthorizeResult.DENY };
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
