import { readSloSpecFiles } from './parseSloSpecs';
import { splitDocuments } from './splitDocuments';

describe('splitDocuments', () => {
  it('gives each document with the file line it starts on', () => {
    expect(splitDocuments('# head\n---\na: 1\n---\nb: 2\nc: 3\n...\n')).toEqual(
      [
        { text: '\na: 1', start: 1 },
        { text: '\nb: 2\nc: 3\n\n', start: 3 },
      ],
    );
  });

  // Found by the portal's fuzz test (POST /api/slo/validate): padding every document with the
  // lines before it made reading quadratic: 1.1 s for 64 KiB of `---` lines, 18 s at the
  // 256 KiB spec limit.
  it('reads a 256 KiB file of empty documents in linear time', () => {
    const content = '---\n'.repeat(65_536);
    const started = performance.now();
    const { slos, problems } = readSloSpecFiles([{ file: 's.yaml', content }]);
    expect(performance.now() - started).toBeLessThan(2_000);
    expect(slos).toEqual([]);
    expect(problems).toEqual([
      { file: 's.yaml', message: 's.yaml: contains no YAML documents' },
    ]);
  });

  it('still reports a broken document by the line of the whole file', () => {
    const content = `${'---\n'.repeat(20_000)}slos: [unclosed\n`;
    const { problems } = readSloSpecFiles([{ file: 's.yaml', content }]);
    expect(problems).toHaveLength(1);
    expect(problems[0].message).toMatch(/invalid YAML at line 2000[12]: /);
  });
});
