import { InputError } from '@backstage/errors';
import { createRandom } from '@internal/portal-common';
import {
  normalizeTimestamp,
  parseIsoTimestamp,
  previousWindow,
  resolveWindow,
} from './time';

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

describe('normalizeTimestamp', () => {
  it('gives the UTC ISO string of what parseIsoTimestamp accepts, and rejects the rest', () => {
    const random = createRandom('timestamps');
    const pad = (n: number, width = 2) => String(n).padStart(width, '0');
    for (let i = 0; i < 2000; i++) {
      // Days up to 31 and seconds up to 60, so invalid dates are among them.
      const date = `${pad(random.int(0, 2100), 4)}-${pad(
        random.int(1, 12),
      )}-${pad(random.int(1, 31))}`;
      const time = `${pad(random.int(0, 23))}:${pad(random.int(0, 59))}:${pad(
        random.int(0, 60),
      )}`;
      const fraction = random.pick(['', '.5', '.123', '.123456']);
      const offset = random.pick(['Z', 'z', '+01:00', '-0530']);
      const value = `${date}T${time}${fraction}${offset}`;
      const t = parseIsoTimestamp(value);
      expect(normalizeTimestamp(value)).toBe(
        t === undefined ? undefined : new Date(t).toISOString(),
      );
    }
  });

  it('returns a valid canonical timestamp as it is', () => {
    const value = '2024-02-29T23:59:59.999Z';
    expect(normalizeTimestamp(value)).toBe(value);
    expect(normalizeTimestamp('2023-02-29T00:00:00.000Z')).toBeUndefined();
    expect(normalizeTimestamp('2024-01-01T00:00:60.000Z')).toBeUndefined();
    expect(normalizeTimestamp('2024-01-01T01:00:00+01:00')).toBe(
      '2024-01-01T00:00:00.000Z',
    );
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
