import { retentionCutoff } from './retentionCutoff';

const DAY = 86400;
const MIDNIGHT = 1_795_132_800;

describe('retentionCutoff', () => {
  it('cuts the retention before now, at the UTC midnight on or before it', () => {
    const now = MIDNIGHT + 5 * 3600;
    expect(retentionCutoff(now, 400 * DAY, [])).toBe(MIDNIGHT - 400 * DAY);
    expect(
      retentionCutoff(now, 400 * DAY, [{ kind: 'rolling', seconds: 30 * DAY }]),
    ).toBe(MIDNIGHT - 400 * DAY);
  });

  it('keeps two of the longest window and a day, whatever the retention says', () => {
    const now = MIDNIGHT + 5 * 3600;
    // A 365-day rolling window: its history reads 730 days back; one more day is kept.
    expect(
      retentionCutoff(now, 30 * DAY, [
        { kind: 'rolling', seconds: 7 * DAY },
        { kind: 'rolling', seconds: 365 * DAY },
      ]),
    ).toBe(MIDNIGHT - 731 * DAY);
    // A calendar quarter is up to 92 days long.
    expect(
      retentionCutoff(now, 30 * DAY, [{ kind: 'calendar', unit: 'quarter' }]),
    ).toBe(MIDNIGHT - 185 * DAY);
  });
});
