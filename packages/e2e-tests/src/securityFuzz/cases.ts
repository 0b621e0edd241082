import crypto from 'node:crypto';
// Test-only code: the fuzz test and bench/fuzz.ts import this folder, nothing ships it.
// eslint-disable-next-line @backstage/no-undeclared-imports
import fc from 'fast-check';
// eslint-disable-next-line @backstage/no-undeclared-imports
import { stringify } from 'yaml';
import {
  CD_KINDS,
  ENTITY,
  GITHUB,
  PLAIN_SPEC,
  SLOTH_SPEC,
  cdEvent,
  eventsBatch,
} from './baseBodies';
import {
  byteDamage,
  damage,
  hostileString,
  hugeString,
  mutate,
  mutation,
  wrongContentType,
} from './hostile';

/** One request of the fuzz. Bodies are bytes, so that invalid UTF-8 reaches the server as sent. */
export interface FuzzCase {
  route: string;
  method: 'GET' | 'POST';
  path: string;
  headers: Record<string, string>;
  body?: Buffer;
  /** Which principal's token to send: the portal user (an admin) or the CI token. */
  auth: 'user' | 'ci' | 'none';
}

export const ROUTES = [
  'POST /api/dora/events',
  'POST /api/dora/cdevents',
  'POST /api/dora/webhooks/github',
  'GET /api/slo/gate',
  'POST /api/slo/validate',
] as const;

/** YAML that attacks the parser rather than the schema. */
const hostileYaml = fc.oneof(
  fc.constantFrom(
    // Billion laughs.
    `a: &a ["x","x","x","x","x","x","x","x","x"]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\ne: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]\nf: [*e,*e,*e,*e,*e,*e,*e,*e,*e]\n`,
    'a: &a [*a]\n',
    'service: !!js/function "function(){ return process.exit(1) }"\nslos: []\n',
    '__proto__: {polluted: true}\nservice: x\nslos: []\n',
    'service: x\nslos:\n  - <<: {__proto__: {polluted: true}}\n    name: a\n',
    'service: x\nservice: y\nslos: []\n',
    '%YAML 9.9\n---\nfoo\n',
    '---\n---\n---\n'.repeat(5000),
    '\t\t- :\n: -',
    `service: x\nslos:\n  - name: a\n    indicator: {type: availability, good_events: "${'sum('.repeat(
      5000,
    )}", total_events: up}\n    objective: 99\n`,
  ),
  fc
    .integer({ min: 100, max: 5_000 })
    .map(n => `${'['.repeat(n)}${']'.repeat(n)}`),
  fc.integer({ min: 100, max: 3_000 }).map(n => `${'- '.repeat(n)}x`),
  fc.string({ unit: 'binary', maxLength: 2_000 }),
  hugeString.map(s => `service: ${s}\nslos: []\n`),
);

/** Spec text: the valid spec mutated as an object, then written as YAML (or JSON). */
const specContent = fc.oneof(
  { weight: 2, arbitrary: fc.constant(stringify(PLAIN_SPEC)) },
  { weight: 1, arbitrary: fc.constant(SLOTH_SPEC) },
  {
    weight: 5,
    arbitrary: mutation.map(m => {
      const v = mutate(PLAIN_SPEC, m);
      try {
        return stringify(v, { aliasDuplicateObjects: false });
      } catch {
        return encodeJson(v).toString('utf8');
      }
    }),
  },
  { weight: 3, arbitrary: hostileYaml },
);

/** JSON text of a value; a deletion at the root leaves `null`, nesting too deep to encode is cut. */
function encodeJson(value: unknown): Buffer {
  try {
    return Buffer.from(JSON.stringify(value) ?? 'null');
  } catch {
    return Buffer.from('{"too deep":');
  }
}

/** A JSON body: a valid one, one mutation of it, or bytes damaged after encoding. */
function jsonBody(base: fc.Arbitrary<unknown>) {
  return fc
    .tuple(
      base,
      fc.option(mutation, { freq: 4, nil: undefined }),
      fc.option(byteDamage, { freq: 8, nil: undefined }),
    )
    .map(([b, m, d]) => {
      const value = m ? mutate(b, m) : b;
      const bytes = encodeJson(value);
      return d ? damage(bytes, d) : bytes;
    });
}

