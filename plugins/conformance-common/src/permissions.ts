import { createPermission } from '@backstage/plugin-permission-common';

/**
 * Judging one catalog entity's live workloads again now (`POST /api/conformance/refresh`).
 * Each refresh lists the entity's workloads in every cluster with the plugin's cluster
 * credentials, so it is an action on the entity: a policy can answer with the catalog's
 * ownership rule. Reading reports needs no permission beyond signing in.
 *
 * @public
 */
export const conformanceRefreshPermission = createPermission({
  name: 'conformance.refresh',
  attributes: { action: 'update' },
  // The catalog's RESOURCE_TYPE_CATALOG_ENTITY, spelled out so the common package needs no
  // catalog dependency.
  resourceType: 'catalog-entity',
});

/**
 * Every permission of the conformance plugin.
 *
 * @public
 */
export const conformancePermissions = [conformanceRefreshPermission];
