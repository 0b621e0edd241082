import { screen, within } from '@testing-library/react';
import { FakeDoraApi } from '../../__testUtils__/fakeApi';
import { pending } from '@internal/portal-react/testUtils';
import { renderWithApi } from '../../__testUtils__/render';
import { DeploymentList } from './DeploymentList';

const range = {
  from: '2025-01-10T00:00:00.000Z',
  to: '2025-02-01T00:00:00.000Z',
};

function renderList(api = new FakeDoraApi()) {
  return renderWithApi(
    <DeploymentList
      entityRef="component:default/payment-service"
      environment="production"
      range={range}
    />,
    { api },
  );
}

describe('DeploymentList', () => {
  it('lists the window’s deployments newest first with their outcome', async () => {
    const { api } = renderList();
    const table = await screen.findByRole('table', { name: 'Deployments' });
    const rows = within(table).getAllByTestId('deployment-row');
    // deploy-101 (7 Jan) is before the window.
    expect(
      rows.map(r => within(r).getAllByRole('cell')[7].textContent),
    ).toEqual(['deploy-104', 'deploy-103', 'deploy-102']);
    expect(rows[1]).toHaveTextContent('Rolled back');
    expect(rows[0]).toHaveTextContent('2025-01-28 10:00 UTC');
    expect(api.listDeployments).toHaveBeenCalledWith({
      entityRef: 'component:default/payment-service',
      environment: 'production',
      ...range,
      limit: 100,
    });
  });

  it('says why each deployment was counted as failed or rework', async () => {
    const [d] = new FakeDoraApi().deployments;
    renderList(
      new FakeDoraApi({
        deployments: [
          {
            ...d,
            id: 'live',
            failureReasons: ['replaced-by-ancestor', 'caused-incident'],
            reworkReasons: ['hotfix'],
          },
          { ...d, id: 'fine', failureReasons: [], reworkReasons: [] },
        ],
      }),
    );
    const rows = await screen.findAllByTestId('deployment-row');
    expect(within(rows[0]).getAllByRole('cell')[3]).toHaveTextContent(
      'replaced by an older version, caused an incident, rework: hotfix',
    );
    expect(within(rows[1]).getAllByRole('cell')[3]).toHaveTextContent('—');
  });

  it('says so when nothing was deployed', async () => {
    renderList(new FakeDoraApi({ deployments: [] }));
    expect(
      await screen.findByText('No deployments in this window'),
    ).toBeInTheDocument();
  });

  it('shows progress and errors', async () => {
    const api = new FakeDoraApi();
    api.listDeployments.mockReturnValueOnce(pending());
    const { unmount } = renderList(api);
    expect(await screen.findByTestId('progress')).toBeInTheDocument();
    unmount();
    api.listDeployments.mockRejectedValueOnce(new Error('store down'));
    renderList(api);
    expect(await screen.findByRole('alert')).toHaveTextContent('store down');
  });
});
