import {
  coreServices,
  createBackendPlugin,
  readSchedulerServiceTaskScheduleDefinitionFromConfig,
} from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { CheckConfig, Severity } from '@internal/plugin-conformance-common';
import { ConformanceEvaluator } from './collector/ConformanceEvaluator';
import {
  DEFAULT_READ_TIMEOUT_MS,
  KubernetesWorkloadReader,
} from './collector/KubernetesWorkloadReader';
import { refreshAll } from './collector/refreshAll';
import { DatabaseConformanceStore } from './database/ConformanceStore';
import { createRouter } from './service/createRouter';

/**
 * Judges the live workloads behind each catalog entity against the golden-path checks.
 *
 * @public
 */
export const conformancePlugin = createBackendPlugin({
  pluginId: 'conformance',
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
        catalog: catalogServiceRef,
      },
      async init(deps) {
        const { config, logger, scheduler, auth, catalog } = deps;
        const checkConfig = readCheckConfig(
          config.getOptionalConfig('conformance.checks'),
        );
        const store = await DatabaseConformanceStore.create({
          database: deps.database,
        });
        const evaluatorWithin = (timeoutMs: number) =>
          new ConformanceEvaluator(
            new KubernetesWorkloadReader(deps.discovery, auth, timeoutMs),
            {
              config: checkConfig,
              checkOptions: {
                requiredLabels: config.getOptionalStringArray(
                  'conformance.requiredLabels',
                ),
              },
            },
          );
        // Pages judge an unseen entity while the user waits; the scheduled pass can wait longer.
        const evaluator = evaluatorWithin(
          config.getOptionalNumber('conformance.readTimeoutMs.page') ??
            DEFAULT_READ_TIMEOUT_MS,
        );
        const scheduledEvaluator = evaluatorWithin(
          config.getOptionalNumber('conformance.readTimeoutMs.refresh') ??
            30_000,
        );

        const schedule = config.has('conformance.schedule')
          ? readSchedulerServiceTaskScheduleDefinitionFromConfig(
              config.getConfig('conformance.schedule'),
            )
          : {
              frequency: { minutes: 5 },
              timeout: { minutes: 4 },
              initialDelay: { seconds: 15 },
            };
        await scheduler.scheduleTask({
          id: 'conformance-refresh-all',
          ...schedule,
          fn: async () => {
            const result = await refreshAll({
              catalog,
              credentials: await auth.getOwnServiceCredentials(),
              evaluator: scheduledEvaluator,
              store,
              logger,
            });
            logger.info(
              `Conformance refreshed: ${result.evaluated} entities, ${result.failed} failed, ${result.removed} removed`,
            );
          },
        });

        deps.httpRouter.use(
          await createRouter({
            logger,
            httpAuth: deps.httpAuth,
            permissions: deps.permissions,
            catalog,
            store,
            evaluator,
            checkConfig,
          }),
        );
      },
    });
  },
});

function readCheckConfig(config?: Config): Record<string, CheckConfig> {
  const result: Record<string, CheckConfig> = {};
  for (const id of config?.keys() ?? []) {
    result[id] = {
      enabled: config!.getOptionalBoolean(`${id}.enabled`),
      severity: config!.getOptionalString(`${id}.severity`) as
        | Severity
        | undefined,
    };
  }
  return result;
}
