/**
 * The PR stages the dora backend breaks lead time into.
 *
 * @public
 */
export const LEAD_TIME_STAGES = [
  'coding',
  'pickup',
  'review',
  'deploy',
] as const;

/**
 * One PR stage.
 *
 * @public
 */
export type LeadTimeStage = (typeof LEAD_TIME_STAGES)[number];

/**
 * The failure reasons the dora backend counts failed deployments by, in its
 * `reasons` spelling (camelCase) and its deployments' `failureReasons`
 * spelling (kebab-case).
 *
 * @public
 */
export const FAILURE_REASONS = {
  failed: 'failed',
  rolledBack: 'rolled-back',
  followedByRollback: 'followed-by-rollback',
  replacedByAncestor: 'replaced-by-ancestor',
  causedIncident: 'caused-incident',
} as const;

/**
 * One failure reason.
 *
 * @public
 */
export type FailureReason = keyof typeof FAILURE_REASONS;

/**
 * The median of one PR stage over a month, as the dora backend's lead-time
 * breakdown gives it.
 *
 * @public
 */
export interface StageFigure {
  median?: number | null;
  count: number;
}

/**
 * One of the largest contributors to a month's lead time or failed changes.
 *
 * @public
 */
export interface Contributor {
  /** A LeadTimeStage, a FailureReason, or a failed deployment's id (recovery). */
  id: string;
  /** Milliseconds (stage median) or a count of deployments. */
  value: number;
  /** Share of the whole: of the summed stage medians, or of the failed deployments. */
  share: number;
  /** PRs or deployments the figure rests on. */
  count: number;
}

/**
 * The three PR stages with the longest medians, longest first: where the
 * month's lead time went. Stages without a median (no PR reached them) or
 * with a zero median take no place; ties keep the stages' pipeline order.
 *
 * @public
 */
export function rankLeadTimeStages(
  breakdown: Partial<Record<LeadTimeStage, StageFigure>> | undefined,
  limit = 3,
): Contributor[] {
  const present = LEAD_TIME_STAGES.flatMap(stage => {
    const figure = breakdown?.[stage];
    const median = figure?.median;
    return typeof median === 'number' && median > 0
      ? [{ id: stage, value: median, count: figure!.count }]
      : [];
  });
  const total = present.reduce((sum, s) => sum + s.value, 0);
  return present
    .map((s, order) => ({ ...s, order }))
    .sort((a, b) => b.value - a.value || a.order - b.order)
    .slice(0, limit)
    .map(({ id, value, count }) => ({
      id,
      value,
      count,
      share: value / total,
    }));
}

/**
 * The three most frequent reasons among the month's failed deployments, most
 * frequent first. A deployment with several reasons counts under each, so
 * shares (of the failed deployments) can add up to more than 1.
 *
 * @public
 */
export function rankFailureReasons(
  reasons: Partial<Record<FailureReason, number>> | undefined,
  failedDeployments: number,
  limit = 3,
): Contributor[] {
  const order = Object.keys(FAILURE_REASONS) as FailureReason[];
  return order
    .map((id, index) => ({ id, value: reasons?.[id] ?? 0, index }))
    .filter(r => r.value > 0)
    .sort((a, b) => b.value - a.value || a.index - b.index)
    .slice(0, limit)
    .map(({ id, value }) => ({
      id,
      value,
      count: value,
      share: failedDeployments > 0 ? value / failedDeployments : 0,
    }));
}

/**
 * A deployment as the dora backend lists it, reduced to what evidence needs.
 *
 * @public
 */
export interface EvidenceDeployment {
  id: string;
  entityRef: string;
  environment?: string;
  status: string;
  finishedAt?: string;
  commitShas?: string[];
  changeIds?: string[];
  failureReasons?: string[];
}

/**
 * The deployments behind a failure reason: those the dora backend flags with
 * it, newest first.
 *
 * @public
 */
export function failureEvidence(
  deployments: readonly EvidenceDeployment[],
  reason: FailureReason,
  limit = 20,
): EvidenceDeployment[] {
  const flag = FAILURE_REASONS[reason];
  return newestFirst(
    deployments.filter(d => d.failureReasons?.includes(flag)),
  ).slice(0, limit);
}

/**
 * The deployments behind a PR stage's median: the successful deployments of
 * the month that delivered pull requests (the dora API lists deployments, not
 * PR samples), newest first.
 *
 * @public
 */
export function leadTimeEvidence(
  deployments: readonly EvidenceDeployment[],
  limit = 20,
): EvidenceDeployment[] {
  return newestFirst(
    deployments.filter(
      d => d.status === 'success' && (d.changeIds?.length ?? 0) > 0,
    ),
  ).slice(0, limit);
}

function newestFirst(list: EvidenceDeployment[]): EvidenceDeployment[] {
  return [...list].sort(
    (a, b) =>
      (b.finishedAt ?? '').localeCompare(a.finishedAt ?? '') ||
      a.id.localeCompare(b.id),
  );
}
