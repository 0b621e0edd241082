import {
  NO_DATA,
  formatBudget,
  formatBurnRate,
  formatDuration,
  formatFactor,
  formatObjective,
  formatPercent,
  formatSli,
  formatSloWindow,
} from './format';

describe('formatPercent', () => {
  it.each([
    [0.3114, '31.1%'],
    [1, '100%'],
    [0, '0%'],
    [-0, '0%'],
    [-0.125, '-12.5%'],
    [0.99999, '100%'],
    [Infinity, '∞%'],
    [null, NO_DATA],
    [undefined, NO_DATA],
    [NaN, NO_DATA],
  ])('%p → %p', (input, expected) => {
    expect(formatPercent(input)).toBe(expected);
  });

  it('takes a number of decimals', () => {
    expect(formatPercent(0.123456, 3)).toBe('12.346%');
  });
});

describe('formatSli', () => {
  it.each([
    [0.9998, '99.98%'],
    [0.99931253, '99.931%'],
    // Truncated, not rounded: just under 100% never reads as 100%.
    [0.999996, '99.999%'],
    // ...and just under an objective never reads as meeting it.
    [0.99899999, '99.899%'],
    [1, '100%'],
    [0, '0%'],
    [0.5, '50%'],
    [null, NO_DATA],
    [NaN, NO_DATA],
  ])('%p → %p', (input, expected) => {
    expect(formatSli(input)).toBe(expected);
  });
});

describe('formatBudget', () => {
  it.each([
    [0.3125, '31.3%'],
    [0, '0%'],
    [-0.42, '-42%'],
    // A 100% objective with one failure.
    [-Infinity, 'exhausted'],
    [null, NO_DATA],
  ])('%p → %p', (input, expected) => {
    expect(formatBudget(input)).toBe(expected);
  });
});

describe('formatBurnRate', () => {
  it.each([
    [14.4, '14.4×'],
    [20.137, '20.1×'],
    [1, '1×'],
    [0.2134, '0.21×'],
    [0, '0×'],
    [Infinity, '∞×'],
    [null, NO_DATA],
    [undefined, NO_DATA],
  ])('%p → %p', (input, expected) => {
    expect(formatBurnRate(input)).toBe(expected);
  });
});

describe('formatFactor', () => {
  it.each([
    [14.4, '14.4×'],
    [13.44, '13.44×'],
    [0.933333333333, '0.9333×'],
    [1, '1×'],
  ])('%p → %p', (input, expected) => {
    expect(formatFactor(input)).toBe(expected);
  });
});

describe('formatDuration', () => {
  it.each([
    [0, '0s'],
    [45, '45s'],
    [300, '5m'],
    [1800, '30m'],
    [3600, '1h'],
    [5400, '1h 30m'],
    [7200, '2h'],
    [86400, '1d'],
    [86400 + 60, '1d'],
    [100_000, '1d 3h'],
    [259_200, '3d'],
    [526_127, '6d 2h'],
    [2_592_000, '30d'],
    [2_419_200, '4w'],
    [-5, '0s'],
    [Infinity, '∞'],
    [null, NO_DATA],
  ])('%p s → %p', (input, expected) => {
    expect(formatDuration(input)).toBe(expected);
  });
});

describe('formatObjective and formatSloWindow', () => {
  it('formats objectives as specs write them', () => {
    expect(formatObjective(99.9)).toBe('99.9%');
    expect(formatObjective(99)).toBe('99%');
    expect(formatObjective(99.95)).toBe('99.95%');
  });

  it('names rolling and calendar windows', () => {
    expect(formatSloWindow({ kind: 'rolling', seconds: 2_592_000 })).toBe(
      'rolling 30d',
    );
    expect(formatSloWindow({ kind: 'calendar', unit: 'month' })).toBe(
      'calendar month',
    );
    expect(
      formatSloWindow({
        kind: 'calendar',
        unit: 'quarter',
        timeZone: 'Europe/Berlin',
      }),
    ).toBe('calendar quarter (Europe/Berlin)');
  });
});
