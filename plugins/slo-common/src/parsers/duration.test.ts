import { inputErrorMessage } from '../testUtils';
import { formatDuration, parseDuration, parseWindow } from './duration';

describe('parseDuration', () => {
  it.each([
    ['30s', 30],
    ['5m', 300],
    ['12h', 43200],
    ['30d', 2592000],
    ['4w', 2419200],
    ['1h30m', 5400],
    [' 7d ', 604800],
  ])('%s → %i seconds', (text, seconds) => {
    expect(parseDuration(text)).toBe(seconds);
  });

  it.each([
    ['', 'must be a duration such as "30d"'],
    [
      '30',
      'invalid duration "30": use whole numbers followed by s, m, h, d or w (e.g. "30d", "12h", "1h30m")',
    ],
    [
      '1.5h',
      'invalid duration "1.5h": use whole numbers followed by s, m, h, d or w (e.g. "30d", "12h", "1h30m")',
    ],
    [
      '30x',
      'invalid duration "30x": use whole numbers followed by s, m, h, d or w (e.g. "30d", "12h", "1h30m")',
    ],
    [
      '-5m',
      'invalid duration "-5m": use whole numbers followed by s, m, h, d or w (e.g. "30d", "12h", "1h30m")',
    ],
    ['0d', 'duration "0d" must be longer than zero'],
    ['1M', '"1M" is a calendar period, which is only allowed for SLO windows'],
    ['1Q', '"1Q" is a calendar period, which is only allowed for SLO windows'],
  ])('rejects %j', (text, message) => {
    expect(inputErrorMessage(() => parseDuration(text))).toBe(message);
  });
});

describe('parseWindow', () => {
  it.each([
    ['30d', {}, { kind: 'rolling', seconds: 2592000 }],
    ['4w', {}, { kind: 'rolling', seconds: 2419200 }],
    ['1h', {}, { kind: 'rolling', seconds: 3600 }],
    ['1w', {}, { kind: 'rolling', seconds: 604800 }],
    ['1M', {}, { kind: 'calendar', unit: 'month' }],
    ['1Q', {}, { kind: 'calendar', unit: 'quarter' }],
    ['1w', { calendar: true }, { kind: 'calendar', unit: 'week' }],
    [
      '1M',
      { timeZone: 'Europe/Berlin' },
      { kind: 'calendar', unit: 'month', timeZone: 'Europe/Berlin' },
    ],
    ['28d', { calendar: false }, { kind: 'rolling', seconds: 2419200 }],
  ] as const)('%s %j', (text, options, expected) => {
    expect(parseWindow(text, options)).toEqual(expected);
  });

  it.each([
    [
      '2M',
      {},
      'calendar windows must be one week, month or quarter ("1w", "1M" or "1Q"), got "2M"',
    ],
    [
      '1Y',
      {},
      'calendar windows must be one week, month or quarter ("1w", "1M" or "1Q"), got "1Y"',
    ],
    [
      '7d',
      { calendar: true },
      'calendar windows must be one week, month or quarter ("1w", "1M" or "1Q"), got "7d"',
    ],
    [
      '1M',
      { calendar: false },
      'rolling windows need a fixed duration such as "30d"; "1M" is a calendar period',
    ],
    [
      'monthly',
      {},
      'invalid duration "monthly": use whole numbers followed by s, m, h, d or w (e.g. "30d", "12h", "1h30m")',
    ],
  ] as const)('rejects %s %j', (text, options, message) => {
    expect(inputErrorMessage(() => parseWindow(text, options))).toBe(message);
  });
});

describe('formatDuration', () => {
  it.each([
    [2592000, '30d'],
    [5400, '1h30m'],
    [300, '5m'],
    [90061, '1d1h1m1s'],
  ])('%i → %s', (seconds, text) => {
    expect(formatDuration(seconds)).toBe(text);
  });
});
