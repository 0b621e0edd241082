import { DAY, HOUR, RangePiece, splitRange } from './splitRange';

const D0 = 1_795_132_800; // a UTC midnight

/** Every bucket start a piece list covers, to compare with the range it came from. */
function starts(pieces: RangePiece[]): number[] {
  const step = { bucket: 300, hour: HOUR, day: DAY };
  const out: number[] = [];
  for (const p of pieces) {
    expect(Math.abs(p.from % step[p.granularity])).toBe(0);
    expect(Math.abs(p.to % step[p.granularity])).toBe(0);
    expect(p.from).toBeLessThan(p.to);
    // + 0 turns the -0 of Math.ceil(-0.5) * 300 into 0.
    for (let t = p.from; t < p.to; t += 300) out.push(t + 0);
  }
  return out;
}

describe('splitRange', () => {
  it.each([
    ['empty', D0, D0, []],
    ['reversed', D0 + 600, D0, []],
    [
      'inside one hour',
      D0 + 301,
      D0 + 1200,
      [{ granularity: 'bucket', from: D0 + 600, to: D0 + 1200 }],
    ],
    [
      'hours without a whole day',
      D0 + 3000,
      D0 + 3 * HOUR + 1,
      [
        { granularity: 'bucket', from: D0 + 3000, to: D0 + HOUR },
        { granularity: 'hour', from: D0 + HOUR, to: D0 + 3 * HOUR },
        { granularity: 'bucket', from: D0 + 3 * HOUR, to: D0 + 3 * HOUR + 300 },
      ],
    ],
    [
      'whole days in the middle',
      D0 - HOUR - 300,
      D0 + 2 * DAY + HOUR + 600,
      [
        { granularity: 'bucket', from: D0 - HOUR - 300, to: D0 - HOUR },
        { granularity: 'hour', from: D0 - HOUR, to: D0 },
        { granularity: 'day', from: D0, to: D0 + 2 * DAY },
        { granularity: 'hour', from: D0 + 2 * DAY, to: D0 + 2 * DAY + HOUR },
        {
          granularity: 'bucket',
          from: D0 + 2 * DAY + HOUR,
          to: D0 + 2 * DAY + HOUR + 600,
        },
      ],
    ],
    [
      'aligned days',
      D0,
      D0 + DAY,
      [{ granularity: 'day', from: D0, to: D0 + DAY }],
    ],
  ])('%s', (_name, from, to, expected) => {
    expect(splitRange(from, to)).toEqual(expected);
  });

  it('covers exactly the bucket starts in [from, to), also before 1970', () => {
    let seed = 7;
    const random = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
    for (let i = 0; i < 300; i++) {
      const from = Math.floor((random() - 0.1) * 4 * DAY) + D0 * (i % 2);
      const to = from + Math.floor(random() * 3 * DAY);
      const expected: number[] = [];
      for (let t = Math.ceil(from / 300) * 300; t < to; t += 300) {
        expected.push(t + 0);
      }
      expect(starts(splitRange(from, to))).toEqual(expected);
    }
  });
});
