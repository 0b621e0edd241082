import {
  NO_DATA,
  formatBucketDate,
  formatDuration,
  formatFrequency,
  formatKeyValue,
  formatPercent,
  formatTimestamp,
} from './format';

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;

describe('formatDuration', () => {
  it.each([
    [undefined, NO_DATA],
    [null, NO_DATA],
    [NaN, NO_DATA],
    [-1, NO_DATA],
    [0, '0s'],
    [59_400, '59s'],
    [MIN, '1m'],
    [90_000, '1.5m'],
    [45 * MIN, '45m'],
    [HOUR, '1h'],
    [3.25 * HOUR, '3.3h'],
    [23 * HOUR, '23h'],
    [DAY, '1d'],
    [36 * HOUR, '1.5d'],
    [45 * DAY, '45d'],
  ])('%p → %s', (ms, expected) => {
    expect(formatDuration(ms as number | undefined)).toBe(expected);
  });
});

describe('formatPercent', () => {
  it.each([
    [undefined, NO_DATA],
    [NaN, NO_DATA],
    [0, '0%'],
    [0.05, '5%'],
    [0.123, '12%'],
    [0.0333, '3.3%'],
    [1, '100%'],
  ])('%p → %s', (ratio, expected) => {
    expect(formatPercent(ratio)).toBe(expected);
  });
});

describe('formatFrequency', () => {
  it.each([
    [undefined, NO_DATA],
    [Infinity, NO_DATA],
    [0, '0/week'],
    [1, '1/day'],
    [2.34, '2.3/day'],
    [12.6, '13/day'],
    [3 / 7, '3/week'],
    [1 / 7, '1/week'],
    [2 / 30, '2/month'],
    [0.01, '0.3/month'],
  ])('%p → %s', (perDay, expected) => {
    expect(formatFrequency(perDay)).toBe(expected);
  });
});

describe('formatKeyValue', () => {
  it.each([
    ['deploymentFrequency', 2, '2/day'],
    ['changeLeadTime', 2 * HOUR, '2h'],
    ['changeFailureRate', 0.1, '10%'],
    ['failedDeploymentRecoveryTime', 30 * MIN, '30m'],
    ['deploymentReworkRate', 0.02, '2%'],
    ['deploymentReworkRate', undefined, NO_DATA],
  ] as const)('%s %p → %s', (key, value, expected) => {
    expect(formatKeyValue(key, value)).toBe(expected);
  });
});

describe('dates', () => {
  it('formats bucket starts in UTC', () => {
    expect(formatBucketDate('2025-01-06T00:00:00.000Z')).toBe('6 Jan');
    // Just before midnight UTC is still the 5th, whatever the test machine's zone.
    expect(formatBucketDate('2025-01-05T23:30:00.000Z')).toBe('5 Jan');
    expect(formatBucketDate('garbage')).toBe('garbage');
  });

  it('formats timestamps to the minute in UTC', () => {
    expect(formatTimestamp('2025-01-06T10:15:42.123Z')).toBe(
      '2025-01-06 10:15 UTC',
    );
    expect(formatTimestamp('2025-01-06T12:15:00+02:00')).toBe(
      '2025-01-06 10:15 UTC',
    );
    expect(formatTimestamp(undefined)).toBe(NO_DATA);
  });
});
