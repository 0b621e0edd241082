/** RFC 7386 JSON merge patch: objects merge, null deletes, everything else replaces. */
import { isPlainObject } from '../store/util';

export function applyMergePatch(target: unknown, patch: unknown): unknown {
  if (!isPlainObject(patch)) return structuredClone(patch);
  const result: Record<string, unknown> = isPlainObject(target)
    ? structuredClone(target)
    : {};
  for (const [k, v] of Object.entries(patch)) {
    if (v === null) delete result[k];
    else result[k] = applyMergePatch(result[k], v);
  }
  return result;
}
