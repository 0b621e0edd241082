import { InputError } from '@backstage/errors';
import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import YAML from 'yaml';

/** Where a repository keeps what it was created from; read by drift and upgrade. */
export const RECORD_PATH = '.portal/template.yaml';
export const SOURCE_TEMPLATE_ANNOTATION = 'backstage.io/source-template';
export const TEMPLATE_VERSION_ANNOTATION = 'portal.io/template-version';

/** Versions are plain semver `major.minor.patch`: what a template's metadata declares. */
const SEMVER = /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)$/;

export type JsonAnswers = Record<string, unknown>;

/** What a repository records about the template it was created from. */
export interface TemplateRecord {
  /** `template:default/http-api` */
  template: string;
  version: string;
  answers: JsonAnswers;
}

export function checkVersion(version: unknown, field: string): string {
  if (typeof version !== 'string' || !SEMVER.test(version)) {
    throw new InputError(
      `${field}: "${String(
        version,
      )}" is not a version; use major.minor.patch, e.g. 1.2.0`,
    );
  }
  return version;
}

/** Negative when a is older than b. */
export function compareVersions(a: string, b: string): number {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < 3; i++) {
    if (pa[i] !== pb[i]) return pa[i] - pb[i];
  }
  return 0;
}

export function templateNameOf(templateRef: string): string {
  return parseEntityRef(templateRef, { defaultKind: 'template' }).name;
}

export function parseRecord(content: string): TemplateRecord {
  let doc: unknown;
  try {
    doc = YAML.parse(content);
  } catch (e) {
    throw new InputError(`${RECORD_PATH}: not YAML (${(e as Error).message})`);
  }
  const record = (doc ?? {}) as Record<string, unknown>;
  if (typeof record.template !== 'string') {
    throw new InputError(`${RECORD_PATH}: template is missing`);
  }
  let template: string;
  try {
    template = stringifyEntityRef(
      parseEntityRef(record.template, {
        defaultKind: 'template',
        defaultNamespace: 'default',
      }),
    );
  } catch {
    throw new InputError(
      `${RECORD_PATH}: template "${record.template}" is not an entity reference`,
    );
  }
  const answers = record.answers ?? {};
  if (typeof answers !== 'object' || Array.isArray(answers)) {
    throw new InputError(`${RECORD_PATH}: answers must be a mapping`);
  }
  return {
    template,
    version: checkVersion(record.version, `${RECORD_PATH}: version`),
    answers: answers as JsonAnswers,
  };
}

export function formatRecord(record: TemplateRecord): string {
  return `# Written by the portal: the golden path this repository was created from and the answers given.
# Drift and upgrade render this version again with these answers; edit only to correct an answer.
${YAML.stringify({
  template: record.template,
  version: record.version,
  answers: record.answers,
})}`;
}

/**
 * Adds the record to a rendered file set: the answers file, and the two annotations in
 * catalog-info.yaml (kept in the document's own layout, so a render and the repository compare
 * line by line). Applied both when a repository is created and when a version is rendered again,
 * so that an old render equals what was published.
 */
export function applyRecord(
  files: Map<string, string>,
  record: TemplateRecord,
): Map<string, string> {
  const out = new Map(files);
  out.set(RECORD_PATH, formatRecord(record));
  const catalogInfo = files.get('catalog-info.yaml');
  if (catalogInfo !== undefined) {
    out.set('catalog-info.yaml', annotateCatalogInfo(catalogInfo, record));
  }
  return out;
}

export function annotateCatalogInfo(
  content: string,
  record: Pick<TemplateRecord, 'template' | 'version'>,
): string {
  // A catalog-info.yaml may hold several documents; the first is the repository's main entity.
  const docs = YAML.parseAllDocuments(content);
  if (docs.length === 0 || docs[0].errors.length > 0) {
    throw new InputError('catalog-info.yaml: the first document is not YAML');
  }
  const main = docs[0];
  main.setIn(
    ['metadata', 'annotations', SOURCE_TEMPLATE_ANNOTATION],
    record.template,
  );
  main.setIn(
    ['metadata', 'annotations', TEMPLATE_VERSION_ANNOTATION],
    record.version,
  );
  return docs.map(d => d.toString()).join('');
}
