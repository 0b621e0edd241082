import { Document, isAlias, LineCounter, visit, YAMLError } from 'yaml';
import { Slo } from '../types';
import {
  ParseSloSpecsOptions,
  ParsedSlo,
  ProblemSink,
  problemOf,
} from './build';
import { SloSpecError, SloSpecProblem, SpecNode } from './node';
import { OpenSloSli, opensloSli, parseOpenSloDocument } from './openslo';
import { parseOpenSloV1alphaDocument } from './opensloV1alpha';
import { parsePlainDocument } from './plain';
import { parseSlothDocument } from './sloth';
import { parseYamlDocuments } from './yamlDocuments';

/** One spec file: its text and the name used in error messages. */
export interface SloSpecFile {
  content: string;
  file: string;
}

/** What {@link readSloSpecFiles} made of a set of files. */
export interface SloSpecReadResult {
  /** Every SLO that parsed, in file and document order. */
  slos: Slo[];
  /** One entry per skipped file, document or SLO. */
  problems: SloSpecProblem[];
}

const FORMATS_HINT =
  'expected Sloth (apiVersion: sloth.slok.dev/v1 or version: "prometheus/v1"), OpenSLO (apiVersion: openslo/v1 or openslo/v1alpha) or a plain "slos:" list';

type Kind =
  | 'sloth-v1'
  | 'sloth-prometheus-v1'
  | 'openslo-slo'
  | 'openslo-sli'
  | 'openslo-v1alpha'
  | 'plain'
  | 'ignored';

/**
 * Where a document's YAML error is. yaml finds an alias to a missing anchor (and alias bombs)
 * only while converting the document, and says nowhere: that is the first alias whose anchor
 * is not set before it, or else the document's start.
 */
function errorOffset(error: Error, doc: Document.Parsed): number {
  if (error instanceof YAMLError) {
    return error.pos[0];
  }
  const anchors = new Set<string>();
  let offset = doc.range[0];
  visit(doc, {
    Node(_, node) {
      if (isAlias(node) && !anchors.has(node.source)) {
        offset = node.range?.[0] ?? offset;
        return visit.BREAK;
      }
      if (node.anchor) {
        anchors.add(node.anchor);
      }
      return undefined;
    },
  });
  return offset;
}

/** Each document is loaded on its own, so invalid YAML in one costs only that one. */
function loadDocuments(
  { content, file }: SloSpecFile,
  report: ProblemSink,
): SpecNode[] {
  const lines = new LineCounter();
  // merge: js-yaml read `<<` merge keys, and specs written for it use them.
  const { total, docs } = parseYamlDocuments(content, {
    lineCounter: lines,
    merge: true,
  });
  const several = total > 1;
  const roots: SpecNode[] = [];
  let failed = false;
  docs.forEach(({ doc, index: i }) => {
    const origin = several ? { file, document: i + 1 } : { file };
    const where = several ? `${file} (document ${i + 1})` : file;
    try {
      if (doc.errors.length > 0) {
        throw doc.errors[0];
      }
      const value = doc.toJS();
      if (value !== null && value !== undefined) {
        roots.push(SpecNode.root(value, origin));
      }
    } catch (e) {
      const err = e as Error;
      const line = lines.linePos(errorOffset(err, doc)).line;
      failed = true;
      report({
        ...origin,
        message: `${where}: invalid YAML at line ${line}: ${err.message}`,
      });
    }
  });
  if (roots.length === 0 && !failed) {
    report({ file, message: `${file}: contains no YAML documents` });
  }
  return roots;
}

// Kinds OpenSLO defines that carry nothing the portal uses; any other kind is a typo.
const OPENSLO_V1_OTHER_KINDS = [
  'Service',
  'DataSource',
  'AlertPolicy',
  'AlertCondition',
  'AlertNotificationTarget',
];

function ignoredKind(kind: SpecNode, others: string[], read: string[]): Kind {
  if (!others.includes(kind.value as string)) {
    kind.fail(
      `unsupported kind ${JSON.stringify(kind.value ?? null)}: expected ${[
        ...read,
        ...others,
      ].join(', ')}`,
    );
  }
  return 'ignored';
}

function detect(root: SpecNode): Kind {
  if (typeof root.value !== 'object' || Array.isArray(root.value)) {
    root.fail(`unrecognised SLO spec: ${FORMATS_HINT}`);
  }
  const apiVersion = root.field('apiVersion');
  const kind = root.field('kind');
  const version = root.field('version');
  if (apiVersion.present) {
    if (apiVersion.value === 'sloth.slok.dev/v1') {
      if (kind.value !== 'PrometheusServiceLevel') {
        kind.fail('must be PrometheusServiceLevel for sloth.slok.dev/v1');
      }
      return 'sloth-v1';
    }
    if (apiVersion.value === 'openslo/v1') {
      if (kind.value === 'SLO') {
        return 'openslo-slo';
      }
      if (kind.value === 'SLI') {
        return 'openslo-sli';
      }
      return ignoredKind(kind, OPENSLO_V1_OTHER_KINDS, ['SLO', 'SLI']);
    }
    if (apiVersion.value === 'openslo/v1alpha') {
      // Sloth's OpenSLO version: only SLOs carry anything the portal uses.
      return kind.value === 'SLO'
        ? 'openslo-v1alpha'
        : ignoredKind(kind, ['Service'], ['SLO']);
    }
    apiVersion.fail(
      `unsupported apiVersion ${JSON.stringify(
        apiVersion.value,
      )}: ${FORMATS_HINT}`,
    );
  }
  if (version.present) {
    if (version.value !== 'prometheus/v1') {
      version.fail(
        `unsupported Sloth spec version ${JSON.stringify(
          version.value,
        )}: expected "prometheus/v1"`,
      );
    }
    return 'sloth-prometheus-v1';
  }
  if (root.field('slos').present) {
    return 'plain';
  }
  return root.fail(`unrecognised SLO spec: ${FORMATS_HINT}`);
}

