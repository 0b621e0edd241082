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

  it('is linear: pathological input of 200,000 characters takes milliseconds', () => {
    for (const input of [
      `a${'.'.repeat(200_000)}a`,
      `a${' '.repeat(200_000)}a`,
      `${'.'.repeat(200_000)}!`,
    ]) {
      const start = performance.now();
      normalizeEnvironment(input);
      expect(performance.now() - start).toBeLessThan(200);
    }
  });
});
