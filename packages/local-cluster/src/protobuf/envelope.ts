/**
 * The Kubernetes protobuf envelope: the 4-byte magic "k8s\0" followed by a
 * runtime.Unknown whose typeMeta names the object and whose raw bytes are
 * the object's own message.
 */
import { mustLookupType } from './schema';

export const PROTOBUF_MAGIC = Buffer.from([0x6b, 0x38, 0x73, 0x00]);

export interface Envelope {
  apiVersion: string;
  kind: string;
  raw: Uint8Array;
  contentEncoding: string;
  contentType: string;
}

const unknownType = () =>
  mustLookupType('k8s.io.apimachinery.pkg.runtime.Unknown');

export function hasMagic(buf: Uint8Array): boolean {
  return (
    buf.length >= PROTOBUF_MAGIC.length &&
    PROTOBUF_MAGIC.every((b, i) => buf[i] === b)
  );
}

/** Splits a protobuf body into its type and raw message; throws on a malformed one. */
export function decodeEnvelope(buf: Uint8Array): Envelope {
  if (!hasMagic(buf))
    throw new Error('provided data does not have the protobuf "k8s\\0" prefix');
  const msg: any = unknownType().decode(buf.subarray(PROTOBUF_MAGIC.length));
  return {
    apiVersion: msg.typeMeta?.apiVersion ?? '',
    kind: msg.typeMeta?.kind ?? '',
    raw: msg.raw ?? new Uint8Array(),
    contentEncoding: msg.contentEncoding ?? '',
    contentType: msg.contentType ?? '',
  };
}

export function encodeEnvelope(
  apiVersion: string,
  kind: string,
  raw: Uint8Array,
): Buffer {
  const type = unknownType();
  const msg = type.fromObject({
    typeMeta: { apiVersion, kind },
    raw,
    contentEncoding: '',
    contentType: '',
  });
  return Buffer.concat([PROTOBUF_MAGIC, type.encode(msg).finish()]);
}
