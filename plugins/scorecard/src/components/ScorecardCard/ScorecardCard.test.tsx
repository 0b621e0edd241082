import { screen } from '@testing-library/react';
import type { Entity } from '@backstage/catalog-model';
import { renderWithApi } from '../../__testUtils__/render';
import { FakeScorecardApi, scorecard } from '../../__testUtils__/fakeApi';
import { ScorecardCard } from './ScorecardCard';

const entity: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'svc', namespace: 'default' },
  spec: { type: 'service', owner: 'payments' },
};

describe('ScorecardCard', () => {
  it('shows level, score, trend and each failing check with remediation and evidence', async () => {
    const api = new FakeScorecardApi([], {
      scorecard: scorecard('component:default/svc'),
      trend: [
        { day: '2026-12-01', level: null, score: 40 },
        { day: '2026-12-06', level: 'bronze', score: 60 },
      ],
      nextLevel: { level: 'silver', checkIds: ['runbook-link', 'slo-defined'] },
    });
    await renderWithApi(<ScorecardCard />, api, { entity });
    expect(await screen.findByText('Bronze')).toBeInTheDocument();
    expect(screen.getByLabelText('score')).toHaveTextContent('60/100');
    expect(screen.getByText('40 on 2026-12-01')).toBeInTheDocument();
    expect(
      screen.getByText('Next: silver, blocked by 2 checks'),
    ).toBeInTheDocument();
    const failing = screen.getByRole('list', { name: 'failing checks' });
    expect(failing).toHaveTextContent('Runbook link');
    expect(failing).toHaveTextContent(
      /Add a metadata.links entry titled "Runbook"/,
    );
    // Only the failing check is listed: the passing and exempt ones are not.
    expect(failing).not.toHaveTextContent('Owner');
    expect(screen.getByRole('link', { name: 'evidence' })).toHaveAttribute(
      'href',
      '/catalog/default/component/svc',
    );
    expect(screen.getByText(/Exempt: image-scan/)).toBeInTheDocument();
  });

  it('lists pending checks apart: not failing, not scored', async () => {
    const base = scorecard('component:default/svc');
    const api = new FakeScorecardApi([], {
      scorecard: {
        ...base,
        results: [
          ...base.results,
          {
            checkId: 'conformance-probes',
            state: 'pending',
            message: 'waiting for the first conformance report',
          },
        ],
      },
      trend: [],
    });
    await renderWithApi(<ScorecardCard />, api, { entity });
    expect(await screen.findByLabelText('pending')).toHaveTextContent(
      'Not judged yet (waiting for the first conformance report), counted neither way: Readiness and liveness probes',
    );
    expect(
      screen.getByRole('list', { name: 'failing checks' }),
    ).not.toHaveTextContent('probes');
  });

  it('says when the entity has not been evaluated, with the configured schedule', async () => {
    const api = new FakeScorecardApi([]);
    api.schedule = 'every 2 minutes';
    await renderWithApi(<ScorecardCard />, api, { entity });
    expect(await screen.findByText('Not evaluated yet')).toBeInTheDocument();
    expect(
      await screen.findByText(/evaluated every 2 minutes/),
    ).toBeInTheDocument();
  });

  it('shows an error panel when the API fails', async () => {
    await renderWithApi(
      <ScorecardCard />,
      new FakeScorecardApi([], undefined, new Error('boom')),
      { entity },
    );
    expect(
      await screen.findByText(/Scorecard could not be loaded/),
    ).toBeInTheDocument();
  });
});
