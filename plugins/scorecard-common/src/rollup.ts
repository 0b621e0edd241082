import { LEVEL_ORDER, LevelId } from './types';

/** What a roll-up needs of each entity. @public */
export interface RollupInput {
  entityRef: string;
  level: LevelId | null;
  score: number | null;
  results: { checkId: string; state: string }[];
}

/**
 * Several entities' scorecards in one line: how many reach each level (at least that level, so
 * Gold entities count for Silver and Bronze), the mean score and each check's pass rate.
 *
 * @public
 */
export interface Rollup {
  entities: number;
  /** Entities at or above each level; `none` is those below Bronze. */
  levels: Record<LevelId | 'none', number>;
  /** Mean of the entities' scores, rounded to one decimal; null when none has a score. */
  meanScore: number | null;
  /** The level every entity reaches: the roll-up's own level (the weakest link). */
  level: LevelId | null;
  /**
   * Per check: entities passing, failing, exempt, pending (not judged yet by its source); pass
   * rate among pass and fail (0..1).
   */
  checks: Record<
    string,
    {
      pass: number;
      fail: number;
      exempt: number;
      pending: number;
      passRate: number | null;
    }
  >;
}

/** @public */
export function rollUp(items: readonly RollupInput[]): Rollup {
  const levels: Rollup['levels'] = { none: 0, bronze: 0, silver: 0, gold: 0 };
  const checks: Rollup['checks'] = {};
  let scoreSum = 0;
  let scored = 0;
  let minRank = Infinity;
  for (const item of items) {
    const rank = item.level ? LEVEL_ORDER.indexOf(item.level) : -1;
    minRank = Math.min(minRank, rank);
    if (rank < 0) levels.none++;
    for (let i = 0; i <= rank; i++) levels[LEVEL_ORDER[i]]++;
    if (item.score !== null) {
      scoreSum += item.score;
      scored++;
    }
    for (const r of item.results) {
      const c = (checks[r.checkId] ??= {
        pass: 0,
        fail: 0,
        exempt: 0,
        pending: 0,
        passRate: null,
      });
      if (r.state === 'pass') c.pass++;
      else if (r.state === 'fail') c.fail++;
      else if (r.state === 'exempt') c.exempt++;
      else if (r.state === 'pending') c.pending++;
    }
  }
  for (const c of Object.values(checks)) {
    c.passRate = c.pass + c.fail > 0 ? c.pass / (c.pass + c.fail) : null;
  }
  return {
    entities: items.length,
    levels,
    meanScore: scored > 0 ? Math.round((scoreSum / scored) * 10) / 10 : null,
    level:
      items.length === 0 || minRank < 0
        ? null
        : LEVEL_ORDER[minRank as 0 | 1 | 2],
    checks,
  };
}

/**
 * A group and every group below it, following `children` edges (from the catalog's
 * `spec.children` / parentOf relations). Cycles in a hand-written org file do not loop.
 *
 * @public
 */
export function groupWithDescendants(
  groupRef: string,
  childrenOf: (ref: string) => readonly string[],
): Set<string> {
  const seen = new Set<string>([groupRef]);
  const queue = [groupRef];
  while (queue.length > 0) {
    const ref = queue.shift()!;
    for (const child of childrenOf(ref)) {
      if (!seen.has(child)) {
        seen.add(child);
        queue.push(child);
      }
    }
  }
  return seen;
}

/**
 * Change of score between two days per entity, for "most improved" and "worst drops": entities
 * scored on both days, sorted by change (largest rise first).
 *
 * @public
 */
export function scoreChanges(
  before: ReadonlyMap<string, number | null>,
  after: ReadonlyMap<string, number | null>,
): { entityRef: string; from: number; to: number; change: number }[] {
  const out: { entityRef: string; from: number; to: number; change: number }[] =
    [];
  for (const [ref, to] of after) {
    const from = before.get(ref);
    if (to === null || from === null || from === undefined) continue;
    out.push({ entityRef: ref, from, to, change: to - from });
  }
  return out.sort(
    (a, b) => b.change - a.change || a.entityRef.localeCompare(b.entityRef),
  );
}
