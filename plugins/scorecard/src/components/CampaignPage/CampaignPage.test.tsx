import { screen } from '@testing-library/react';
import { renderWithApi } from '../../__testUtils__/render';
import { FakeScorecardApi } from '../../__testUtils__/fakeApi';
import { CampaignPage } from './CampaignPage';

const campaign = {
  id: 7,
  title: 'Runbooks for payments',
  checkIds: ['runbook-link', 'on-call-link'],
  deadline: '2027-01-31',
  scope: { owner: 'group:default/payments' },
  createdBy: 'user:default/admin',
  createdAt: '2026-12-01T00:00:00Z',
};

describe('CampaignPage', () => {
  it('lists campaigns with their progress, linked by id', async () => {
    const api = new FakeScorecardApi([]);
    api.campaigns = [{ campaign, passing: 1, total: 3 }];
    await renderWithApi(<CampaignPage />, api);
    expect(
      await screen.findByRole('link', { name: 'Runbooks for payments' }),
    ).toHaveAttribute('href', '/?id=7');
    expect(
      screen.getByText(
        '1 of 3 passing · due 2027-01-31 · owner group:default/payments',
      ),
    ).toBeInTheDocument();
  });

  it('shows one campaign from the URL: burn-up and the entities left with their checks', async () => {
    const api = new FakeScorecardApi([]);
    api.campaign = {
      campaign,
      burnUp: [
        { day: '2026-12-01', passing: 0, total: 3 },
        { day: '2026-12-02', passing: 1, total: 3 },
      ],
      entitiesLeft: [
        {
          entityRef: 'component:default/payment-service',
          title: 'Payment Service',
          owner: 'group:default/payments',
          checkIds: ['on-call-link'],
        },
      ],
    };
    await renderWithApi(<CampaignPage />, api, {
      initialRouteEntries: ['/?id=7'],
    });
    expect(
      await screen.findByRole('img', {
        name: 'burn-up: 1 of 3 passing on 2026-12-02',
      }),
    ).toBeInTheDocument();
    const left = screen.getByRole('list', { name: 'entities left' });
    expect(left).toHaveTextContent('Payment Service');
    expect(left).toHaveTextContent('left: On-call link');
    expect(screen.getByText('Entities left (1)')).toBeInTheDocument();
  });

  it('says when there are no campaigns', async () => {
    await renderWithApi(<CampaignPage />, new FakeScorecardApi([]));
    expect(await screen.findByText('No campaigns')).toBeInTheDocument();
  });
});
