import { retentionCutoff } from './retentionCutoff';

describe('retentionCutoff', () => {
  const now = Date.parse('2026-12-06T10:00:00Z');

  it('is historyDays before today (UTC)', () => {
    // 2026-12-06 minus 400 days: 2025-11-01 (counted by hand: 5 Dec 2025 is 366 days back,
    // 34 more days back is 1 Nov 2025).
    expect(retentionCutoff(now, 400)).toBe('2025-11-01');
    expect(retentionCutoff(now, 1)).toBe('2026-12-05');
  });

  it('moves back to the start of a campaign still shown after the cut-off', () => {
    expect(
      retentionCutoff(now, 400, [
        // Ended before the cut-off: its burn-up may lose its days.
        { createdAt: '2025-01-01T09:00:00.000Z', deadline: '2025-10-31' },
        // Ends on the cut-off day: kept whole.
        { createdAt: '2025-06-15T09:00:00.000Z', deadline: '2025-11-01' },
        { createdAt: '2025-08-01T09:00:00.000Z', deadline: '2027-01-01' },
      ]),
    ).toBe('2025-06-15');
  });

  it('ignores campaigns that started after the cut-off', () => {
    expect(
      retentionCutoff(now, 400, [
        { createdAt: '2026-01-01T00:00:00.000Z', deadline: '2026-03-01' },
      ]),
    ).toBe('2025-11-01');
  });
});
