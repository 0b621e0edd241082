import { createPermission } from '@backstage/plugin-permission-common';

/**
 * Upgrading a service created from a golden path to a newer template version: writes a branch
 * (and with GitHub a pull request) into the entity's repository, so it is an action on the
 * entity that a policy answers with the catalog's ownership rule. Reading drift needs no
 * permission beyond signing in.
 *
 * @public
 */
export const goldenPathUpgradePermission = createPermission({
  name: 'golden-paths.upgrade',
  attributes: { action: 'update' },
  // The catalog's RESOURCE_TYPE_CATALOG_ENTITY, spelled out so the common package needs no
  // catalog dependency.
  resourceType: 'catalog-entity',
});

/** @public */
export const goldenPathsPermissions = [goldenPathUpgradePermission];
