import { inputErrorMessage, round } from '../testUtils';
import {
  budgetConsumed,
  budgetConsumedAtBurnRate,
  budgetRemaining,
  burnRate,
  errorRatio,
  sli,
  timeToExhaustion,
} from './budget';

const HOUR = 3600;
const DAY = 86400;
const THIRTY_DAYS = 30 * DAY;

describe('sli and errorRatio', () => {
  it.each([
    ['no traffic', 0, 0, undefined, undefined],
    ['good without total', 5, 0, undefined, undefined],
    ['negative total', 1, -5, undefined, undefined],
    ['one good event', 1, 1, 1, 0],
    ['one bad event', 0, 1, 0, 1],
    ['99.9%', 999, 1000, 0.999, 0.001],
    ['good above total (scrape skew)', 1001, 1000, 1, 0],
    ['negative good', -1, 10, 0, 1],
    ['NaN good', NaN, 10, undefined, undefined],
    ['infinite total', 1, Infinity, undefined, undefined],
  ])('%s', (_, good, total, expectedSli, expectedError) => {
    expect(sli(good, total)).toBe(expectedSli);
    expect(round(errorRatio(good, total))).toBe(expectedError);
  });
});

describe('burnRate', () => {
  it.each([
    [undefined, 0.999, undefined],
    [0, 0.999, 0],
    [0.001, 0.999, 1],
    [0.0144, 0.999, 14.4],
    [0.006, 0.999, 6],
    [1, 0.999, 1000],
    [0.5, 0.5, 1],
    [0, 1, 0],
    [0.1, 1, Infinity],
  ])('error ratio %p at target %p → %p', (ratio, target, expected) => {
    expect(round(burnRate(ratio, target))).toBe(expected);
  });

  it.each([0, -0.1, 1.5, NaN])('rejects target %p', target => {
    expect(inputErrorMessage(() => burnRate(0.1, target))).toBe(
      `target must be a number between 0 and 1, got ${target}`,
    );
  });
});

describe('budgetRemaining and budgetConsumed', () => {
  it.each([
    ['no traffic: nothing known, nothing consumed', 0, 0, 0.999, undefined],
    ['no errors', 1000, 1000, 0.999, 1],
    ['half spent', 9995, 10000, 0.999, 0.5],
    ['exactly spent', 999, 1000, 0.999, 0],
    ['overspent stays negative', 998, 1000, 0.999, -1],
    ['one good event', 1, 1, 0.999, 1],
    ['one bad event', 0, 1, 0.999, -999],
    ['99% target', 995, 1000, 0.99, 0.5],
    ['100% target without errors', 10, 10, 1, 1],
    ['100% target with an error is exhausted', 9, 10, 1, -Infinity],
  ])('%s', (_, good, total, target, expected) => {
    expect(round(budgetRemaining({ good, total, target }))).toBe(expected);
    expect(round(budgetConsumed({ good, total, target }))).toBe(
      expected === undefined ? undefined : round(1 - expected),
    );
  });
});

describe('SRE Workbook worked examples (99.9%, 30 days)', () => {
  it.each([
    [14.4, HOUR, 0.02],
    [6, 6 * HOUR, 0.05],
    [3, DAY, 0.1],
    [1, 3 * DAY, 0.1],
  ])('%p× for %p s consumes %p of the budget', (rate, duration, share) => {
    expect(budgetConsumedAtBurnRate(rate, duration, THIRTY_DAYS)).toBeCloseTo(
      share,
      12,
    );
  });

  it('14.4× over one hour of even traffic consumes 2% when counted from events', () => {
    const perHour = 100_000;
    const total = perHour * 24 * 30;
    const bad = perHour * 0.0144;
    expect(burnRate(bad / perHour, 0.999)).toBeCloseTo(14.4, 9);
    expect(
      budgetConsumed({ good: total - bad, total, target: 0.999 }),
    ).toBeCloseTo(0.02, 9);
  });

  it('6× over six hours consumes 5% when counted from events', () => {
    const perHour = 100_000;
    const total = perHour * 24 * 30;
    const bad = 6 * perHour * 0.006;
    expect(
      budgetConsumed({ good: total - bad, total, target: 0.999 }),
    ).toBeCloseTo(0.05, 9);
  });

  it('a 100% error rate burns at 1000× and exhausts the budget in 43.2 minutes', () => {
    const rate = burnRate(1, 0.999)!;
    expect(
      timeToExhaustion({
        remainingFraction: 1,
        burnRate1h: rate,
        windowSeconds: THIRTY_DAYS,
      }),
    ).toBeCloseTo(43.2 * 60, 6);
  });
});

describe('timeToExhaustion', () => {
  it.each([
    ['full budget at 1× lasts the window', 1, 1, THIRTY_DAYS],
    ['full budget at 14.4× lasts 50 hours', 1, 14.4, 50 * HOUR],
    ['half budget at 2×', 0.5, 2, 7.5 * DAY],
    ['not burning', 0.5, 0, Infinity],
    ['negative burn (bad data)', 0.5, -1, Infinity],
    ['already exhausted', 0, 5, 0],
    ['overspent', -0.3, 5, 0],
    ['exhausted by a 100% target', -Infinity, Infinity, 0],
    ['exhausted even without a burn rate', 0, undefined, 0],
    ['no budget data', undefined, 2, undefined],
    ['no burn data', 0.5, undefined, undefined],
  ])('%s', (_, remainingFraction, burnRate1h, expected) => {
    const result = timeToExhaustion({
      remainingFraction,
      burnRate1h,
      windowSeconds: THIRTY_DAYS,
    });
    expect(round(result)).toBe(expected);
  });

  it('rejects a non-positive window', () => {
    expect(
      inputErrorMessage(() =>
        timeToExhaustion({
          remainingFraction: 1,
          burnRate1h: 1,
          windowSeconds: 0,
        }),
      ),
    ).toBe('windowSeconds must be a positive number, got 0');
  });
});
