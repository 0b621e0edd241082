/**
 * The portal's permission policy, as a module of the permission backend, and the modules that
 * enforce it where the stock plugins cannot: the Kubernetes proxy guard.
 *
 * @packageDocumentation
 */
export { permissionModulePortalPolicy as default } from './module';
export { PortalPermissionPolicy } from './PortalPermissionPolicy';
export {
  kubernetesProxyAdminPermission,
  kubernetesProxyReadPermission,
} from './permissions';
export { kubernetesModulePortalProxyGuard } from './kubernetes/module';
export { classifyProxyRequest } from './kubernetes/classifyProxyRequest';
export {
  createExternalRouteGuardModule,
  catalogModuleExternalRouteGuard,
  doraModuleExternalRouteGuard,
  scorecardModuleExternalRouteGuard,
  sloModuleExternalRouteGuard,
} from './externalAccess/module';
export { catalogModulePortalTrust } from './catalog/module';
export { CatalogTrustProcessor } from './catalog/CatalogTrustProcessor';
