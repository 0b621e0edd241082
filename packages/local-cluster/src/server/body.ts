/** Request body decoding: JSON or YAML documents, and patch content types. */
import { parse as parseYaml } from 'yaml';
import {
  ProtobufError,
  decodeProtobufObject,
  isProtobufMediaType,
} from '../protobuf';
import { ApiError, errors } from './errors';

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
    if (ct.includes('yaml')) return parseYaml(text, { merge: true });
    return JSON.parse(text);
  } catch (e) {
    if (!ct.includes('json')) {
      try {
        return parseYaml(text, { merge: true });
      } catch {
        // fall through to the JSON error, which is the more common case
      }
    }
    throw errors.badRequest(
      `error decoding request body: ${(e as Error).message.split('\n')[0]}`,
    );
  }
}

/**
 * A raw request body as text for `parseBody`. Protobuf bodies (client-go's
 * typed clients, so kubectl's `create` subcommands, send built-in types that
 * way) are decoded here to the JSON the same client would have sent, so every
 * handler downstream sees JSON whatever the wire format was.
 */
export function decodeRequestBody(
  body: Buffer,
  contentType: string | undefined,
): string {
  if (!isProtobufMediaType(contentType) || body.length === 0)
    return body.toString('utf8');
  try {
    return JSON.stringify(decodeProtobufObject(body));
  } catch (e) {
    if (e instanceof ProtobufError && e.reason === 'unsupported') {
      // The message a real API server gives for a type without a protobuf
      // codec (custom resources), plus which type it was.
      throw new ApiError({
        ...errors.unsupportedMediaType(contentType ?? '').status,
        message: `the body of the request was in an unknown format - accepted media types include: application/json, application/yaml (${e.message})`,
      });
    }
    throw errors.badRequest(
      `error decoding request body: ${(e as Error).message}`,
    );
  }
}