/** The SLO a whole-document problem costs: OpenSLO documents are one SLO each. */
function documentSlo(root: SpecNode, kind: Kind): string | undefined {
  const name = root.field('metadata').field('name').value;
  return kind === 'openslo-slo' && typeof name === 'string' ? name : undefined;
}

function collectSlis(
  docs: Array<{ root: SpecNode; kind: Kind }>,
  report: ProblemSink,
): Map<string, OpenSloSli> {
  const slis = new Map<string, OpenSloSli>();
  for (const doc of docs.filter(d => d.kind === 'openslo-sli')) {
    try {
      const sli = opensloSli(doc.root);
      const existing = slis.get(sli.name);
      if (existing) {
        sli.at.fail(
          `duplicate SLI name "${sli.name}" (also defined in ${existing.at.where})`,
        );
      }
      slis.set(sli.name, sli);
    } catch (e) {
      report(problemOf(e, doc.root));
    }
  }
  return slis;
}

/**
 * Parses SLO specs from several files at once, so OpenSLO `indicatorRef`s
 * can point at `kind: SLI` documents in any of them. Each document's format
 * is detected from its content: Sloth CRD, Sloth `prometheus/v1`, OpenSLO v1
 * or the portal's plain format.
 *
 * Problems stay local: a file that cannot be read as YAML, a document of an
 * unknown shape or a broken SLO is reported and skipped, and everything else
 * is still returned. Every PromQL expression is parsed with Prometheus' grammar.
 */
export function readSloSpecFiles(
  files: SloSpecFile[],
  options: ParseSloSpecsOptions = {},
): SloSpecReadResult {
  const problems: SloSpecProblem[] = [];
  const report: ProblemSink = p => problems.push(p);
  const docs = files
    .flatMap(f => loadDocuments(f, report))
    .flatMap(root => {
      try {
        return [{ root, kind: detect(root) }];
      } catch (e) {
        report(problemOf(e, root));
        return [];
      }
    });
  const slis = collectSlis(docs, report);

  const parsed: ParsedSlo[] = docs.flatMap(({ root, kind }) => {
    const file = root.origin.file;
    try {
      switch (kind) {
        case 'sloth-v1':
        case 'sloth-prometheus-v1':
          return parseSlothDocument(root, kind, file, options, report);
        case 'openslo-slo':
          return parseOpenSloDocument(root, file, slis, options);
        case 'openslo-v1alpha':
          return parseOpenSloV1alphaDocument(root, file, options, report);
        case 'plain':
          return parsePlainDocument(root, file, options, report);
        default:
          return [];
      }
    } catch (e) {
      report(problemOf(e, root, documentSlo(root, kind)));
      return [];
    }
  });

  // The first definition of an id wins; later ones are problems of their own.
  const seen = new Map<string, SpecNode>();
  const slos: Slo[] = [];
  for (const { slo, at } of parsed) {
    const other = seen.get(slo.id);
    if (other) {
      try {
        at.fail(
          `duplicate SLO id "${slo.id}" (also defined at ${other.where}: ${other.path})`,
        );
      } catch (e) {
        report({ ...(e as SloSpecError).problem, slo: slo.name });
      }
      continue;
    }
    seen.set(slo.id, at);
    slos.push(slo);
  }
  return { slos, problems };
}

/**
 * Parses SLO specs strictly: like {@link readSloSpecFiles} but any problem
 * fails the whole set.
 *
 * @throws InputError naming the file and field path of the first problem.
 */
export function parseSloSpecFiles(
  files: SloSpecFile[],
  options: ParseSloSpecsOptions = {},
): Slo[] {
  const { slos, problems } = readSloSpecFiles(files, options);
  if (problems.length > 0) {
    throw new SloSpecError(problems[0]);
  }
  return slos;
}

/**
 * Parses one SLO spec file (multi-document YAML allowed) into normalised
 * SLOs, strictly. See {@link parseSloSpecFiles} for the supported formats.
 *
 * @throws InputError naming the file and field path of the first problem.
 */
export function parseSloSpecs(
  content: string,
  file: string,
  options: ParseSloSpecsOptions = {},
): Slo[] {
  return parseSloSpecFiles([{ content, file }], options);
}
