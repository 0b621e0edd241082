import { isMonth } from '@internal/portal-common';
import { monthBounds, periodPhrase, periodQuery, periodTitle } from './period';

describe('monthBounds', () => {
  it.each([
    ['2026-11', '2026-11-01T00:00:00.000Z', '2026-12-01T00:00:00.000Z'],
    ['2026-12', '2026-12-01T00:00:00.000Z', '2027-01-01T00:00:00.000Z'],
    ['2028-02', '2028-02-01T00:00:00.000Z', '2028-03-01T00:00:00.000Z'],
  ])('%s is the UTC month, half-open', (month, from, to) => {
    expect(monthBounds(month)).toEqual({ from, to });
  });

  it('rejects anything but YYYY-MM', () => {
    for (const bad of ['2026-13', '2026-1', 'november', '2026-11-01']) {
      expect(isMonth(bad)).toBe(false);
      expect(() => monthBounds(bad)).toThrow(/^month: /);
    }
  });
});

describe('labels', () => {
  it('puts a month before the window in queries and sentences', () => {
    expect(periodQuery({ window: '30d' })).toEqual({ window: '30d' });
    expect(periodQuery({ window: '30d', month: '2026-11' })).toEqual({
      from: '2026-11-01T00:00:00.000Z',
      to: '2026-12-01T00:00:00.000Z',
    });
    expect(periodPhrase({ window: '90d' })).toBe('the last 90 days');
    expect(periodTitle({ window: '90d' })).toBe('Last 90 days');
    expect(periodTitle({ window: '7d', month: '2026-11' })).toBe(
      'November 2026',
    );
    expect(periodPhrase({ window: '90d', month: '2026-11' })).toBe(
      'November 2026',
    );
  });
});
