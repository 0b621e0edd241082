import {
  BudgetPolicy,
  IndicatorKind,
  RatioIndicator,
  Slo,
  Window,
} from '../types';
import { inspectPromql } from '../promql/validatePromql';
import {
  SloSpecError,
  SloSpecProblem,
  SpecNode,
  describeOrigin,
  percentToRatio,
  slugify,
} from './node';

/** Options shared by all spec parsers. */
export interface ParseSloSpecsOptions {
  /** Applied to SLOs whose spec defines no error budget policy. */
  defaultPolicy?: BudgetPolicy;
  /**
   * Window for specs that have none: Sloth specs (Sloth takes the period
   * from its command line) and plain SLOs without `window`. Defaults to a
   * rolling 30 days, Sloth's own default.
   */
  defaultWindow?: Window;
  /**
   * Label that scopes a plain latency SLO's histogram to its `service` when
   * the spec gives no selector naming it (default `service`).
   */
  serviceLabel?: string;
}

/** Receives the problems of SLOs and documents that were skipped. */
export type ProblemSink = (problem: SloSpecProblem) => void;

/** The problem behind any error thrown while reading `at`, attributed to its SLO when known. */
export function problemOf(
  e: unknown,
  at: SpecNode,
  slo?: string,
): SloSpecProblem {
  const problem: SloSpecProblem =
    e instanceof SloSpecError
      ? { ...e.problem }
      : {
          ...at.origin,
          message: `${describeOrigin(at.origin)}: ${(e as Error).message}`,
        };
  return slo && problem.slo === undefined ? { ...problem, slo } : problem;
}

/**
 * Parses every SLO of a list on its own: a broken SLO becomes one problem and
 * the others are still returned, so one typo does not hide a service's SLOs.
 */
export function eachSlo(
  items: SpecNode[],
  report: ProblemSink,
  parse: (item: SpecNode) => ParsedSlo[],
): ParsedSlo[] {
  return items.flatMap(item => {
    try {
      return parse(item);
    } catch (e) {
      const name = item.field('name').value;
      report(problemOf(e, item, typeof name === 'string' ? name : undefined));
      return [];
    }
  });
}

/** A PromQL expression, refused unless Prometheus' own grammar parses it. */
export function queryAt(node: SpecNode): string {
  const query = node.string();
  const { problem } = inspectPromql(query);
  return problem ? node.fail(problem) : query;
}

/** The default SLO window: rolling 30 days. */
export const DEFAULT_WINDOW: Window = Object.freeze({
  kind: 'rolling',
  seconds: 30 * 86400,
}) as Window;

/** A parsed SLO with the node it was defined at, for cross-document errors. */
export interface ParsedSlo {
  slo: Slo;
  at: SpecNode;
}

/** Fills in the derived fields (id, target) and drops empty optionals. */
export function buildSlo(
  draft: Omit<Slo, 'id' | 'target'>,
  at: { name: SpecNode; service: SpecNode },
): ParsedSlo {
  const service = slugify(draft.service);
  const name = slugify(draft.name);
  if (!service) {
    at.service.fail('must contain at least one letter or digit');
  }
  if (!name) {
    at.name.fail('must contain at least one letter or digit');
  }
  const slo: Slo = {
    ...draft,
    id: `${service}/${name}`,
    target: percentToRatio(draft.objectivePercent),
  };
  for (const key of ['description', 'policy', 'labels'] as const) {
    if (slo[key] === undefined) {
      delete slo[key];
    }
  }
  return { slo, at: at.name };
}

/**
 * None of the formats says whether an SLI measures availability or latency,
 * so this follows the conventions their docs use: a `category` label (Sloth
 * examples put it on the alerting labels) or "latency" in the name.
 */
export function inferKind(
  labels: Array<Record<string, string> | undefined>,
  names: Array<string | undefined>,
): IndicatorKind {
  for (const set of labels) {
    const category = set?.category?.toLowerCase();
    if (category === 'latency' || category === 'availability') {
      return category;
    }
  }
  return names.some(n => n && /latency/i.test(n)) ? 'latency' : 'availability';
}

/**
 * Reads a good-or-bad over total pair of queries, requiring exactly one of
 * good and bad so the SLI has a single meaning.
 */
export function ratioAt(
  node: SpecNode,
  kind: IndicatorKind,
  fields: { good: string; bad: string; total: string },
  read: (n: SpecNode) => string = queryAt,
): RatioIndicator {
  const good = node.field(fields.good);
  const bad = node.field(fields.bad);
  if (good.present === bad.present) {
    node.fail(`must define exactly one of ${fields.good} or ${fields.bad}`);
  }
  const totalQuery = read(node.field(fields.total));
  return good.present
    ? { kind, goodQuery: read(good), totalQuery }
    : { kind, badQuery: read(bad), totalQuery };
}