const contentType = (valid: string) =>
  fc.oneof(
    { weight: 6, arbitrary: fc.constant(valid) },
    { weight: 1, arbitrary: wrongContentType },
  );

const auth = fc.constantFrom<FuzzCase['auth']>('user', 'user', 'ci');

const withType = (h: Record<string, string>, type: string | undefined) =>
  type === undefined ? h : { ...h, 'content-type': type };

const events: fc.Arbitrary<FuzzCase> = fc
  .tuple(
    jsonBody(fc.uuid().map(eventsBatch)),
    contentType('application/json'),
    auth,
  )
  .map(([body, type, a]) => ({
    route: 'POST /api/dora/events',
    method: 'POST',
    path: '/api/dora/events',
    headers: withType({}, type),
    body,
    auth: a,
  }));

const cdEventBase = fc
  .tuple(fc.uuid(), fc.constantFrom(...CD_KINDS))
  .map(([id, kind]) => cdEvent(id, kind));

const cdevents: fc.Arbitrary<FuzzCase> = fc.oneof(
  // Structured mode.
  fc
    .tuple(
      jsonBody(cdEventBase),
      contentType('application/cloudevents+json'),
      auth,
    )
    .map(([body, type, a]) => ({
      route: 'POST /api/dora/cdevents',
      method: 'POST' as const,
      path: '/api/dora/cdevents',
      headers: withType({}, type),
      body,
      auth: a,
    })),
  // Batched mode.
  fc
    .tuple(
      jsonBody(fc.array(cdEventBase, { minLength: 1, maxLength: 5 })),
      contentType('application/cloudevents-batch+json'),
      auth,
    )
    .map(([body, type, a]) => ({
      route: 'POST /api/dora/cdevents',
      method: 'POST' as const,
      path: '/api/dora/cdevents',
      headers: withType({}, type),
      body,
      auth: a,
    })),
  // Binary mode: the context in ce-* headers, the CDEvent's data as the body.
  fc
    .tuple(
      cdEventBase,
      fc.option(mutation, { freq: 3, nil: undefined }),
      fc.dictionary(
        fc.constantFrom(
          'ce-id',
          'ce-source',
          'ce-type',
          'ce-specversion',
          'ce-time',
        ),
        fc.oneof(
          hostileString,
          fc.constantFrom('1.0', 'dev.cdevents.service.deployed.0.2.0'),
        ),
      ),
      contentType('application/json'),
      auth,
    )
    .map(([e, m, overrides, type, a]) => {
      const headers: Record<string, string> = {
        'ce-id': e.id,
        'ce-source': e.source,
        'ce-type': e.type,
        'ce-specversion': e.specversion,
        'ce-time': e.time,
      };
      for (const [k, v] of Object.entries(overrides)) {
        // Header values must be Latin-1 without control characters, or fetch refuses to send.
        if (/^[\x20-\x7e]{0,4000}$/.test(v)) headers[k] = v;
      }
      return {
        route: 'POST /api/dora/cdevents',
        method: 'POST' as const,
        path: '/api/dora/cdevents',
        headers: withType(headers, type),
        body: encodeJson(m ? mutate(e.data, m) : e.data),
        auth: a,
      };
    }),
);

const signatureMode = fc.constantFrom(
  'signed',
  'signed',
  'signed',
  'unsigned',
  'forged',
  'signedOriginal',
  'malformed',
  'sha1',
);

