import {
  coreServices,
  createBackendPlugin,
  readSchedulerServiceTaskScheduleDefinitionFromConfig,
  SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';

import { Config } from '@backstage/config';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import {
  kubernetesPluginClusters,
  readClusterConnections,
} from '@internal/portal-node';
import { CheckConfig, Severity } from '@internal/plugin-conformance-common';
import { ConformanceEvaluator } from './collector/ConformanceEvaluator';
import {
  DEFAULT_READ_TIMEOUT_MS,
  KubernetesWorkloadReader,
} from './collector/KubernetesWorkloadReader';
import { AffectedEntities } from './collector/AffectedEntities';
import {
  detectCatalogChanges,
  reconcileStalest,
} from './collector/catalogChanges';
import { JudgingQueue } from './collector/JudgingQueue';
import { WorkloadWatcher } from './collector/WorkloadWatcher';
import { WATCHED } from './collector/watchedTypes';
import { WorkloadCache } from './collector/WorkloadCache';
import { WatchedWorkloadReader } from './collector/WatchedWorkloadReader';
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
        lifecycle: coreServices.lifecycle,
        discovery: coreServices.discovery,
        auth: coreServices.auth,
        httpAuth: coreServices.httpAuth,
        permissions: coreServices.permissions,
        httpRouter: coreServices.httpRouter,
        catalog: catalogServiceRef,
      },
      async init(deps) {
        const { config, logger, scheduler, lifecycle, auth, catalog } = deps;
        const checkConfig = readCheckConfig(
          config.getOptionalConfig('conformance.checks'),
        );
        const store = await DatabaseConformanceStore.create({
          database: deps.database,
        });
        const watching =
          config.getOptionalBoolean('conformance.watch.enabled') ?? true;
        // Where the watches can answer for the kubernetes backend, entities are judged from what
        // they hold: the backend is asked only for what they cannot answer.
        const cache =
          watching && WatchedWorkloadReader.covers(config)
            ? new WorkloadCache(WATCHED.map(t => t.kind))
            : undefined;
        const workloadKinds = WatchedWorkloadReader.workloadKinds(config);
        const evaluatorWithin = (timeoutMs: number) => {
          const viaBackend = new KubernetesWorkloadReader(
            deps.discovery,
            auth,
            timeoutMs,
          );
          return new ConformanceEvaluator(
            cache
              ? new WatchedWorkloadReader(cache, viaBackend, workloadKinds)
              : viaBackend,
            {
              config: checkConfig,
              checkOptions: {
                requiredLabels: config.getOptionalStringArray(
                  'conformance.requiredLabels',
                ),
              },
            },
          );
        };
        // The Refresh button judges while the user waits; the background worker can wait longer.
        const evaluator = evaluatorWithin(
          config.getOptionalNumber('conformance.readTimeoutMs.page') ??
            DEFAULT_READ_TIMEOUT_MS,
        );
        const affected = new AffectedEntities();
        const queue = new JudgingQueue({
          catalog,
          auth,
          evaluator: evaluatorWithin(
            config.getOptionalNumber('conformance.readTimeoutMs.refresh') ??
              30_000,
          ),
          store,
          logger,
          affected,
          // Judging waits for the watches' first lists (a cluster down is not waited for long).
          ready: cache ? () => cache.answering(60_000) : undefined,
        });
        const clusters = readClusterConnections(
          kubernetesPluginClusters(config),
        );
        const watcher = new WorkloadWatcher({
          clusters,
          affected,
          onAffected: refs => queue.enqueue(refs),
          logger,
          relistMs:
            (config.getOptionalNumber('conformance.watch.relistMinutes') ??
              30) * 60_000,
          cache,
        });
        // Nothing is judged or watched before the backend is ready to answer.
        lifecycle.addStartupHook(() => {
          queue.start();
          scheduler.triggerTask('conformance-catalog-changes').catch(() => {
            // Already running: nothing to add.
          });
          if (watching) watcher.start();
        });
        lifecycle.addShutdownHook(async () => {
          await watcher.stop();
          await queue.stop();
        });

        // New and changed catalog entities: a comparison of etags, one field-filtered page at a
        // time; the first one, triggered once the backend is ready, judges what changed while
        // the portal was down.
        let reportCount = 0;
        await scheduler.scheduleTask({
          id: 'conformance-catalog-changes',
          scope: 'local',
          ...readSchedule(config, 'conformance.catalogChanges', {
            frequency: { minutes: 2 },
            timeout: { minutes: 5 },
            initialDelay: { minutes: 2 },
          }),
          fn: async () => {
            const result = await detectCatalogChanges({
              catalog,
              credentials: await auth.getOwnServiceCredentials(),
              store,
              queue,
              affected,
            });
            reportCount = result.entities;
            if (result.queued > 0 || result.removed > 0) {
              logger.info(
                `Conformance: ${result.queued} new or changed entities queued, ${result.removed} reports of removed entities dropped`,
              );
            }
          },
        });

        // The rare full reconciliation, spread over its period in small steps.
        const reconcile = readSchedule(config, 'conformance.reconcile', {
          frequency: { hours: 6 },
          timeout: { minutes: 5 },
        });
        const stepMs = 5 * 60_000;
        await scheduler.scheduleTask({
          id: 'conformance-reconcile-step',
          scope: 'local',
          frequency: { minutes: 5 },
          timeout: { minutes: 4 },
          initialDelay: { minutes: 5 },
          fn: async () => {
            await reconcileStalest({
              store,
              queue,
              reportCount,
              periodMs: durationMs(reconcile.frequency),
              stepMs,
            });
          },
        });

        deps.httpRouter.use(
          await createRouter({
            logger,
            httpAuth: deps.httpAuth,
            permissions: deps.permissions,
            catalog,
            store,
            queue,
            affected,
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

function readSchedule(
  config: Config,
  key: string,
  defaults: SchedulerServiceTaskScheduleDefinition,
): SchedulerServiceTaskScheduleDefinition {
  return config.has(key)
    ? readSchedulerServiceTaskScheduleDefinitionFromConfig(
        config.getConfig(key),
      )
    : defaults;
}

function durationMs(
  frequency: SchedulerServiceTaskScheduleDefinition['frequency'],
): number {
  // A cron or manual reconciliation has no period to spread over: assume the default.
  if ('cron' in frequency || 'trigger' in frequency) return 6 * 3600_000;
  const d = frequency as Record<string, number | undefined>;
  if (typeof (d as { toMillis?: unknown }).toMillis === 'function') {
    return (d as unknown as { toMillis(): number }).toMillis();
  }
  const unit: Record<string, number> = {
    milliseconds: 1,
    seconds: 1000,
    minutes: 60_000,
    hours: 3600_000,
    days: 86400_000,
    weeks: 7 * 86400_000,
  };
  return Object.entries(unit).reduce((ms, [k, f]) => ms + (d[k] ?? 0) * f, 0);
}
