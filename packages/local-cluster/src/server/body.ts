/** Request body decoding: JSON or YAML documents, and patch content types. */
import yaml from 'js-yaml';
import { errors } from './errors';

export type PatchType = 'json' | 'merge' | 'strategic' | 'apply';

export function patchTypeFromContentType(contentType: string): PatchType {
  const ct = contentType.split(';')[0].trim().toLowerCase();
  switch (ct) {
    case 'application/json-patch+json':
      return 'json';
    case 'application/merge-patch+json':
      return 'merge';
    case 'application/strategic-merge-patch+json':
      return 'strategic';
    case 'application/apply-patch+yaml':
    case 'application/apply-patch+cbor':
      return 'apply';
    default:
      throw errors.unsupportedMediaType(contentType);
  }
}

/** Parses a request body as JSON, falling back to YAML (kubectl sends JSON, humans send YAML). */
export function parseBody(text: string, contentType: string): unknown {
  if (!text.trim()) throw errors.badRequest('the request body is empty');
  const ct = contentType.toLowerCase();
  try {
    if (ct.includes('yaml')) return yaml.load(text);
    return JSON.parse(text);
  } catch (e) {
    if (!ct.includes('json')) {
      try {
        return yaml.load(text);
      } catch {
        // fall through to the JSON error, which is the more common case
      }
    }
    throw errors.badRequest(
      `error decoding request body: ${(e as Error).message.split('\n')[0]}`,
    );
  }
}
