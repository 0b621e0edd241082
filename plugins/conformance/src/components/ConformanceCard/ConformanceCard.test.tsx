import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { FakeConformanceApi } from '../../__testUtils__/fakeApi';
import { pending } from '@internal/portal-react/testUtils';
import { paymentEntity, paymentReport } from '../../__testUtils__/fixtures';
import { renderWithApi } from '../../__testUtils__/render';
import { ConformanceCard } from './ConformanceCard';

/** A button once the permission policy's answer has enabled it. */
async function enabledButton(name: string) {
  const button = await screen.findByRole('button', { name });
  await waitFor(() => expect(button).toBeEnabled());
  return button;
}

describe('ConformanceCard', () => {
  it('shows the score, counts, failing checks, exemptions and cluster errors', async () => {
    renderWithApi(<ConformanceCard />, { entity: paymentEntity });

    expect(await screen.findByLabelText('Score 62')).toHaveTextContent('62');
    expect(screen.getByTestId('verdict-counts')).toHaveTextContent(
      '2 pass · 2 fail · 1 exempt',
    );

    const failing = screen.getByTestId('failing-check-resource-limits');
    expect(
      within(failing).getByText('Containers declare resource limits'),
    ).toBeInTheDocument();
    expect(within(failing).getByText('high')).toBeInTheDocument();
    expect(within(failing).getByText('2 workloads')).toBeInTheDocument();
    expect(within(failing).getByText('api')).toBeInTheDocument();
    expect(
      within(failing).getByText(
        'spec.template.spec.containers[0].resources.limits',
      ),
    ).toBeInTheDocument();
    expect(
      within(failing).getByText(
        'Set resources.limits.cpu and resources.limits.memory.',
      ),
    ).toBeInTheDocument();

    expect(
      screen.getByText(/Probe lands with the v2 rewrite/),
    ).toBeInTheDocument();
    expect(
      screen.getByText(/1 cluster\(s\) could not be read/),
    ).toBeInTheDocument();
  });

  it('expands the YAML remediation snippet on demand', async () => {
    renderWithApi(<ConformanceCard />, { entity: paymentEntity });
    const failing = await screen.findByTestId('failing-check-resource-limits');
    expect(failing).not.toHaveTextContent('memory: 256Mi');

    await userEvent.click(
      within(failing).getByRole('button', { name: 'Show fix' }),
    );
    await waitFor(() => expect(failing).toHaveTextContent('memory: 256Mi'));
    expect(
      within(failing).getByRole('button', { name: 'Hide fix' }),
    ).toHaveAttribute('aria-expanded', 'true');
  });

  it('links to the entity conformance and kubernetes tabs', async () => {
    renderWithApi(<ConformanceCard />, { entity: paymentEntity });
    await screen.findByLabelText('Score 62');
    expect(screen.getByRole('link', { name: 'All results' })).toHaveAttribute(
      'href',
      '/catalog/default/component/payment-service/conformance',
    );
    expect(
      screen.getByRole('link', { name: 'Kubernetes workloads' }),
    ).toHaveAttribute(
      'href',
      '/catalog/default/component/payment-service/kubernetes',
    );
  });

  it('refreshes through the API and shows the fresh report', async () => {
    const api = new FakeConformanceApi();
    api.refresh.mockResolvedValueOnce({ ...paymentReport, score: 95 });
    renderWithApi(<ConformanceCard />, { entity: paymentEntity, api });
    await screen.findByLabelText('Score 62');

    await userEvent.click(await enabledButton('Refresh'));

    expect(api.refresh).toHaveBeenCalledWith(
      'component:default/payment-service',
    );
    expect(await screen.findByLabelText('Score 95')).toBeInTheDocument();
  });

  it('shows a progress bar while loading', async () => {
    const api = new FakeConformanceApi();
    api.getEntity.mockReturnValue(pending());
    renderWithApi(<ConformanceCard />, { entity: paymentEntity, api });
    expect(await screen.findByTestId('progress')).toBeInTheDocument();
  });

  it('shows the error when the backend fails', async () => {
    const api = new FakeConformanceApi();
    api.getEntity.mockRejectedValue(new Error('backend exploded'));
    renderWithApi(<ConformanceCard />, { entity: paymentEntity, api });
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'backend exploded',
    );
  });

  it('offers to evaluate an entity the backend has not seen yet', async () => {
    const api = new FakeConformanceApi({ reports: [] });
    renderWithApi(<ConformanceCard />, { entity: paymentEntity, api });
    expect(await screen.findByText('Not evaluated yet')).toBeInTheDocument();

    await userEvent.click(await enabledButton('Evaluate now'));
    expect(api.refresh).toHaveBeenCalledWith(
      'component:default/payment-service',
    );
    expect(await screen.findByLabelText('Score 62')).toBeInTheDocument();
  });

  it('says so when no workloads were found', async () => {
    const api = new FakeConformanceApi({
      reports: [
        { ...paymentReport, workloads: [], score: null, clusterErrors: [] },
      ],
    });
    renderWithApi(<ConformanceCard />, { entity: paymentEntity, api });
    expect(await screen.findByText('No workloads found')).toBeInTheDocument();
  });

  it('reports a failed refresh without losing the report', async () => {
    const api = new FakeConformanceApi();
    api.refresh.mockRejectedValueOnce(new Error('cluster unreachable'));
    renderWithApi(<ConformanceCard />, { entity: paymentEntity, api });
    await screen.findByLabelText('Score 62');
    await userEvent.click(await enabledButton('Refresh'));
    expect(
      await screen.findByText(/Refresh failed: cluster unreachable/),
    ).toBeInTheDocument();
    expect(screen.getByLabelText('Score 62')).toBeInTheDocument();
  });

  it('disables Refresh and Evaluate now, with the reason, for users who may not refresh', async () => {
    const api = new FakeConformanceApi();
    const { unmount } = renderWithApi(<ConformanceCard />, {
      entity: paymentEntity,
      api,
      authorize: AuthorizeResult.DENY,
    });
    await screen.findByLabelText('Score 62');
    await screen.findByTestId('refresh-denied');
    const refresh = screen.getByRole('button', { name: 'Refresh' });
    expect(refresh).toBeDisabled();
    unmount();

    renderWithApi(<ConformanceCard />, {
      entity: paymentEntity,
      api: new FakeConformanceApi({ reports: [] }),
      authorize: AuthorizeResult.DENY,
    });
    await screen.findByTestId('refresh-denied');
    expect(screen.getByRole('button', { name: 'Evaluate now' })).toBeDisabled();
    expect(api.refresh).not.toHaveBeenCalled();
  });
});
