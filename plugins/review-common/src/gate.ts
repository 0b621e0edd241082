import { ReviewGateFigures } from './types';

/**
 * The SLO gate's answers for one entity over a period, as the slo backend counts them.
 *
 * @public
 */
export interface GateDecisionCount {
  entityRef: string;
  decisions: number;
  denials: number;
}

/**
 * A row's gate figures: the answers and denials of its entities, with the entities that were
 * denied, most denials first (ties by ref).
 *
 * @public
 */
export function gateFigures(
  counts: readonly GateDecisionCount[],
  entityRefs: readonly string[],
): ReviewGateFigures {
  const mine = new Set(entityRefs);
  const rows = counts.filter(c => mine.has(c.entityRef));
  return {
    decisions: rows.reduce((sum, c) => sum + c.decisions, 0),
    denials: rows.reduce((sum, c) => sum + c.denials, 0),
    denialsByEntity: rows
      .filter(c => c.denials > 0)
      .map(c => ({ entityRef: c.entityRef, denials: c.denials }))
      .sort(
        (a, b) =>
          b.denials - a.denials || a.entityRef.localeCompare(b.entityRef),
      ),
  };
}
