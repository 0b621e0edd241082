import { screen, within } from '@testing-library/react';
import { FakeDoraApi } from '../../__testUtils__/fakeApi';
import { pending } from '@internal/portal-react/testUtils';
import { group, paymentsGroup } from '../../__testUtils__/fixtures';
import { renderWithApi } from '../../__testUtils__/render';
import { GroupDoraCard } from './GroupDoraCard';

describe('GroupDoraCard', () => {
  it('shows the team’s five keys with tiers and trends and links to the leads page', async () => {
    const { api } = renderWithApi(<GroupDoraCard />, { entity: paymentsGroup });
    const table = await screen.findByRole('table', {
      name: 'DORA keys of this team',
    });
    expect(within(table).getAllByRole('row')).toHaveLength(5);
    const recovery = screen.getByTestId('key-failedDeploymentRecoveryTime');
    expect(recovery).toHaveTextContent('30m');
    expect(within(recovery).getByTestId('tier-badge')).toHaveTextContent(
      'Elite',
    );
    expect(within(recovery).getByTestId('trend-arrow')).toHaveAttribute(
      'data-arrow',
      'down',
    );
    expect(api.getMetrics).toHaveBeenCalledWith({
      group: 'group:default/payments',
      window: '30d',
      environment: 'production',
    });
    expect(
      screen.getByText('Open in the DORA page').closest('a'),
    ).toHaveAttribute('href', '/dora?team=group%3Adefault%2Fpayments');
  });

  it('says there were no deployments rather than showing zeros', async () => {
    renderWithApi(<GroupDoraCard />, {
      entity: group('platform', 'Platform'),
    });
    expect(
      await screen.findByText('No deployments in this window'),
    ).toBeInTheDocument();
    expect(screen.queryByTestId('tier-badge')).not.toBeInTheDocument();
  });

  it('shows progress and errors', async () => {
    const api = new FakeDoraApi();
    api.getMetrics.mockReturnValueOnce(pending());
    const { unmount } = renderWithApi(<GroupDoraCard />, {
      api,
      entity: paymentsGroup,
    });
    expect(await screen.findByTestId('progress')).toBeInTheDocument();
    unmount();
    api.getMetrics.mockRejectedValueOnce(new Error('group: no catalog group'));
    renderWithApi(<GroupDoraCard />, { api, entity: paymentsGroup });
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'group: no catalog group',
    );
  });
});
