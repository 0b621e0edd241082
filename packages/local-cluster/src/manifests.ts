/**
 * Loads YAML/JSON manifests from a folder through the same create path as the
 * HTTP API, so seeded objects are defaulted, validated and reconciled exactly
 * like ones applied with kubectl.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { parseAllDocuments } from 'yaml';
import { findByKind } from './resources';
import { ClusterApi } from './server/api';
import { ApiError } from './server/errors';
import { KubeObject } from './store/types';
import { isPlainObject } from './store/util';

/** Namespaces first so namespaced objects find theirs, whatever the file order. */
const KIND_ORDER = [
  'Namespace',
  'ServiceAccount',
  'ConfigMap',
  'Secret',
  'LimitRange',
  'ResourceQuota',
];

async function listFiles(dir: string): Promise<string[]> {
  // A single file is a folder of one.
  if ((await fs.stat(dir)).isFile()) return [dir];
  const entries = await fs.readdir(dir, { withFileTypes: true });
  const out: string[] = [];
  for (const e of entries.sort((a, b) => a.name.localeCompare(b.name))) {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...(await listFiles(full)));
    else if (/\.(ya?ml|json)$/i.test(e.name)) out.push(full);
  }
  return out;
}

function flatten(doc: unknown): KubeObject[] {
  if (!isPlainObject(doc)) return [];
  if (
    typeof doc.kind === 'string' &&
    doc.kind.endsWith('List') &&
    Array.isArray(doc.items)
  ) {
    return doc.items.flatMap(flatten);
  }
  return [doc as KubeObject];
}

/**
 * Every object of a file's YAML documents, or none when one of them is not YAML: a file loads
 * whole or not at all. `<<` merge keys work, as in kubectl's YAML.
 */
function readDocuments(text: string): KubeObject[] {
  const objects: KubeObject[] = [];
  parseAllDocuments(text, { merge: true }).forEach((doc, i) => {
    if (doc.errors.length) {
      throw new Error(`document ${i + 1}: ${doc.errors[0].message}`);
    }
    objects.push(...flatten(doc.toJS()));
  });
  return objects;
}

export interface LoadResult {
  loaded: number;
  errors: string[];
}

export async function loadManifests(
  api: ClusterApi,
  dir: string,
): Promise<LoadResult> {
  const docs: Array<{ file: string; obj: KubeObject }> = [];
  const errors: string[] = [];
  for (const file of await listFiles(dir)) {
    try {
      const text = await fs.readFile(file, 'utf8');
      docs.push(...readDocuments(text).map(obj => ({ file, obj })));
    } catch (e) {
      errors.push(`${file}: ${(e as Error).message.split('\n')[0]}`);
    }
  }
  const rank = (k: string | undefined) => {
    const i = KIND_ORDER.indexOf(k ?? '');
    return i < 0 ? KIND_ORDER.length : i;
  };
  docs.sort((a, b) => rank(a.obj.kind) - rank(b.obj.kind));

  let loaded = 0;
  for (const { file, obj } of docs) {
    const rt = findByKind(String(obj.apiVersion ?? ''), String(obj.kind ?? ''));
    if (!rt || rt.virtual) {
      errors.push(
        `${file}: no resource type for apiVersion=${obj.apiVersion} kind=${obj.kind}`,
      );
      continue;
    }
    try {
      const ns = rt.namespaced
        ? obj.metadata?.namespace ?? 'default'
        : undefined;
      const name = obj.metadata?.name ?? '';
      if (name && api.store.get(rt, ns, name)) api.replace(rt, ns, name, obj);
      else api.create(rt, ns, obj);
      loaded++;
    } catch (e) {
      const msg =
        e instanceof ApiError ? e.status.message : (e as Error).message;
      errors.push(`${file}: ${obj.kind}/${obj.metadata?.name}: ${msg}`);
    }
  }
  return { loaded, errors };
}
