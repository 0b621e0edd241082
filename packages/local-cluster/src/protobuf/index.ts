/**
 * Protobuf for the built-in types: decode request bodies to the JSON the
 * rest of the server works with, encode JSON responses for clients that
 * asked for protobuf.
 */
import { messageFromJson, messageToJson } from './convert';
import { decodeEnvelope, encodeEnvelope } from './envelope';
import { messageTypeFor } from './registry';

export { registeredKinds } from './registry';
export { PROTOBUF_MAGIC, hasMagic } from './envelope';

export const PROTOBUF_CONTENT_TYPE = 'application/vnd.kubernetes.protobuf';

export function isProtobufMediaType(contentType: string | undefined): boolean {
  return (
    (contentType ?? '').split(';')[0].trim().toLowerCase() ===
    PROTOBUF_CONTENT_TYPE
  );
}

/** Why a protobuf body could not be decoded: a type we have no codec for, or bad bytes. */
export class ProtobufError extends Error {
  constructor(readonly reason: 'unsupported' | 'malformed', message: string) {
    super(message);
  }
}

/** A protobuf request body as the Kubernetes JSON object, apiVersion and kind included. */
export function decodeProtobufObject(
  body: Uint8Array,
): Record<string, unknown> {
  let env;
  try {
    env = decodeEnvelope(body);
  } catch (e) {
    throw new ProtobufError('malformed', (e as Error).message);
  }
  if (
    env.contentEncoding ||
    (env.contentType && env.contentType !== PROTOBUF_CONTENT_TYPE)
  )
    throw new ProtobufError(
      'unsupported',
      `unsupported protobuf payload encoding ${
        env.contentEncoding || env.contentType
      }`,
    );
  const type = messageTypeFor(env.apiVersion, env.kind);
  if (!type)
    throw new ProtobufError(
      'unsupported',
      `no protobuf codec for ${env.kind || '<no kind>'} in ${
        env.apiVersion || '<no apiVersion>'
      }`,
    );
  let msg;
  try {
    msg = type.decode(env.raw);
  } catch (e) {
    throw new ProtobufError(
      'malformed',
      `${env.kind}: ${(e as Error).message}`,
    );
  }
  return {
    kind: env.kind,
    apiVersion: env.apiVersion,
    ...(messageToJson(type, msg) as Record<string, unknown>),
  };
}

/** Whether `encodeProtobufObject` can encode this JSON object. */
export function canEncodeProtobuf(obj: unknown): boolean {
  if (!obj || typeof obj !== 'object') return false;
  const { apiVersion, kind } = obj as { apiVersion?: unknown; kind?: unknown };
  return (
    typeof apiVersion === 'string' &&
    typeof kind === 'string' &&
    !!messageTypeFor(apiVersion, kind)
  );
}

/** A JSON object of a registered kind as a protobuf body (envelope included). */
export function encodeProtobufObject(obj: Record<string, unknown>): Buffer {
  const apiVersion = String(obj.apiVersion ?? '');
  const kind = String(obj.kind ?? '');
  const type = messageTypeFor(apiVersion, kind);
  if (!type)
    throw new ProtobufError(
      'unsupported',
      `no protobuf codec for ${kind} in ${apiVersion}`,
    );
  let plain;
  try {
    plain = messageFromJson(type, obj);
  } catch (e) {
    throw new ProtobufError('malformed', (e as Error).message);
  }
  // fromObject coerces silently ("two" → 0); a wrong shape must not be sent.
  const invalid = type.verify(plain);
  if (invalid) throw new ProtobufError('malformed', `${kind}: ${invalid}`);
  const msg = type.fromObject(plain);
  return encodeEnvelope(apiVersion, kind, type.encode(msg).finish());
}
