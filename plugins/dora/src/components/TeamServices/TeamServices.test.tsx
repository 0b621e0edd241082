import { screen, within } from '@testing-library/react';
import { renderWithApi } from '../../__testUtils__/render';
import { TeamServices } from './TeamServices';

const view = {
  window: '90d' as const,
  environment: 'production',
  team: 'group:default/payments',
};

describe('TeamServices', () => {
  it('lists the team’s entities with their keys and links to their deployments', async () => {
    renderWithApi(<TeamServices view={view} teamTitle="Payments" />);
    const table = await screen.findByRole('table', {
      name: 'Services of Payments',
    });
    const rows = within(table).getAllByTestId('service-row');
    expect(rows.map(r => within(r).getByRole('link').textContent)).toEqual([
      'ledger',
      'payment-service',
    ]);
    expect(within(rows[1]).getByRole('link')).toHaveAttribute(
      'href',
      '/?window=90d&team=group%3Adefault%2Fpayments&service=component%3Adefault%2Fpayment-service',
    );
    // ledger is the struggling one.
    expect(
      await within(rows[0]).findByTestId('cell-changeFailureRate'),
    ).toHaveTextContent('50%');
  });

  it('explains a team without entities', async () => {
    renderWithApi(
      <TeamServices
        view={{ ...view, team: 'group:default/platform' }}
        teamTitle="Platform"
      />,
    );
    expect(await screen.findByText('No services')).toBeInTheDocument();
  });
});
