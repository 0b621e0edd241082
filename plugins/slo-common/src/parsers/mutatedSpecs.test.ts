import fs from 'node:fs';
import path from 'node:path';
import { readSloSpecFiles } from './parseSloSpecs';

// Real specs (Sloth's and OpenSLO's examples, the portal's catalog) broken at random in the
// ways edits break them: a line dropped, duplicated, cut short, re-indented or retyped. Whatever
// comes out, reading never throws, every problem names the file, and an SLO is only lost
// together with a problem saying why.

const FIXTURES = path.join(__dirname, '__fixtures__');
const CATALOG = path.resolve(__dirname, '../../../../catalog/slos');
const SPECS = [
  ...['sloth', 'openslo'].flatMap(dir =>
    fs
      .readdirSync(path.join(FIXTURES, dir))
      .filter(f => /\.ya?ml$/.test(f))
      .map(f => path.join(FIXTURES, dir, f)),
  ),
  ...fs.readdirSync(CATALOG).map(f => path.join(CATALOG, f)),
].map(file => ({
  name: path.basename(file),
  content: fs.readFileSync(file, 'utf8'),
}));

// A fixed seed: the same 3,000 mutations on every run.
function random(seed: number) {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    return state / 2 ** 31;
  };
}

const EDITS: Array<(line: string, next: () => number) => string[]> = [
  () => [],
  line => [line, line],
  (line, next) => [line.slice(0, Math.floor(next() * line.length))],
  line => [`  ${line}`],
  line => [line.replace(/^\s{2}/, '')],
  line => [line.replace(/: .*/, ': [')],
  line => [line.replace(/\d+(\.\d+)?/, '-1')],
  line => [line.replace(/\(/, '')],
  line => [line.replace(/([a-z])_([a-z])/, '$1$2')],
];

describe('specs broken at random', () => {
  it('never throw, and every lost SLO comes with a problem naming the file', () => {
    const next = random(13);
    const violations: Array<{ file: string; content: string; why: string }> =
      [];
    let withProblems = 0;
    for (let i = 0; i < 3000; i++) {
      const spec = SPECS[Math.floor(next() * SPECS.length)];
      const lines = spec.content.split('\n');
      const at = Math.floor(next() * lines.length);
      const edit = EDITS[Math.floor(next() * EDITS.length)];
      const content = [
        ...lines.slice(0, at),
        ...edit(lines[at], next),
        ...lines.slice(at + 1),
      ].join('\n');
      const original = readSloSpecFiles([
        { file: spec.name, content: spec.content },
      ]);
      const violation = (why: string) =>
        violations.push({ file: spec.name, content, why });
      try {
        const result = readSloSpecFiles([{ file: spec.name, content }]);
        if (result.problems.length > 0) withProblems++;
        for (const problem of result.problems) {
          if (
            problem.file !== spec.name ||
            !problem.message.startsWith(spec.name)
          ) {
            violation(`problem not naming the file: ${problem.message}`);
          }
        }
        if (
          result.slos.length < original.slos.length &&
          result.problems.length === 0
        ) {
          violation('SLOs lost without a problem');
        }
      } catch (e) {
        violation(`threw ${(e as Error).stack}`);
      }
    }
    expect(violations).toEqual([]);
    // Most edits break something; a check that the mutations are not all harmless.
    expect(withProblems).toBeGreaterThan(1000);
  });
});
