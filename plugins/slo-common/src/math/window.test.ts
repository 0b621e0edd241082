import { inputErrorMessage } from '../testUtils';
import { Window } from '../types';
import { aggregate } from './aggregate';
import { alertWindowSeconds } from './alerts';
import {
  evaluationRanges,
  evaluationTime,
  nominalWindowSeconds,
  windowBounds,
} from './window';

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

describe('evaluationTime', () => {
  it.each<[string, number | undefined, number, number]>([
    [
      'end of the newest bucket, not the wall clock',
      1_800_000_000 - 300,
      1_800_000_123,
      1_800_000_000,
    ],
    [
      'a collection an hour behind evaluates an hour back',
      1_800_000_000 - 3900,
      1_800_000_123,
      1_800_000_000 - 3600,
    ],
    ['nothing collected: now', undefined, 1_800_000_123, 1_800_000_123],
    ['never after now', 1_800_000_000, 1_800_000_123, 1_800_000_123],
  ])('%s', (_, newest, now, expected) => {
    expect(evaluationTime(newest, 300, now)).toBe(expected);
  });
});

describe('evaluationRanges', () => {
  const DAY = 86400;
  // Collection current: the newest bucket ended 60 s (the collector's lag) before now.
  const now = 1_800_000_060;
  const newest = 1_800_000_000 - 300;
  const evaluatedAt = evaluationTime(newest, 300, now);
  // One bucket of one event every 5 minutes for 40 days up to the newest.
  const buckets = Array.from({ length: (40 * DAY) / 300 }, (_, i) => ({
    start: newest - i * 300,
    good: 1,
    total: 1,
  }));

  it('every window holds exactly its length of data, the newest bucket included', () => {
    const windows = alertWindowSeconds(30 * DAY);
    expect(windows).toEqual([300, 1800, 3600, 7200, 21600, DAY, 3 * DAY]);
    const ranges = evaluationRanges(
      { kind: 'rolling', seconds: 30 * DAY },
      windows,
      evaluatedAt,
    );
    expect(aggregate(buckets, ranges.window.from, ranges.window.to).total).toBe(
      (30 * DAY) / 300,
    );
    expect(
      ranges.alertWindows.map(r => aggregate(buckets, r.from, r.to).total),
    ).toEqual(windows.map(w => w / 300));
    // The 5-minute window is the newest bucket, never an empty one.
    expect(ranges.alertWindows[0]).toEqual({ from: newest, to: newest + 300 });
  });

  it('a calendar window runs from its period start to the evaluation time', () => {
    const t = Date.parse('2024-05-15T12:00:00Z') / 1000;
    const ranges = evaluationRanges(
      { kind: 'calendar', unit: 'month' },
      [3600],
      t,
    );
    expect(ranges).toEqual({
      window: { from: Date.parse('2024-05-01T00:00:00Z') / 1000, to: t },
      alertWindows: [{ from: t - 3600, to: t }],
    });
  });
});
