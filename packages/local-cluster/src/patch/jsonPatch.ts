/** RFC 6902 JSON Patch, used by `kubectl patch --type=json` and client libraries. */
import { JsonPatchError, Operation, applyPatch } from 'fast-json-patch';
import { isPlainObject } from '../store/util';

export class PatchError extends Error {}

// fast-json-patch looks op names up on a plain object, so `_get` or `constructor` would pass its
// own check; only the six RFC 6902 operations are accepted here.
const OPERATIONS = new Set([
  'add',
  'remove',
  'replace',
  'move',
  'copy',
  'test',
]);

/** The apiserver's (evanphx/json-patch) wording for a failed operation. */
function messageOf(e: JsonPatchError): string {
  const op = e.operation as Operation & { from?: string };
  switch (e.name) {
    case 'TEST_OPERATION_FAILED':
      return `testing value ${op.path} failed`;
    case 'OPERATION_FROM_UNRESOLVABLE':
      return `${op.op} operation does not apply: doc is missing from path: "${op.from}"`;
    case 'OPERATION_FROM_REQUIRED':
    case 'OPERATION_VALUE_REQUIRED':
    case 'OPERATION_VALUE_CANNOT_CONTAIN_UNDEFINED':
    case 'OPERATION_PATH_INVALID':
      return `invalid json patch operation: ${e.message}`;
    default:
      return `${op.op} operation does not apply: doc is missing path: "${op.path}"`;
  }
}

export function applyJsonPatch(document: unknown, ops: unknown): unknown {
  if (!Array.isArray(ops))
    throw new PatchError('json patch must be an array of operations');
  for (const raw of ops) {
    if (
      !isPlainObject(raw) ||
      typeof raw.op !== 'string' ||
      typeof raw.path !== 'string'
    ) {
      throw new PatchError('invalid json patch operation');
    }
    if (!OPERATIONS.has(raw.op))
      throw new PatchError(`Unexpected kind: ${raw.op}`);
  }
  try {
    // Cloned so that values added to the document never alias the request body.
    return applyPatch(
      document,
      structuredClone(ops) as Operation[],
      true,
      false,
    ).newDocument;
  } catch (e) {
    if (e instanceof JsonPatchError) throw new PatchError(messageOf(e));
    // The library refuses `__proto__` and `constructor/prototype` path segments with a TypeError.
    if (e instanceof TypeError && e.message.startsWith('JSON-Patch:'))
      throw new PatchError(
        'json patch may not address __proto__ or constructor/prototype',
      );
    throw e;
  }
}
