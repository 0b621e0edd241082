import { InputError } from '@backstage/errors';
import {
  Indicator,
  LatencyIndicator,
  isErrorRatioIndicator,
  isLatencyIndicator,
} from '../types';

/** The PromQL of an indicator evaluated over one range (e.g. `5m`). */
export interface WindowedQueries {
  /** Good events; exactly one of `good`, `bad` and `errorRatio` is set. */
  good?: string;
  /** Bad events. */
  bad?: string;
  /** All events; absent only with `errorRatio`. */
  total?: string;
  /** A query that already returns the error ratio (0..1). */
  errorRatio?: string;
  /**
   * True when good/bad/total return per-second rates, so events in the
   * window are the value times the window's seconds; false when they return
   * counts (`increase()`).
   */
  perSecond: boolean;
}

// Range selectors `[5m]` and Sloth's `[{{.window}}]`; subqueries `[1h:5m]` are left alone.
const RANGE =
  /\[\s*(?:\{\{\s*\.window\s*\}\}|(?:[0-9]+(?:ms|[smhdwy]))+)\s*\]/g;
const WINDOW_VAR = /\{\{\s*\.window\s*\}\}/g;
const SELECTOR = /^\s*[a-zA-Z_:][a-zA-Z0-9_:]*\s*(\{[^{}]*\})?\s*$/;
const DURATION = /^(?:[0-9]+(?:ms|[smhdwy]))+$/;

/**
 * Evaluates a query over `window`: every range selector and Sloth's
 * `{{.window}}` becomes `[window]`. A bucket's events must come from exactly
 * that bucket, so a spec written for `[1m]` or `[30d]` is rewritten too.
 */
export function withWindow(query: string, window: string): string {
  assertWindow(window);
  return query.replace(RANGE, `[${window}]`).replace(WINDOW_VAR, window);
}

function assertWindow(window: string): void {
  if (!DURATION.test(window)) {
    throw new InputError(`window must be a PromQL duration, got "${window}"`);
  }
}

