import {
  CampaignEntityDay,
  campaignBurnUp,
  checksLeft,
  daysBetween,
  inCampaignScope,
} from './campaigns';

const row = (
  entityRef: string,
  day: string,
  states: Record<string, CampaignEntityDay['results'][number]['state']>,
  extra: Partial<CampaignEntityDay> = {},
): CampaignEntityDay => ({
  entityRef,
  day,
  owner: 'group:default/payments',
  system: 'system:default/shop',
  tags: ['java'],
  results: Object.entries(states).map(([checkId, state]) => ({
    checkId,
    state,
  })),
  ...extra,
});

describe('inCampaignScope', () => {
  const e = {
    owner: 'group:default/payments',
    system: 'system:default/shop',
    tags: ['java', 'pci'],
  };
  it.each([
    [{}, true],
    [{ owner: 'group:default/payments' }, true],
    [{ owner: 'group:default/orders' }, false],
    [{ system: 'system:default/shop', tag: 'pci' }, true],
    [{ system: 'system:default/shop', tag: 'go' }, false],
    [{ tag: 'java' }, true],
  ])('%j → %s', (scope, expected) => {
    expect(inCampaignScope(e, scope)).toBe(expected);
  });
  it('an entity without tags is outside a tag scope', () => {
    expect(inCampaignScope({}, { tag: 'java' })).toBe(false);
  });
});

describe('checksLeft', () => {
  it('counts failing, pending and missing checks; pass, exempt and n/a are done', () => {
    expect(
      checksLeft(
        row('a', '2026-12-01', {
          x: 'pass',
          y: 'exempt',
          z: 'not-applicable',
          f: 'fail',
          p: 'pending',
        }).results,
        ['x', 'y', 'z', 'f', 'p', 'missing'],
      ),
    ).toEqual(['f', 'p', 'missing']);
  });
});

describe('campaignBurnUp', () => {
  const campaign = {
    checkIds: ['runbook-link', 'on-call-link'],
    deadline: '2026-12-10',
    scope: { owner: 'group:default/payments' },
  };
  it('counts passing entities per day, carrying the last row over days without one', () => {
    const history = [
      row('a', '2026-12-01', {
        'runbook-link': 'fail',
        'on-call-link': 'pass',
      }),
      row('a', '2026-12-03', {
        'runbook-link': 'pass',
        'on-call-link': 'pass',
      }),
      row('b', '2026-12-01', {
        'runbook-link': 'pass',
        'on-call-link': 'fail',
      }),
      // Registered later: not counted before its first row.
      row('c', '2026-12-02', {
        'runbook-link': 'pass',
        'on-call-link': 'exempt',
      }),
      // Out of scope.
      row(
        'd',
        '2026-12-01',
        { 'runbook-link': 'pass', 'on-call-link': 'pass' },
        { owner: 'group:default/orders' },
      ),
    ];
    expect(
      campaignBurnUp(history, campaign, '2026-11-30', '2026-12-04'),
    ).toEqual([
      { day: '2026-11-30', passing: 0, total: 0 },
      { day: '2026-12-01', passing: 0, total: 2 },
      { day: '2026-12-02', passing: 1, total: 3 },
      { day: '2026-12-03', passing: 2, total: 3 },
      { day: '2026-12-04', passing: 2, total: 3 },
    ]);
  });

  it('follows an entity moving out of scope (its owner changed)', () => {
    const history = [
      row('a', '2026-12-01', {
        'runbook-link': 'pass',
        'on-call-link': 'pass',
      }),
      row(
        'a',
        '2026-12-02',
        { 'runbook-link': 'pass', 'on-call-link': 'pass' },
        { owner: 'group:default/orders' },
      ),
    ];
    expect(
      campaignBurnUp(history, campaign, '2026-12-01', '2026-12-02').map(
        d => d.total,
      ),
    ).toEqual([1, 0]);
  });

  it('is empty for no history', () => {
    expect(campaignBurnUp([], campaign, '2026-12-01', '2026-12-01')).toEqual([
      { day: '2026-12-01', passing: 0, total: 0 },
    ]);
  });
});

describe('daysBetween', () => {
  it('is inclusive, crosses month ends and stops at 366 days', () => {
    expect(daysBetween('2026-11-29', '2026-12-01')).toEqual([
      '2026-11-29',
      '2026-11-30',
      '2026-12-01',
    ]);
    expect(daysBetween('2026-12-02', '2026-12-01')).toEqual([]);
    expect(daysBetween('2020-01-01', '2030-01-01')).toHaveLength(366);
  });
});
