import { specErrorLocation, specErrorReason } from './specErrors';

describe('spec error rows', () => {
  it.each([
    [
      {
        file: 'slos.yaml',
        document: 2,
        field: 'slos[0].objective',
        message: 'slos.yaml (document 2): slos[0].objective: is required',
      },
      'slos.yaml (document 2)',
      'is required',
    ],
    [
      { file: 'a.yaml', message: 'a.yaml: invalid YAML at line 3: bad' },
      'a.yaml',
      'invalid YAML at line 3: bad',
    ],
    [
      { file: 'a.yaml', field: 'x', message: 'cannot read the file' },
      'a.yaml',
      'cannot read the file',
    ],
  ])('%j is at %s because %s', (error, location, reason) => {
    expect(specErrorLocation(error)).toBe(location);
    expect(specErrorReason(error)).toBe(reason);
  });
});
