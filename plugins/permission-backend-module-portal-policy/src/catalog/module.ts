import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { catalogProcessingExtensionPoint } from '@backstage/plugin-catalog-node';
import { CatalogTrustProcessor } from './CatalogTrustProcessor';

/** Adds the trust processor: the organisation, templates and clusters only from config. */
export const catalogModulePortalTrust = createBackendModule({
  pluginId: 'catalog',
  moduleId: 'portal-trust',
  register(reg) {
    reg.registerInit({
      deps: {
        catalog: catalogProcessingExtensionPoint,
        config: coreServices.rootConfig,
      },
      async init({ catalog, config }) {
        catalog.addProcessor(CatalogTrustProcessor.fromConfig(config));
      },
    });
  },
});
