import { screen, within } from '@testing-library/react';
import { FakeDoraApi } from '../../__testUtils__/fakeApi';
import { renderWithApi } from '../../__testUtils__/render';
import { ServiceDrillDown } from './ServiceDrillDown';

describe('ServiceDrillDown', () => {
  it('shows the service’s keys and the deployments of the backend’s window', async () => {
    const { api } = renderWithApi(
      <ServiceDrillDown
        entityRef="component:default/payment-service"
        period={{ window: '7d' }}
        environment="production"
      />,
    );
    const table = await screen.findByRole('table', { name: 'Deployments' });
    // 7 days before the fake window end (1 Feb): only the two newest.
    expect(within(table).getAllByTestId('deployment-row')).toHaveLength(2);
    expect(api.listDeployments).toHaveBeenCalledWith(
      expect.objectContaining({
        from: '2025-01-25T00:00:00.000Z',
        to: '2025-02-01T00:00:00.000Z',
      }),
    );
    expect(
      screen.getByRole('group', { name: 'Change lead time' }),
    ).toHaveTextContent('2h');
    expect(screen.getByText('Open its DORA tab').closest('a')).toHaveAttribute(
      'href',
      '/catalog/default/component/payment-service/dora',
    );
  });

  it('shows the error of the metrics request', async () => {
    const api = new FakeDoraApi();
    api.getMetrics.mockRejectedValue(new Error('no such entity'));
    renderWithApi(
      <ServiceDrillDown
        entityRef="component:default/x"
        period={{ window: '30d' }}
        environment="production"
      />,
      { api },
    );
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'no such entity',
    );
  });
});
