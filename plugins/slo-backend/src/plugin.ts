import {
  coreServices,
  createBackendPlugin,
  readSchedulerServiceTaskScheduleDefinitionFromConfig,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { createSloCollector } from './collector/createSloCollector';
import { DatabaseGateDecisionStore } from './database/GateDecisionStore';
import { DatabaseSloRollupStore } from './database/SloRollupStore';
import { seedDemoRollups } from './demo/demoRollups';
import { createRouter } from './service/createRouter';
import { SloService } from './service/SloService';
import { SloRegistry } from './specs/SloRegistry';
import { SloSpecProvider } from './specs/SloSpecProvider';
import { readRetentionSeconds } from './retention/readRetentionSeconds';
import { retentionCutoff } from './retention/retentionCutoff';

/**
 * SLOs and error budgets of catalog entities: specs from `portal.io/slo-spec`, 5-minute
 * rollups, budget state and history, and the deploy gate.
 *
 * @public
 */
export const sloPlugin = createBackendPlugin({
  pluginId: 'slo',
  register(env) {
    env.registerInit({
      deps: {
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        database: coreServices.database,
        scheduler: coreServices.scheduler,
        lifecycle: coreServices.lifecycle,
        auth: coreServices.auth,
        httpAuth: coreServices.httpAuth,
        permissions: coreServices.permissions,
        httpRouter: coreServices.httpRouter,
        urlReader: coreServices.urlReader,
        catalog: catalogServiceRef,
      },
      async init(deps) {
        const { config, logger, scheduler, lifecycle } = deps;
        const store = await DatabaseSloRollupStore.create({
          database: deps.database,
          bucketSeconds: config.getOptionalNumber('slo.bucketSeconds'),
        });
        const gateDecisions = await DatabaseGateDecisionStore.create({
          database: deps.database,
        });
        const registry = new SloRegistry();
        const serviceLabel = config.getOptionalString('slo.serviceLabel');
        const provider = new SloSpecProvider({
          catalog: deps.catalog,
          auth: deps.auth,
          urlReader: deps.urlReader,
          logger,
          parseOptions: { serviceLabel },
        });
        const collection = createSloCollector(config, { store, logger });
        // Synthetic rollups would be mixed with collected ones: demo only without Prometheus.
        const demo =
          !collection &&
          (config.getOptionalBoolean('slo.demo.enabled') ?? false);

        const schedule = config.has('slo.specRefresh')
          ? readSchedulerServiceTaskScheduleDefinitionFromConfig(
              config.getConfig('slo.specRefresh'),
            )
          : {
              frequency: { minutes: 5 },
              timeout: { minutes: 2 },
              // The first refresh is triggered once the backend is ready (below).
              initialDelay: { minutes: 5 },
            };
        // Spec files of unchanged entities are read again at most this often (an edited spec
        // file whose catalog file did not change).
        const specMaxAgeMs =
          (config.getOptionalNumber('slo.specMaxAgeMinutes') ?? 60) * 60_000;
        // Looks again shortly while the catalog shows no spec yet, over this backend's
        // lifetime, not at every refresh: an organisation without SLO specs is not polled.
        let startupRetries = 10;
        await scheduler.scheduleTask({
          id: 'slo-spec-refresh',
          ...schedule,
          // Every replica keeps its own in-memory registry, so every replica refreshes it.
          scope: 'local',
          fn: async () => {
            let { entities, reread } = await provider.readChanged(specMaxAgeMs);
            registry.replace(entities);
            // Right after start the catalog may not have processed its entities yet: rather than
            // show no SLOs until the next refresh, look again shortly (bounded by the timeout).
            while (entities.length === 0 && startupRetries > 0) {
              startupRetries--;
              await new Promise(resolve => setTimeout(resolve, 10_000));
              ({ entities, reread } = await provider.readChanged(specMaxAgeMs));
              registry.replace(entities);
            }
            if (entities.length > 0) startupRetries = 0;
            // Errors are said when a spec is read, not again on every refresh.
            if (reread > 0) {
              const errors = entities.reduce((n, e) => n + e.errors.length, 0);
              logger.info(
                `SLO specs refreshed: ${reread} of ${
                  entities.length
                } entities read, ${
                  registry.list().length
                } SLOs, ${errors} spec errors`,
              );
              for (const e of entities) {
                for (const error of e.errors) {
                  logger.warn(
                    `SLO spec error in ${e.entityRef}: ${error.message}`,
                  );
                }
              }
            }
            if (demo) {
              const written = await seedDemoRollups(
                store,
                registry.list().map(s => s.slo),
                Math.floor(Date.now() / 1000),
              );
              if (written > 0) {
                logger.info(
                  `SLO demo: wrote ${written} synthetic rollup buckets`,
                );
              }
            }
          },
        });

        // Loading specs and seeding demo history wait until the backend answers requests.
        lifecycle.addStartupHook(() => {
          scheduler.triggerTask('slo-spec-refresh').catch(() => {
            // Already running: nothing to add.
          });
        });

        // Retention: old rollups go, never what a registered SLO's window or history reads.
        const retentionSeconds = readRetentionSeconds(config);
        await scheduler.scheduleTask({
          id: 'slo-retention',
          ...(config.has('slo.retention.schedule')
            ? readSchedulerServiceTaskScheduleDefinitionFromConfig(
                config.getConfig('slo.retention.schedule'),
              )
            : {
                frequency: { hours: 24 },
                timeout: { minutes: 30 },
                initialDelay: { minutes: 15 },
              }),
          // One replica at a time: the scheduler's lock in the shared database.
          scope: 'global',
          fn: async () => {
            await registry.whenLoaded();
            const cutoff = retentionCutoff(
              Math.floor(Date.now() / 1000),
              retentionSeconds,
              registry.list().map(s => s.slo.window),
            );
            const deleted = await store.deleteRollupsBefore(cutoff);
            // Gate answers are kept as long as the rollups they were decided on.
            await gateDecisions.deleteBefore(cutoff * 1000);
            if (deleted.buckets + deleted.hours + deleted.days > 0) {
              logger.info(
                `SLO retention: deleted ${deleted.buckets} buckets, ${
                  deleted.hours
                } hourly and ${deleted.days} daily sums before ${new Date(
                  cutoff * 1000,
                ).toISOString()}`,
              );
            }
          },
        });

        if (collection) {
          await scheduler.scheduleTask({
            id: 'slo-prometheus-collect',
            ...collection.schedule,
            // Rollups are shared in the database: one replica collects per cycle.
            scope: 'global',
            fn: async () => {
              await registry.whenLoaded();
              const report = await collection.collector.collect(
                registry.list().map(s => s.slo),
                Math.floor(Date.now() / 1000),
              );
              logger.info(
                `SLO collection: ${report.collected.length} SLOs collected, ${report.failed.length} failed, ${report.behind.length} still behind, ${report.bucketsWritten} buckets written in ${report.passes} passes and ${report.requests} Prometheus requests`,
              );
              for (const f of report.failed) {
                logger.warn(`SLO collection failed for ${f.sloId}: ${f.error}`);
              }
            },
          });
        }

        deps.httpRouter.use(
          await createRouter({
            httpAuth: deps.httpAuth,
            permissions: deps.permissions,
            registry,
            // The owners' "collect now": the scheduled collector, for one entity's SLOs.
            collect: collection
              ? slos =>
                  collection.collector.collect(
                    slos,
                    Math.floor(Date.now() / 1000),
                  )
              : undefined,
            serviceLabel,
            catalog: deps.catalog,
            gateDecisions,
            logger,
            service: new SloService({
              registry,
              store,
              staleAfterSeconds: config.getOptionalNumber(
                'slo.staleAfterSeconds',
              ),
              onSpecError:
                config.getOptionalString('slo.gate.onSpecError') === 'allow'
                  ? 'allow'
                  : 'deny',
            }),
          }),
        );
      },
    });
  },
});
