import { Indicator, IndicatorKind, LatencyIndicator } from '../types';
import { queryAt, ratioAt } from './build';
import { SpecNode } from './node';

/**
 * Reads the PromQL query of an OpenSLO metric. Prometheus sources put it at
 * `metricSource.spec.query`, some tools add `queryType: promql`. Sources of
 * another type are rejected because the collector only speaks PromQL.
 */
export function promqlAt(metric: SpecNode): string {
  const source = metric.mapping().field('metricSource').mapping();
  const type = source.field('type').optionalString();
  if (type && type.toLowerCase() !== 'prometheus') {
    source
      .field('type')
      .fail(
        `unsupported metric source "${type}": only Prometheus is supported`,
      );
  }
  const spec = source.field('spec').mapping();
  const queryType = spec.field('queryType').optionalString();
  if (queryType && queryType.toLowerCase() !== 'promql') {
    spec
      .field('queryType')
      .fail(`unsupported query type "${queryType}": only promql is supported`);
  }
  return queryAt(spec.field('query'));
}

function ratioIndicator(ratio: SpecNode, kind: IndicatorKind): Indicator {
  ratio.mapping();
  const counter = ratio.field('counter').optionalBoolean();
  const raw = ratio.field('raw');
  if (raw.present) {
    const rawType = ratio.field('rawType');
    const query = promqlAt(raw);
    if (rawType.value === 'failure') {
      return { kind, errorRatioQuery: query };
    }
    if (rawType.value === 'success') {
      return { kind, errorRatioQuery: `1 - (${query})` };
    }
    rawType.fail('must be "success" or "failure" when raw is used');
  }
  const indicator = ratioAt(
    ratio,
    kind,
    { good: 'good', bad: 'bad', total: 'total' },
    promqlAt,
  );
  return counter === undefined ? indicator : { ...indicator, counter };
}

const HISTOGRAM_EXAMPLE =
  'histogram_quantile(0.99, sum by (le) (rate(http_request_duration_seconds_bucket{job="api"}[5m])))';

/**
 * Maps a threshold metric to a histogram latency indicator. OpenSLO compares
 * a metric value against `op`/`value`; the portal instead counts requests at
 * or under the threshold from the histogram buckets, which is only possible
 * when the query reads a Prometheus histogram and the objective bounds it
 * from above.
 */
function thresholdIndicator(
  threshold: SpecNode,
  objective: SpecNode,
): LatencyIndicator {
  const queryNode = threshold
    .field('metricSource')
    .field('spec')
    .field('query');
  const query = promqlAt(threshold);
  const bucket = /([A-Za-z_:][A-Za-z0-9_:]*)_bucket\s*(?:\{([^}]*)\})?/.exec(
    query,
  );
  if (!bucket) {
    return queryNode.fail(
      `cannot be mapped to a latency indicator: expected a Prometheus histogram query such as ${HISTOGRAM_EXAMPLE}`,
    );
  }
  const op = objective.field('op');
  if (op.value !== 'lt' && op.value !== 'lte') {
    op.fail(
      'must be "lt" or "lte" for a latency threshold (good events are requests at or under the threshold)',
    );
  }
  const valueNode = objective.field('value');
  const thresholdSeconds = valueNode.number();
  if (thresholdSeconds <= 0) {
    valueNode.fail('must be a number greater than 0 (seconds)');
  }
  const selector = bucket[2]
    ?.split(',')
    .map(m => m.trim())
    .filter(m => m && !/^le\s*[=!]/.test(m))
    .join(',');
  const quantile = /histogram_quantile\s*\(\s*([0-9.]+)\s*,/.exec(query);
  return {
    kind: 'latency',
    histogramMetric: bucket[1],
    thresholdSeconds,
    ...(selector ? { selector } : {}),
    ...(quantile
      ? { percentile: Number((Number(quantile[1]) * 100).toPrecision(12)) }
      : {}),
  };
}

/**
 * Builds the indicator of one objective from an SLI spec (`ratioMetric` or
 * `thresholdMetric`); the objective matters for threshold metrics only.
 */
export function opensloIndicator(
  sliSpec: SpecNode,
  objective: SpecNode,
  kind: IndicatorKind,
): Indicator {
  sliSpec.mapping();
  const ratio = sliSpec.field('ratioMetric');
  const threshold = sliSpec.field('thresholdMetric');
  if (ratio.present === threshold.present) {
    sliSpec.fail('must define exactly one of ratioMetric or thresholdMetric');
  }
  return ratio.present
    ? ratioIndicator(ratio, kind)
    : thresholdIndicator(threshold, objective);
}
