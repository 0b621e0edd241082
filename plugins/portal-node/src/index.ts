/**
 * Node code shared by the portal's backend plugins.
 *
 * @packageDocumentation
 */
export { normalizeRef } from './entityRefs';
export type { ClusterConnection } from './clusters';
export {
  clusterCa,
  kubeConfigOptions,
  kubernetesPluginClusters,
  readClusterConnections,
} from './clusters';
export { PluginClient, fetchWithTimeout } from './http';
export type { GroupCatalog } from './groups';
export { groupWithSubTeams } from './groups';
export { mapLimited } from './mapLimited';
export type { KubeListResult, KubeQuery, KubeWatchEvent } from './kubeApi';
export { KubeApi, KubeApiError, KubeTimeoutError } from './kubeApi';
