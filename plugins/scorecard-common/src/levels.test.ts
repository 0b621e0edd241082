import {
  DEFAULT_LEVELS,
  blockersOfNextLevel,
  levelOf,
  scorecardScore,
  validateLevels,
} from './levels';
import { scorecardChecks } from './checks';
import { CheckState, LevelDefinitions } from './types';

const LEVELS: LevelDefinitions = {
  bronze: ['a', 'b'],
  silver: ['c'],
  gold: ['d', 'e'],
};

function results(states: Record<string, CheckState>) {
  return Object.entries(states).map(([checkId, state]) => ({
    checkId,
    state,
  }));
}

describe('levelOf', () => {
  it.each<[string, Record<string, CheckState>, string | null]>([
    [
      'nothing passes',
      { a: 'fail', b: 'fail', c: 'fail', d: 'fail', e: 'fail' },
      null,
    ],
    ['no results at all', {}, null],
    [
      'bronze only',
      { a: 'pass', b: 'pass', c: 'fail', d: 'pass', e: 'pass' },
      'bronze',
    ],
    [
      'silver, gold blocked by one',
      { a: 'pass', b: 'pass', c: 'pass', d: 'pass', e: 'fail' },
      'silver',
    ],
    ['gold', { a: 'pass', b: 'pass', c: 'pass', d: 'pass', e: 'pass' }, 'gold'],
    [
      'exempt and n/a satisfy',
      { a: 'exempt', b: 'not-applicable', c: 'pass', d: 'exempt', e: 'pass' },
      'gold',
    ],
    // A higher level's checks do not count while a lower level fails.
    [
      'gold checks pass, bronze fails',
      { a: 'fail', b: 'pass', c: 'pass', d: 'pass', e: 'pass' },
      null,
    ],
    // A check with no result is never satisfied.
    [
      'silver check missing',
      { a: 'pass', b: 'pass', d: 'pass', e: 'pass' },
      'bronze',
    ],
    // Pending is no answer yet: it earns no level, though it is no failure either.
    [
      'silver check pending',
      { a: 'pass', b: 'pass', c: 'pending', d: 'pass', e: 'pass' },
      'bronze',
    ],
    [
      'gold check pending',
      { a: 'pass', b: 'pass', c: 'pass', d: 'pending', e: 'pass' },
      'silver',
    ],
  ])('%s', (_name, states, expected) => {
    expect(levelOf(results(states), LEVELS)).toBe(expected);
  });

  it('an empty level is reached by default', () => {
    expect(
      levelOf(results({ a: 'pass' }), { bronze: ['a'], silver: [], gold: [] }),
    ).toBe('gold');
  });
});

describe('blockersOfNextLevel', () => {
  it('names the failing and missing checks of the lowest level not reached', () => {
    expect(
      blockersOfNextLevel(results({ a: 'pass', b: 'pass', d: 'fail' }), LEVELS),
    ).toEqual({ level: 'silver', checkIds: ['c'] });
    expect(
      blockersOfNextLevel(results({ a: 'fail', b: 'exempt' }), LEVELS),
    ).toEqual({ level: 'bronze', checkIds: ['a'] });
    expect(
      blockersOfNextLevel(results({ a: 'pass', b: 'pending' }), LEVELS),
    ).toEqual({ level: 'bronze', checkIds: ['b'] });
    expect(
      blockersOfNextLevel(
        results({ a: 'pass', b: 'pass', c: 'pass', d: 'pass', e: 'pass' }),
        LEVELS,
      ),
    ).toBeUndefined();
  });
});

describe('scorecardScore', () => {
  it.each<[string, CheckState[], number | null]>([
    ['no checks', [], null],
    ['only n/a and exempt', ['not-applicable', 'exempt'], null],
    ['all pass', ['pass', 'pass'], 100],
    ['all fail', ['fail'], 0],
    // 2 of 3 = 66.67 → rounded down so a score of 100 always means nothing fails.
    ['two of three', ['pass', 'pass', 'fail'], 66],
    ['exempt left out', ['pass', 'fail', 'exempt', 'exempt'], 50],
    // Pending is in neither the numerator nor the denominator: not a failure.
    ['pending left out', ['pass', 'pending', 'pending', 'pending'], 100],
    ['only pending', ['pending', 'pending'], null],
    ['pending beside a fail', ['pass', 'fail', 'pending'], 50],
    ['19 of 20', [...Array(19).fill('pass'), 'fail'], 95],
    ['199 of 200 is not 100', [...Array(199).fill('pass'), 'fail'], 99],
  ])('%s', (_name, states, expected) => {
    expect(scorecardScore(states.map(state => ({ state })))).toBe(expected);
  });
});

describe('DEFAULT_LEVELS', () => {
  it('uses every built-in check exactly once', () => {
    const ids = scorecardChecks.map(c => c.id);
    expect(validateLevels(DEFAULT_LEVELS, ids)).toEqual([]);
    const used = [
      ...DEFAULT_LEVELS.bronze,
      ...DEFAULT_LEVELS.silver,
      ...DEFAULT_LEVELS.gold,
    ].sort();
    expect(used).toEqual([...ids].sort());
  });

  it('names unknown and duplicated checks with their config key', () => {
    expect(
      validateLevels({ bronze: ['a', 'x'], silver: ['a'], gold: [] }, ['a']),
    ).toEqual([
      'scorecard.levels.bronze: unknown check "x"',
      'scorecard.levels.silver: check "a" is already in bronze',
    ]);
  });
});
