import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { scaffolderActionsExtensionPoint } from '@backstage/plugin-scaffolder-node';
import { createCatalogRegisterAction } from './actions/catalogRegister';
import { createKubernetesApplyAction } from './actions/kubernetesApply';
import { createPublishAction } from './actions/publish';
import { createPublishLocalAction } from './actions/publishLocal';
import { createRecordTemplateAction } from './actions/recordTemplate';
import { createUpgradeAction } from './actions/upgrade';
import { readGoldenPathsConfig, readTemplateRoot } from './config';
import { KubernetesApplier } from './kubernetes/KubernetesApplier';

/** @public */
export const goldenPathsModule = createBackendModule({
  pluginId: 'scaffolder',
  moduleId: 'golden-paths',
  register(env) {
    env.registerInit({
      deps: {
        scaffolder: scaffolderActionsExtensionPoint,
        config: coreServices.rootConfig,
        catalog: catalogServiceRef,
        auditor: coreServices.auditor,
        permissions: coreServices.permissions,
        urlReader: coreServices.urlReader,
      },
      async init({
        scaffolder,
        config,
        catalog,
        auditor,
        permissions,
        urlReader,
      }) {
        const goldenPaths = readGoldenPathsConfig(config);
        scaffolder.addActions(
          createPublishAction({ config: goldenPaths }),
          createPublishLocalAction({ config: goldenPaths }),
          createCatalogRegisterAction({ config: goldenPaths, catalog }),
          createRecordTemplateAction(),
          createUpgradeAction({
            config: goldenPaths,
            templateRoot: readTemplateRoot(config),
            catalog,
            permissions,
            urlReader,
          }),
          createKubernetesApplyAction({
            applierFor: cluster =>
              KubernetesApplier.forCluster(config, cluster),
            createNamespaces:
              config.getOptionalBoolean(
                'goldenPaths.kubernetes.createNamespaces',
              ) ?? false,
            auditor,
          }),
        );
      },
    });
  },
});
