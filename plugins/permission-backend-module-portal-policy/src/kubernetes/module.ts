import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { trustedOrigins } from '../catalog/CatalogTrustProcessor';
import { createProxyGuard } from './createProxyGuard';
import { NamespaceReader } from './NamespaceReader';
import {
  DEFAULT_RESPONSE_TIMEOUT_MS,
  createResponseDeadline,
} from './createResponseDeadline';

/**
 * Puts the response deadline and the proxy guard in front of the kubernetes backend's routes. Modules initialise before
 * their plugin, so the guard is on the plugin's router before the proxy route is.
 */
export const kubernetesModulePortalProxyGuard = createBackendModule({
  pluginId: 'kubernetes',
  moduleId: 'portal-proxy-guard',
  register(reg) {
    reg.registerInit({
      deps: {
        httpRouter: coreServices.httpRouter,
        httpAuth: coreServices.httpAuth,
        permissions: coreServices.permissions,
        logger: coreServices.logger,
        catalog: catalogServiceRef,
        config: coreServices.rootConfig,
      },
      async init({ httpRouter, config, ...options }) {
        httpRouter.use(
          createResponseDeadline({
            timeoutMs:
              config.getOptionalNumber('kubernetes.portal.responseTimeoutMs') ??
              DEFAULT_RESPONSE_TIMEOUT_MS,
          }),
        );
        httpRouter.use(
          createProxyGuard({
            ...options,
            trustedOrigins: trustedOrigins(config),
            namespaces: NamespaceReader.fromConfig(config),
          }),
        );
      },
    });
  },
});
