import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { createProxyGuard } from './createProxyGuard';

/**
 * Puts the proxy guard in front of the kubernetes backend's routes. Modules initialise before
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
      },
      async init({ httpRouter, ...options }) {
        httpRouter.use(createProxyGuard(options));
      },
    });
  },
});
