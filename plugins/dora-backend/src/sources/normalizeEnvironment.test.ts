import { normalizeEnvironment } from './types';

describe('normalizeEnvironment', () => {
  it.each([
    ['Production', 'production'],
    ['  prod eu  ', 'prod-eu'],
    ['Prod / EU (west)', 'prod-eu-west'],
    ['--staging--', 'staging'],
    ['eu.prod_1', 'eu.prod_1'],
    ['._-', ''],
    ['a..b', 'a..b'],
    ['Ünïcode env', 'n-code-env'],
  ])('%p → %p', (input, expected) => {
    expect(normalizeEnvironment(input)).toBe(expected);
  });

  // The quadratic normaliser took about 1 s at 40,000 characters, so about 25 s at 200,000; the
  // linear one takes milliseconds. A 2 s bound separates them by an order of magnitude even on a
  // loaded CI machine (a tighter bound failed there while other suites ran).
  it('is linear: pathological input of 200,000 characters does not stall', () => {
    for (const input of [
      `a${'.'.repeat(200_000)}a`,
      `a${' '.repeat(200_000)}a`,
      `${'.'.repeat(200_000)}!`,
    ]) {
      const start = performance.now();
      normalizeEnvironment(input);
      expect(performance.now() - start).toBeLessThan(2000);
    }
  });
});
