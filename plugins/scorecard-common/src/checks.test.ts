import { findCheck, scorecardChecks } from './checks';

describe('scorecardChecks', () => {
  it('has unique ids and says why and how for each', () => {
    const ids = scorecardChecks.map(c => c.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const c of scorecardChecks) {
      expect(c.id).toMatch(/^[a-z][a-z0-9-]*$/);
      expect(c.title.length).toBeGreaterThan(0);
      // A column header on /scorecards: short enough not to widen the matrix.
      expect(c.shortTitle.length).toBeGreaterThan(0);
      expect(c.shortTitle.length).toBeLessThanOrEqual(13);
      expect(c.rationale.length).toBeGreaterThan(20);
      expect(c.remediation.length).toBeGreaterThan(20);
    }
    expect(findCheck('image-scan')?.source).toBe('ci');
    expect(findCheck('nope')).toBeUndefined();
  });
});
