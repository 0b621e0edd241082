/**
 * The state of one check on one entity.
 *
 * - `pass` / `fail`: the check looked at its evidence and decided.
 * - `not-applicable`: the check does not concern the entity (e.g. no Kubernetes workload, so no
 *   conformance report), or its source has no answer yet (no scan pushed).
 * - `exempt`: an unexpired exemption with a reason covers the check.
 * - `pending`: the check's source has not judged the entity yet (the conformance plugin has no
 *   report for a workload it will judge). Neither pass nor fail: it earns no level, is left out
 *   of the score on both sides, and turns into pass or fail once the source answers.
 *
 * @public
 */
export type CheckState =
  | 'pass'
  | 'fail'
  | 'not-applicable'
  | 'exempt'
  | 'pending';

/** @public */
export const CHECK_STATES: readonly CheckState[] = [
  'pass',
  'fail',
  'not-applicable',
  'exempt',
  'pending',
];

/** Where a check's verdict comes from. @public */
export type CheckSource = 'catalog' | 'conformance' | 'slo' | 'dora' | 'ci';

/**
 * What a check is: shown beside every result so an owner knows why it matters and what to do.
 *
 * @public
 */
export interface CheckDefinition {
  id: string;
  title: string;
  /** A column header of a word or two; the title is its tooltip. */
  shortTitle: string;
  source: CheckSource;
  rationale: string;
  remediation: string;
}

/**
 * One check's result on one entity, with the evidence it used.
 *
 * @public
 */
export interface CheckResult {
  checkId: string;
  state: CheckState;
  /** What was seen, in one sentence (e.g. "no link titled Runbook"). */
  message: string;
  /** A portal path or URL of the page that shows the evidence (a tab, a list, a CI run). */
  evidenceUrl?: string;
  /** Set when `state` is `exempt`. */
  exemption?: { reason: string; expiresAt: string; createdBy: string };
}

/** @public */
export type LevelId = 'bronze' | 'silver' | 'gold';

/** @public */
export const LEVEL_ORDER: readonly LevelId[] = ['bronze', 'silver', 'gold'];

/**
 * Each level is a set of check ids; reaching a level needs every check of it and of every lower
 * level to pass, be exempt or not apply.
 *
 * @public
 */
export type LevelDefinitions = Record<LevelId, string[]>;

/**
 * One entity's scorecard on one day.
 *
 * @public
 */
export interface EntityScorecard {
  entityRef: string;
  title?: string;
  owner?: string;
  system?: string;
  domain?: string;
  /** Highest level reached; null when not even Bronze. */
  level: LevelId | null;
  /** 0-100, see `scorecardScore`; null when no check passed or failed. */
  score: number | null;
  /** The day the results are for (YYYY-MM-DD, UTC). */
  day: string;
  evaluatedAt: string;
  results: CheckResult[];
}
