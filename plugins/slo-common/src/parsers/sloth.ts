import { Indicator, SloSourceFormat } from '../types';
import {
  DEFAULT_WINDOW,
  ParseSloSpecsOptions,
  ParsedSlo,
  buildSlo,
  inferKind,
} from './build';
import { SpecNode, mergeLabels } from './node';

// The Kubernetes CRD spells fields in camelCase, the plain file in snake_case.
const FIELD_NAMES = {
  'sloth-v1': {
    errorQuery: 'errorQuery',
    totalQuery: 'totalQuery',
    errorRatioQuery: 'errorRatioQuery',
  },
  'sloth-prometheus-v1': {
    errorQuery: 'error_query',
    totalQuery: 'total_query',
    errorRatioQuery: 'error_ratio_query',
  },
} as const;

type SlothFormat = Extract<SloSourceFormat, 'sloth-v1' | 'sloth-prometheus-v1'>;

function slothIndicator(
  sli: SpecNode,
  format: SlothFormat,
  kind: Indicator['kind'],
): Indicator {
  sli.mapping();
  const names = FIELD_NAMES[format];
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
    return { kind, errorRatioQuery: raw.field(names.errorRatioQuery).string() };
  }
  const events = sli.field('events').mapping();
  return {
    kind,
    badQuery: events.field(names.errorQuery).string(),
    totalQuery: events.field(names.totalQuery).string(),
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
): ParsedSlo[] {
  const spec = format === 'sloth-v1' ? root.field('spec').mapping() : root;
  const serviceNode = spec.field('service');
  const service = serviceNode.string();
  const groupLabels = spec.field('labels').optionalLabels();

  return spec
    .field('slos')
    .items({ nonEmpty: true })
    .map(slo => {
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
      return buildSlo(
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
      );
    });
}
