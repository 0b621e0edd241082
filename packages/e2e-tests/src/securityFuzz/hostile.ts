// Test-only code: the fuzz test and bench/fuzz.ts import this folder, nothing ships it.
// eslint-disable-next-line @backstage/no-undeclared-imports
import fc from 'fast-check';

/*
 * Hostile values and mutations of valid bodies. The fuzz starts from bodies the routes accept
 * (so most mutations reach the code behind validation) and breaks one place at a time.
 */

/** A JSON object with an own `__proto__` key, as JSON.parse makes it (an assignment would not). */
export const protoKey = (inner: unknown = { polluted: true }) =>
  JSON.parse(
    `{"__proto__": ${JSON.stringify(
      inner,
    )}, "constructor": {"prototype": {"polluted": true}}}`,
  );

/** Nested `depth` levels deep, built without recursion so that the generator itself cannot overflow. */
export function deep(depth: number, array: boolean): unknown {
  let value: unknown = 'bottom';
  for (let i = 0; i < depth; i++) value = array ? [value] : { a: value };
  return value;
}

export const hugeString = fc.oneof(
  // The quadratic environment normaliser's input (issue 14): one dot run between two letters.
  fc.integer({ min: 1_000, max: 200_000 }).map(n => `a${'.'.repeat(n)}a`),
  fc.integer({ min: 1_000, max: 300_000 }).map(n => 'x'.repeat(n)),
  fc.integer({ min: 100, max: 20_000 }).map(n => '-_.'.repeat(n)),
  fc.integer({ min: 100, max: 10_000 }).map(n => 'é𝄞\u0000'.repeat(n)),
);

export const hostileString = fc.oneof(
  fc.string(),
  fc.string({ unit: 'grapheme' }),
  fc.string({ unit: 'binary' }),
  fc.constantFrom(
    '',
    ' ',
    '\u0000',
    '\ud800', // a lone surrogate: not encodable as UTF-8
    '__proto__',
    'constructor',
    'component:default/payment-service',
    'Component:Default/Payment-Service',
    'component:',
    ':/',
    'a:b:c/d/e',
    'user:default/olivia.brooks',
    '../../../../etc/passwd',
    'http://169.254.169.254/latest/meta-data',
    "'; DROP TABLE dora_deployments; --",
    '%00',
    'NaN',
    '2024-02-30T00:00:00Z',
    '+275760-09-13T00:00:00.000Z',
    '-271821-04-20T00:00:00.000Z',
    '0000-00-00T00:00:00Z',
    '2024-05-02T10:15:00+99:99',
    '9999999999999999999999',
    'production',
    'PRODUCTION..',
    '9049f1265b7d61be4a8904a9a27120d2064dab3b',
  ),
);

export const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: hostileString },
  { weight: 1, arbitrary: hugeString },
  {
    weight: 2,
    arbitrary: fc.constantFrom<unknown>(
      null,
      true,
      false,
      0,
      -1,
      1.5,
      1e308,
      -1e308,
      Number.MAX_SAFE_INTEGER + 2,
      [],
      {},
      [null],
      [[]],
      { length: 1e9 },
      { toString: 'x', valueOf: 'y' },
    ),
  },
  { weight: 1, arbitrary: fc.constant(null).map(() => protoKey()) },
  {
    weight: 1,
    arbitrary: fc
      .tuple(fc.integer({ min: 50, max: 1_000 }), fc.boolean())
      .map(([d, a]) => deep(d, a)),
  },
  {
    weight: 1,
    arbitrary: fc
      .integer({ min: 100, max: 20_000 })
      .map(n => Array.from({ length: n }, (_, i) => `x${i}`)),
  },
  { weight: 2, arbitrary: fc.jsonValue({ maxDepth: 4 }) },
);

type Path = (string | number)[];

