import {
  coreServices,
  createBackendPlugin,
  readSchedulerServiceTaskScheduleDefinitionFromConfig,
} from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { notificationService } from '@backstage/plugin-notifications-node';
import {
  DEFAULT_LEVELS,
  LevelDefinitions,
  scorecardChecks,
  validateLevels,
} from '@internal/plugin-scorecard-common';
import { DatabaseCampaignStore } from './database/CampaignStore';
import { DatabaseScorecardStore } from './database/ScorecardStore';
import { seedDemoScans } from './demo/seedDemoScans';
import { HttpSignalSource } from './evaluator/SignalReader';
import { ScorecardNotifier } from './notifications/ScorecardNotifier';
import { ScorecardEvaluator } from './evaluator/ScorecardEvaluator';
import {
  MAX_FOLLOW_UPS,
  NO_FOLLOW_UPS,
  nextFollowUp,
} from './evaluator/followUps';
import { createRouter } from './service/createRouter';
import { describeSchedule } from './service/describeSchedule';
import { readHistoryDays } from './retention/readHistoryDays';
import { retentionCutoff } from './retention/retentionCutoff';

/**
 * Definition of Done scorecards: checks from the catalog, conformance, SLO and DORA plugins and
 * from CI, stored per entity per day.
 *
 * @public
 */
