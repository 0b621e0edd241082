import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { FakeConformanceApi } from '../../__testUtils__/fakeApi';
import { pending } from '@internal/portal-react/testUtils';
import { paymentEntity, paymentReport } from '../../__testUtils__/fixtures';
import { renderWithApi } from '../../__testUtils__/render';
import { ConformanceTab } from './ConformanceTab';

/** A button once the permission policy's answer has enabled it. */
async function enabledButton(name: string) {
  const button = await screen.findByRole('button', { name });
  await waitFor(() => expect(button).toBeEnabled());
  return button;
}

describe('ConformanceTab', () => {
  it('renders a workload × check matrix with the failing workloads first', async () => {
    renderWithApi(<ConformanceTab />, { entity: paymentEntity });
    const table = await screen.findByRole('table', {
      name: 'Verdicts per workload',
    });
    const rows = within(table).getAllByRole('row');

    const header = within(rows[0])
      .getAllByRole('columnheader')
      .map(c => c.textContent);
    // Enabled checks only, most severe first; the disabled pinned-image check is absent.
    expect(header).toEqual([
      'Cluster',
      'Namespace',
      'Kind',
      'Name',
      'Non-root',
      'Limits',
      'Probe',
    ]);
    expect(within(rows[1]).getByText('CronJob')).toBeInTheDocument();
    expect(within(rows[2]).getByText('Deployment')).toBeInTheDocument();
    expect(within(rows[2]).getByTitle('Exempt')).toBeInTheDocument();
    expect(within(rows[1]).getByTitle('N/A')).toBeInTheDocument();
    expect(within(rows[1]).getAllByTitle('Fail')).toHaveLength(1);
  });

  it('shows the findings of a verdict in its tooltip', async () => {
    renderWithApi(<ConformanceTab />, { entity: paymentEntity });
    const table = await screen.findByRole('table', {
      name: 'Verdicts per workload',
    });
    const deployment = within(table).getAllByRole('row')[2];

    await userEvent.hover(
      within(deployment).getByTestId('verdict-liveness-probe'),
    );
    expect(
      await screen.findByText(
        'Exempt: Probe lands with the v2 rewrite (PAY-123).',
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByText(
        'api · spec.template.spec.containers[0].livenessProbe: Container "api" has no liveness probe.',
      ),
    ).toBeInTheDocument();
  });

  it('lists each check with rationale and remediation', async () => {
    renderWithApi(<ConformanceTab />, { entity: paymentEntity });
    const check = await screen.findByRole('region', {
      name: 'Containers declare resource limits',
    });
    expect(
      within(check).getByText(
        'Without limits one pod can starve its neighbours.',
      ),
    ).toBeInTheDocument();
    expect(
      within(check).getByText(
        'Set resources.limits.cpu and resources.limits.memory.',
      ),
    ).toBeInTheDocument();
    expect(check).toHaveTextContent('memory: 256Mi');
    expect(
      screen.queryByRole('region', { name: 'Images are pinned' }),
    ).not.toBeInTheDocument();
  });

  it('shows a progress bar while loading', async () => {
    const api = new FakeConformanceApi();
    api.getEntity.mockReturnValue(pending());
    renderWithApi(<ConformanceTab />, { entity: paymentEntity, api });
    expect(await screen.findByTestId('progress')).toBeInTheDocument();
  });

  it('shows the error when the backend fails', async () => {
    const api = new FakeConformanceApi();
    api.getChecks.mockRejectedValue(new Error('checks unavailable'));
    renderWithApi(<ConformanceTab />, { entity: paymentEntity, api });
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'checks unavailable',
    );
  });

  it('offers to evaluate an entity the backend has not seen yet', async () => {
    const api = new FakeConformanceApi({ reports: [] });
    renderWithApi(<ConformanceTab />, { entity: paymentEntity, api });
    expect(await screen.findByText('Not evaluated yet')).toBeInTheDocument();
    await userEvent.click(await enabledButton('Evaluate now'));
    expect(api.refresh).toHaveBeenCalledWith(
      'component:default/payment-service',
    );
    expect(
      await screen.findByRole('table', { name: 'Verdicts per workload' }),
    ).toBeInTheDocument();
  });

  it('says so when no workloads were found', async () => {
    const api = new FakeConformanceApi({
      reports: [{ ...paymentReport, workloads: [], score: null }],
    });
    renderWithApi(<ConformanceTab />, { entity: paymentEntity, api });
    expect(await screen.findByText('No workloads found')).toBeInTheDocument();
    expect(
      screen.getByText(/Cluster staging could not be read/),
    ).toBeInTheDocument();
  });

  it('disables Refresh, with the reason, for users who may not refresh', async () => {
    const api = new FakeConformanceApi();
    renderWithApi(<ConformanceTab />, {
      entity: paymentEntity,
      api,
      authorize: AuthorizeResult.DENY,
    });
    await screen.findByRole('table', { name: 'Verdicts per workload' });
    await screen.findByTestId('refresh-denied');
    const refresh = screen.getByRole('button', { name: 'Refresh' });
    expect(refresh).toBeDisabled();
    expect(api.refresh).not.toHaveBeenCalled();
  });

  it('offers Refresh to users who may refresh', async () => {
    const api = new FakeConformanceApi();
    renderWithApi(<ConformanceTab />, { entity: paymentEntity, api });
    await userEvent.click(await enabledButton('Refresh'));
    expect(api.refresh).toHaveBeenCalledWith(
      'component:default/payment-service',
    );
  });
});
