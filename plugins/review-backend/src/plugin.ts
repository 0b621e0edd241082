import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import {
  lastFullMonth,
  reviewPermissions,
  reviewItemWritePermission,
} from '@internal/plugin-review-common';
import { DatabaseReviewStore } from './database/ReviewStore';
import { PluginClient } from '@internal/portal-node';
import {
  isTeamMember,
  reviewTeamResourceRef,
} from './permissions/teamResource';
import { ReviewService } from './review/ReviewService';
import { createRouter } from './service/createRouter';

/**
 * Minutes the month-end run spreads its scopes over by default. Nobody needs last month's
 * snapshot minutes after the 1st, and a backend's first start runs it while its catalog is
 * still busy with the rest of the organisation.
 */
const DEFAULT_SPREAD_MINUTES = 180;

/**
 * The monthly engineering review: DORA, SLO, conformance (and scorecard) figures per team or
 * service for a month, frozen at month end, with notes and actions.
 *
 * @public
 */
export const reviewPlugin = createBackendPlugin({
  pluginId: 'review',
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
        permissionsRegistry: coreServices.permissionsRegistry,
        httpRouter: coreServices.httpRouter,
        catalog: catalogServiceRef,
      },
      async init(deps) {
        const { config, logger, auth, catalog } = deps;
        const store = await DatabaseReviewStore.create({
          database: deps.database,
        });
        const peers = new PluginClient({
          discovery: deps.discovery,
          auth,
          timeoutMs: config.getOptionalNumber('review.peerTimeoutMs'),
        });
        const service = new ReviewService({
          catalog,
          auth,
          peers,
          store,
          logger,
          environment: config.getOptionalString('review.environment'),
          scorecardPath:
            config.getOptionalString('review.scorecard.levelsPath') ??
            '/levels',
        });

        deps.permissionsRegistry.addPermissions(reviewPermissions);
        deps.permissionsRegistry.addResourceType({
          resourceRef: reviewTeamResourceRef,
          permissions: [reviewItemWritePermission],
          rules: [isTeamMember],
          getResources: async refs => refs.map(ref => ({ ref })),
        });

        // The month-end snapshots. Every few hours rather than once on the 1st, so a backend
        // that was down at month end still freezes the month; a month already frozen costs one
        // catalog read. Global scope: one instance computes while the others wait on the lock.
        if (config.getOptionalBoolean('review.snapshots.enabled') ?? true) {
          const spreadMinutes =
            config.getOptionalNumber('review.snapshots.spreadMinutes') ??
            DEFAULT_SPREAD_MINUTES;
          if (!(spreadMinutes >= 0 && spreadMinutes <= 300)) {
            throw new InputError(
              `review.snapshots.spreadMinutes: must be between 0 and 300, got ${spreadMinutes}`,
            );
          }
          await deps.scheduler.scheduleTask({
            id: 'review-month-end-snapshots',
            scope: 'global',
            frequency: { hours: 6 },
            timeout: { minutes: 30 + spreadMinutes },
            initialDelay: { minutes: 5 },
            fn: async signal => {
              const month = lastFullMonth(new Date());
              const { created, failed } = await service.snapshotAllScopes(
                month,
                { spreadMs: spreadMinutes * 60_000, signal },
              );
              if (created > 0 || failed > 0) {
                logger.info(
                  `Review: ${created} snapshots of ${month} stored, ${failed} failed`,
                );
              }
            },
          });
        }

        deps.httpRouter.use(
          await createRouter({
            httpAuth: deps.httpAuth,
            permissions: deps.permissions,
            catalog,
            store,
            service,
          }),
        );
      },
    });
  },
});
