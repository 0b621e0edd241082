import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { DatabaseDoraStore } from './database/DoraStore';
import { seedDemo } from './demo/seedDemo';
import { createRouter } from './service/createRouter';

/**
 * DORA metrics: ingests deployments, changes and incidents and serves the five keys.
 *
 * @public
 */
export const doraPlugin = createBackendPlugin({
  pluginId: 'dora',
  register(env) {
    env.registerInit({
      deps: {
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        database: coreServices.database,
        auth: coreServices.auth,
        httpAuth: coreServices.httpAuth,
        httpRouter: coreServices.httpRouter,
        lifecycle: coreServices.lifecycle,
        catalog: catalogServiceRef,
      },
      async init({
        config,
        logger,
        database,
        auth,
        httpAuth,
        httpRouter,
        lifecycle,
        catalog,
      }) {
        const store = await DatabaseDoraStore.create({ database });
        httpRouter.use(await createRouter({ httpAuth, catalog, store }));

        if (config.getOptionalBoolean('dora.demo.enabled')) {
          // In the background: the catalog processes the demo components after startup, and
          // the backend must not wait for it.
          lifecycle.addStartupHook(() => {
            seedDemo({
              store,
              catalog,
              logger,
              getCredentials: () => auth.getOwnServiceCredentials(),
            }).catch(error =>
              logger.error('DORA demo: seeding failed', error as Error),
            );
          });
        }
      },
    });
  },
});
