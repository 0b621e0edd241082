import { monthRange } from './month';
import {
  SloHistoryPoint,
  pageBurnThreshold,
  sloMonthFigures,
} from './sloMonth';

const HOUR = 3600;
const november = monthRange('2026-11');
const start = november.start / 1000;
const end = november.end / 1000;

/** Hourly points from `from` to `to` (window ends), all with the given fields. */
function points(
  from: number,
  to: number,
  fields: Partial<SloHistoryPoint> = {},
): SloHistoryPoint[] {
  const out: SloHistoryPoint[] = [];
  for (let t = from; t <= to; t += HOUR) {
    out.push({
      t,
      sli: 0.9995,
      remaining: 0.5,
      recentBurnRate: 0.5,
      ...fields,
    });
  }
  return out;
}

describe('pageBurnThreshold', () => {
  it('is 14.4 for 30 days and scales with the period', () => {
    expect(pageBurnThreshold(30 * 86400)).toBeCloseTo(14.4, 12);
    expect(pageBurnThreshold(7 * 86400)).toBeCloseTo(3.36, 12);
  });
});

describe('sloMonthFigures', () => {
  const base = {
    target: 0.999,
    periodSeconds: 30 * 86400,
    resolutionSeconds: HOUR,
    range: november,
  };

  it('reads SLI and budget at the month end and counts alert runs and freeze hours', () => {
    const history = points(start - 5 * HOUR, end + 10 * HOUR);
    const at = (t: number) => history.find(p => p.t === t)!;
    // Two separate burns past 14.4: 3 hours, then 1 hour; a burn before the month is not counted.
    for (const h of [10, 11, 12, 40]) at(start + h * HOUR).recentBurnRate = 20;
    at(start - 2 * HOUR).recentBurnRate = 30;
    // 5 hours with 80% or more of the budget consumed.
    for (const h of [100, 101, 102, 103, 104])
      at(start + h * HOUR).remaining = 0.2;
    at(end).sli = 0.9985;
    at(end).remaining = -0.5;
    expect(
      sloMonthFigures({ ...base, history, freezeAtConsumedPercent: 80 }),
    ).toEqual({
      met: false,
      budgetLeft: -0.5,
      alertsFired: 2,
      // The five hours at 80% consumed, and the month's last hour at 150%.
      freezeHours: 6,
      covered: true,
    });
  });

  it('counts a burn exactly at the threshold as an alert and an objective met exactly as met', () => {
    const history = points(start + HOUR, end);
    history[3].recentBurnRate = 14.4;
    history[history.length - 1].sli = 0.999;
    const figures = sloMonthFigures({ ...base, history });
    expect(figures.alertsFired).toBe(1);
    expect(figures.met).toBe(true);
    expect(figures.freezeHours).toBe(0);
  });

  it('has no SLI or budget when the history does not reach the month end', () => {
    // The history covers only the last SLO window: a month that ended long ago is not in it.
    const history = points(end + 40 * 86400, end + 70 * 86400);
    expect(sloMonthFigures({ ...base, history })).toEqual({
      met: null,
      budgetLeft: null,
      alertsFired: 0,
      freezeHours: 0,
      covered: true,
    });
    expect(
      sloMonthFigures({ ...base, history: points(start, end - HOUR) }).covered,
    ).toBe(false);
  });

  it('has no verdict without data at the month end', () => {
    const history = points(start + HOUR, end, { sli: null, remaining: null });
    const figures = sloMonthFigures({ ...base, history });
    expect(figures.met).toBeNull();
    expect(figures.budgetLeft).toBeNull();
  });
});