/** Every path in a JSON value (containers and leaves), root first. */
function paths(value: unknown, prefix: Path = [], out: Path[] = []): Path[] {
  out.push(prefix);
  if (Array.isArray(value)) {
    value.forEach((v, i) => paths(v, [...prefix, i], out));
  } else if (value && typeof value === 'object') {
    for (const k of Object.keys(value)) {
      paths((value as Record<string, unknown>)[k], [...prefix, k], out);
    }
  }
  return out;
}

export interface Mutation {
  at: number;
  op: 'replace' | 'delete' | 'addKey' | 'duplicate' | 'protoKey';
  value: unknown;
  key: string;
}

export const mutation: fc.Arbitrary<Mutation> = fc.record({
  at: fc.nat(),
  op: fc.constantFrom<Mutation['op']>(
    'replace',
    'replace',
    'replace',
    'delete',
    'addKey',
    'duplicate',
    'protoKey',
  ),
  value: hostileValue,
  key: fc.oneof(
    fc.constantFrom('__proto__', 'constructor', 'prototype', 'id', ''),
    fc.string({ maxLength: 12 }),
  ),
});

/** Applies one mutation to a copy of `base`, at one of its paths. */
export function mutate(base: unknown, m: Mutation): unknown {
  const root = { v: structuredClone(base) } as Record<string, unknown>;
  const all = paths(root.v);
  const path: Path = ['v', ...all[m.at % all.length]];
  const key = path[path.length - 1];
  let parent: any = root;
  for (const p of path.slice(0, -1)) parent = parent[p];
  const target = parent[key];
  switch (m.op) {
    case 'replace':
      parent[key] = m.value;
      break;
    case 'delete':
      if (Array.isArray(parent)) parent.splice(key as number, 1);
      else delete parent[key];
      break;
    case 'addKey':
      if (target && typeof target === 'object' && !Array.isArray(target)) {
        Object.defineProperty(target, m.key, {
          value: m.value,
          enumerable: true,
          writable: true,
          configurable: true,
        });
      } else parent[key] = m.value;
      break;
    case 'duplicate':
      if (Array.isArray(target)) {
        parent[key] = Array.from({ length: 50 }, () => target[0] ?? m.value);
      } else parent[key] = [target, target];
      break;
    case 'protoKey':
      parent[key] = protoKey(target);
      break;
    default:
  }
  return root.v;
}

/** Byte-level damage to an encoded body: invalid UTF-8, truncation, stray bytes. */
export const byteDamage = fc.record({
  kind: fc.constantFrom(
    'invalidUtf8',
    'truncate',
    'lonePrefix',
    'bom',
    'nul',
    'garbage',
  ),
  at: fc.nat(),
  bytes: fc.uint8Array({ minLength: 1, maxLength: 64 }),
});

export function damage(
  body: Buffer,
  d: { kind: string; at: number; bytes: Uint8Array },
): Buffer {
  const at = body.length ? d.at % body.length : 0;
  switch (d.kind) {
    case 'invalidUtf8':
      // 0xC3 0x28 is an invalid two-byte sequence; 0xFF never occurs in UTF-8.
      return Buffer.concat([
        body.subarray(0, at),
        Buffer.from([0xc3, 0x28, 0xff, 0xfe, 0xed, 0xa0, 0x80]),
        body.subarray(at),
      ]);
    case 'truncate':
      return body.subarray(0, at);
    case 'lonePrefix':
      return Buffer.concat([body.subarray(0, at), Buffer.from([0xe2, 0x82])]);
    case 'bom':
      return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), body]);
    case 'nul':
      return Buffer.concat([body, Buffer.alloc(16)]);
    default:
      return Buffer.from(d.bytes);
  }
}

export const wrongContentType = fc.constantFrom(
  undefined,
  'text/plain',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=x',
  'application/xml',
  'application/json; charset=utf-16',
  'application/json; charset=latin1',
  'application/octet-stream',
  'application/cloudevents+json',
  'application/cloudevents-batch+json',
  'application/json',
  'APPLICATION/JSON',
  '*/*',
  ';;;',
);
