import { Indicator, Window } from '../types';
import {
  DEFAULT_WINDOW,
  ParseSloSpecsOptions,
  ParsedSlo,
  buildSlo,
  ratioAt,
} from './build';
import { windowAt } from './duration';
import { SpecNode, mergeLabels } from './node';
import { policyAt } from './policy';

const EVENT_FIELDS = {
  good: 'good_events',
  bad: 'bad_events',
  total: 'total_events',
};

function histogramIndicator(indicator: SpecNode): Indicator {
  // Accept the series name people copy from dashboards as well as the base name.
  const histogramMetric = indicator
    .field('metric')
    .string()
    .replace(/_(bucket|count|sum)$/, '');
  const thresholdNode = indicator.field('threshold_ms');
  const thresholdMs = thresholdNode.number();
  if (thresholdMs <= 0) {
    thresholdNode.fail('must be a number greater than 0');
  }
  const percentileNode = indicator.field('percentile');
  const percentile = percentileNode.present
    ? percentileNode.numberInRange(0, 100)
    : undefined;
  const selector = indicator
    .field('selector')
    .optionalString()
    ?.replace(/^\{|\}$/g, '')
    .trim();
  return {
    kind: 'latency',
    histogramMetric,
    thresholdSeconds: thresholdMs / 1000,
    ...(selector ? { selector } : {}),
    ...(percentile !== undefined ? { percentile } : {}),
  };
}

function plainIndicator(indicator: SpecNode): Indicator {
  indicator.mapping();
  const type = indicator.field('type');
  if (type.value === 'availability') {
    return ratioAt(indicator, 'availability', EVENT_FIELDS);
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
    ? histogramIndicator(indicator)
    : ratioAt(indicator, 'latency', EVENT_FIELDS);
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
): ParsedSlo[] {
  const defaultService = root.field('service').optionalString();
  const groupLabels = root.field('labels').optionalLabels();

  return root
    .field('slos')
    .items({ nonEmpty: true })
    .map(slo => {
      slo.mapping();
      const nameNode = slo.field('name');
      const name = nameNode.string();
      const serviceNode = slo.field('service');
      const service =
        serviceNode.optionalString() ??
        defaultService ??
        serviceNode.fail('is required (or set a top-level service)');
      return buildSlo(
        {
          name,
          service,
          description: slo.field('description').optionalString(),
          objectivePercent: slo.field('objective').numberInRange(0, 100),
          window: plainWindow(slo, options),
          indicator: plainIndicator(slo.field('indicator')),
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
      );
    });
}
