/**
 * Messages whose JSON form is not an object of their fields: Kubernetes
 * gives them custom Go JSON marshalling, so the wire message and the JSON
 * value differ in shape. Each entry converts a decoded protobufjs message to
 * the JSON value Go would write (undefined: Go's zero, which we omit) and a
 * JSON value back to a plain object protobufjs' fromObject accepts.
 */
import { formatGoDuration, parseGoDuration } from './duration';

const META = 'k8s.io.apimachinery.pkg.apis.meta.v1';

export interface SpecialType {
  toJson(msg: any): unknown;
  fromJson(value: unknown): Record<string, unknown>;
}

/** int64 fields decode to Long objects when the `long` package is present. */
export function toNumber(v: unknown): number {
  if (typeof v === 'number') return v;
  if (v && typeof (v as { toNumber?: unknown }).toNumber === 'function')
    return (v as { toNumber(): number }).toNumber();
  return Number(v ?? 0);
}

function bytesToJson(raw: Uint8Array | undefined): unknown {
  if (!raw || raw.length === 0) return undefined;
  return JSON.parse(Buffer.from(raw).toString('utf8'));
}

function jsonToBytes(value: unknown): Buffer {
  return Buffer.from(JSON.stringify(value), 'utf8');
}

function parseTime(value: unknown, field: string) {
  const text = String(value);
  const ms = Date.parse(text);
  if (Number.isNaN(ms)) throw new Error(`${field}: invalid time ${text}`);
  const frac = /\.(\d+)/.exec(text)?.[1] ?? '';
  const nanos = Number(frac.padEnd(9, '0').slice(0, 9));
  return { seconds: Math.floor(ms / 1000), nanos };
}

function isoSeconds(seconds: number): string {
  return new Date(seconds * 1000).toISOString().replace(/\.\d{3}Z$/, '');
}

/** An array-typed Go value (`type Verbs []string`) sent as `{items}`. */
export const stringList: SpecialType = {
  toJson: msg => (msg.items ?? []).map(String),
  fromJson: value => ({ items: Array.isArray(value) ? value.map(String) : [] }),
};

const rawJson: (field: string) => SpecialType = field => ({
  toJson: msg => bytesToJson(msg[field]),
  fromJson: value => ({ [field]: jsonToBytes(value) }),
});

export const SPECIAL_TYPES: Record<string, SpecialType> = {
  // metav1.Time: RFC 3339 in UTC, whole seconds; the zero time is null.
  [`${META}.Time`]: {
    toJson: msg => {
      const s = toNumber(msg.seconds);
      const n = toNumber(msg.nanos);
      return s === 0 && n === 0 ? undefined : `${isoSeconds(s)}Z`;
    },
    fromJson: value => ({ ...parseTime(value, 'time'), nanos: 0 }),
  },
  // metav1.MicroTime: RFC 3339 with exactly six fractional digits.
  [`${META}.MicroTime`]: {
    toJson: msg => {
      const s = toNumber(msg.seconds);
      const n = toNumber(msg.nanos);
      if (s === 0 && n === 0) return undefined;
      const micros = String(Math.floor(n / 1000)).padStart(6, '0');
      return `${isoSeconds(s)}.${micros}Z`;
    },
    fromJson: value => parseTime(value, 'microtime'),
  },
  // metav1.Duration: Go's time.Duration string ("1h0m0s").
  [`${META}.Duration`]: {
    toJson: msg => formatGoDuration(toNumber(msg.duration)),
    fromJson: value => ({ duration: parseGoDuration(String(value)) }),
  },
  [`${META}.FieldsV1`]: rawJson('Raw'),
  'k8s.io.apimachinery.pkg.runtime.RawExtension': rawJson('raw'),
  'k8s.io.apimachinery.pkg.api.resource.Quantity': {
    toJson: msg => (msg.string ? String(msg.string) : undefined),
    fromJson: value => ({ string: String(value) }),
  },
  // IntOrString: type 0 is an int, type 1 a string.
  'k8s.io.apimachinery.pkg.util.intstr.IntOrString': {
    toJson: msg => {
      if (toNumber(msg.type) === 1) return String(msg.strVal ?? '');
      return toNumber(msg.intVal);
    },
    fromJson: value =>
      typeof value === 'number'
        ? { type: 0, intVal: value }
        : { type: 1, strVal: String(value) },
  },
};
