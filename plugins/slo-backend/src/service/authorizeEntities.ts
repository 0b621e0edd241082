import {
  BackstageCredentials,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import {
  AuthorizeResult,
  ResourcePermission,
} from '@backstage/plugin-permission-common';

/**
 * Which of the entities the caller may act on under a resource permission on catalog entities
 * (the portal's policy: owners and admins). One batched request to the permission backend.
 */
export async function allowedEntities(
  permissions: PermissionsService,
  permission: ResourcePermission<'catalog-entity'>,
  entityRefs: string[],
  credentials: BackstageCredentials,
): Promise<Set<string>> {
  const refs = [...new Set(entityRefs)];
  if (refs.length === 0) return new Set();
  const decisions = await permissions.authorize(
    refs.map(resourceRef => ({ permission, resourceRef })),
    { credentials },
  );
  return new Set(
    refs.filter((_, i) => decisions[i].result === AuthorizeResult.ALLOW),
  );
}
