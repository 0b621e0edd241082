import { formatDuration, formatPercent, formatValue } from './format';

describe('format', () => {
  it.each([
    ['deployments-per-day', 8 / 30, '0.27/day'],
    ['milliseconds', 20 * 3_600_000, '20.0 h'],
    ['milliseconds', 3 * 86_400_000, '3.0 d'],
    ['milliseconds', 90_000, '2 min'],
    ['ratio', 0.2, '20.0%'],
    ['ratio', null, '–'],
  ])('%s %p is %s', (unit, value, text) => {
    expect(formatValue(unit, value)).toBe(text);
  });

  it('formats budgets as whole percentages, negative when overspent', () => {
    expect(formatPercent(-0.25)).toBe('-25%');
    expect(formatPercent(null)).toBe('–');
    expect(formatDuration(3_600_000)).toBe('1.0 h');
  });
});
