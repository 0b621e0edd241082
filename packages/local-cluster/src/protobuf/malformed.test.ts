/**
 * Whatever bytes arrive as protobuf, the server answers 400 or 415 with a
 * Status, never a crash: mutated copies of real kubectl bodies.
 */
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { decodeRequestBody } from '../server/body';
import { ApiError } from '../server/errors';
import { PROTOBUF_CONTENT_TYPE } from './index';

const DIR = path.join(__dirname, '__fixtures__', 'kubectl');

function parseHexDump(text: string): Buffer {
  const bytes: number[] = [];
  for (const line of text.split('\n')) {
    const m = /^\s*[0-9a-f]{8}\s+((?:[0-9a-f]{2}\s+)+)\|/.exec(line);
    if (m)
      bytes.push(
        ...m[1]
          .trim()
          .split(/\s+/)
          .map(h => parseInt(h, 16)),
      );
  }
  return Buffer.from(bytes);
}

/** A small deterministic PRNG so a failure can be replayed. */
function prng(seed: number) {
  let s = seed;
  return () => {
    s = (s * 1103515245 + 12345) & 0x7fffffff;
    return s / 0x7fffffff;
  };
}

const bodies = readdirSync(DIR)
  .filter(f => f.endsWith('.hex'))
  .map(f => parseHexDump(readFileSync(path.join(DIR, f), 'utf8')));

describe('malformed protobuf bodies', () => {
  it('decodes, or fails with 400/415, for 3,000 mutated kubectl bodies', () => {
    const rand = prng(15);
    const outcomes: Record<string, number> = {};
    const unexpected: string[] = [];
    for (let i = 0; i < 3000; i++) {
      const body = Buffer.from(bodies[i % bodies.length]);
      const edits = 1 + Math.floor(rand() * 4);
      for (let e = 0; e < edits; e++) {
        const at = 4 + Math.floor(rand() * (body.length - 4));
        body[at] = Math.floor(rand() * 256);
      }
      const cut =
        rand() < 0.2 ? 1 + Math.floor(rand() * (body.length - 1)) : body.length;
      let outcome: string;
      try {
        const text = decodeRequestBody(
          body.subarray(0, cut),
          PROTOBUF_CONTENT_TYPE,
        );
        outcome =
          typeof JSON.parse(text) === 'object' ? 'decoded' : 'not-an-object';
      } catch (e) {
        outcome =
          e instanceof ApiError && e.status.kind === 'Status'
            ? String(e.code)
            : `${(e as Error).name}: ${(e as Error).message}`;
      }
      outcomes[outcome] = (outcomes[outcome] ?? 0) + 1;
      if (!['decoded', '400', '415'].includes(outcome))
        unexpected.push(outcome);
    }
    expect(unexpected).toEqual([]);
    // Each outcome occurs, so the mutations reach every path.
    expect(outcomes.decoded).toBeGreaterThan(0);
    expect(outcomes['400']).toBeGreaterThan(0);
    expect(outcomes['415']).toBeGreaterThan(0);
  });

  it('leaves non-protobuf bodies as UTF-8 text', () => {
    expect(
      decodeRequestBody(Buffer.from('{"a":"é"}'), 'application/json'),
    ).toBe('{"a":"é"}');
    expect(decodeRequestBody(Buffer.alloc(0), PROTOBUF_CONTENT_TYPE)).toBe('');
  });
});
