import fc from 'fast-check';
import { Document, LineCounter, parseAllDocuments } from 'yaml';
import { parseYamlDocuments } from './yamlDocuments';

// What the spec reader takes from a document: its value, or its conversion error, and yaml's
// errors with their positions. Documents that give nothing of either are the skipped ones.
function read(doc: Document.Parsed) {
  let value: unknown;
  try {
    value = doc.toJS();
  } catch (e) {
    value = `conversion error: ${(e as Error).message}`;
  }
  return {
    value: value ?? null,
    errors: doc.errors.map(e => [e.code, e.pos[0], e.message]),
  };
}

const holdsSomething = (r: ReturnType<typeof read>) =>
  r.value !== null || r.errors.length > 0;

/** yaml's own reading of every document, the reference. */
function reference(content: string) {
  const docs = parseAllDocuments(content, {
    lineCounter: new LineCounter(),
    merge: true,
    prettyErrors: false,
  });
  return {
    total: docs.length,
    docs: docs
      .map((doc, index) => ({ index, ...read(doc) }))
      .filter(holdsSomething),
  };
}

function ours(content: string) {
  const lines = new LineCounter();
  const { total, docs } = parseYamlDocuments(content, {
    lineCounter: lines,
    merge: true,
  });
  return {
    total,
    docs: docs
      .map(({ doc, index }) => ({ index, ...read(doc) }))
      .filter(holdsSomething),
    lines,
  };
}

// Lines teams write in spec files, and the broken ones they send by mistake.
const LINES = [
  '---',
  '--- # next service',
  '...',
  '# a comment',
  '',
  '   ',
  'service: payment-service',
  'slos:',
  '  - name: availability',
  '    objective: 99.9',
  '- 1',
  'a: &base { x: 1 }',
  'b: { <<: *base, y: 2 }',
  'c: *missing',
  'd: [1, 2',
  'e: "unterminated',
  '  bad: indent',
  '%YAML 1.2',
  '%YAML 1.1',
  '%TAG !e! tag:example.com,2000:',
  '--- !!str',
  '--- &anchor',
  'flag: yes',
  '\t',
  '} stray',
];

describe('parseYamlDocuments', () => {
  it("reads what yaml's parseAllDocuments reads, document by document", () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(...LINES), { maxLength: 14 }),
        fc.boolean(),
        (lines, trailingNewline) => {
          const content = lines.join('\n') + (trailingNewline ? '\n' : '');
          const { lines: _counted, ...got } = ours(content);
          expect(got).toEqual(reference(content));
        },
      ),
      { numRuns: 3000 },
    );
  });

  it('counts the empty documents it does not compose, and keeps each line number', () => {
    const content = `---\n# nothing\n---\n...\n---\nservice: a\n---\n---\nc: [1\n`;
    const { total, docs, lines } = ours(content);
    expect(total).toBe(5);
    expect(docs.map(d => d.index)).toEqual([2, 4]);
    expect(docs[0].value).toEqual({ service: 'a' });
    // The unclosed flow sequence is reported where the file ends, on line 10.
    const error = docs[1].errors[0];
    expect(lines.linePos(error[1] as number)).toEqual({ line: 10, col: 1 });
  });

  it('reads a file of 65,536 empty documents without composing them', () => {
    const { total, docs } = ours('---\n'.repeat(65_536));
    expect(total).toBe(65_536);
    expect(docs).toEqual([]);
  });
});
