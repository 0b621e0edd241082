import { inputErrorMessage } from '../testUtils';
import { alertState, alertWindowSeconds, alertWindows } from './alerts';

const MIN = 60;
const HOUR = 3600;
const DAY = 86400;
const THIRTY_DAYS = 30 * DAY;

describe('alertWindows', () => {
  it('matches the SRE Workbook table for a 30-day period', () => {
    expect(alertWindows(THIRTY_DAYS)).toEqual([
      {
        severity: 'page',
        longWindow: HOUR,
        shortWindow: 5 * MIN,
        budgetShare: 0.02,
        factor: 14.4,
      },
      {
        severity: 'page',
        longWindow: 6 * HOUR,
        shortWindow: 30 * MIN,
        budgetShare: 0.05,
        factor: 6,
      },
      {
        severity: 'ticket',
        longWindow: DAY,
        shortWindow: 2 * HOUR,
        budgetShare: 0.1,
        factor: 3,
      },
      {
        severity: 'ticket',
        longWindow: 3 * DAY,
        shortWindow: 6 * HOUR,
        budgetShare: 0.1,
        factor: 1,
      },
    ]);
  });

  it.each([
    [28 * DAY, [13.44, 5.6, 2.8, 0.933333333333]],
    [7 * DAY, [3.36, 1.4, 0.7, 0.233333333333]],
    [90 * DAY, [43.2, 18, 9, 3]],
  ])('rescales factors for a %i s period', (period, factors) => {
    expect(alertWindows(period).map(p => p.factor)).toEqual(factors);
  });

  it('leaves out conditions whose long window exceeds the period', () => {
    expect(alertWindows(DAY).map(p => p.longWindow)).toEqual([
      HOUR,
      6 * HOUR,
      DAY,
    ]);
    expect(alertWindows(30 * MIN)).toEqual([]);
  });

  it.each([0, -1, NaN, Infinity])('rejects period %p', period => {
    expect(inputErrorMessage(() => alertWindows(period))).toBe(
      `periodSeconds must be a positive number, got ${period}`,
    );
  });

  it('lists the windows the collector must compute', () => {
    expect(alertWindowSeconds(THIRTY_DAYS)).toEqual([
      5 * MIN,
      30 * MIN,
      HOUR,
      2 * HOUR,
      6 * HOUR,
      DAY,
      3 * DAY,
    ]);
  });
});

describe('alertState', () => {
  const rates = (overrides: Record<number, number | undefined>) => ({
    [5 * MIN]: 0,
    [30 * MIN]: 0,
    [HOUR]: 0,
    [2 * HOUR]: 0,
    [6 * HOUR]: 0,
    [DAY]: 0,
    [3 * DAY]: 0,
    ...overrides,
  });

  it.each([
    ['healthy', rates({}), 'none', []],
    ['fast burn pages', rates({ [HOUR]: 15, [5 * MIN]: 20 }), 'page', [HOUR]],
    [
      'fast burn that stopped does not page',
      rates({ [HOUR]: 15, [5 * MIN]: 0.5 }),
      'none',
      [],
    ],
    [
      'exactly at the factor does not fire',
      rates({ [HOUR]: 14.4, [5 * MIN]: 14.4 }),
      'none',
      [],
    ],
    [
      '6× over 6h pages',
      rates({ [6 * HOUR]: 7, [30 * MIN]: 8 }),
      'page',
      [6 * HOUR],
    ],
    [
      '3× over 1d tickets',
      rates({ [DAY]: 3.5, [2 * HOUR]: 4 }),
      'ticket',
      [DAY],
    ],
    [
      '1× over 3d tickets',
      rates({ [3 * DAY]: 1.2, [6 * HOUR]: 1.1 }),
      'ticket',
      [3 * DAY],
    ],
    [
      'a sustained burn fires every condition, page wins',
      rates({
        [5 * MIN]: 20,
        [30 * MIN]: 20,
        [HOUR]: 20,
        [2 * HOUR]: 20,
        [6 * HOUR]: 20,
        [DAY]: 20,
        [3 * DAY]: 20,
      }),
      'page',
      [HOUR, 6 * HOUR, DAY, 3 * DAY],
    ],
    [
      'missing short window does not fire',
      rates({ [HOUR]: 50, [5 * MIN]: undefined }),
      'none',
      [],
    ],
    [
      'NaN counts as missing',
      rates({ [HOUR]: 50, [5 * MIN]: NaN }),
      'none',
      [],
    ],
    ['all windows missing', {}, 'no-data', []],
    ['only unrelated windows', { 42: 100 }, 'no-data', []],
  ])('%s', (_, burnRates, severity, longWindows) => {
    const state = alertState(burnRates, THIRTY_DAYS);
    expect(state.severity).toBe(severity);
    expect(state.firing.map(f => f.longWindow)).toEqual(longWindows);
  });

  it('reports the burn rates that fired', () => {
    expect(
      alertState(rates({ [HOUR]: 15, [5 * MIN]: 20 }), THIRTY_DAYS).firing,
    ).toEqual([
      {
        severity: 'page',
        longWindow: HOUR,
        shortWindow: 5 * MIN,
        factor: 14.4,
        longBurn: 15,
        shortBurn: 20,
      },
    ]);
  });

  it('uses the factors of the period', () => {
    // 5× would not page on a 30-day SLO, but does on a 7-day one (factor 3.36).
    const burning = rates({ [HOUR]: 5, [5 * MIN]: 5 });
    expect(alertState(burning, THIRTY_DAYS).severity).toBe('none');
    expect(alertState(burning, 7 * DAY).severity).toBe('page');
  });
});