export function webhookCases(secret: string): fc.Arbitrary<FuzzCase> {
  const hmac = (b: Buffer) =>
    `sha256=${crypto.createHmac('sha256', secret).update(b).digest('hex')}`;
  return fc
    .tuple(
      fc.constantFrom(...GITHUB),
      fc.option(mutation, { freq: 3, nil: undefined }),
      fc.option(byteDamage, { freq: 8, nil: undefined }),
      signatureMode,
      fc.oneof(
        { weight: 8, arbitrary: fc.constant(undefined) },
        {
          weight: 1,
          arbitrary: fc.constantFrom(
            'push',
            'ping',
            '',
            'x'.repeat(300),
            '__proto__',
          ),
        },
      ),
      fc.oneof(
        fc.uuid(),
        fc.constantFrom('same-delivery', '', 'x'.repeat(2_000)),
      ),
      contentType('application/json'),
    )
    .map(([example, m, d, mode, eventOverride, delivery, type]) => {
      const original = Buffer.from(JSON.stringify(example.payload));
      let body = encodeJson(m ? mutate(example.payload, m) : example.payload);
      if (d) body = damage(body, d);
      const headers: Record<string, string> = {
        'x-github-event': eventOverride ?? example.event,
        'x-github-delivery': delivery,
      };
      if (mode === 'signed') headers['x-hub-signature-256'] = hmac(body);
      if (mode === 'forged') {
        headers['x-hub-signature-256'] = `sha256=${crypto
          .randomBytes(32)
          .toString('hex')}`;
      }
      if (mode === 'signedOriginal')
        headers['x-hub-signature-256'] = hmac(original);
      if (mode === 'malformed') headers['x-hub-signature-256'] = 'sha256=zz';
      if (mode === 'sha1') headers['x-hub-signature'] = 'sha1=0000';
      return {
        route: 'POST /api/dora/webhooks/github',
        method: 'POST' as const,
        path: '/api/dora/webhooks/github',
        headers: withType(headers, type),
        body,
        auth: 'none' as const,
      };
    });
}

function encode(s: string): string {
  try {
    return encodeURIComponent(s);
  } catch {
    return '%ED%A0%80'; // the lone surrogate's bytes, percent-encoded: invalid UTF-8
  }
}

const gate: fc.Arbitrary<FuzzCase> = fc
  .tuple(
    fc.array(
      fc.tuple(
        fc.constantFrom(
          'entityRef',
          'entityRef',
          'changeType',
          'entityRef[]',
          'entityRef[__proto__]',
          '__proto__[polluted]',
          'constructor[prototype][polluted]',
          'changeType[a][b][c][d][e][f]',
          'x',
        ),
        fc.oneof(
          {
            weight: 3,
            arbitrary: fc.constantFrom(
              ENTITY,
              'component:default/order-service',
              'security_patch',
            ),
          },
          { weight: 4, arbitrary: hostileString },
          {
            weight: 1,
            arbitrary: fc
              .integer({ min: 1, max: 20_000 })
              .map(n => 'a'.repeat(n)),
          },
        ),
      ),
      { maxLength: 6 },
    ),
    fc.constantFrom(
      '',
      '',
      '',
      '&%',
      '&%E0%A4%A',
      '&entityRef=%ff%fe',
      '&&&=&==',
    ),
    auth,
  )
  .map(([pairs, raw, a]) => ({
    route: 'GET /api/slo/gate',
    method: 'GET' as const,
    path: `/api/slo/gate?${pairs
      .map(([k, v]) => `${encode(k)}=${encode(v)}`)
      .join('&')}${raw}`,
    headers: {},
    auth: a,
  }));

const validate: fc.Arbitrary<FuzzCase> = fc
  .tuple(
    jsonBody(
      fc
        .array(
          fc.tuple(
            fc.constantFrom(
              'slo.yaml',
              'a/b/slo.yaml',
              '../../etc/passwd',
              '/dev/zero',
            ),
            specContent,
          ),
          { minLength: 1, maxLength: 3 },
        )
        .map(files => ({
          files: files.map(([file, content]) => ({ file, content })),
        })),
    ),
    contentType('application/json'),
    auth,
  )
  .map(([body, type, a]) => ({
    route: 'POST /api/slo/validate',
    method: 'POST' as const,
    path: '/api/slo/validate',
    headers: withType({}, type),
    body,
    auth: a,
  }));

export function fuzzCases(secret: string): fc.Arbitrary<FuzzCase> {
  return fc.oneof(events, cdevents, webhookCases(secret), gate, validate);
}
