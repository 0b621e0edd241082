import { Window } from '../types';
import {
  DEFAULT_WINDOW,
  ParseSloSpecsOptions,
  ParsedSlo,
  ProblemSink,
  buildSlo,
  eachSlo,
  inferKind,
  queryAt,
} from './build';
import { SpecNode, ratioToPercent, specSchemas } from './node';

// OpenSLO v1alpha counts time windows in units; fixed units are rolling windows.
const UNIT_SECONDS: Record<string, number> = {
  second: 1,
  minute: 60,
  hour: 3600,
  day: 86400,
  week: 7 * 86400,
};
const CALENDAR_UNITS: Record<string, 'week' | 'month' | 'quarter'> = {
  week: 'week',
  month: 'month',
  quarter: 'quarter',
};

const COUNT = specSchemas.number
  .int('must be a whole number greater than 0')
  .gt(0, 'must be a whole number greater than 0');

function timeWindow(spec: SpecNode, options: ParseSloSpecsOptions): Window {
  const list = spec.field('timeWindows');
  if (!list.present) return options.defaultWindow ?? DEFAULT_WINDOW;
  const windows = list.items({ nonEmpty: true });
  if (windows.length > 1) list.fail('must contain exactly one time window');
  const tw = windows[0].mapping();
  const count = tw.field('count').read(COUNT);
  const unitNode = tw.field('unit');
  const unit = unitNode.string().toLowerCase();
  if (tw.field('isRolling').optionalBoolean() === false) {
    const calendar = CALENDAR_UNITS[unit];
    if (!calendar || count !== 1) {
      unitNode.fail(
        'calendar windows must be one Week, Month or Quarter (count: 1)',
      );
    }
    return { kind: 'calendar', unit: calendar };
  }
  const seconds = UNIT_SECONDS[unit];
  if (!seconds) {
    unitNode.fail(
      `unsupported unit "${unitNode.value}" for a rolling window: use Second, Minute, Hour, Day or Week`,
    );
  }
  return { kind: 'rolling', seconds: count * seconds };
}

/** A v1alpha metric: `{ source: prometheus, queryType: promql, query }`. */
function metricQuery(metric: SpecNode): string {
  metric.mapping();
  const source = metric.field('source').string().toLowerCase();
  // Sloth reads "sloth" sources as Prometheus too.
  if (source !== 'prometheus' && source !== 'sloth') {
    metric
      .field('source')
      .fail(`unsupported source "${source}": only prometheus is supported`);
  }
  const queryType = metric.field('queryType').optionalString();
  if (queryType && queryType.toLowerCase() !== 'promql') {
    metric
      .field('queryType')
      .fail(`unsupported query type "${queryType}": only promql is supported`);
  }
  return queryAt(metric.field('query'));
}

/**
 * Reads an OpenSLO v1alpha `kind: SLO`, the OpenSLO version Sloth supports: every objective
 * is an SLO named `<name>-<index>` (Sloth's ids, so rules it generated keep their labels), with
 * `ratioMetrics.good` (or `bad`) and `total` PromQL queries.
 */
export function parseOpenSloV1alphaDocument(
  root: SpecNode,
  file: string,
  options: ParseSloSpecsOptions,
  report: ProblemSink,
): ParsedSlo[] {
  const nameNode = root.field('metadata').mapping().field('name');
  const name = nameNode.string();
  const spec = root.field('spec').mapping();
  const serviceNode = spec.field('service');
  const service = serviceNode.string();
  const description =
    spec.field('description').optionalString() ??
    root.field('metadata').field('displayName').optionalString();
  const method = spec.field('budgetingMethod');
  if (method.present && method.value !== 'Occurrences') {
    method.fail(
      `unsupported budgeting method ${JSON.stringify(
        method.value,
      )} for openslo/v1alpha: use Occurrences`,
    );
  }
  const window = timeWindow(spec, options);
  return eachSlo(
    spec.field('objectives').items({ nonEmpty: true }),
    report,
    objective => {
      objective.mapping();
      const index = Number(/\[(\d+)\]$/.exec(objective.path)?.[1] ?? 0);
      const ratio = objective.field('ratioMetrics').mapping();
      const good = ratio.field('good');
      const bad = ratio.field('bad');
      if (good.present === bad.present) {
        ratio.fail('must define exactly one of good or bad');
      }
      const totalQuery = metricQuery(ratio.field('total'));
      const kind = inferKind([], [name]);
      return [
        buildSlo(
          {
            name: `${name}-${index}`,
            service,
            description,
            objectivePercent: ratioToPercent(
              objective.field('target').numberInRange(0, 1),
            ),
            window,
            indicator: good.present
              ? { kind, goodQuery: metricQuery(good), totalQuery }
              : { kind, badQuery: metricQuery(bad), totalQuery },
            budgeting: { method: 'occurrences' },
            policy: options.defaultPolicy,
            source: { format: 'openslo-v1alpha', file },
          },
          { name: nameNode, service: serviceNode },
        ),
      ];
    },
  );
}
