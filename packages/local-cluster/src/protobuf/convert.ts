/**
 * Generic conversion between decoded protobuf messages and the Kubernetes
 * JSON form, driven by protobufjs reflection over the vendored .proto files
 * and the Go struct facts in go-fields.json. The aim is the JSON a Go client
 * would have sent for the same object, so the rest of the server cannot tell
 * a protobuf request from a JSON one.
 */
import { Field, Type } from 'protobufjs';
import { goField, goFieldCodes, isStringList, typeName } from './schema';
import { SPECIAL_TYPES, SpecialType, stringList, toNumber } from './special';

type Json = Record<string, unknown>;

/** What converting one field needs, worked out once per message type. */
interface FieldPlan {
  field: Field;
  name: string;
  jsonName: string;
  inline: boolean;
  keepZero: boolean;
  subType?: Type;
  bytes: boolean;
  long: boolean;
}

interface TypePlan {
  special?: SpecialType;
  fields: FieldPlan[];
}

const LONG_TYPES = ['int64', 'uint64', 'sint64', 'fixed64', 'sfixed64'];
const plans = new WeakMap<Type, TypePlan>();

function planFor(type: Type): TypePlan {
  let plan = plans.get(type);
  if (plan) return plan;
  const codes = goFieldCodes(type);
  plan = {
    special:
      SPECIAL_TYPES[typeName(type)] ??
      (isStringList(type) ? stringList : undefined),
    fields: type.fieldsArray.map(field => {
      field.resolve();
      return {
        field,
        name: field.name,
        ...goField(codes, field.name),
        subType:
          field.resolvedType instanceof Type ? field.resolvedType : undefined,
        bytes: field.type === 'bytes',
        long: LONG_TYPES.includes(field.type),
      };
    }),
  };
  plans.set(type, plan);
  return plan;
}

const hasOwn = (o: object, k: string) =>
  Object.prototype.hasOwnProperty.call(o, k);

function isZero(v: unknown): boolean {
  return v === undefined || v === '' || v === 0 || v === false;
}

/** One decoded value (not a list or map) of a field, as JSON. */
function valueToJson(f: FieldPlan, v: unknown): unknown {
  if (f.subType) return messageToJson(f.subType, v);
  if (f.bytes) return Buffer.from(v as Uint8Array).toString('base64');
  if (f.long) return toNumber(v);
  return v;
}

/** A decoded protobufjs message as the JSON Go's encoding/json would write. */
export function messageToJson(type: Type, msg: any): unknown {
  const plan = planFor(type);
  if (plan.special) return plan.special.toJson(msg);
  const out: Json = {};
  for (const f of plan.fields) {
    if (!hasOwn(msg, f.name)) continue;
    const raw = msg[f.name];
    let value: unknown;
    if (f.field.map) {
      const entries = Object.entries(raw as Json);
      if (!entries.length) continue;
      value = Object.fromEntries(
        entries.map(([k, v]) => [k, valueToJson(f, v) ?? null]),
      );
    } else if (f.field.repeated) {
      const items = raw as unknown[];
      if (!items.length) continue;
      value = items.map(v => valueToJson(f, v) ?? null);
    } else {
      value = valueToJson(f, raw);
      // Non-pointer scalars are always on the wire; Go drops their zero
      // from JSON when the field is omitempty, and so do we.
      if (value === undefined || (isZero(value) && !f.keepZero)) continue;
    }
    if (f.inline && value && typeof value === 'object')
      Object.assign(out, value);
    else out[f.jsonName] = value;
  }
  return out;
}

function valueFromJson(f: FieldPlan, v: unknown, path: string): unknown {
  if (f.subType) return messageFromJson(f.subType, v, path);
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
  const plan = planFor(type);
  if (plan.special) {
    try {
      return plan.special.fromJson(json);
    } catch (e) {
      throw new Error(`${path || typeName(type)}: ${(e as Error).message}`);
    }
  }
  if (!json || typeof json !== 'object' || Array.isArray(json))
    throw new Error(`${path || typeName(type)}: expected an object`);
  const src = json as Json;
  const out: Json = {};
  for (const f of plan.fields) {
    if (f.inline && f.subType) {
      out[f.name] = messageFromJson(f.subType, src, path);
      continue;
    }
    const v = src[f.jsonName];
    if (v === undefined || v === null) continue;
    const at = path ? `${path}.${f.jsonName}` : f.jsonName;
    if (f.field.map) {
      out[f.name] = Object.fromEntries(
        Object.entries(v as Json)
          .filter(([, item]) => item !== null)
          .map(([k, item]) => [k, valueFromJson(f, item, `${at}.${k}`)]),
      );
    } else if (f.field.repeated) {
      if (!Array.isArray(v)) throw new Error(`${at}: expected a list`);
      out[f.name] = v.map((item, i) => valueFromJson(f, item, `${at}[${i}]`));
    } else {
      out[f.name] = valueFromJson(f, v, at);
    }
  }
  return out;
}
