import fs from 'fs';
import path from 'path';
import { parseSloSpecs } from './parsers';

// Keeps the README's examples honest: each must parse as documented.
const readme = fs.readFileSync(path.join(__dirname, '..', 'README.md'), 'utf8');
const examples = [...readme.matchAll(/```yaml\n([\s\S]*?)```/g)].map(m => m[1]);

describe('README examples', () => {
  it('has one example per format', () => {
    expect(examples).toHaveLength(3);
  });

  it.each(examples.map((e, i) => [i, e]))('example %i parses', (_, example) => {
    expect(parseSloSpecs(example, 'README.md').length).toBeGreaterThan(0);
  });
});
