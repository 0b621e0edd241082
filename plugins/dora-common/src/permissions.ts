import { createPermission } from '@backstage/plugin-permission-common';

/**
 * Posting DORA events (deployments, changes, incidents) for one catalog entity through
 * `POST /api/dora/events` or `/api/dora/cdevents`. The entity is the resource, so a policy can
 * answer with the catalog's ownership rule: every record of a batch names an entity, and the
 * batch is stored only when the caller may post for each of them.
 *
 * @public
 */
export const doraEventsCreatePermission = createPermission({
  name: 'dora.events.create',
  attributes: { action: 'create' },
  // The catalog's RESOURCE_TYPE_CATALOG_ENTITY, spelled out so the common package needs no
  // catalog dependency.
  resourceType: 'catalog-entity',
});

/**
 * Every permission of the DORA plugin.
 *
 * @public
 */
export const doraPermissions = [doraEventsCreatePermission];
