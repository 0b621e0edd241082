import { InputError } from '@backstage/errors';
import { parseIsoTimestamp, previousWindow, resolveWindow } from './time';

describe('parseIsoTimestamp', () => {
  it.each([
    ['2024-01-01T00:00:00Z', '2024-01-01T00:00:00.000Z'],
    ['2024-01-01T00:00:00.123Z', '2024-01-01T00:00:00.123Z'],
    ['2024-01-01T01:30:00+01:00', '2024-01-01T00:30:00.000Z'],
    ['2024-01-01T01:30:00+0100', '2024-01-01T00:30:00.000Z'],
    ['2023-12-31T20:00-05:00', '2024-01-01T01:00:00.000Z'],
    ['2024-02-29T12:00:00z', '2024-02-29T12:00:00.000Z'],
    ['2024-01-01T00:00:00.123456Z', '2024-01-01T00:00:00.123Z'],
  ])('accepts %s', (input, expected) => {
    expect(new Date(parseIsoTimestamp(input)!).toISOString()).toBe(expected);
  });

  it.each([
    ['no offset', '2024-01-01T00:00:00'],
    ['date only', '2024-01-01'],
    ['space separator', '2024-01-01 00:00:00Z'],
    ['not a leap year', '2023-02-29T00:00:00Z'],
    ['day 31 of a 30-day month', '2024-04-31T00:00:00Z'],
    ['month 13', '2024-13-01T00:00:00Z'],
    ['hour 24', '2024-01-01T24:00:00Z'],
    ['epoch number as string', '1704067200000'],
    ['free text', 'yesterday'],
  ])('rejects %s', (_, input) => {
    expect(parseIsoTimestamp(input)).toBeUndefined();
  });
});

describe('resolveWindow', () => {
  it('accepts dates and numbers', () => {
    expect(resolveWindow({ from: new Date(1000), to: 2000 })).toEqual({
      from: 1000,
      to: 2000,
    });
  });

  it.each([
    [{ from: 2000, to: 2000 }, 'window.to: must be after window.from'],
    [{ from: 3000, to: 2000 }, 'window.to: must be after window.from'],
    [{ from: NaN, to: 2000 }, 'window.from: must be a valid date'],
    [{ from: 0, to: new Date('x') }, 'window.to: must be a valid date'],
  ])('rejects %o', (window, message) => {
    expect(() => resolveWindow(window)).toThrow(new InputError(message));
  });

  it('gives the previous window of the same length', () => {
    expect(previousWindow({ from: 1000, to: 1500 })).toEqual({
      from: 500,
      to: 1000,
    });
  });
});
