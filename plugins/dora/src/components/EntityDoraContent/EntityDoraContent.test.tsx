import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useLocation } from 'react-router-dom';
import { FakeDoraApi } from '../../__testUtils__/fakeApi';
import { pending } from '@internal/portal-react/testUtils';
import { paymentService } from '../../__testUtils__/fixtures';
import { renderWithApi } from '../../__testUtils__/render';
import { EntityDoraContent } from './EntityDoraContent';

function LocationProbe() {
  return <div data-testid="location-search">{useLocation().search}</div>;
}

function renderTab(
  api?: FakeDoraApi,
  url = '/catalog/default/component/payment-service/dora',
) {
  return renderWithApi(
    <>
      <EntityDoraContent />
      <LocationProbe />
    </>,
    { api, entity: paymentService, initialRouteEntries: [url] },
  );
}

describe('EntityDoraContent', () => {
  it('notes that the service is still being updated, even before it has figures', async () => {
    renderTab(
      new FakeDoraApi({
        metrics: {},
        queued: { 'component:default/payment-service': 1 },
      }),
    );
    expect(await screen.findByTestId('queued-note')).toHaveTextContent(
      '1 service still being updated',
    );
    expect(
      screen.getByText('No deployments in this window'),
    ).toBeInTheDocument();
  });

  it('shows the five tiles and the four charts of the component', async () => {
    const { api } = renderTab();
    expect(
      await screen.findByRole('group', { name: 'Deployment frequency' }),
    ).toHaveTextContent('3/day');
    expect(screen.getAllByTestId('tier-badge')).toHaveLength(5);
    expect(api.getMetrics).toHaveBeenCalledWith({
      entityRef: 'component:default/payment-service',
      window: '30d',
      environment: 'production',
    });

    // Outcomes come from the deployments of the backend's window (2–31 Jan).
    expect(await screen.findByText('Deployments per week')).toBeInTheDocument();
    const summaries = screen
      .getAllByTestId('chart-summary')
      .map(s => s.textContent);
    expect(summaries).toEqual([
      '2 successful, 1 failed, 1 rolled back',
      'Median 2h, p90 6h over 80 changes',
      'Change failure rate 3%, rework rate 2%',
      'Median 30m, p90 — over 3 recovered',
    ]);
    expect(api.listDeployments).toHaveBeenCalledWith({
      entityRef: 'component:default/payment-service',
      environment: 'production',
      from: '2025-01-02T00:00:00.000Z',
      to: '2025-02-01T00:00:00.000Z',
      limit: 1000,
    });
    expect(screen.getByTestId('lead-time-breakdown')).toHaveTextContent(
      'Coding 40m → Pickup 20m → Review 30m → Deploy 25m',
    );
  });

  it('keeps the window in the URL and refetches for it', async () => {
    const { api } = renderTab();
    await screen.findByRole('group', { name: 'Deployment frequency' });
    await userEvent.selectOptions(screen.getByLabelText('Period'), '7d');
    expect(screen.getByTestId('location-search')).toHaveTextContent(
      '?window=7d',
    );
    await waitFor(() =>
      expect(api.getMetrics).toHaveBeenLastCalledWith({
        entityRef: 'component:default/payment-service',
        window: '7d',
        environment: 'production',
      }),
    );
  });

  it('asks for a calendar month from the URL and names it when there were no deployments', async () => {
    const api = new FakeDoraApi({ metrics: {} });
    renderTab(
      api,
      '/catalog/default/component/payment-service/dora?month=2024-12',
    );
    expect(
      await screen.findByText(
        /has no completed deployments to production in December 2024\./,
      ),
    ).toBeInTheDocument();
    expect(api.getMetrics).toHaveBeenLastCalledWith({
      entityRef: 'component:default/payment-service',
      from: '2024-12-01T00:00:00.000Z',
      to: '2025-01-01T00:00:00.000Z',
      environment: 'production',
    });
    expect(screen.getByLabelText('Period')).toHaveValue('2024-12');
  });

  it('says there were no deployments instead of drawing empty charts', async () => {
    renderTab(new FakeDoraApi({ metrics: {} }));
    expect(
      await screen.findByText('No deployments in this window'),
    ).toBeInTheDocument();
    expect(screen.queryByTestId('chart-summary')).not.toBeInTheDocument();
  });

  it('shows progress and errors', async () => {
    const api = new FakeDoraApi();
    api.getMetrics.mockReturnValueOnce(pending());
    const { unmount } = renderTab(api);
    expect(await screen.findByTestId('progress')).toBeInTheDocument();
    unmount();
    api.getMetrics.mockRejectedValueOnce(new Error('backend unavailable'));
    renderTab(api);
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'backend unavailable',
    );
  });
});
