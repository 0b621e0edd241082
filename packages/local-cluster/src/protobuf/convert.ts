/**
 * Generic conversion between decoded protobuf messages and the Kubernetes
 * JSON form, driven by protobufjs reflection over the vendored .proto files
 * and the Go struct facts in go-fields.json. The aim is the JSON a Go client
 * would have sent for the same object, so the rest of the server cannot tell
 * a protobuf request from a JSON one.
 */
import { Field, Type } from 'protobufjs';
import { goField, goFieldCodes, typeName } from './schema';
import { SPECIAL_TYPES, toNumber } from './special';

type Json = Record<string, unknown>;

const hasOwn = (o: object, k: string) =>
  Object.prototype.hasOwnProperty.call(o, k);

function isZero(v: unknown): boolean {
  return v === undefined || v === '' || v === 0 || v === false;
}

function isLongField(field: Field): boolean {
  return ['int64', 'uint64', 'sint64', 'fixed64', 'sfixed64'].includes(
    field.type,
  );
}

/** One decoded value (not a list or map) of a field, as JSON. */
function valueToJson(field: Field, v: unknown): unknown {
  if (field.resolvedType instanceof Type)
    return messageToJson(field.resolvedType, v);
  if (field.type === 'bytes')
    return Buffer.from(v as Uint8Array).toString('base64');
  if (isLongField(field)) return toNumber(v);
  return v;
}

/** A decoded protobufjs message as the JSON Go's encoding/json would write. */
export function messageToJson(type: Type, msg: any): unknown {
  const special = SPECIAL_TYPES[typeName(type)];
  if (special) return special.toJson(msg);
  const codes = goFieldCodes(type);
  const out: Json = {};
  for (const field of type.fieldsArray) {
    if (!hasOwn(msg, field.name)) continue;
    const raw = msg[field.name];
    const { jsonName, inline, keepZero } = goField(codes, field.name);
    let value: unknown;
    if (field.map) {
      const entries = Object.entries(raw as Json);
      if (!entries.length) continue;
      value = Object.fromEntries(
        entries.map(([k, v]) => [k, valueToJson(field, v) ?? null]),
      );
    } else if (field.repeated) {
      const items = raw as unknown[];
      if (!items.length) continue;
      value = items.map(v => valueToJson(field, v) ?? null);
    } else {
      value = valueToJson(field, raw);
      // Non-pointer scalars are always on the wire; Go drops their zero
      // from JSON when the field is omitempty, and so do we.
      if (value === undefined || (isZero(value) && !keepZero)) continue;
    }
    if (inline && value && typeof value === 'object') Object.assign(out, value);
    else out[jsonName] = value;
  }
  return out;
}

function valueFromJson(field: Field, v: unknown, path: string): unknown {
  if (field.resolvedType instanceof Type)
    return messageFromJson(field.resolvedType, v, path);
  // protobufjs' fromObject takes base64 strings for bytes and numbers or
  // numeric strings for 64-bit ints, which is what Kubernetes JSON has.
  return v;
}

/**
 * A Kubernetes JSON object as a plain object for protobufjs' fromObject.
 * Fields unknown to the proto (apiVersion, kind: they travel in the
 * envelope) are dropped.
 */
export function messageFromJson(type: Type, json: unknown, path = ''): Json {
  const special = SPECIAL_TYPES[typeName(type)];
  if (special) {
    try {
      return special.fromJson(json);
    } catch (e) {
      throw new Error(`${path || typeName(type)}: ${(e as Error).message}`);
    }
  }
  if (!json || typeof json !== 'object' || Array.isArray(json))
    throw new Error(`${path || typeName(type)}: expected an object`);
  const src = json as Json;
  const codes = goFieldCodes(type);
  const out: Json = {};
  for (const field of type.fieldsArray) {
    const { jsonName, inline } = goField(codes, field.name);
    if (inline && field.resolvedType instanceof Type) {
      out[field.name] = messageFromJson(field.resolvedType, src, path);
      continue;
    }
    const v = src[jsonName];
    if (v === undefined || v === null) continue;
    const at = path ? `${path}.${jsonName}` : jsonName;
    if (field.map) {
      out[field.name] = Object.fromEntries(
        Object.entries(v as Json)
          .filter(([, item]) => item !== null)
          .map(([k, item]) => [k, valueFromJson(field, item, `${at}.${k}`)]),
      );
    } else if (field.repeated) {
      if (!Array.isArray(v)) throw new Error(`${at}: expected a list`);
      out[field.name] = v.map((item, i) =>
        valueFromJson(field, item, `${at}[${i}]`),
      );
    } else {
      out[field.name] = valueFromJson(field, v, at);
    }
  }
  return out;
}
