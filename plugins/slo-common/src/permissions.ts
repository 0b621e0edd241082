import { createPermission } from '@backstage/plugin-permission-common';

/**
 * Collecting one catalog entity's SLOs from Prometheus now (`POST /api/slo/collect`), outside
 * the schedule. Each collection sends the entity's queries to Prometheus with the plugin's
 * credentials and writes rollups, so it is an action on the entity: a policy can answer with
 * the catalog's ownership rule. Reading SLOs needs no permission beyond signing in.
 *
 * @public
 */
export const sloCollectPermission = createPermission({
  name: 'slo.collect',
  attributes: { action: 'update' },
  // The catalog's RESOURCE_TYPE_CATALOG_ENTITY, spelled out so the common package needs no
  // catalog dependency.
  resourceType: 'catalog-entity',
});

/**
 * Exporting one catalog entity's SLOs as Prometheus recording and alerting rules
 * (`GET /api/slo/rules`), which a team loads into its Prometheus.
 *
 * @public
 */
export const sloRulesReadPermission = createPermission({
  name: 'slo.rules.read',
  attributes: { action: 'read' },
  resourceType: 'catalog-entity',
});

/**
 * Every permission of the SLO plugin.
 *
 * @public
 */
export const sloPermissions = [sloCollectPermission, sloRulesReadPermission];
