import { InputError } from '@backstage/errors';
import yaml from 'js-yaml';
import { Slo } from '../types';
import { ParseSloSpecsOptions, ParsedSlo } from './build';
import { SpecNode } from './node';
import { OpenSloSli, opensloSli, parseOpenSloDocument } from './openslo';
import { parsePlainDocument } from './plain';
import { parseSlothDocument } from './sloth';

/** One spec file: its text and the name used in error messages. */
export interface SloSpecFile {
  content: string;
  file: string;
}

interface Document {
  root: SpecNode;
  file: string;
}

const FORMATS_HINT =
  'expected Sloth (apiVersion: sloth.slok.dev/v1 or version: "prometheus/v1"), OpenSLO (apiVersion: openslo/v1) or a plain "slos:" list';

function loadDocuments({ content, file }: SloSpecFile): Document[] {
  let values: unknown[];
  try {
    values = yaml.loadAll(content);
  } catch (e) {
    const err = e as yaml.YAMLException;
    const line = err.mark ? ` at line ${err.mark.line + 1}` : '';
    throw new InputError(
      `${file}: invalid YAML${line}: ${err.reason ?? err.message}`,
    );
  }
  // Numbering counts empty documents too, so it matches what editors show.
  const docs = values.flatMap((value, i) =>
    value === null || value === undefined
      ? []
      : [
          {
            root: SpecNode.root(
              value,
              values.length > 1 ? `${file} (document ${i + 1})` : file,
            ),
            file,
          },
        ],
  );
  if (docs.length === 0) {
    throw new InputError(`${file}: contains no YAML documents`);
  }
  return docs;
}

type Kind =
  | 'sloth-v1'
  | 'sloth-prometheus-v1'
  | 'openslo-slo'
  | 'openslo-sli'
  | 'plain'
  | 'ignored';

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
      // Service, DataSource and alerting kinds carry nothing the portal uses.
      return kind.value === 'SLI' ? 'openslo-sli' : 'ignored';
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

function collectSlis(
  docs: Array<Document & { kind: Kind }>,
): Map<string, OpenSloSli> {
  const slis = new Map<string, OpenSloSli>();
  for (const doc of docs.filter(d => d.kind === 'openslo-sli')) {
    const sli = opensloSli(doc.root);
    const existing = slis.get(sli.name);
    if (existing) {
      sli.at.fail(
        `duplicate SLI name "${sli.name}" (also defined in ${existing.at.where})`,
      );
    }
    slis.set(sli.name, sli);
  }
  return slis;
}

/**
 * Parses SLO specs from several files at once, so OpenSLO `indicatorRef`s
 * can point at `kind: SLI` documents in any of them. Each document's format
 * is detected from its content: Sloth CRD, Sloth `prometheus/v1`, OpenSLO v1
 * or the portal's plain format.
 *
 * @throws InputError naming the file and field path of the first problem.
 */
export function parseSloSpecFiles(
  files: SloSpecFile[],
  options: ParseSloSpecsOptions = {},
): Slo[] {
  const docs = files
    .flatMap(loadDocuments)
    .map(doc => ({ ...doc, kind: detect(doc.root) }));
  const slis = collectSlis(docs);

  const parsed: ParsedSlo[] = docs.flatMap(({ root, file, kind }) => {
    switch (kind) {
      case 'sloth-v1':
      case 'sloth-prometheus-v1':
        return parseSlothDocument(root, kind, file, options);
      case 'openslo-slo':
        return parseOpenSloDocument(root, file, slis, options);
      case 'plain':
        return parsePlainDocument(root, file, options);
      default:
        return [];
    }
  });

  const seen = new Map<string, SpecNode>();
  for (const { slo, at } of parsed) {
    const other = seen.get(slo.id);
    if (other) {
      at.fail(
        `duplicate SLO id "${slo.id}" (also defined at ${other.where}: ${other.path})`,
      );
    }
    seen.set(slo.id, at);
  }
  return parsed.map(p => p.slo);
}

/**
 * Parses one SLO spec file (multi-document YAML allowed) into normalised
 * SLOs. See {@link parseSloSpecFiles} for the supported formats.
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
