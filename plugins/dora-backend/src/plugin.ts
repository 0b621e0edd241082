import path from 'node:path';
import {
  RootConfigService,
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { doraPermissions } from '@internal/plugin-dora-common';
import {
  kubernetesPluginClusters,
  readClusterConnections,
} from '@internal/portal-node';
import { MIN_EVENT_DAYS } from './database/operations/deleteExpiredEvents';
import { DatabaseDoraStore } from './database/DoraStore';
import { seedDemo } from './demo/seedDemo';
import {
  createIngestAuthorizer,
  readIngestScopes,
} from './service/authorizeIngest';
import { CatalogScopes } from './service/CatalogScopes';
import { createRouter } from './service/createRouter';
import { claimedKubernetesIds, ingestEvents } from './service/ingestEvents';
import { SourceOptions } from './service/sourceRoutes';
import { ClusterTarget } from './sources/kubernetes/KubeClient';
import { RolloutObserver } from './sources/kubernetes/RolloutObserver';

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
        auditor: coreServices.auditor,
        permissions: coreServices.permissions,
        permissionsRegistry: coreServices.permissionsRegistry,
        lifecycle: coreServices.lifecycle,
        scheduler: coreServices.scheduler,
        catalog: catalogServiceRef,
      },
      async init({
        config,
        logger,
        database,
        auth,
        httpAuth,
        httpRouter,
        auditor,
        permissions,
        permissionsRegistry,
        lifecycle,
        scheduler,
        catalog,
      }) {
        permissionsRegistry.addPermissions(doraPermissions);
        const eventDays = readDays(
          config,
          'dora.retention.eventDays',
          730,
          MIN_EVENT_DAYS,
        );
        const store = await DatabaseDoraStore.create({
          database,
          retainedEventDays: eventDays,
          backgroundRefresh: {
            onError: error =>
              logger.warn('DORA: background re-derivation failed', error),
          },
        });
        // Ingest queues re-derivation and starts a pass in the background; reads answer from
        // what is derived and report what is still queued. This task drains what another
        // instance ingested or a failed pass left. Passes are serialised across instances.
        await scheduler.scheduleTask({
          id: 'dora-refresh-derived',
          scope: 'local',
          frequency: { seconds: 5 },
          timeout: { minutes: 15 },
          initialDelay: { seconds: 5 },
          fn: async () => {
            const refreshed = await store.refresh();
            if (refreshed > 0) {
              logger.debug(`DORA: re-derived ${refreshed} entities`);
            }
          },
        });
        // Retention of the events, their derived rows and the sources' bookkeeping, one replica
        // at a time (the scheduler's lock).
        const retention = {
          deliveryDays: readDays(config, 'dora.retention.deliveryDays', 30),
          sourceEventDays: readDays(
            config,
            'dora.retention.sourceEventDays',
            400,
          ),
        };
        await scheduler.scheduleTask({
          id: 'dora-retention',
          scope: 'global',
          frequency: { hours: 24 },
          timeout: { hours: 2 },
          initialDelay: { minutes: 15 },
          fn: async () => {
            const deleted = await store.deleteExpired(retention);
            if (deleted.deliveries + deleted.sourceEventDays > 0) {
              logger.info(
                `DORA retention: forgot ${deleted.deliveries} GitHub delivery ids and ${deleted.sourceEventDays} daily source counts`,
              );
            }
            const events = await store.deleteExpiredEvents({ eventDays });
            if (events.chunks.length > 0) {
              const ms = events.chunks.reduce((sum, c) => sum + c.ms, 0);
              logger.info(
                `DORA retention: before ${new Date(
                  events.cutOffMs,
                ).toISOString()} deleted ${events.deployments} deployments, ${
                  events.incidents
                } incidents, ${events.changes} change records and ${
                  events.derived
                } derived rows in ${
                  events.chunks.length
                } transactions (${ms} ms)`,
              );
            }
          },
        });
        httpRouter.use(
          await createRouter({
            auth,
            httpAuth,
            auditor,
            catalog,
            store,
            sources: readSourceOptions(config),
            authorizeIngest: createIngestAuthorizer({
              auth,
              permissions,
              catalog,
              scopes: readIngestScopes(config),
            }),
            scopes: new CatalogScopes({ catalog, auth, permissions }),
          }),
        );
        // GitHub sends no Backstage token; the route verifies the delivery's HMAC instead.
        httpRouter.addAuthPolicy({
          path: '/webhooks/github',
          allow: 'unauthenticated',
        });

        if (config.getOptionalBoolean('dora.kubernetes.enabled')) {
          const observer = new RolloutObserver({
            clusters: readClusterTargets(config),
            logger,
            relistSeconds: config.getOptionalNumber(
              'dora.kubernetes.relistSeconds',
            ),
            ingest: async batch =>
              ingestEvents(batch, {
                store,
                catalog,
                credentials: await auth.getOwnServiceCredentials(),
              }),
            claimedIds: async ids =>
              claimedKubernetesIds(ids, {
                catalog,
                credentials: await auth.getOwnServiceCredentials(),
              }),
          });
          lifecycle.addStartupHook(() => observer.start());
          lifecycle.addShutdownHook(() => observer.stop());
        }

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

function readDays(
  config: RootConfigService,
  key: string,
  fallback: number,
  min = 1,
): number {
  const days = config.getOptionalNumber(key) ?? fallback;
  if (!Number.isInteger(days) || days < min) {
    throw new InputError(
      `${key}: must be a whole number of days, at least ${min}`,
    );
  }
  return days;
}

function readSourceOptions(config: RootConfigService): SourceOptions {
  const github = config.getOptionalConfig('dora.github');
  return {
    github: {
      webhookSecret: github?.getOptionalString('webhookSecret'),
      incidentLabel: github?.getOptionalString('incidentLabel') ?? 'incident',
      hotfixLabel: github?.getOptionalString('hotfixLabel') ?? 'hotfix',
      workflows: (github?.getOptionalConfigArray('workflows') ?? []).map(w => ({
        workflow: w.getString('workflow'),
        environment: w.getOptionalString('environment') ?? 'production',
        repository: w.getOptionalString('repository'),
      })),
    },
    trustedOrigins: new Set(
      (config.getOptionalConfigArray('catalog.locations') ?? []).map(l => {
        const type = l.getString('type');
        const target = l.getString('target');
        // As the catalog writes backstage.io/managed-by-origin-location: relative file
        // targets resolved against the working directory.
        return `${type}:${type === 'file' ? path.resolve(target) : target}`;
      }),
    ),
    cdevents: {
      deployPipelines: (
        config.getOptionalConfigArray('dora.cdevents.deployPipelines') ?? []
      ).map(p => ({
        pipeline: p.getString('pipeline'),
        environment: p.getOptionalString('environment') ?? 'production',
        entityRef: p.getOptionalString('entityRef'),
        kubernetesId: p.getOptionalString('kubernetesId'),
      })),
    },
  };
}

/**
 * The clusters of the kubernetes plugin's `config` locator, with their service-account tokens;
 * each one's DORA environment from `dora.kubernetes.environments` (default production).
 */
function readClusterTargets(config: RootConfigService): ClusterTarget[] {
  const environments = config.getOptionalConfig('dora.kubernetes.environments');
  return readClusterConnections(kubernetesPluginClusters(config)).map(
    cluster => ({
      ...cluster,
      environment:
        environments?.getOptionalString(cluster.name)?.toLowerCase() ??
        'production',
    }),
  );
}
