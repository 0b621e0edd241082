import { inspectPromql } from '../promql/validatePromql';
import { Indicator, IndicatorKind, RatioIndicator, Window } from '../types';
import {
  DEFAULT_WINDOW,
  ParseSloSpecsOptions,
  ParsedSlo,
  ProblemSink,
  buildSlo,
  eachSlo,
  ratioAt,
} from './build';
import { windowAt } from './duration';
import { SpecNode, mergeLabels, specSchemas } from './node';
import { policyAt } from './policy';

const EVENT_FIELDS = {
  good: 'good_events',
  bad: 'bad_events',
  total: 'total_events',
};

const COUNTER_EXAMPLE = 'http_requests_total{code!~"5.."}';

/**
 * Event queries are either all counter selectors (`http_requests_total{code!~"5.."}`, whose
 * increase the collector takes) or all expressions counting with rate()/increase().
 */
function eventsIndicator(
  indicator: SpecNode,
  kind: IndicatorKind,
): RatioIndicator {
  const ratio = ratioAt(indicator, kind, EVENT_FIELDS);
  const fields = [EVENT_FIELDS.good, EVENT_FIELDS.bad, EVENT_FIELDS.total]
    .map(f => indicator.field(f))
    .filter(n => n.present);
  const selectors = fields.map(n => {
    const { selector, countsEvents } = inspectPromql(n.value as string);
    if (!selector && !countsEvents) {
      n.fail(
        `must be a counter selector such as ${COUNTER_EXAMPLE} or count events with rate() or increase() over a range`,
      );
    }
    return selector;
  });
  if (selectors.some(Boolean) !== selectors.every(Boolean)) {
    indicator.fail(
      `${fields
        .map(n => n.path.split('.').pop())
        .join(
          ' and ',
        )} must all be counter selectors or all use rate()/increase()`,
    );
  }
  return selectors[0] ? { ...ratio, counter: true } : ratio;
}

function labelValue(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/"/g, '\\"');
}

// Matchers on these labels already say which service's histogram is meant.
function namesService(selector: string, serviceLabel: string): boolean {
  return selector
    .split(',')
    .map(m => /^\s*([a-zA-Z_][a-zA-Z0-9_]*)\s*(=|!=|=~|!~)/.exec(m)?.[1])
    .some(label => label === serviceLabel || label === 'job');
}

function histogramIndicator(
  indicator: SpecNode,
  service: string,
  serviceLabel: string,
): Indicator {
  // Accept the series name people copy from dashboards as well as the base name.
  const histogramMetric = indicator
    .field('metric')
    .string()
    .replace(/_(bucket|count|sum)$/, '');
  const thresholdMs = indicator
    .field('threshold_ms')
    .read(specSchemas.positiveNumber);
  const percentileNode = indicator.field('percentile');
  const percentile = percentileNode.present
    ? percentileNode.numberInRange(0, 100)
    : undefined;
  const selectorNode = indicator.field('selector');
  const given = selectorNode
    .optionalString()
    ?.replace(/^\{|\}$/g, '')
    .trim();
  if (!/^[a-zA-Z_:][a-zA-Z0-9_:]*$/.test(histogramMetric)) {
    indicator.field('metric').fail('must be a Prometheus metric name');
  }
  if (given) {
    const { problem } = inspectPromql(`${histogramMetric}_count{${given}}`);
    if (problem) selectorNode.fail(`must be label matchers: ${problem}`);
  }
  // Without a matcher naming the service, the histogram of every service would be summed.
  const scope = `${serviceLabel}="${labelValue(service)}"`;
  const selector =
    given && namesService(given, serviceLabel)
      ? given
      : [given, scope].filter(Boolean).join(',');
  return {
    kind: 'latency',
    histogramMetric,
    thresholdSeconds: thresholdMs / 1000,
    ...(selector ? { selector } : {}),
    ...(percentile !== undefined ? { percentile } : {}),
  };
}

function plainIndicator(
  indicator: SpecNode,
  service: string,
  serviceLabel: string,
): Indicator {
  indicator.mapping();
  const type = indicator.field('type');
  if (type.value === 'availability') {
    return eventsIndicator(indicator, 'availability');
  }
  if (type.value !== 'latency') {
    type.fail('must be "availability" or "latency"');
  }
  const histogram = indicator.field('metric').present;
  const events = ['good_events', 'bad_events', 'total_events'].some(
    f => indicator.field(f).present,
  );
  if (histogram === events) {
    indicator.fail(
      'a latency indicator needs either metric and threshold_ms (a histogram) or good_events/bad_events and total_events',
    );
  }
  return histogram
    ? histogramIndicator(indicator, service, serviceLabel)
    : eventsIndicator(indicator, 'latency');
}

function plainWindow(slo: SpecNode, options: ParseSloSpecsOptions): Window {
  const timeZoneNode = slo.field('time_zone');
  const timeZone = timeZoneNode.optionalString();
  const windowNode = slo.field('window');
  const window = windowNode.present
    ? windowAt(windowNode, { timeZone })
    : options.defaultWindow ?? DEFAULT_WINDOW;
  if (timeZone && window.kind !== 'calendar') {
    timeZoneNode.fail('only applies to calendar windows ("1M" or "1Q")');
  }
  return window;
}

/**
 * Reads the portal's plain format: a top-level `slos` list, with optional
 * top-level `service` and `labels` applying to every entry.
 */
export function parsePlainDocument(
  root: SpecNode,
  file: string,
  options: ParseSloSpecsOptions,
  report: ProblemSink,
): ParsedSlo[] {
  const defaultService = root.field('service').optionalString();
  const groupLabels = root.field('labels').optionalLabels();
  const groupServiceLabel = root.field('service_label').optionalString();
  return eachSlo(root.field('slos').items({ nonEmpty: true }), report, slo => {
    slo.mapping();
    const nameNode = slo.field('name');
    const name = nameNode.string();
    const serviceNode = slo.field('service');
    const service =
      serviceNode.optionalString() ??
      defaultService ??
      serviceNode.fail('is required (or set a top-level service)');
    const serviceLabel =
      slo.field('service_label').optionalString() ??
      groupServiceLabel ??
      options.serviceLabel ??
      'service';
    const indicator = plainIndicator(
      slo.field('indicator'),
      service,
      serviceLabel,
    );
    return [
      buildSlo(
        {
          name,
          service,
          description: slo.field('description').optionalString(),
          objectivePercent: slo.field('objective').numberInRange(0, 100),
          window: plainWindow(slo, options),
          indicator,
          budgeting: { method: 'occurrences' },
          policy: policyAt(
            slo.field('error_budget_policy'),
            slo.field('exemptions'),
            options.defaultPolicy,
          ),
          labels: mergeLabels(
            groupLabels,
            slo.field('labels').optionalLabels(),
          ),
          source: { format: 'plain', file },
        },
        { name: nameNode, service: serviceNode },
      ),
    ];
  });
}
