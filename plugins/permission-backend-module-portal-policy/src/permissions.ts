import { RESOURCE_TYPE_CATALOG_ENTITY } from '@backstage/plugin-catalog-common/alpha';
import { createPermission } from '@backstage/plugin-permission-common';

/**
 * Reading, through the Kubernetes proxy, the workloads of one catalog entity (pod logs, events):
 * the entity is the resource, so the policy can answer with the ownership rule.
 */
export const kubernetesProxyReadPermission = createPermission({
  name: 'portal.kubernetes.proxy.read',
  attributes: { action: 'read' },
  resourceType: RESOURCE_TYPE_CATALOG_ENTITY,
});

/**
 * Every other request through the Kubernetes proxy: writes, cluster-wide reads, secrets, exec,
 * attach and port-forwarding. These act with the cluster's credentials, not the user's.
 */
export const kubernetesProxyAdminPermission = createPermission({
  name: 'portal.kubernetes.proxy.admin',
  attributes: { action: 'update' },
});
