import type { SloState } from '../api/types';
import {
  notificationDelivery,
  orderAvailability,
  userAvailability,
} from '../__testUtils__/fixtures';
import {
  budgetTone,
  burnRateOver,
  burnTone,
  describeTimeToExhaustion,
  isSameStep,
  isSloStatus,
  policyStepLabel,
  remainingBudget,
  sliTone,
} from './status';

const base = userAvailability.state;
const withState = (partial: Partial<SloState>): SloState => ({
  ...base,
  ...partial,
});

describe('remainingBudget', () => {
  it.each<[string, Partial<SloState>, number | null]>([
    ['a known budget', { budgetRemaining: 0.31 }, 0.31],
    ['an overspent budget', { budgetRemaining: -0.2 }, -0.2],
    ['no data', { budgetRemaining: null, status: 'no-data' }, null],
    [
      'the unbounded overspend of a 100% objective',
      { budgetRemaining: null, status: 'critical' },
      -Infinity,
    ],
  ])('%s', (_name, partial, expected) => {
    expect(remainingBudget(withState(partial))).toBe(expected);
  });
});

describe('budgetTone', () => {
  it.each<[number | null, string]>([
    [0.8, 'success'],
    [0.5, 'success'],
    [0.49, 'warning'],
    [0.25, 'warning'],
    [0.24, 'error'],
    [0, 'error'],
    [-Infinity, 'error'],
    [null, 'default'],
  ])('%p → %p', (remaining, tone) => {
    expect(budgetTone(remaining)).toBe(tone);
  });
});

describe('sliTone and burnTone', () => {
  it.each<[number | null, number, string]>([
    [0.9995, 0.999, 'success'],
    [0.999, 0.999, 'success'],
    [0.9989, 0.999, 'error'],
    [null, 0.999, 'default'],
  ])('SLI %p against %p → %p', (sli, target, tone) => {
    expect(sliTone(sli, target)).toBe(tone);
  });

  it.each<[number | null, 'page' | 'ticket' | 'none' | 'no-data', string]>([
    [0.2, 'none', 'success'],
    [1, 'none', 'success'],
    [1.5, 'ticket', 'warning'],
    // The 1h rate can have cooled while the 6h/30m page still fires.
    [0.5, 'page', 'error'],
    [null, 'no-data', 'default'],
  ])('burn %p with alert %p → %p', (burn, alert, tone) => {
    expect(burnTone(burn, alert)).toBe(tone);
  });
});

describe('burnRateOver', () => {
  it('reads the 1h burn rate by default', () => {
    expect(burnRateOver(orderAvailability.state)).toBe(20.1);
    expect(burnRateOver(orderAvailability.state, 259200)).toBe(6.9);
  });

  it('is null without data or for a window the SLO has no rate for', () => {
    expect(burnRateOver(notificationDelivery.state)).toBeNull();
    expect(burnRateOver(orderAvailability.state, 42)).toBeNull();
  });
});

describe('describeTimeToExhaustion', () => {
  it.each<[string, Partial<SloState>, string]>([
    ['burning', { timeToExhaustionSeconds: 526_127 }, '6d 2h'],
    ['no data', { status: 'no-data', budgetRemaining: null }, 'no data'],
    [
      'already exhausted',
      { budgetRemaining: -0.1, timeToExhaustionSeconds: 0 },
      'exhausted',
    ],
    [
      'a 100% objective after a failure',
      {
        status: 'critical',
        budgetRemaining: null,
        timeToExhaustionSeconds: null,
      },
      'exhausted',
    ],
    [
      'not burning (the API sends null for Infinity)',
      {
        timeToExhaustionSeconds: null,
        burnRates: [{ windowSeconds: 3600, burnRate: 0 }],
      },
      'not burning',
    ],
    [
      'no traffic in the last hour',
      {
        timeToExhaustionSeconds: null,
        burnRates: [{ windowSeconds: 3600, burnRate: null }],
      },
      'no recent data',
    ],
  ])('%s', (_name, partial, expected) => {
    expect(describeTimeToExhaustion(withState(partial))).toBe(expected);
  });
});

describe('policy steps and statuses', () => {
  const freeze = userAvailability.state.policyStep!;

  it('labels a step, or none', () => {
    expect(policyStepLabel(freeze)).toBe('60% consumed: freeze');
    expect(policyStepLabel(undefined)).toBe('none');
  });

  it('compares steps by value', () => {
    expect(isSameStep(freeze, { ...freeze })).toBe(true);
    expect(isSameStep(freeze, { ...freeze, consumedPercent: 50 })).toBe(false);
    expect(isSameStep(undefined, undefined)).toBe(false);
  });

  it('recognises the API status enum', () => {
    expect(isSloStatus('no-data')).toBe(true);
    expect(isSloStatus('ok')).toBe(false);
    expect(isSloStatus(null)).toBe(false);
  });
});
