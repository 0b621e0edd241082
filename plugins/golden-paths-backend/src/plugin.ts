import {
  coreServices,
  createBackendPlugin,
  readSchedulerServiceTaskScheduleDefinitionFromConfig,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import {
  readGoldenPathsConfig,
  readTemplateRoot,
  TemplateVersions,
} from '@internal/plugin-scaffolder-backend-module-golden-paths';
import { DriftStore } from './database/DriftStore';
import { DriftScanner } from './scan/DriftScanner';
import { createRouter } from './service/createRouter';

/**
 * Drift of every service created from a golden path from its recorded template version, and
 * upgrades to newer versions through the scaffolder.
 *
 * @public
 */
export const goldenPathsPlugin = createBackendPlugin({
  pluginId: 'golden-paths',
  register(env) {
    env.registerInit({
      deps: {
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        database: coreServices.database,
        scheduler: coreServices.scheduler,
        discovery: coreServices.discovery,
        auth: coreServices.auth,
        httpAuth: coreServices.httpAuth,
        permissions: coreServices.permissions,
        httpRouter: coreServices.httpRouter,
        urlReader: coreServices.urlReader,
        catalog: catalogServiceRef,
      },
      async init(deps) {
        const { config, logger, scheduler, auth, catalog } = deps;
        const goldenPaths = readGoldenPathsConfig(config);
        const versions = new TemplateVersions(readTemplateRoot(config));
        const store = await DriftStore.create({ database: deps.database });
        const scanner = new DriftScanner({
          catalog,
          auth,
          store,
          versions,
          publisher: goldenPaths.publisher,
          repositoryRoot: goldenPaths.repositoryRoot,
          urlReader: deps.urlReader,
          logger,
        });
        const scanKey = 'goldenPaths.driftScan';
        // Global scope: with several backends one holds the scheduler's lock and scans.
        await scheduler.scheduleTask({
          id: 'golden-paths-drift-scan',
          scope: 'global',
          ...(config.has(scanKey)
            ? readSchedulerServiceTaskScheduleDefinitionFromConfig(
                config.getConfig(scanKey),
              )
            : {
                frequency: { minutes: 15 },
                timeout: { minutes: 10 },
                initialDelay: { minutes: 1 },
              }),
          fn: async () => {
            await scanner.scanAll();
          },
        });
        deps.httpRouter.use(
          await createRouter({
            httpAuth: deps.httpAuth,
            auth,
            permissions: deps.permissions,
            discovery: deps.discovery,
            catalog,
            store,
            scanner,
            versions,
          }),
        );
      },
    });
  },
});
