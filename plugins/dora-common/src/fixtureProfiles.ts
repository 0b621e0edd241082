/**
 * Performance profile of a generated service.
 *
 * @public
 */
export type HistoryProfile = 'elite' | 'high' | 'medium' | 'low';

/**
 * How a failing deployment fails and is restored:
 * - `failed`: status failure, restored by a rollback deployment;
 * - `rolled-back`: status rolled_back, then a rollback deployment record;
 * - `rollback`: succeeds, but a rollback deployment follows;
 * - `incident-hotfix`: succeeds, causes an incident fixed by a hotfix;
 * - `incident-mitigated`: succeeds, causes an incident resolved without a
 *   deployment;
 * - `failed-until-next`: status failure, restored by the next regular
 *   deployment.
 */
export type FailureMode =
  | 'failed'
  | 'rolled-back'
  | 'rollback'
  | 'incident-hotfix'
  | 'incident-mitigated'
  | 'failed-until-next';

/** Generator parameters of one profile; ranges are `[min, max)` hours. */
export interface ProfileSpec {
  /** Between consecutive regular production deployments. */
  intervalHours: [number, number];
  commitsPerDeployment: [number, number];
  /** Commit → production deployment of regular commits. */
  leadTimeHours: [number, number];
  /** Long-run share of regular deployments that fail. */
  failureRate: number;
  /** Failing deployment → restoration. */
  recoveryHours: [number, number];
  modes: readonly FailureMode[];
}

/**
 * Ranges sit well inside one 2023 tier each, and every restoration happens
 * before the next regular deployment, so the computed tiers of a long
 * enough history are the profile's tier. `low` restores without extra
 * deployments: with only ~3 regular deployments in 180 days, restoration
 * deployments alone would lift its frequency to `medium`.
 */
export const PROFILES: Readonly<Record<HistoryProfile, ProfileSpec>> = {
  elite: {
    intervalHours: [2, 14],
    commitsPerDeployment: [1, 4],
    leadTimeHours: [0.5, 20],
    failureRate: 0.03,
    recoveryHours: [0.1, 0.75],
    modes: [
      'failed',
      'rolled-back',
      'rollback',
      'incident-hotfix',
      'incident-hotfix',
    ],
  },
  high: {
    intervalHours: [24, 96],
    commitsPerDeployment: [2, 6],
    leadTimeHours: [30, 140],
    failureRate: 0.08,
    recoveryHours: [1.5, 20],
    modes: ['failed', 'rolled-back', 'rollback', 'incident-hotfix'],
  },
  medium: {
    intervalHours: [9 * 24, 21 * 24],
    commitsPerDeployment: [3, 10],
    leadTimeHours: [9 * 24, 26 * 24],
    failureRate: 0.13,
    recoveryHours: [30, 6 * 24],
    modes: ['failed', 'incident-hotfix', 'incident-mitigated'],
  },
  low: {
    intervalHours: [45 * 24, 55 * 24],
    commitsPerDeployment: [3, 12],
    leadTimeHours: [35 * 24, 100 * 24],
    failureRate: 0.5,
    recoveryHours: [8 * 24, 20 * 24],
    modes: ['incident-mitigated', 'failed-until-next'],
  },
};
