import {
  campaignOwnersLeft,
  campaignReminderDue,
  checkRegressions,
} from './notifications';
import { CheckState } from './types';

const results = (states: Record<string, CheckState>) =>
  Object.entries(states).map(([checkId, state]) => ({ checkId, state }));

describe('checkRegressions', () => {
  it.each<
    [
      string,
      Record<string, CheckState> | undefined,
      Record<string, CheckState>,
      string[],
    ]
  >([
    ['pass → fail notifies', { a: 'pass' }, { a: 'fail' }, ['a']],
    ['fail → fail (still failing) is silent', { a: 'fail' }, { a: 'fail' }, []],
    ['pass → pass is silent', { a: 'pass' }, { a: 'pass' }, []],
    ['fail → pass (fixed) is silent', { a: 'fail' }, { a: 'pass' }, []],
    [
      'pending → fail is silent (never told it passed)',
      { a: 'pending' },
      { a: 'fail' },
      [],
    ],
    [
      'not-applicable → fail is silent',
      { a: 'not-applicable' },
      { a: 'fail' },
      [],
    ],
    ['exempt → fail is silent', { a: 'exempt' }, { a: 'fail' }, []],
    ['pass → pending is silent', { a: 'pass' }, { a: 'pending' }, []],
    ['pass → exempt is silent', { a: 'pass' }, { a: 'exempt' }, []],
    [
      'no previous row (first evaluation) is silent',
      undefined,
      { a: 'fail' },
      [],
    ],
    [
      'a check new since the previous row is silent',
      { a: 'pass' },
      { a: 'pass', b: 'fail' },
      [],
    ],
    [
      'several checks: only the pass → fail ones, in result order',
      { a: 'pass', b: 'fail', c: 'pass', d: 'pass' },
      { d: 'fail', a: 'fail', b: 'fail', c: 'pass' },
      ['d', 'a'],
    ],
  ])('%s', (_name, previous, current, expected) => {
    expect(
      checkRegressions(previous && results(previous), results(current)),
    ).toEqual(expected);
  });
});

describe('campaignReminderDue', () => {
  it.each([
    ['2026-12-20', '2026-12-12', false], // 8 days left
    ['2026-12-20', '2026-12-13', true], // exactly 7
    ['2026-12-20', '2026-12-19', true],
    ['2026-12-20', '2026-12-20', true], // the last day
    ['2026-12-20', '2026-12-21', false], // past
    ['2027-01-03', '2026-12-27', true], // across a year end: 7 days
    ['2027-01-03', '2026-12-26', false],
    ['2026-03-31', '2026-03-24', true], // across Europe's DST change: UTC days
  ])('deadline %s, today %s → %s', (deadline, today, expected) => {
    expect(campaignReminderDue(deadline, today)).toBe(expected);
  });
});

describe('campaignOwnersLeft', () => {
  const row = (
    entityRef: string,
    owner: string | undefined,
    states: Record<string, CheckState>,
    extra: { system?: string; tags?: string[] } = {},
  ) => ({ entityRef, owner, results: results(states), ...extra });

  it('names each owner once with its entities still left, sorted', () => {
    expect(
      campaignOwnersLeft(
        [
          row('component:default/b', 'group:default/payments', { x: 'fail' }),
          row('component:default/a', 'group:default/payments', {
            x: 'pending',
          }),
          row('component:default/c', 'group:default/orders', { x: 'pass' }),
          row('component:default/d', 'group:default/identity', {}),
          row('component:default/e', undefined, { x: 'fail' }),
        ],
        { checkIds: ['x'], scope: {} },
      ),
    ).toEqual([
      // d has no result for x: missing counts as left, as on the campaign page.
      { owner: 'group:default/identity', entityRefs: ['component:default/d'] },
      {
        owner: 'group:default/payments',
        entityRefs: ['component:default/a', 'component:default/b'],
      },
    ]);
  });

  it('only entities in scope; exempt and not applicable are done', () => {
    expect(
      campaignOwnersLeft(
        [
          row(
            'component:default/a',
            'group:default/payments',
            { x: 'fail' },
            { system: 'system:default/shop' },
          ),
          row(
            'component:default/b',
            'group:default/orders',
            { x: 'fail' },
            { system: 'system:default/other' },
          ),
          row(
            'component:default/c',
            'group:default/identity',
            { x: 'exempt', y: 'not-applicable' },
            { system: 'system:default/shop' },
          ),
        ],
        { checkIds: ['x', 'y'], scope: { system: 'system:default/shop' } },
      ),
    ).toEqual([
      { owner: 'group:default/payments', entityRefs: ['component:default/a'] },
    ]);
  });

  it('nobody when every entity is done', () => {
    expect(
      campaignOwnersLeft(
        [row('component:default/a', 'group:default/payments', { x: 'pass' })],
        { checkIds: ['x'], scope: {} },
      ),
    ).toEqual([]);
  });
});
