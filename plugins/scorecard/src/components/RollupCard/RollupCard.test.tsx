import { screen } from '@testing-library/react';
import type { Entity } from '@backstage/catalog-model';
import { renderWithApi } from '../../__testUtils__/render';
import { FakeScorecardApi } from '../../__testUtils__/fakeApi';
import { RollupCard } from './RollupCard';

const team: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Group',
  metadata: { name: 'payments', namespace: 'default' },
  spec: { type: 'team', children: [] },
};

describe('RollupCard', () => {
  it('asks for the team roll-up and shows its level, counts and biggest moves', async () => {
    const api = new FakeScorecardApi([]);
    api.rollup = {
      scope: { kind: 'group', ref: 'group:default/payments' },
      rollup: {
        entities: 3,
        levels: { none: 1, bronze: 2, silver: 1, gold: 0 },
        meanScore: 61.7,
        level: null,
        checks: {},
      },
      entities: [],
      changes: {
        since: '2026-11-29',
        mostImproved: [
          { entityRef: 'component:default/a', from: 40, to: 60, change: 20 },
        ],
        worstDrops: [
          { entityRef: 'component:default/b', from: 90, to: 70, change: -20 },
        ],
      },
    };
    await renderWithApi(<RollupCard />, api, { entity: team });
    expect(await screen.findByText('No level')).toBeInTheDocument();
    expect(api.rollupScopes).toEqual([{ group: 'group:default/payments' }]);
    expect(screen.getByLabelText('mean score')).toHaveTextContent('61.7/100');
    expect(screen.getByLabelText('levels')).toHaveTextContent(
      '3 components: 2 bronze, 1 silver, 0 gold, 1 below bronze',
    );
    expect(
      screen.getByRole('link', { name: 'component:default/a +20' }),
    ).toHaveAttribute('href', '/scorecards?owner=group%3Adefault%2Fpayments');
    expect(
      screen.getByText('Worst drop: component:default/b -20'),
    ).toBeInTheDocument();
  });

  it('says when the team has no evaluated components', async () => {
    const api = new FakeScorecardApi([]);
    api.rollup = {
      scope: { kind: 'group' },
      rollup: {
        entities: 0,
        levels: { none: 0, bronze: 0, silver: 0, gold: 0 },
        meanScore: null,
        level: null,
        checks: {},
      },
      entities: [],
      changes: { since: '2026-11-29', mostImproved: [], worstDrops: [] },
    };
    await renderWithApi(<RollupCard />, api, { entity: team });
    expect(await screen.findByText('No scorecards')).toBeInTheDocument();
  });
});
