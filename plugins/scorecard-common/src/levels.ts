import {
  CheckResult,
  CheckState,
  LEVEL_ORDER,
  LevelDefinitions,
  LevelId,
} from './types';

/**
 * The default levels. Bronze is what the catalog alone can tell; Silver adds how the service runs
 * (cluster, runbook, objectives); Gold adds evidence that it is operated: collected SLOs with a
 * policy, deployment data and a clean scan. `scorecard.levels` in config replaces any of them.
 *
 * @public
 */
export const DEFAULT_LEVELS: LevelDefinitions = {
  bronze: ['owner', 'system', 'lifecycle', 'golden-path'],
  silver: [
    'runbook-link',
    'on-call-link',
    'api-documented',
    'conformance-resources',
    'conformance-probes',
    'conformance-no-privileged',
    'conformance-pinned-images',
    'slo-defined',
  ],
  gold: [
    'conformance-network-policy',
    'conformance-no-secret-literals',
    'slo-collected',
    'slo-budget-policy',
    'dora-deployed',
    'dora-ancestry',
    'build-once-promote',
    'image-scan',
  ],
};

const SATISFIED: ReadonlySet<CheckState> = new Set([
  'pass',
  'exempt',
  'not-applicable',
]);

/**
 * The highest level whose checks, and those of every lower level, are all satisfied (pass,
 * exempt or not applicable). A check the entity has no result for, or a pending one, does not
 * satisfy its level: a level is never reached by a missing answer. Null when not even Bronze is
 * reached.
 *
 * @public
 */
export function levelOf(
  results: readonly Pick<CheckResult, 'checkId' | 'state'>[],
  levels: LevelDefinitions = DEFAULT_LEVELS,
): LevelId | null {
  const state = new Map(results.map(r => [r.checkId, r.state]));
  let reached: LevelId | null = null;
  for (const level of LEVEL_ORDER) {
    const ok = levels[level].every(id => {
      const s = state.get(id);
      return s !== undefined && SATISFIED.has(s);
    });
    if (!ok) break;
    reached = level;
  }
  return reached;
}

/**
 * The checks that stand between an entity and the next level: the failing, pending (or
 * missing) checks of the lowest level not reached. Empty at Gold.
 *
 * @public
 */
export function blockersOfNextLevel(
  results: readonly Pick<CheckResult, 'checkId' | 'state'>[],
  levels: LevelDefinitions = DEFAULT_LEVELS,
): { level: LevelId; checkIds: string[] } | undefined {
  const state = new Map(results.map(r => [r.checkId, r.state]));
  for (const level of LEVEL_ORDER) {
    const missing = levels[level].filter(id => {
      const s = state.get(id);
      return s === undefined || !SATISFIED.has(s);
    });
    if (missing.length > 0) return { level, checkIds: missing };
  }
  return undefined;
}

/**
 * Score 0-100: the share of passes among the checks that passed or failed, rounded down (so 100
 * means nothing fails). Exempt, not-applicable and pending checks are left out of both sides:
 * an exemption hides a failure from the level, but does not earn points, and a check still
 * waiting for its source has not failed. Null when nothing passed or failed.
 *
 * @public
 */
export function scorecardScore(
  results: readonly Pick<CheckResult, 'state'>[],
): number | null {
  let pass = 0;
  let fail = 0;
  for (const r of results) {
    if (r.state === 'pass') pass++;
    else if (r.state === 'fail') fail++;
  }
  if (pass + fail === 0) return null;
  return Math.floor((pass * 100) / (pass + fail));
}

/**
 * Validates level definitions from config: every id a known check, no check in two levels.
 * Returns the problems, each naming the config key.
 *
 * @public
 */
export function validateLevels(
  levels: LevelDefinitions,
  knownCheckIds: readonly string[],
): string[] {
  const known = new Set(knownCheckIds);
  const seen = new Map<string, LevelId>();
  const problems: string[] = [];
  for (const level of LEVEL_ORDER) {
    for (const id of levels[level]) {
      if (!known.has(id)) {
        problems.push(`scorecard.levels.${level}: unknown check "${id}"`);
      }
      const other = seen.get(id);
      if (other) {
        problems.push(
          `scorecard.levels.${level}: check "${id}" is already in ${other}`,
        );
      }
      seen.set(id, level);
    }
  }
  return problems;
}
