import { inputErrorMessage } from '../testUtils';
import { Window } from '../types';
import { nominalWindowSeconds, windowBounds } from './window';

const at = (iso: string) => Date.parse(iso) / 1000;

describe('nominalWindowSeconds', () => {
  it.each<[Window, number]>([
    [{ kind: 'rolling', seconds: 28 * 86400 }, 28 * 86400],
    [{ kind: 'calendar', unit: 'week' }, 7 * 86400],
    [{ kind: 'calendar', unit: 'month' }, 30 * 86400],
    [{ kind: 'calendar', unit: 'quarter' }, 90 * 86400],
  ])('%j → %i', (window, seconds) => {
    expect(nominalWindowSeconds(window)).toBe(seconds);
  });
});

describe('windowBounds', () => {
  it.each<[string, Window, string, string, string]>([
    [
      'rolling',
      { kind: 'rolling', seconds: 86400 },
      '2024-05-15T12:00:00Z',
      '2024-05-14T12:00:00Z',
      '2024-05-15T12:00:00Z',
    ],
    [
      'UTC month',
      { kind: 'calendar', unit: 'month' },
      '2024-02-29T23:59:59Z',
      '2024-02-01T00:00:00Z',
      '2024-03-01T00:00:00Z',
    ],
    [
      'first second of a month',
      { kind: 'calendar', unit: 'month' },
      '2024-03-01T00:00:00Z',
      '2024-03-01T00:00:00Z',
      '2024-04-01T00:00:00Z',
    ],
    [
      'December rolls into January',
      { kind: 'calendar', unit: 'month' },
      '2024-12-31T10:00:00Z',
      '2024-12-01T00:00:00Z',
      '2025-01-01T00:00:00Z',
    ],
    [
      'quarter',
      { kind: 'calendar', unit: 'quarter' },
      '2024-05-15T12:00:00Z',
      '2024-04-01T00:00:00Z',
      '2024-07-01T00:00:00Z',
    ],
    [
      'week starts on Monday',
      { kind: 'calendar', unit: 'week' },
      '2024-05-19T23:00:00Z',
      '2024-05-13T00:00:00Z',
      '2024-05-20T00:00:00Z',
    ],
    [
      'week across a month end',
      { kind: 'calendar', unit: 'week' },
      '2024-06-01T08:00:00Z',
      '2024-05-27T00:00:00Z',
      '2024-06-03T00:00:00Z',
    ],
    [
      'month in a time zone across DST',
      { kind: 'calendar', unit: 'month', timeZone: 'Europe/Berlin' },
      '2024-03-15T12:00:00Z',
      '2024-02-29T23:00:00Z',
      '2024-03-31T22:00:00Z',
    ],
    [
      'local date differs from UTC',
      { kind: 'calendar', unit: 'month', timeZone: 'America/New_York' },
      '2024-06-01T02:00:00Z',
      '2024-05-01T04:00:00Z',
      '2024-06-01T04:00:00Z',
    ],
  ])('%s', (_, window, now, from, to) => {
    expect(windowBounds(window, at(now))).toEqual({
      from: at(from),
      to: at(to),
    });
  });

  it('rejects an unknown time zone', () => {
    expect(
      inputErrorMessage(() =>
        windowBounds(
          { kind: 'calendar', unit: 'month', timeZone: 'Mars/Olympus' },
          0,
        ),
      ),
    ).toBe('unknown time zone "Mars/Olympus"');
  });
});
