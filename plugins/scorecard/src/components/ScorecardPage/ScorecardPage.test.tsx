import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderWithApi } from '../../__testUtils__/render';
import { FakeScorecardApi, scorecard } from '../../__testUtils__/fakeApi';
import { ScorecardPage } from './ScorecardPage';

describe('ScorecardPage', () => {
  const items = [
    scorecard('component:default/a'),
    scorecard('component:default/b', {
      level: 'gold',
      score: 100,
      owner: 'group:default/platform',
    }),
  ];

  it('shows entities × checks and reads its filters from the URL', async () => {
    const api = new FakeScorecardApi(items);
    await renderWithApi(<ScorecardPage />, api, {
      initialRouteEntries: ['/?owner=group:default/payments'],
    });
    expect(await screen.findByRole('link', { name: 'a' })).toBeInTheDocument();
    expect(screen.queryByRole('link', { name: 'b' })).not.toBeInTheDocument();
    expect(api.filters[0]).toEqual({
      owner: 'group:default/payments',
      system: undefined,
      level: undefined,
    });
    expect(screen.getByLabelText('runbook-link: fail')).toHaveTextContent('✗');
    expect(screen.getByLabelText('owner: pass')).toHaveTextContent('✓');
    expect(screen.getByLabelText('image-scan: exempt')).toHaveTextContent('E');
  });

  it('asks again when a filter changes', async () => {
    const api = new FakeScorecardApi(items);
    await renderWithApi(<ScorecardPage />, api, {
      initialRouteEntries: ['/?level=gold'],
    });
    expect(await screen.findByRole('link', { name: 'b' })).toBeInTheDocument();
    expect(screen.queryByRole('link', { name: 'a' })).not.toBeInTheDocument();
    await userEvent.type(screen.getByRole('textbox', { name: 'System' }), 'x');
    await waitFor(() =>
      expect(api.filters.at(-1)).toEqual({
        owner: undefined,
        system: 'x',
        level: 'gold',
      }),
    );
  });

  it('says when nothing matches', async () => {
    await renderWithApi(<ScorecardPage />, new FakeScorecardApi([]));
    expect(await screen.findByText('No scorecards')).toBeInTheDocument();
  });
});
