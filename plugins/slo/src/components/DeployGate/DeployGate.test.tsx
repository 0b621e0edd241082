import { screen } from '@testing-library/react';
import { FakeSloApi } from '../../__testUtils__/fakeApi';
import { pending } from '@internal/portal-react/testUtils';
import { renderWithApi } from '../../__testUtils__/render';
import { DeployGate } from './DeployGate';

describe('DeployGate', () => {
  it('shows a denial with its deciding step and every reason', async () => {
    renderWithApi(<DeployGate entityRef="component:default/user-service" />);
    expect(await screen.findByTestId('gate-verdict')).toHaveTextContent(
      'Deploys blocked',
    );
    expect(
      screen.getByText('Deciding policy step: 60% consumed: freeze'),
    ).toBeInTheDocument();
    expect(
      screen.getByText(
        /Exempt change types: security_patch, data_corruption_fix/,
      ),
    ).toBeInTheDocument();
  });

  it('shows an allowed deploy with the reasons', async () => {
    renderWithApi(<DeployGate entityRef="component:default/order-service" />);
    expect(await screen.findByTestId('gate-verdict')).toHaveTextContent(
      'Deploys allowed',
    );
    expect(
      screen.getByText(
        'order-service/order-availability is within its error budget policy.',
      ),
    ).toBeInTheDocument();
  });

  it('shows a progress bar while asking', async () => {
    const api = new FakeSloApi();
    api.getGate.mockReturnValue(pending());
    renderWithApi(<DeployGate entityRef="component:default/user-service" />, {
      api,
    });
    expect(await screen.findByTestId('progress')).toBeInTheDocument();
  });

  it('shows the error when the gate cannot be asked', async () => {
    const api = new FakeSloApi();
    api.getGate.mockRejectedValue(new Error('gate unavailable'));
    renderWithApi(<DeployGate entityRef="component:default/user-service" />, {
      api,
    });
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'gate unavailable',
    );
  });
});
