import { summaries } from '../__testUtils__/fixtures';
import {
  applyViewState,
  compareByScore,
  distinctValues,
  parseViewState,
  serializeViewState,
} from './viewState';

describe('parseViewState', () => {
  it('defaults to no filters and ascending sort', () => {
    expect(parseViewState(new URLSearchParams())).toEqual({
      owner: undefined,
      system: undefined,
      severity: undefined,
      sort: 'asc',
    });
  });

  it('reads every field', () => {
    expect(
      parseViewState(
        new URLSearchParams(
          'owner=group:default/payments&system=system:default/checkout&severity=high&sort=desc',
        ),
      ),
    ).toEqual({
      owner: 'group:default/payments',
      system: 'system:default/checkout',
      severity: 'high',
      sort: 'desc',
    });
  });

  it('ignores values it does not understand', () => {
    expect(
      parseViewState(
        new URLSearchParams('severity=urgent&sort=sideways&owner='),
      ),
    ).toEqual({
      owner: undefined,
      system: undefined,
      severity: undefined,
      sort: 'asc',
    });
  });
});

describe('serializeViewState', () => {
  it('omits defaults so the plain page has a clean URL', () => {
    expect(serializeViewState({ sort: 'asc' }).toString()).toBe('');
  });

  it('round-trips through parseViewState', () => {
    const state = {
      owner: 'group:default/payments',
      system: 'system:default/checkout',
      severity: 'critical' as const,
      sort: 'desc' as const,
    };
    expect(parseViewState(serializeViewState(state))).toEqual(state);
  });
});

describe('applyViewState', () => {
  const refs = (state: Parameters<typeof applyViewState>[1]) =>
    applyViewState(summaries, state).map(e => e.entityRef);

  it('sorts by score, lowest first by default', () => {
    expect(refs({ sort: 'asc' })).toEqual([
      'component:default/ledger',
      'component:default/payment-service',
      'component:default/search-api',
    ]);
    expect(refs({ sort: 'desc' })).toEqual([
      'component:default/search-api',
      'component:default/payment-service',
      'component:default/ledger',
    ]);
  });

  it('filters by owner, system and failing severity', () => {
    expect(refs({ sort: 'asc', owner: 'group:default/platform' })).toEqual([
      'component:default/search-api',
    ]);
    expect(refs({ sort: 'asc', system: 'system:default/checkout' })).toEqual([
      'component:default/ledger',
      'component:default/payment-service',
    ]);
    expect(refs({ sort: 'asc', severity: 'critical' })).toEqual([
      'component:default/ledger',
    ]);
    expect(refs({ sort: 'asc', severity: 'low' })).toEqual([]);
  });

  it('does not mutate its input', () => {
    const before = summaries.map(s => s.entityRef);
    applyViewState(summaries, { sort: 'desc' });
    expect(summaries.map(s => s.entityRef)).toEqual(before);
  });
});

describe('compareByScore', () => {
  it('puts entities without a score last in both directions', () => {
    const scored = summaries[0];
    const unscored = { ...summaries[1], score: null };
    expect(compareByScore(unscored, scored, 'asc')).toBeGreaterThan(0);
    expect(compareByScore(unscored, scored, 'desc')).toBeGreaterThan(0);
    expect(compareByScore(scored, unscored, 'desc')).toBeLessThan(0);
  });
});

describe('distinctValues', () => {
  it('lists each owner once, sorted', () => {
    expect(distinctValues(summaries, 'owner')).toEqual([
      'group:default/payments',
      'group:default/platform',
    ]);
  });
});
