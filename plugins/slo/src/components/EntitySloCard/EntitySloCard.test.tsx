import { screen, within } from '@testing-library/react';
import { FakeSloApi } from '../../__testUtils__/fakeApi';
import { pending } from '@internal/portal-react/testUtils';
import {
  apiGatewayEntity,
  entitySlosOf,
  notificationServiceEntity,
  orderServiceEntity,
  userServiceEntity,
} from '../../__testUtils__/fixtures';
import { renderWithApi } from '../../__testUtils__/render';
import { EntitySloCard } from './EntitySloCard';

const fact = (name: string) => screen.getByRole('region', { name });

describe('EntitySloCard', () => {
  it('summarises a service in a freeze: worst budget, firing ticket, policy step, gate denied', async () => {
    renderWithApi(<EntitySloCard />, { entity: userServiceEntity });
    await screen.findByRole('region', { name: 'Worst budget remaining' });

    const worst = fact('Worst budget remaining');
    expect(within(worst).getByRole('meter')).toHaveAttribute(
      'aria-valuetext',
      '31.3%',
    );
    expect(
      within(worst).getByRole('link', { name: 'api-availability' }),
    ).toHaveAttribute('href', '/slos/slo?id=user-service%2Fapi-availability');

    expect(fact('Alerts')).toHaveTextContent(
      'Ticket alert firing: api-availability',
    );
    expect(fact('Policy step')).toHaveTextContent(
      '60% consumed: freeze (api-availability)',
    );
    const gate = await within(fact('Deploy gate')).findByTestId('gate-verdict');
    expect(gate).toHaveTextContent('Deploys blocked');
    expect(fact('Deploy gate')).toHaveTextContent(
      /the 60% policy step "freeze" .* blocks deploys/,
    );
    expect(
      screen.getByRole('link', { name: 'All SLOs of this entity' }),
    ).toHaveAttribute('href', '/catalog/default/component/user-service/slos');
  });

  it('shows a firing page alert and an open gate', async () => {
    renderWithApi(<EntitySloCard />, { entity: orderServiceEntity });
    await screen.findByRole('region', { name: 'Alerts' });
    expect(fact('Alerts')).toHaveTextContent(
      'Page alert firing: order-availability',
    );
    expect(fact('Policy step')).toHaveTextContent('No policy step in force');
    expect(
      await within(fact('Deploy gate')).findByTestId('gate-verdict'),
    ).toHaveTextContent('Deploys allowed');
    // The compact gate shows reasons only for a denial.
    expect(fact('Deploy gate')).not.toHaveTextContent(
      /within its error budget/,
    );
  });

  it('says "no data" for a service without traffic, never 0% or NaN', async () => {
    renderWithApi(<EntitySloCard />, { entity: notificationServiceEntity });
    await screen.findByRole('region', { name: 'Worst budget remaining' });
    expect(fact('Worst budget remaining')).toHaveTextContent(
      /^Worst budget remainingno data$/,
    );
    expect(fact('Alerts')).toHaveTextContent('No alerts firing');
    expect(document.body).not.toHaveTextContent(/NaN|\b0%/);
  });

  it('points at the tab when a spec has errors', async () => {
    const api = new FakeSloApi({
      entities: [
        {
          ...entitySlosOf('component:default/user-service')!,
          errors: [{ file: 'x.yaml', message: 'bad' }],
        },
      ],
    });
    renderWithApi(<EntitySloCard />, { entity: userServiceEntity, api });
    expect(await screen.findByText(/1 SLO spec error; /)).toBeInTheDocument();
    expect(
      screen.getByRole('link', { name: 'see the SLOs tab' }),
    ).toHaveAttribute('href', '/catalog/default/component/user-service/slos');
  });

  it('explains an entity the backend has no SLO specs for', async () => {
    renderWithApi(<EntitySloCard />, { entity: apiGatewayEntity });
    expect(await screen.findByText('No SLOs found')).toBeInTheDocument();
  });

  it('shows a progress bar while loading', async () => {
    const api = new FakeSloApi();
    api.getEntity.mockReturnValue(pending());
    renderWithApi(<EntitySloCard />, { entity: userServiceEntity, api });
    expect(await screen.findByTestId('progress')).toBeInTheDocument();
  });

  it('shows the error when the backend fails', async () => {
    const api = new FakeSloApi();
    api.getEntity.mockRejectedValue(new Error('backend exploded'));
    renderWithApi(<EntitySloCard />, { entity: userServiceEntity, api });
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'backend exploded',
    );
  });
});
