import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { catalogProcessingExtensionPoint } from '@backstage/plugin-catalog-node';
import { readGoldenPathsConfig } from './config';
import { LocalRepositoriesProvider } from './provider/LocalRepositoriesProvider';

/**
 * Registers the repositories the embedded publisher created on disk; idle unless
 * `goldenPaths.publisher` is `local`. @public
 */
export const goldenPathsCatalogModule = createBackendModule({
  pluginId: 'catalog',
  moduleId: 'golden-paths-local-repositories',
  register(env) {
    env.registerInit({
      deps: {
        catalog: catalogProcessingExtensionPoint,
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        scheduler: coreServices.scheduler,
        lifecycle: coreServices.lifecycle,
      },
      async init({ catalog, config, logger, scheduler, lifecycle }) {
        const { repositoryRoot, publisher } = readGoldenPathsConfig(config);
        if (publisher !== 'local') {
          // Nothing is published on disk then; the register step adds each repository's URL.
          logger.info(
            `goldenPaths.publisher is ${publisher}: no local repositories to register`,
          );
          return;
        }
        const provider = new LocalRepositoriesProvider(repositoryRoot, logger);
        catalog.addEntityProvider(provider);
        lifecycle.addStartupHook(() => {
          const unwatch = provider.watch();
          lifecycle.addShutdownHook(unwatch);
        });
        await scheduler.scheduleTask({
          id: 'golden-paths-local-repositories-scan',
          frequency: { seconds: 30 },
          timeout: { seconds: 30 },
          // Every instance watches its own disk, so the scan is not a cluster-wide singleton.
          scope: 'local',
          fn: () => provider.scan(),
        });
      },
    });
  },
});
