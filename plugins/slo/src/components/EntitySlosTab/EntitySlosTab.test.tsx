import { screen, within } from '@testing-library/react';
import { FakeSloApi } from '../../__testUtils__/fakeApi';
import { pending } from '@internal/portal-react/testUtils';
import {
  apiGatewayEntity,
  entitySlosOf,
  notificationServiceEntity,
  userServiceEntity,
} from '../../__testUtils__/fixtures';
import { renderWithApi } from '../../__testUtils__/render';
import { EntitySlosTab } from './EntitySlosTab';

async function rows() {
  const table = await screen.findByRole('table', {
    name: 'SLOs of this entity',
  });
  return within(table).getAllByTestId('slo-row');
}

describe('EntitySlosTab', () => {
  it("lists the entity's SLOs, least budget first, with links to their detail pages", async () => {
    renderWithApi(<EntitySlosTab />, { entity: userServiceEntity });
    const [availability, latency] = await rows();
    expect(
      within(availability).getByRole('link', { name: 'api-availability' }),
    ).toHaveAttribute('href', '/slos/slo?id=user-service%2Fapi-availability');
    expect(
      within(availability).getByRole('meter', {
        name: 'Error budget remaining',
      }),
    ).toHaveAttribute('aria-valuetext', '31.3%');
    expect(within(availability).getByText('Ticket')).toBeInTheDocument();
    expect(within(latency).getByText('None')).toBeInTheDocument();
    // Every row is this entity: no entity column.
    expect(
      within(screen.getByRole('table')).queryByRole('columnheader', {
        name: 'Entity',
      }),
    ).not.toBeInTheDocument();
  });

  it('shows spec errors clearly, above the SLOs that did parse', async () => {
    const api = new FakeSloApi({
      entities: [
        {
          ...entitySlosOf('component:default/user-service')!,
          errors: [
            {
              file: '../slos/user-service-extra.yaml',
              message: 'slos[0].objective: must be a number between 0 and 100',
            },
          ],
        },
      ],
    });
    renderWithApi(<EntitySlosTab />, { entity: userServiceEntity, api });
    expect(
      await screen.findByText(
        'Error: An SLO spec has an error; what it affects is not evaluated',
      ),
    ).toBeInTheDocument();
    expect(screen.getByTestId('spec-errors')).toHaveTextContent(
      '../slos/user-service-extra.yaml: slos[0].objective: must be a number between 0 and 100',
    );
    expect(await rows()).toHaveLength(2);
  });

  it('explains a spec that failed entirely', async () => {
    const api = new FakeSloApi({
      entities: [
        {
          entityRef: 'component:default/user-service',
          slos: [],
          errors: [
            { file: 'a.yaml', message: 'not YAML' },
            { file: 'b.yaml', message: 'unknown format' },
          ],
        },
      ],
    });
    renderWithApi(<EntitySlosTab />, { entity: userServiceEntity, api });
    expect(
      await screen.findByText(
        'Error: 2 SLO spec errors; what they affect is not evaluated',
      ),
    ).toBeInTheDocument();
    expect(screen.getByText('No SLOs in the spec')).toBeInTheDocument();
    expect(
      screen.getByText('Fix the spec errors above and the SLOs will appear.'),
    ).toBeInTheDocument();
  });

  it('renders an SLO without traffic as no data', async () => {
    renderWithApi(<EntitySlosTab />, { entity: notificationServiceEntity });
    const [row] = await rows();
    expect(within(row).getByTestId('budget')).toHaveTextContent(/^no data$/);
    expect(within(row).getByTestId('sli')).toHaveTextContent(/^no data$/);
    expect(row).not.toHaveTextContent(/NaN/);
  });

  it("shows the entity's deploy gate", async () => {
    renderWithApi(<EntitySlosTab />, { entity: userServiceEntity });
    const gate = await screen.findByRole('region', {
      name: 'Deploy gate decision',
    });
    expect(gate).toHaveTextContent('Deploys blocked');
    expect(gate).toHaveTextContent(/"freeze" .* blocks deploys/);
  });

  it('explains an entity the backend has no SLO specs for', async () => {
    renderWithApi(<EntitySlosTab />, { entity: apiGatewayEntity });
    expect(await screen.findByText('No SLOs found')).toBeInTheDocument();
    expect(
      screen.getByText(/portal.io\/slo-spec annotation/),
    ).toBeInTheDocument();
  });

  it('shows a progress bar while loading', async () => {
    const api = new FakeSloApi();
    api.getEntity.mockReturnValue(pending());
    renderWithApi(<EntitySlosTab />, { entity: userServiceEntity, api });
    expect(await screen.findByTestId('progress')).toBeInTheDocument();
  });

  it('shows the error when the backend fails', async () => {
    const api = new FakeSloApi();
    api.getEntity.mockRejectedValue(new Error('backend exploded'));
    renderWithApi(<EntitySlosTab />, { entity: userServiceEntity, api });
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'backend exploded',
    );
  });
});
