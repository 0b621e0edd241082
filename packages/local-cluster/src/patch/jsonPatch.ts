/** RFC 6902 JSON Patch, used by `kubectl patch --type=json` and client libraries. */
import { isPlainObject } from '../store/util';

export class PatchError extends Error {}

interface Op {
  op: string;
  path: string;
  value?: unknown;
  from?: string;
}

function parsePointer(pointer: string): string[] {
  if (pointer === '') return [];
  if (!pointer.startsWith('/'))
    throw new PatchError(`invalid JSON pointer "${pointer}"`);
  return pointer
    .slice(1)
    .split('/')
    .map(s => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

function resolveParent(
  doc: any,
  segs: string[],
  op: string,
  path: string,
): any {
  let cur = doc;
  for (const seg of segs.slice(0, -1)) {
    if (Array.isArray(cur)) cur = cur[Number(seg)];
    else if (isPlainObject(cur)) cur = cur[seg];
    else cur = undefined;
    if (cur === undefined) {
      throw new PatchError(
        `${op} operation does not apply: doc is missing path: "${path}"`,
      );
    }
  }
  return cur;
}

function getAt(doc: any, path: string): unknown {
  const segs = parsePointer(path);
  let cur = doc;
  for (const seg of segs) {
    if (Array.isArray(cur)) cur = cur[Number(seg)];
    else if (isPlainObject(cur)) cur = cur[seg];
    else cur = undefined;
    if (cur === undefined)
      throw new PatchError(`doc is missing path: "${path}"`);
  }
  return cur;
}

function removeAt(doc: any, path: string): unknown {
  const segs = parsePointer(path);
  const parent = resolveParent(doc, segs, 'remove', path);
  const last = segs[segs.length - 1];
  if (Array.isArray(parent)) {
    const i = Number(last);
    if (!Number.isInteger(i) || i < 0 || i >= parent.length) {
      throw new PatchError(
        `remove operation does not apply: doc is missing path: "${path}"`,
      );
    }
    return parent.splice(i, 1)[0];
  }
  if (!isPlainObject(parent) || !(last in parent)) {
    throw new PatchError(
      `remove operation does not apply: doc is missing path: "${path}"`,
    );
  }
  const v = parent[last];
  delete parent[last];
  return v;
}

function addAt(doc: any, path: string, value: unknown, replace: boolean): any {
  const segs = parsePointer(path);
  if (segs.length === 0) return structuredClone(value);
  const op = replace ? 'replace' : 'add';
  const parent = resolveParent(doc, segs, op, path);
  const last = segs[segs.length - 1];
  if (Array.isArray(parent)) {
    const i = last === '-' ? parent.length : Number(last);
    if (
      !Number.isInteger(i) ||
      i < 0 ||
      i > parent.length ||
      (replace && i >= parent.length)
    ) {
      throw new PatchError(
        `${op} operation does not apply: doc is missing path: "${path}"`,
      );
    }
    if (replace) parent[i] = structuredClone(value);
    else parent.splice(i, 0, structuredClone(value));
  } else if (isPlainObject(parent)) {
    if (replace && !(last in parent)) {
      throw new PatchError(
        `replace operation does not apply: doc is missing key: "${path}"`,
      );
    }
    parent[last] = structuredClone(value);
  } else {
    throw new PatchError(
      `${op} operation does not apply: doc is missing path: "${path}"`,
    );
  }
  return doc;
}

export function applyJsonPatch(document: unknown, ops: unknown): unknown {
  if (!Array.isArray(ops))
    throw new PatchError('json patch must be an array of operations');
  let doc: any = structuredClone(document);
  for (const raw of ops as Op[]) {
    if (
      !isPlainObject(raw) ||
      typeof raw.op !== 'string' ||
      typeof raw.path !== 'string'
    ) {
      throw new PatchError('invalid json patch operation');
    }
    switch (raw.op) {
      case 'add':
        doc = addAt(doc, raw.path, raw.value, false);
        break;
      case 'replace':
        doc = addAt(doc, raw.path, raw.value, true);
        break;
      case 'remove':
        removeAt(doc, raw.path);
        break;
      case 'move': {
        const v = removeAt(doc, raw.from ?? '');
        doc = addAt(doc, raw.path, v, false);
        break;
      }
      case 'copy':
        doc = addAt(doc, raw.path, getAt(doc, raw.from ?? ''), false);
        break;
      case 'test':
        if (
          JSON.stringify(getAt(doc, raw.path)) !== JSON.stringify(raw.value)
        ) {
          throw new PatchError(`testing value ${raw.path} failed`);
        }
        break;
      default:
        throw new PatchError(`Unexpected kind: ${raw.op}`);
    }
  }
  return doc;
}
