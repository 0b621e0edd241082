import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useLocation } from 'react-router-dom';
import { FakeDoraApi } from '../../__testUtils__/fakeApi';
import { pending } from '@internal/portal-react/testUtils';
import { renderWithApi } from '../../__testUtils__/render';
import { DoraPage } from './DoraPage';

function LocationProbe() {
  return <div data-testid="location-search">{useLocation().search}</div>;
}

function renderPage(options: { api?: FakeDoraApi; url?: string } = {}) {
  return renderWithApi(
    <>
      <DoraPage />
      <LocationProbe />
    </>,
    { api: options.api, initialRouteEntries: [options.url ?? '/dora'] },
  );
}

const search = () => screen.getByTestId('location-search').textContent;

async function teamRows() {
  const table = await screen.findByRole('table', { name: 'DORA keys by team' });
  return within(table).getAllByTestId('team-row');
}

function teamRow(rows: HTMLElement[], name: string) {
  return rows.find(r => within(r).queryByRole('link', { name }))!;
}

describe('DoraPage', () => {
  it('shows one row per catalog team plus the organisation, with tiers and trends', async () => {
    renderPage();
    const rows = await teamRows();
    // The teams the backend lists (catalog groups of spec.type team), by title.
    expect(rows.map(r => within(r).getByRole('link').textContent)).toEqual([
      'Orders',
      'Payments',
      'Platform',
    ]);

    const payments = teamRow(rows, 'Payments');
    const badges = await within(payments).findAllByTestId('tier-badge');
    expect(badges.map(b => b.textContent)).toEqual([
      'Elite',
      'Elite',
      'Elite',
      'Elite',
      'No tier',
    ]);
    // Deploying more often is an improvement…
    const freq = within(payments).getByTestId('cell-deploymentFrequency');
    expect(within(freq).getByTestId('trend-arrow')).toHaveAttribute(
      'data-arrow',
      'up',
    );
    expect(within(freq).getByTestId('trend-arrow')).toHaveAttribute(
      'data-good',
      'true',
    );
    // …a falling lead time too.
    const lead = within(payments).getByTestId('cell-changeLeadTime');
    expect(within(lead).getByTestId('trend-arrow')).toHaveAttribute(
      'data-arrow',
      'down',
    );
    expect(within(lead).getByTestId('trend-arrow')).toHaveAttribute(
      'data-good',
      'true',
    );

    const orders = teamRow(rows, 'Orders');
    const cfr = await within(orders).findByTestId('cell-changeFailureRate');
    expect(cfr).toHaveTextContent('50%');
    expect(within(cfr).getByTestId('tier-badge')).toHaveTextContent('Low');
    expect(within(cfr).getByTestId('trend-arrow')).toHaveAttribute(
      'data-good',
      'false',
    );

    expect(
      await within(teamRow(rows, 'Platform')).findByText(
        'No deployments in this window',
      ),
    ).toBeInTheDocument();
    expect(screen.queryByText(/NaN/)).not.toBeInTheDocument();

    const org = screen.getByTestId('org-row');
    expect(
      await within(org).findByTestId('cell-deploymentFrequency'),
    ).toHaveTextContent('4.5/day');
  });

  it('puts a picker change in the URL and refetches with it', async () => {
    const { api } = renderPage();
    await teamRows();
    // Every team's row in one request, not one per team.
    expect(api.getTeamMetrics).toHaveBeenCalledTimes(1);
    expect(api.getTeamMetrics).toHaveBeenCalledWith({
      window: '30d',
      environment: 'production',
    });
    expect(api.getMetrics).not.toHaveBeenCalledWith(
      expect.objectContaining({ group: expect.anything() }),
    );

    await userEvent.selectOptions(screen.getByLabelText('Period'), '90d');
    expect(search()).toBe('?window=90d');
    await userEvent.selectOptions(
      screen.getByLabelText('Environment'),
      'staging',
    );
    expect(search()).toBe('?window=90d&env=staging');
    await waitFor(() =>
      expect(api.getTeamMetrics).toHaveBeenCalledWith({
        window: '90d',
        environment: 'staging',
      }),
    );
    expect(api.getMetrics).toHaveBeenCalledWith({
      window: '90d',
      environment: 'staging',
    });
  });

  it('drills down from a team to its services to a service’s deployments', async () => {
    renderPage({ url: '/dora?window=180d' });
    const rows = await teamRows();
    await userEvent.click(within(teamRow(rows, 'Payments')).getByRole('link'));
    expect(search()).toBe('?window=180d&team=group%3Adefault%2Fpayments');

    const services = await screen.findByRole('table', {
      name: 'Services of Payments',
    });
    await userEvent.click(
      within(services).getByRole('link', { name: 'payment-service' }),
    );
    expect(search()).toBe(
      '?window=180d&team=group%3Adefault%2Fpayments&service=component%3Adefault%2Fpayment-service',
    );
    const deployments = await screen.findByRole('table', {
      name: 'Deployments',
    });
    expect(within(deployments).getAllByTestId('deployment-row')).toHaveLength(
      4,
    );

    await userEvent.click(screen.getByRole('link', { name: '← All teams' }));
    expect(search()).toBe('?window=180d');
    expect(
      screen.queryByRole('table', { name: 'Deployments' }),
    ).not.toBeInTheDocument();
  });

  it('shows a calendar month from the URL on every level, as the review links to it', async () => {
    const { api } = renderPage({
      url: '/dora?month=2025-01&team=group%3Adefault%2Fpayments&service=component%3Adefault%2Fpayment-service',
    });
    const month = {
      from: '2025-01-01T00:00:00.000Z',
      to: '2025-02-01T00:00:00.000Z',
    };
    expect(
      screen.getByRole('heading', { name: 'DORA metrics · January 2025' }),
    ).toBeInTheDocument();
    expect(screen.getByLabelText('Period')).toHaveValue('2025-01');
    await teamRows();
    // The month's bounds on every request, never a rolling window.
    expect(api.getTeamMetrics).toHaveBeenCalledWith({
      ...month,
      environment: 'production',
    });
    await screen.findByRole('table', { name: 'Deployments' });
    for (const scope of [
      {},
      { group: 'group:default/payments' },
      { entityRef: 'component:default/payment-service' },
    ]) {
      expect(api.getMetrics).toHaveBeenCalledWith({
        ...scope,
        ...month,
        environment: 'production',
      });
    }
    for (const [query] of [
      ...api.getMetrics.mock.calls,
      ...api.getTeamMetrics.mock.calls,
    ]) {
      expect(query?.window).toBeUndefined();
    }
    // The deployment list asks for the backend's answer's window: the month.
    expect(api.listDeployments).toHaveBeenCalledWith(
      expect.objectContaining(month),
    );

    // Back to a rolling window: the month leaves the URL.
    await userEvent.selectOptions(screen.getByLabelText('Period'), '90d');
    expect(search()).toBe(
      '?window=90d&team=group%3Adefault%2Fpayments&service=component%3Adefault%2Fpayment-service',
    );
    expect(
      screen.getByRole('heading', { name: 'DORA metrics · Last 90 days' }),
    ).toBeInTheDocument();
  });

  it('restores a drilled-down view from a link', async () => {
    renderPage({
      url: '/dora?env=staging&team=group%3Adefault%2Forders&service=component%3Adefault%2Forder-service',
    });
    expect(screen.getByLabelText('Environment')).toHaveValue('staging');
    expect(
      await screen.findByRole('table', { name: 'Services of Orders' }),
    ).toBeInTheDocument();
    // The fake has no staging deployments for order-service.
    expect(
      await screen.findByRole('heading', {
        name: 'No deployments in this window',
      }),
    ).toBeInTheDocument();
    expect(
      screen.getByText('Deployments of order-service'),
    ).toBeInTheDocument();
  });

  it('shows progress while the figures load', async () => {
    const api = new FakeDoraApi();
    api.getMetrics.mockReturnValue(pending());
    renderPage({ api });
    expect((await screen.findAllByTestId('progress')).length).toBeGreaterThan(
      0,
    );
  });

  it('shows the team rows’ error below the organisation, which still loads', async () => {
    const api = new FakeDoraApi();
    api.getTeamMetrics.mockRejectedValue(new Error('catalog unreachable'));
    renderPage({ api });
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'catalog unreachable',
    );
    const org = await screen.findByTestId('org-row');
    expect(
      await within(org).findByTestId('cell-deploymentFrequency'),
    ).toBeInTheDocument();
  });

  it('shows a metrics error in the row it belongs to', async () => {
    const api = new FakeDoraApi();
    api.getMetrics.mockRejectedValue(new Error('dora backend down'));
    renderPage({ api });
    const alerts = await screen.findAllByRole('alert');
    expect(alerts[0]).toHaveTextContent('dora backend down');
  });
});
