import { screen, within } from '@testing-library/react';
import { FakeConformanceApi } from '../../__testUtils__/fakeApi';
import { pending } from '@internal/portal-react/testUtils';
import { paymentsGroup } from '../../__testUtils__/fixtures';
import { renderWithApi } from '../../__testUtils__/render';
import { GroupConformanceCard } from './GroupConformanceCard';

describe('GroupConformanceCard', () => {
  it("lists the group's services with score and failing-check count", async () => {
    const { api } = renderWithApi(<GroupConformanceCard />, {
      entity: paymentsGroup,
    });
    const table = await screen.findByRole('table', {
      name: 'Conformance of owned services',
    });
    expect(api.listEntities).toHaveBeenCalledWith({
      owner: 'group:default/payments',
      system: undefined,
      severity: undefined,
    });

    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows).toHaveLength(2);
    // Lowest score first, as the backend returns them.
    expect(
      within(rows[0]).getByRole('link', { name: 'ledger' }),
    ).toHaveAttribute('href', '/catalog/default/component/ledger/conformance');
    expect(within(rows[0]).getByLabelText('Score 30')).toBeInTheDocument();
    expect(rows[0]).toHaveTextContent(/2$/);
    expect(
      within(rows[1]).getByRole('link', { name: 'Payment Service' }),
    ).toHaveAttribute(
      'href',
      '/catalog/default/component/payment-service/conformance',
    );
    expect(rows[1]).toHaveTextContent(/1$/);
  });

  it('shows a progress bar while loading', async () => {
    const api = new FakeConformanceApi();
    api.listEntities.mockReturnValue(pending());
    renderWithApi(<GroupConformanceCard />, { entity: paymentsGroup, api });
    expect(await screen.findByTestId('progress')).toBeInTheDocument();
  });

  it('shows the error when the backend fails', async () => {
    const api = new FakeConformanceApi();
    api.listEntities.mockRejectedValue(new Error('database is down'));
    renderWithApi(<GroupConformanceCard />, { entity: paymentsGroup, api });
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'database is down',
    );
  });

  it('says so when the group owns nothing evaluated', async () => {
    const api = new FakeConformanceApi({ entities: [] });
    renderWithApi(<GroupConformanceCard />, { entity: paymentsGroup, api });
    expect(
      await screen.findByText('No evaluated services'),
    ).toBeInTheDocument();
  });
});
