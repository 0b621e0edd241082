import { RollupBucket, Slo } from '@internal/plugin-slo-common';
import { computeSloState, stateRange } from './computeSloState';

const DAY = 86400;
const NOW = 1_795_000_200;

function slo(extra: Partial<Slo> = {}): Slo {
  return {
    id: 'svc/availability',
    name: 'availability',
    service: 'svc',
    objectivePercent: 99.9,
    target: 0.999,
    window: { kind: 'rolling', seconds: 30 * DAY },
    indicator: { kind: 'availability', goodQuery: 'g', totalQuery: 't' },
    budgeting: { method: 'occurrences' },
    source: { format: 'plain', file: 'slos.yaml' },
    ...extra,
  };
}

/** One bucket every 5 minutes over [now − days, now) with `errorRatio(age)`. */
function buckets(
  days: number,
  errorRatio: (ageSeconds: number) => number,
  total = 1_000_000,
): RollupBucket[] {
  const out: RollupBucket[] = [];
  for (let start = NOW - days * DAY; start < NOW; start += 300) {
    const bad = Math.round(total * errorRatio(NOW - start));
    out.push({ start, good: total - bad, total });
  }
  return out;
}

function numbersAreNeverNaN(value: unknown): void {
  JSON.stringify(value, (_k, v) => {
    if (typeof v === 'number') expect(Number.isNaN(v)).toBe(false);
    return v;
  });
}

describe('computeSloState', () => {
  it.each([
    ['no buckets at all', [] as RollupBucket[]],
    ['buckets with zero traffic', buckets(30, () => 0, 0)],
  ])('%s: no-data, never NaN', (_name, input) => {
    const state = computeSloState(slo(), input, NOW);
    expect(state).toMatchObject({
      status: 'no-data',
      sli: undefined,
      budgetRemaining: undefined,
      budgetConsumed: undefined,
      timeToExhaustionSeconds: undefined,
      policyStep: undefined,
      alert: { severity: 'no-data', firing: [] },
    });
    expect(state.burnRates.every(b => b.burnRate === undefined)).toBe(true);
    numbersAreNeverNaN(state);
  });

  it('reports burn rates for every alert window and the SLO window', () => {
    const state = computeSloState(
      slo(),
      buckets(30, () => 0),
      NOW,
    );
    expect(state.burnRates.map(b => b.windowSeconds)).toEqual([
      300,
      1800,
      3600,
      2 * 3600,
      6 * 3600,
      DAY,
      3 * DAY,
      30 * DAY,
    ]);
  });

  it.each([
    // [case, error ratio by age, status, alert, remaining, step action]
    ['perfect', () => 0, 'healthy', 'none', 1, undefined],
    [
      'burn 0.2',
      () => 0.0002,
      'healthy',
      'none',
      expect.closeTo(0.8, 9),
      undefined,
    ],
    [
      'fast burn in the last hour',
      (age: number) => (age < 3600 ? 0.02 : 0.0001),
      'critical',
      'page',
      expect.closeTo(0.875, 3),
      undefined,
    ],
    [
      'slow burn for 3 days',
      (age: number) => (age < 3 * DAY ? 0.0015 : 0.0006),
      'warning',
      'ticket',
      expect.closeTo(0.31, 3),
      'review', // 69% consumed: the default policy's 50% step
    ],
    [
      'overspent',
      () => 0.002,
      'critical',
      'ticket',
      expect.closeTo(-1, 9),
      'halt',
    ],
  ])('%s', (_name, ratio, status, severity, remaining, action) => {
    const state = computeSloState(slo(), buckets(30, ratio), NOW);
    expect(state.status).toBe(status);
    expect(state.alert.severity).toBe(severity);
    expect(state.budgetRemaining).toEqual(remaining);
    expect(state.policyStep?.action).toBe(action);
    numbersAreNeverNaN(state);
  });

  it('computes time to exhaustion from the 1h burn rate', () => {
    const state = computeSloState(
      slo(),
      buckets(30, () => 0.0005),
      NOW,
    );
    // remaining 0.5, burn 0.5: 0.5 × 30d / 0.5 = 30 days.
    expect(state.timeToExhaustionSeconds).toBeCloseTo(30 * DAY, -1);
    expect(
      computeSloState(
        slo(),
        buckets(30, () => 0),
        NOW,
      ).timeToExhaustionSeconds,
    ).toBe(Infinity);
  });

  it('only counts buckets inside the window', () => {
    const old = buckets(40, age => (age > 30 * DAY ? 1 : 0));
    expect(computeSloState(slo(), old, NOW).budgetRemaining).toBe(1);
  });

  it('flags stale data from the newest bucket or the collector', () => {
    const fresh = buckets(1, () => 0);
    expect(computeSloState(slo(), fresh, NOW).stale).toBe(false);
    expect(computeSloState(slo(), fresh, NOW + 3600).stale).toBe(true);
    expect(
      computeSloState(slo(), fresh, NOW + 3600, { staleAfterSeconds: 7200 })
        .stale,
    ).toBe(false);
    expect(
      computeSloState(slo(), fresh, NOW, {
        collection: { sloId: 'svc/availability', stale: true },
      }).stale,
    ).toBe(true);
    expect(computeSloState(slo(), [], NOW).stale).toBe(false);
  });

  it('uses the SLO policy over the default', () => {
    const state = computeSloState(
      slo({
        policy: {
          steps: [
            { consumedPercent: 10, action: 'notify', blocksDeploys: false },
          ],
          exemptions: [],
        },
      }),
      buckets(30, () => 0.0002),
      NOW,
    );
    expect(state.policyStep?.action).toBe('notify');
    expect(state.status).toBe('warning');
  });

  it('reads back far enough for the window and the longest alert window', () => {
    expect(stateRange(slo(), NOW)).toEqual({ from: NOW - 30 * DAY, to: NOW });
    expect(
      stateRange(slo({ window: { kind: 'rolling', seconds: DAY } }), NOW),
    ).toEqual({ from: NOW - DAY, to: NOW });
  });
});

describe('computeSloState on a live clock', () => {
  // Buckets up to NOW (exclusive) are collected; the wall clock is somewhere after.
  const input = buckets(31, age => (age <= 300 ? 0.05 : 0.0001), 1000);

  it.each([
    ['mid-bucket, 97 s after the newest bucket ended', NOW + 97],
    ['4 minutes later, before the next cycle', NOW + 299],
  ])(
    '%s: every window ends at the newest bucket and the 5m burn is measured',
    (_, now) => {
      const state = computeSloState(slo(), input, now);
      expect(state.evaluatedAt).toBe(NOW);
      expect(state.window).toEqual({ from: NOW - 30 * DAY, to: NOW });
      // The newest bucket is the whole 5-minute window: 5% errors against a 0.1% budget.
      expect(state.burnRates[0]).toEqual({
        windowSeconds: 300,
        burnRate: expect.closeTo(50, 9),
      });
      // 30 days hold 8640 buckets of 1000 events, not one fewer.
      expect(state.total).toBe(8640 * 1000);
      expect(state.stale).toBe(false);
    },
  );

  it('flags a collection more than staleAfterSeconds behind the clock', () => {
    const state = computeSloState(slo(), input, NOW + 901);
    expect(state.evaluatedAt).toBe(NOW);
    expect(state.stale).toBe(true);
    expect(
      computeSloState(slo(), input, NOW + 901, { staleAfterSeconds: 1000 })
        .stale,
    ).toBe(false);
  });
});
