import { screen } from '@testing-library/react';
import { FakeDoraApi } from '../../__testUtils__/fakeApi';
import { pending } from '@internal/portal-react/testUtils';
import { renderWithApi } from '../../__testUtils__/render';
import { MetricsTable } from '../MetricsTable';
import { MetricsRow } from './MetricsRow';

function renderRow(api: FakeDoraApi, group: string) {
  return renderWithApi(
    <MetricsTable label="t" scopeHeader="Team">
      <MetricsRow
        label="Team"
        query={{ group, window: '90d', environment: 'staging' }}
      />
    </MetricsTable>,
    { api },
  );
}

describe('MetricsRow', () => {
  it('asks for the scope, window and environment and shows five key cells', async () => {
    const api = new FakeDoraApi();
    renderRow(api, 'group:default/payments');
    expect(await screen.findByTestId('cell-changeLeadTime')).toHaveTextContent(
      '2h',
    );
    expect(screen.getAllByTestId(/^cell-/)).toHaveLength(5);
    expect(api.getMetrics).toHaveBeenCalledWith({
      group: 'group:default/payments',
      window: '90d',
      environment: 'staging',
    });
  });

  it('says there were no deployments instead of showing zeros', async () => {
    renderRow(new FakeDoraApi(), 'group:default/platform');
    expect(
      await screen.findByText('No deployments in this window'),
    ).toBeInTheDocument();
    expect(screen.queryByTestId('tier-badge')).not.toBeInTheDocument();
  });

  it('notes how many of its services are still being updated, and nothing when none are', async () => {
    const api = new FakeDoraApi({ queued: { 'group:default/payments': 2 } });
    renderRow(api, 'group:default/payments');
    expect(await screen.findByTestId('queued-note')).toHaveTextContent(
      '2 services still being updated',
    );
    // The figures of what is derived are shown all the same.
    expect(screen.getAllByTestId(/^cell-/)).toHaveLength(5);
  });

  it('shows no note for a scope with nothing queued', async () => {
    const api = new FakeDoraApi({ queued: { 'group:default/orders': 3 } });
    renderRow(api, 'group:default/payments');
    expect(await screen.findByTestId('cell-changeLeadTime')).toBeVisible();
    expect(screen.queryByTestId('queued-note')).not.toBeInTheDocument();
  });

  it('shows progress, then the error of its own request', async () => {
    const api = new FakeDoraApi();
    api.getMetrics.mockReturnValueOnce(pending());
    const { unmount } = renderRow(api, 'group:default/payments');
    expect(await screen.findByTestId('progress')).toBeInTheDocument();
    unmount();

    api.getMetrics.mockRejectedValueOnce(new Error('metrics unavailable'));
    renderRow(api, 'group:default/payments');
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'metrics unavailable',
    );
  });
});
