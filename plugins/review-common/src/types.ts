import { Contributor, EvidenceDeployment } from './bottlenecks';
import { DoraKeyName, MonthChange } from './change';
import { LeadTimeChanges } from './recovery';

/**
 * One DORA key of a row for the month.
 *
 * @public
 */
export interface ReviewKeyFigure {
  value: number | null;
  unit: string;
  tier: string | null;
  count: number;
  change: MonthChange;
}

/**
 * SLO attainment of a row's SLOs for the month.
 *
 * @public
 */
export interface ReviewSloFigures {
  slos: number;
  /**
   * SLOs whose SLI over the UTC calendar month met the objective (the slo backend's
   * `GET /slos/month`; snapshots made before it hold the verdict of the rolling window at month end).
   */
  met: number;
  /** SLOs with a verdict for the month (the others had no events in it). */
  judged: number;
  /** Lowest budget left at month end (the month as the budget period); null without data. */
  lowestBudgetLeft: number | null;
  alertsFired: number;
  freezeHours: number;
}

/**
 * Conformance of a row's entities (the latest judgement: conformance keeps no history).
 *
 * @public
 */
export interface ReviewConformanceFigures {
  /** Mean score of the entities that have one; null when none has. */
  score: number | null;
  entities: number;
}

/**
 * One bottleneck with the deployments behind it.
 *
 * @public
 */
export interface ReviewBottleneck extends Contributor {
  evidence: EvidenceDeployment[];
}

/**
 * One team or service of the review.
 *
 * @public
 */
export interface ReviewRow {
  /** The group ref (team rows) or entity ref (service rows). */
  ref: string;
  kind: 'team' | 'service';
  title: string;
  /** The team that owns the row; notes and actions on it are that team's. */
  team: string | null;
  dora: Record<DoraKeyName, ReviewKeyFigure>;
  slo: ReviewSloFigures | null;
  conformance: ReviewConformanceFigures | null;
  /** Present only when a scorecard backend answered. */
  scorecardLevel?: string | null;
  bottlenecks: {
    leadTime: ReviewBottleneck[];
    failures: ReviewBottleneck[];
    /** Failed deployments that took longest to restore; absent in snapshots made before it. */
    recovery?: ReviewBottleneck[];
  };
  /** The PRs and commits behind the lead-time figure; absent in older snapshots. */
  leadTimeChanges?: LeadTimeChanges;
  /** The SLO deploy gate's answers for the row's entities in the month; null when unknown. */
  gate?: ReviewGateFigures | null;
}

/**
 * The SLO deploy gate's decisions for a row's entities over the month.
 *
 * @public
 */
export interface ReviewGateFigures {
  decisions: number;
  denials: number;
  /** Denials per entity ref, most first. */
  denialsByEntity: { entityRef: string; denials: number }[];
}

/**
 * Counts the snapshot compares with the live figures to tell how many events
 * arrived after it.
 *
 * @public
 */
export interface ReviewEventCounts {
  deployments: number;
  leadTimeSamples: number;
  failedDeployments: number;
}

/**
 * A month's review of a scope.
 *
 * @public
 */
export interface Review {
  month: string;
  previousMonth: string;
  scope: string;
  /** `snapshot`: frozen figures; `live`: computed for this request. */
  source: 'snapshot' | 'live';
  snapshotAt?: string;
  /** Events counted live that the snapshot did not see; only for snapshots. */
  lateEvents?: number;
  /** Whether the scorecard column is shown (a scorecard backend answered). */
  hasScorecard: boolean;
  rows: ReviewRow[];
  /** Figures the review could not get, e.g. `slo: history does not reach 2026-09-30`. */
  warnings: string[];
}

/**
 * An action item on a team's row.
 *
 * @public
 */
export type ActionState = 'open' | 'done' | 'dropped';

/**
 * A note or an action item on a row of a month's review. A type alias rather
 * than an interface, so it fits the generated router's response types.
 *
 * @public
 */
export type ReviewItem = {
  id: string;
  month: string;
  rowRef: string;
  team: string;
  kind: 'note' | 'action';
  text: string;
  owner?: string;
  /** YYYY-MM-DD. */
  dueDate?: string;
  state?: ActionState;
  createdBy: string;
  createdAt: string;
  updatedAt: string;
};
