import { screen, within } from '@testing-library/react';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import { sloApiRef } from '../../api/types';
import { FakeSloApi } from '../../__testUtils__/fakeApi';
import {
  notificationDelivery,
  userAvailability,
} from '../../__testUtils__/fixtures';
import { renderWithApi } from '../../__testUtils__/render';
import { SloTable } from './SloTable';

describe('SloTable', () => {
  it('links each SLO to its detail page and its entity to the catalog', async () => {
    renderWithApi(<SloTable rows={[userAvailability]} label="Some SLOs" />);
    const row = await screen.findByTestId('slo-row');
    expect(
      within(row).getByRole('link', { name: 'api-availability' }),
    ).toHaveAttribute('href', '/slos/slo?id=user-service%2Fapi-availability');
    expect(
      within(row).getByRole('link', { name: 'user-service' }),
    ).toHaveAttribute('href', '/catalog/default/component/user-service');
  });

  it('shows names as text when neither the SLO page nor the catalog is mounted', async () => {
    renderInTestApp(<SloTable rows={[userAvailability]} label="Some SLOs" />, {
      apis: [[sloApiRef, new FakeSloApi()]],
    });
    const row = await screen.findByTestId('slo-row');
    expect(within(row).queryAllByRole('link')).toHaveLength(0);
    expect(row).toHaveTextContent('api-availability');
    expect(row).toHaveTextContent('user-service');
  });

  it('marks a stale budget', async () => {
    renderWithApi(
      <SloTable
        rows={[
          {
            ...userAvailability,
            state: { ...userAvailability.state, stale: true },
          },
        ]}
        label="Some SLOs"
      />,
    );
    expect(await screen.findByText('Stale')).toBeInTheDocument();
  });

  it('has no sort buttons unless asked to sort', async () => {
    renderWithApi(
      <SloTable
        rows={[notificationDelivery]}
        label="Some SLOs"
        showEntity={false}
      />,
    );
    await screen.findByTestId('slo-row');
    expect(screen.queryAllByRole('button')).toHaveLength(0);
    expect(
      screen.queryByRole('columnheader', { name: 'Entity' }),
    ).not.toBeInTheDocument();
  });
});
