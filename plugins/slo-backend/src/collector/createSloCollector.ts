import {
  LoggerService,
  RootConfigService,
  SchedulerServiceTaskScheduleDefinition,
  readSchedulerServiceTaskScheduleDefinitionFromConfig,
} from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import { parseDuration } from '@internal/plugin-slo-common';
import { SloRollupStore } from '../database/SloRollupStore';
import { PrometheusClient } from './PrometheusClient';
import { SloCollector } from './SloCollector';

/** The collector and its schedule from `slo.prometheus`; undefined when that is not configured. */
export function createSloCollector(
  config: RootConfigService,
  deps: { store: SloRollupStore; logger: LoggerService },
):
  | {
      collector: SloCollector;
      schedule: SchedulerServiceTaskScheduleDefinition;
    }
  | undefined {
  const prometheus = config.getOptionalConfig('slo.prometheus');
  if (!prometheus) return undefined;
  const maxBackfill = prometheus.getOptionalString('maxBackfill') ?? '35d';
  let maxBackfillSeconds: number;
  try {
    maxBackfillSeconds = parseDuration(maxBackfill);
  } catch (e) {
    throw new InputError(`slo.prometheus.maxBackfill: ${(e as Error).message}`);
  }
  const counterLookback = prometheus.getOptionalString('counterLookback');
  let counterLookbackSeconds: number | undefined;
  try {
    counterLookbackSeconds =
      counterLookback === undefined
        ? undefined
        : parseDuration(counterLookback);
  } catch (e) {
    throw new InputError(
      `slo.prometheus.counterLookback: ${(e as Error).message}`,
    );
  }
  const cycleBudget = prometheus.getOptionalString('cycleBudget');
  let cycleBudgetMs: number | undefined;
  try {
    cycleBudgetMs =
      cycleBudget === undefined ? undefined : parseDuration(cycleBudget) * 1000;
  } catch (e) {
    throw new InputError(`slo.prometheus.cycleBudget: ${(e as Error).message}`);
  }
  const maxBucketsPerPass = prometheus.getOptionalNumber('bucketsPerPass');
  if (
    maxBucketsPerPass !== undefined &&
    !(Number.isInteger(maxBucketsPerPass) && maxBucketsPerPass >= 1)
  ) {
    throw new InputError(
      'slo.prometheus.bucketsPerPass: must be a whole number of at least 1',
    );
  }
  const collector = new SloCollector({
    client: new PrometheusClient({
      baseUrl: prometheus.getString('baseUrl'),
      authorization: prometheus.getOptionalString('authorization'),
      timeoutMs: prometheus.getOptionalNumber('timeoutSeconds')
        ? prometheus.getNumber('timeoutSeconds') * 1000
        : undefined,
    }),
    store: deps.store,
    logger: deps.logger,
    maxBackfillSeconds,
    exprsPerRequest: prometheus.getOptionalNumber('queriesPerRequest'),
    lagSeconds: prometheus.getOptionalNumber('lagSeconds'),
    counterLookbackSeconds,
    cycleBudgetMs,
    maxBucketsPerPass,
  });
  const schedule = prometheus.has('schedule')
    ? readSchedulerServiceTaskScheduleDefinitionFromConfig(
        prometheus.getConfig('schedule'),
      )
    : {
        frequency: { minutes: 5 },
        timeout: { minutes: 10 },
        initialDelay: { seconds: 30 },
      };
  return { collector, schedule };
}
