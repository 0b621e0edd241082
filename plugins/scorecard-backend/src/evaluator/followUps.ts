import { EvaluationSummary } from './ScorecardEvaluator';

/** Follow-up passes in a row before the schedule alone decides again. */
export const MAX_FOLLOW_UPS = 10;

/** Where a run of follow-up passes stands. */
export interface FollowUps {
  /** Follow-up passes since the last pass that left nothing unsettled. */
  inARow: number;
  /** Of those, the last passes in a row that found nothing to judge. */
  idleInARow: number;
}

export const NO_FOLLOW_UPS: FollowUps = { inARow: 0, idleInARow: 0 };

/**
 * Whether, and how soon, another whole pass follows one. While the catalog is still arriving
 * (the pass judged entities this instance had never judged) or checks are pending (their
 * source has not judged the entity yet), the next pass comes `baseMs` later rather than one
 * schedule period later, at most `MAX_FOLLOW_UPS` times in a row. A pass that found every
 * input unchanged doubles the wait: a source still busy is asked less often, and a check that
 * stays pending costs a few reads of the inputs, not one every `baseMs`.
 */
export function nextFollowUp(
  state: FollowUps,
  summary: Pick<EvaluationSummary, 'pending' | 'arrived' | 'passSkipped'>,
  baseMs: number,
): { state: FollowUps; delayMs?: number } {
  if (summary.pending === 0 && summary.arrived === 0) {
    return { state: NO_FOLLOW_UPS };
  }
  const next: FollowUps = {
    inARow: state.inARow + 1,
    idleInARow: summary.passSkipped ? state.idleInARow + 1 : 0,
  };
  if (next.inARow > MAX_FOLLOW_UPS) return { state: next };
  return { state: next, delayMs: baseMs * 2 ** next.idleInARow };
}