function returnsRate(query: string): boolean {
  if (/(^|[^a-zA-Z0-9_:])(rate|irate)\s*\(/.test(query)) return true;
  if (/(^|[^a-zA-Z0-9_:])increase\s*\(/.test(query)) return false;
  throw new InputError(
    `query must count events with rate() or increase() over a range (or set counter: true on a plain selector): ${query.trim()}`,
  );
}

/** An OpenSLO `counter: true` query is a raw counter; only a plain selector can be wrapped. */
function counterRate(query: string, window: string): string {
  if (!SELECTOR.test(query)) {
    throw new InputError(
      `counter: true needs a plain metric selector to take the rate of, got: ${query.trim()}`,
    );
  }
  return `sum(rate(${query.trim()}[${window}]))`;
}

// Clients print integer bounds as "1" (Go) or "1.0" (Java): match both.
function leMatcher(threshold: number): string {
  if (Number.isInteger(threshold)) {
    return `le=~"${threshold}|${threshold}\\\\.0"`;
  }
  return `le="${threshold}"`;
}

function latencyQueries(
  indicator: LatencyIndicator,
  window: string,
): WindowedQueries {
  const selector = indicator.selector?.trim();
  const prefix = selector ? `${selector},` : '';
  return {
    good: `sum(rate(${indicator.histogramMetric}_bucket{${prefix}${leMatcher(
      indicator.thresholdSeconds,
    )}}[${window}]))`,
    total: `sum(rate(${indicator.histogramMetric}_count${
      selector ? `{${selector}}` : ''
    }[${window}]))`,
    perSecond: true,
  };
}

/**
 * The queries that count an indicator's events over `window`.
 *
 * @throws InputError when a query does not count events (no `rate()` or
 * `increase()`), since a gauge sampled once per bucket is not a count.
 */
export function windowedQueries(
  indicator: Indicator,
  window: string,
): WindowedQueries {
  if (isLatencyIndicator(indicator)) {
    assertWindow(window);
    return latencyQueries(indicator, window);
  }
  if (isErrorRatioIndicator(indicator)) {
    return {
      errorRatio: withWindow(indicator.errorRatioQuery, window),
      perSecond: false,
    };
  }
  if (indicator.counter) {
    assertWindow(window);
    const q = (query: string) => counterRate(query, window);
    return {
      ...(indicator.goodQuery ? { good: q(indicator.goodQuery) } : {}),
      ...(indicator.badQuery ? { bad: q(indicator.badQuery) } : {}),
      total: q(indicator.totalQuery),
      perSecond: true,
    };
  }
  const events = indicator.goodQuery ?? indicator.badQuery ?? '';
  const total = withWindow(indicator.totalQuery, window);
  const counted = withWindow(events, window);
  const perSecond = returnsRate(total);
  if (returnsRate(counted) !== perSecond) {
    throw new InputError(
      'good/bad and total queries must both use rate() or both use increase()',
    );
  }
  return {
    ...(indicator.goodQuery ? { good: counted } : { bad: counted }),
    total,
    perSecond,
  };
}

/** The error ratio of an indicator over `window` as one PromQL expression. */
export function errorRatioQuery(indicator: Indicator, window: string): string {
  const q = windowedQueries(indicator, window);
  if (q.errorRatio) return `(${q.errorRatio})`;
  if (q.bad) return `(${q.bad})\n/\n(${q.total})`;
  return `1 - (\n(${q.good})\n/\n(${q.total})\n)`;
}

/** The raw counter selectors whose increases are an indicator's good/bad and total events. */
export interface CounterSelectors {
  good?: string;
  bad?: string;
  total: string;
}

const SELECTOR_SRC = String.raw`(?:[a-zA-Z_:][a-zA-Z0-9_:]*\s*(?:\{[^{}]*\})?|\{[^{}]*\})`;
const RANGE_SRC = String.raw`\[\s*(?:\{\{\s*\.window\s*\}\}|(?:[0-9]+(?:ms|[smhdwy]))+)\s*\]`;
const GROUPING = String.raw`(?:(?:by|without)\s*\([^()]*\)\s*)?`;
// `sum [by (…)] (rate|increase(<selector>[<range>])) [by (…)]`, or the rate/increase alone.
const COUNTED = new RegExp(
  String.raw`^\s*(?:sum\s*${GROUPING}\(\s*)?(?:rate|increase)\s*\(\s*(${SELECTOR_SRC})\s*${RANGE_SRC}\s*\)\s*(?:\)\s*${GROUPING})?$`,
);
const BARE = new RegExp(String.raw`^\s*(${SELECTOR_SRC})\s*$`);

/** The counter selector of a query that sums one counter's increase, else undefined. */
function counterSelector(query: string): string | undefined {
  const bare = BARE.exec(query);
  if (bare) return bare[1].trim();
  const counted = COUNTED.exec(query);
  // An opening `sum(` must be closed by the trailing `)`: count them to be sure.
  if (!counted) return undefined;
  const open = (query.match(/\(/g) ?? []).length;
  const close = (query.match(/\)/g) ?? []).length;
  return open === close ? counted[1].trim() : undefined;
}

/**
 * The counters an indicator's events are the increases of, when every one of its queries
 * sums one counter: a bare selector, `rate()`/`increase()` of one (optionally inside `sum`
 * with any grouping, which the event count ignores) or a histogram. The collector then reads
 * the counters themselves at bucket edges, so it counts across scrape gaps and restarts as
 * Prometheus' `increase()` does. Undefined for anything else (an error ratio query,
 * arithmetic between queries), which is collected by evaluating the query per bucket.
 */
export function counterSelectors(
  indicator: Indicator,
): CounterSelectors | undefined {
  if (isLatencyIndicator(indicator)) {
    const selector = indicator.selector?.trim();
    const prefix = selector ? `${selector},` : '';
    return {
      good: `${indicator.histogramMetric}_bucket{${prefix}${leMatcher(
        indicator.thresholdSeconds,
      )}}`,
      total: `${indicator.histogramMetric}_count${
        selector ? `{${selector}}` : ''
      }`,
    };
  }
  if (isErrorRatioIndicator(indicator)) return undefined;
  const total = counterSelector(indicator.totalQuery);
  const events = counterSelector(
    indicator.goodQuery ?? indicator.badQuery ?? '',
  );
  if (!total || !events) return undefined;
  return indicator.goodQuery ? { good: events, total } : { bad: events, total };
}