export const scorecardPlugin = createBackendPlugin({
  pluginId: 'scorecard',
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
        auditor: coreServices.auditor,
        httpRouter: coreServices.httpRouter,
        catalog: catalogServiceRef,
        notifications: notificationService,
      },
      async init(deps) {
        const { config, logger, scheduler, lifecycle, auth, catalog } = deps;
        const levels = readLevels(config);
        // Read before anything starts, so a bad value stops the backend naming the key.
        const historyDays = readHistoryDays(config);
        const kinds = config.getOptionalStringArray('scorecard.kinds') ?? [
          'Component',
        ];
        const store = await DatabaseScorecardStore.create({
          database: deps.database,
        });
        const campaigns = await DatabaseCampaignStore.create({
          database: deps.database,
        });
        const notifier =
          config.getOptionalBoolean('scorecard.notifications.enabled') === false
            ? undefined
            : new ScorecardNotifier({
                notifications: deps.notifications,
                store,
                campaigns,
                catalog,
                auth,
                logger,
                kinds,
              });
        const dutyCycle =
          config.getOptionalNumber('scorecard.dutyCycle') ?? 0.5;
        if (!(dutyCycle > 0 && dutyCycle <= 1)) {
          throw new InputError(
            `scorecard.dutyCycle must be above 0 and at most 1, got ${dutyCycle}`,
          );
        }
        const evaluator = new ScorecardEvaluator({
          catalog,
          auth,
          store,
          source: new HttpSignalSource(deps.discovery, auth),
          logger,
          levels,
          kinds,
          ciMaxAgeDays:
            config.getOptionalNumber('scorecard.ci.maxAgeDays') ?? 30,
          notifier,
          dutyCycle,
        });

        if (config.getOptionalBoolean('scorecard.demo.enabled')) {
          // Through the store call the results route makes, so the demo is the real path.
          await seedDemoScans(store, new Date());
        }

        // A global task: Backstage's scheduler holds a database lock, so with several backend
        // instances one evaluates at a time. Each pass writes only what changed.
        const schedule = config.has('scorecard.schedule')
          ? readSchedulerServiceTaskScheduleDefinitionFromConfig(
              config.getConfig('scorecard.schedule'),
            )
          : {
              frequency: { minutes: 15 },
              timeout: { minutes: 10 },
              initialDelay: { minutes: 1 },
            };
        // Soon after a pass that judged arrivals or left checks pending (nextFollowUp). Each
        // pass judges only the entities whose inputs changed, so the catalog's arrivals are
        // judged as they come, not all at once after the last one.
        const followUpMs =
          (config.getOptionalNumber('scorecard.pendingRetrySeconds') ?? 30) *
          1000;
        let followUps = NO_FOLLOW_UPS;
        await scheduler.scheduleTask({
          id: 'scorecard-evaluate',
          scope: 'global',
          ...schedule,
          fn: async () => {
            // An entity conformance has not judged yet waits for it while another pass is sure
            // to follow (nextFollowUp), so it is judged once; the last follow-up judges it
            // pending, so no entity waits for a conformance plugin that never answers.
            const s = await evaluator.evaluate(undefined, {
              deferPending: followUps.inARow < MAX_FOLLOW_UPS,
            });
            const deferred =
              s.deferred > 0
                ? `, ${s.deferred} new left until conformance has judged them`
                : '';
            logger.info(
              s.passSkipped
                ? `Scorecard: ${s.entities} entities, inputs unchanged since the last pass, nothing judged again${deferred}`
                : `Scorecard: ${s.entities} entities, ${s.judged} judged (${
                    s.arrived - s.deferred
                  } new), ${s.written} changed, ${s.unchanged} unchanged, ${
                    s.pending
                  } pending, ${s.skipped.length} skipped, ${
                    s.notified
                  } regressions notified${deferred}`,
            );
            // After the pass, so the reminder names the entities as they are now.
            const reminded = await notifier?.notifyCampaignDeadlines();
            if (reminded?.length) {
              logger.info(
                `Scorecard: reminded owners of campaigns ${reminded.join(
                  ', ',
                )} of their deadline`,
              );
            }
            const next = nextFollowUp(followUps, s, followUpMs);
            followUps = next.state;
            if (next.delayMs !== undefined) {
              setTimeout(() => {
                scheduler.triggerTask('scorecard-evaluate').catch(() => {
                  // Already running.
                });
              }, next.delayMs).unref();
            }
          },
        });
        // Retention of the per-day history and old CI results, one replica at a time (the
        // scheduler's lock in the shared database).
        await scheduler.scheduleTask({
          id: 'scorecard-retention',
          scope: 'global',
          frequency: { hours: 24 },
          timeout: { minutes: 30 },
          initialDelay: { minutes: 15 },
          fn: async () => {
            const cutoff = retentionCutoff(
              Date.now(),
              historyDays,
              await campaigns.list(),
            );
            const deleted = await store.deleteHistoryBefore(cutoff);
            if (deleted.days + deleted.ciResults > 0) {
              logger.info(
                `Scorecard retention: before ${cutoff} deleted ${deleted.days} day rows and ${deleted.ciResults} CI results`,
              );
            }
          },
        });
        lifecycle.addStartupHook(() => {
          scheduler.triggerTask('scorecard-evaluate').catch(() => {
            // Already running.
          });
        });

        deps.httpRouter.use(
          await createRouter({
            httpAuth: deps.httpAuth,
            auth,
            permissions: deps.permissions,
            auditor: deps.auditor,
            catalog,
            store,
            evaluator,
            levels,
            apiClients: readApiClients(config),
            schedule: describeSchedule(schedule.frequency),
            campaigns,
            kinds,
          }),
        );
      },
    });
  },
});

function readLevels(config: Config): LevelDefinitions {
  const levels: LevelDefinitions = {
    bronze:
      config.getOptionalStringArray('scorecard.levels.bronze') ??
      DEFAULT_LEVELS.bronze,
    silver:
      config.getOptionalStringArray('scorecard.levels.silver') ??
      DEFAULT_LEVELS.silver,
    gold:
      config.getOptionalStringArray('scorecard.levels.gold') ??
      DEFAULT_LEVELS.gold,
  };
  const problems = validateLevels(
    levels,
    scorecardChecks.map(c => c.id),
  );
  if (problems.length > 0) throw new Error(problems.join('; '));
  return levels;
}

function readApiClients(config: Config): Map<string, string[]> {
  const section = config.getOptionalConfig('scorecard.ingest.apiClients');
  const out = new Map<string, string[]>();
  for (const subject of section?.keys() ?? []) {
    out.set(
      subject,
      section!
        .getStringArray(subject)
        .map(s => (s === '*' ? s : s.toLocaleLowerCase('en-US'))),
    );
  }
  return out;
}
