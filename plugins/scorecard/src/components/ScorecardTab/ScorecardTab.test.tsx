import { screen, within } from '@testing-library/react';
import type { Entity } from '@backstage/catalog-model';
import { renderWithApi } from '../../__testUtils__/render';
import { FakeScorecardApi, scorecard } from '../../__testUtils__/fakeApi';
import { ScorecardTab } from './ScorecardTab';

const entity: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'svc', namespace: 'default' },
  spec: { type: 'service' },
};

describe('ScorecardTab', () => {
  it('lists every check with its level, result, evidence and, when failing, the fix', async () => {
    const api = new FakeScorecardApi([], {
      scorecard: scorecard('component:default/svc'),
      trend: [
        { day: '2026-12-05', level: null, score: 40 },
        { day: '2026-12-06', level: 'bronze', score: 60 },
      ],
    });
    await renderWithApi(<ScorecardTab />, api, { entity });
    const table = await screen.findByRole('table', { name: 'checks' });
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows.map(r => r.getAttribute('data-state'))).toEqual([
      'pass',
      'fail',
      'exempt',
    ]);
    expect(rows[0]).toHaveTextContent('bronzeOwnerPassowned by payments');
    expect(rows[1]).toHaveTextContent('silverRunbook linkFail');
    expect(rows[1]).toHaveTextContent(/Add a metadata.links entry/);
    // A passing or exempt check shows no fix.
    expect(rows[2]).not.toHaveTextContent(/Scan the image in CI/);
    expect(screen.getByLabelText('trend')).toHaveTextContent(
      '12-05: 40 · 12-06: 60',
    );
  });
});
