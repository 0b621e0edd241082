import { InputError } from '@backstage/errors';
import { bucketRanges, bucketize } from './buckets';

const utc = (iso: string) => Date.parse(iso);

describe('bucketRanges', () => {
  it('makes UTC day buckets covering the window, partial edges included', () => {
    const buckets = bucketRanges(
      { from: utc('2024-01-01T12:00:00Z'), to: utc('2024-01-03T06:00:00Z') },
      'day',
    );
    expect(buckets.map(b => b.bucketStart)).toEqual([
      '2024-01-01T00:00:00.000Z',
      '2024-01-02T00:00:00.000Z',
      '2024-01-03T00:00:00.000Z',
    ]);
  });

  it('does not add a bucket for a window ending exactly on a boundary', () => {
    const buckets = bucketRanges(
      { from: utc('2024-01-01T00:00:00Z'), to: utc('2024-01-03T00:00:00Z') },
      'day',
    );
    expect(buckets).toHaveLength(2);
  });

  it('starts ISO weeks on Monday', () => {
    // 2024-01-03 is a Wednesday; 2024-01-01 the Monday of its week.
    const buckets = bucketRanges(
      { from: utc('2024-01-03T00:00:00Z'), to: utc('2024-01-16T00:00:00Z') },
      'week',
    );
    expect(buckets.map(b => b.localDate)).toEqual([
      '2024-01-01',
      '2024-01-08',
      '2024-01-15',
    ]);
  });

  it('uses calendar months, including February of a leap year', () => {
    const buckets = bucketRanges(
      { from: utc('2024-01-31T00:00:00Z'), to: utc('2024-03-02T00:00:00Z') },
      'month',
    );
    expect(
      buckets.map(b => [b.localDate, (b.to - b.from) / 86_400_000]),
    ).toEqual([
      ['2024-01-01', 31],
      ['2024-02-01', 29],
      ['2024-03-01', 31],
    ]);
  });

  it('uses local midnights in Europe/Berlin across the spring DST change', () => {
    // Clocks go from 02:00 to 03:00 on Sunday 2024-03-31.
    const buckets = bucketRanges(
      { from: utc('2024-03-29T23:00:00Z'), to: utc('2024-04-01T22:00:00Z') },
      'day',
      'Europe/Berlin',
    );
    expect(
      buckets.map(b => [b.localDate, b.bucketStart, (b.to - b.from) / 3.6e6]),
    ).toEqual([
      ['2024-03-30', '2024-03-29T23:00:00.000Z', 24],
      ['2024-03-31', '2024-03-30T23:00:00.000Z', 23],
      ['2024-04-01', '2024-03-31T22:00:00.000Z', 24],
    ]);
  });

  it('has a 25-hour Berlin day at the autumn DST change', () => {
    const [b] = bucketRanges(
      { from: utc('2024-10-27T12:00:00Z'), to: utc('2024-10-27T13:00:00Z') },
      'day',
      'Europe/Berlin',
    );
    expect([b.bucketStart, (b.to - b.from) / 3.6e6]).toEqual([
      '2024-10-26T22:00:00.000Z',
      25,
    ]);
  });

  it('handles zones whose DST change skips midnight', () => {
    // America/Santiago jumped from 2023-09-03 00:00 to 01:00.
    const [b] = bucketRanges(
      { from: utc('2023-09-03T12:00:00Z'), to: utc('2023-09-03T13:00:00Z') },
      'day',
      'America/Santiago',
    );
    expect(b.localDate).toBe('2023-09-03');
    expect(b.bucketStart).toBe('2023-09-03T04:00:00.000Z');
    expect((b.to - b.from) / 3.6e6).toBe(23);
  });

  it('rejects unknown time zones and bucket units', () => {
    const window = { from: 0, to: 1 };
    expect(() => bucketRanges(window, 'day', 'Mars/Olympus')).toThrow(
      new InputError("timeZone: unknown time zone 'Mars/Olympus'"),
    );
    expect(() => bucketRanges(window, 'year' as any)).toThrow(InputError);
  });

  it('refuses absurd bucket counts', () => {
    expect(() =>
      bucketRanges({ from: 0, to: 100 * 365 * 86_400_000 }, 'day'),
    ).toThrow(/more than 10000 day buckets/);
  });
});

describe('bucketize', () => {
  it('counts times per bucket, keeps empty buckets and honours the edges', () => {
    const window = {
      from: utc('2024-01-01T00:00:00Z'),
      to: utc('2024-01-04T00:00:00Z'),
    };
    const buckets = bucketize(
      [
        '2024-01-01T00:00:00Z', // exactly at from: in
        new Date('2024-01-01T23:59:59.999Z'),
        utc('2024-01-03T10:00:00Z'),
        '2024-01-04T00:00:00Z', // exactly at to: out
        '2023-12-31T23:59:59.999Z', // before from: out
      ],
      window,
      'day',
    );
    expect(buckets.map(b => [b.localDate, b.count])).toEqual([
      ['2024-01-01', 2],
      ['2024-01-02', 0],
      ['2024-01-03', 1],
    ]);
  });

  it('ignores times outside the window that fall into a partial edge bucket', () => {
    const buckets = bucketize(
      ['2024-01-01T01:00:00Z', '2024-01-01T13:00:00Z'],
      { from: utc('2024-01-01T12:00:00Z'), to: utc('2024-01-02T00:00:00Z') },
      'day',
    );
    expect(buckets.map(b => b.count)).toEqual([1]);
  });

  it('puts the same instant on different days in UTC and Europe/Berlin', () => {
    // 22:30Z on 2024-03-31 is already 00:30 on 1 April in Berlin (UTC+2).
    const window = {
      from: utc('2024-03-30T00:00:00Z'),
      to: utc('2024-04-02T00:00:00Z'),
    };
    const times = ['2024-03-31T22:30:00Z'];
    const nonEmpty = (zone: string) =>
      bucketize(times, window, 'day', zone)
        .filter(b => b.count > 0)
        .map(b => b.localDate);
    expect(nonEmpty('UTC')).toEqual(['2024-03-31']);
    expect(nonEmpty('Europe/Berlin')).toEqual(['2024-04-01']);
  });
});
