/** What an indicator measures; informs presentation, not the math. */
export type IndicatorKind = 'availability' | 'latency';

/**
 * An indicator defined by two PromQL queries returning event counts.
 *
 * Exactly one of `goodQuery` and `badQuery` is set. Queries may use
 * `rate()`/`increase()`; Sloth's `{{.window}}` template variable is kept
 * verbatim and substituted by the collector with the range it evaluates.
 */
export interface RatioIndicator {
  kind: IndicatorKind;
  goodQuery?: string;
  badQuery?: string;
  totalQuery: string;
  /**
   * True when the queries return raw cumulative counters (OpenSLO
   * `counter: true`), so the collector must take the increase itself.
   */
  counter?: boolean;
}

/**
 * An indicator read from a Prometheus histogram: good events are the
 * `<histogramMetric>_bucket{le="<thresholdSeconds>"}` count, total events
 * the `<histogramMetric>_count`.
 */
export interface LatencyIndicator {
  kind: 'latency';
  /** Histogram base name, without `_bucket`/`_count`/`_sum`. */
  histogramMetric: string;
  thresholdSeconds: number;
  /** Label matchers without braces, e.g. `job="checkout",route="/pay"`. */
  selector?: string;
  /** Informational percentile (e.g. 99 for "p99 under the threshold"). */
  percentile?: number;
}

/** An indicator whose query already returns the error ratio (0..1). */
export interface ErrorRatioIndicator {
  kind: IndicatorKind;
  errorRatioQuery: string;
}

/** Any supported indicator; use the `is*Indicator` guards to narrow. */
export type Indicator = RatioIndicator | LatencyIndicator | ErrorRatioIndicator;

/** The period an SLO is evaluated over. */
export type Window =
  | { kind: 'rolling'; seconds: number }
  | {
      kind: 'calendar';
      unit: 'week' | 'month' | 'quarter';
      /** IANA time zone; UTC when absent. */
      timeZone?: string;
    };

/** Well-known policy actions; any other string is allowed. */
export type PolicyAction =
  | 'notify'
  | 'review'
  | 'slow-rollout'
  | 'freeze'
  | 'halt'
  | (string & {});

/** One escalation step of an error budget policy. */
export interface PolicyStep {
  /** Applies once at least this share of the budget (in percent) is consumed. */
  consumedPercent: number;
  action: PolicyAction;
  description?: string;
  blocksDeploys: boolean;
}

/** What happens as an SLO's error budget is consumed. */
export interface BudgetPolicy {
  /** Sorted by ascending `consumedPercent`. */
  steps: PolicyStep[];
  /** Change types allowed through a freeze, e.g. `security_patch`. */
  exemptions: string[];
}

/** How the error budget is counted. */
export type Budgeting =
  | { method: 'occurrences' }
  | {
      method: 'timeslices';
      sliceSeconds: number;
      /** A slice is good when its SLI is at least this ratio (0..1). */
      goodSliceRatio: number;
    };

/** The spec format an SLO was read from. */
export type SloSourceFormat =
  | 'sloth-v1'
  | 'sloth-prometheus-v1'
  | 'openslo-v1'
  | 'openslo-v1alpha'
  | 'plain';

/** A service level objective, normalised from any supported spec format. */
export interface Slo {
  /** `${service}/${name}`, both slugified. */
  id: string;
  name: string;
  service: string;
  description?: string;
  /** The objective in percent, e.g. 99.9. */
  objectivePercent: number;
  /** The objective as a ratio, e.g. 0.999. */
  target: number;
  window: Window;
  indicator: Indicator;
  budgeting: Budgeting;
  policy?: BudgetPolicy;
  labels?: Record<string, string>;
  source: { format: SloSourceFormat; file: string };
}

/** Narrows an indicator to the histogram form. */
export function isLatencyIndicator(i: Indicator): i is LatencyIndicator {
  return 'histogramMetric' in i;
}

/** Narrows an indicator to the good/bad-over-total form. */
export function isRatioIndicator(i: Indicator): i is RatioIndicator {
  return 'totalQuery' in i;
}

/** Narrows an indicator to the precomputed error ratio form. */
export function isErrorRatioIndicator(i: Indicator): i is ErrorRatioIndicator {
  return 'errorRatioQuery' in i;
}
