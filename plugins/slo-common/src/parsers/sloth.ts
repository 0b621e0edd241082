import { Indicator, SloSourceFormat } from '../types';
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
import { SpecNode, mergeLabels } from './node';

// Sloth's CRD spells fields in camelCase, its prometheus/v1 file in snake_case; people copy
// between the two (the portal's own seeds did), so either spelling is read in either format.
const SPELLINGS = {
  errorQuery: ['errorQuery', 'error_query'],
  totalQuery: ['totalQuery', 'total_query'],
  errorRatioQuery: ['errorRatioQuery', 'error_ratio_query'],
} as const;

function spelled(
  parent: SpecNode,
  format: SlothFormat,
  field: keyof typeof SPELLINGS,
): SpecNode {
  const [camel, snake] = SPELLINGS[field];
  const nodes = [parent.field(camel), parent.field(snake)];
  const present = nodes.filter(n => n.present);
  if (present.length === 2) {
    nodes[1].fail(`set either ${camel} or ${snake}, not both`);
  }
  if (present.length === 0) {
    // Name the spelling of the format at hand first.
    const [first, second] =
      format === 'sloth-v1' ? [camel, snake] : [snake, camel];
    parent.field(first).fail(`is required (or ${second})`);
  }
  return present[0];
}

type SlothFormat = Extract<SloSourceFormat, 'sloth-v1' | 'sloth-prometheus-v1'>;

function slothIndicator(
  sli: SpecNode,
  format: SlothFormat,
  kind: Indicator['kind'],
): Indicator {
  sli.mapping();
  const variants = ['events', 'raw', 'plugin'].filter(
    k => sli.field(k).present,
  );
  if (variants.length !== 1) {
    sli.fail('must define exactly one of events, raw or plugin');
  }
  if (variants[0] === 'plugin') {
    sli
      .field('plugin')
      .fail('Sloth SLI plugins are not supported; use events or raw');
  }
  // Queries keep Sloth's {{.window}} placeholder: the collector substitutes
  // the range it evaluates, exactly as Sloth does when generating rules.
  if (variants[0] === 'raw') {
    const raw = sli.field('raw').mapping();
    return {
      kind,
      errorRatioQuery: queryAt(spelled(raw, format, 'errorRatioQuery')),
    };
  }
  const events = sli.field('events').mapping();
  return {
    kind,
    badQuery: queryAt(spelled(events, format, 'errorQuery')),
    totalQuery: queryAt(spelled(events, format, 'totalQuery')),
  };
}

/**
 * Reads a Sloth spec: the Kubernetes CRD (`apiVersion: sloth.slok.dev/v1`,
 * `kind: PrometheusServiceLevel`) or the plain `version: "prometheus/v1"`
 * file. Both share one shape; the CRD nests it under `spec`.
 */
export function parseSlothDocument(
  root: SpecNode,
  format: SlothFormat,
  file: string,
  options: ParseSloSpecsOptions,
  report: ProblemSink,
): ParsedSlo[] {
  const spec = format === 'sloth-v1' ? root.field('spec').mapping() : root;
  const serviceNode = spec.field('service');
  const service = serviceNode.string();
  const groupLabels = spec.field('labels').optionalLabels();

  return eachSlo(spec.field('slos').items({ nonEmpty: true }), report, slo => {
    slo.mapping();
    const nameNode = slo.field('name');
    const name = nameNode.string();
    const labels = slo.field('labels').optionalLabels();
    const alertingLabels = slo
      .field('alerting')
      .field('labels')
      .optionalLabels();
    const objectivePercent = slo.field('objective').numberInRange(0, 100);
    const indicator = slothIndicator(
      slo.field('sli'),
      format,
      inferKind([labels, alertingLabels], [name]),
    );
    return [
      buildSlo(
        {
          name,
          service,
          description: slo.field('description').optionalString(),
          objectivePercent,
          window: options.defaultWindow ?? DEFAULT_WINDOW,
          indicator,
          budgeting: { method: 'occurrences' },
          policy: options.defaultPolicy,
          labels: mergeLabels(groupLabels, labels),
          source: { format, file },
        },
        { name: nameNode, service: serviceNode },
      ),
    ];
  });
}
