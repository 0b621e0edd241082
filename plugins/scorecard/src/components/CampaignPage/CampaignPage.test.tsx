import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
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

  it('shows "New campaign" to those the policy lets create one, and opens the new campaign', async () => {
    const api = new FakeScorecardApi([]);
    api.campaign = {
      campaign: { ...campaign, id: 42 },
      burnUp: [],
      entitiesLeft: [],
    };
    await renderWithApi(<CampaignPage />, api);
    await userEvent.click(
      await screen.findByRole('button', { name: 'New campaign' }),
    );
    await userEvent.type(
      await screen.findByRole('textbox', { name: 'Title' }),
      'Runbooks for payments',
    );
    await userEvent.click(
      screen.getByRole('checkbox', { name: 'Runbook link' }),
    );
    await userEvent.type(screen.getByLabelText('Deadline'), '2027-01-31');
    await userEvent.click(
      screen.getByRole('button', { name: 'Create campaign' }),
    );
    // The page moves to ?id= of the campaign the API created.
    expect(await screen.findByText('Entities left (0)')).toBeInTheDocument();
    expect(api.created).toHaveLength(1);
  });

  it('hides "New campaign" from those the policy denies', async () => {
    const asked: unknown[] = [];
    const api = new FakeScorecardApi([]);
    await renderWithApi(<CampaignPage />, api, {
      authorize: request => {
        asked.push(request);
        return AuthorizeResult.DENY;
      },
    });
    expect(await screen.findByText('No campaigns')).toBeInTheDocument();
    // The permission the backend checks on POST /campaigns.
    await waitFor(() =>
      expect(asked).toEqual([
        expect.objectContaining({
          permission: expect.objectContaining({
            name: 'scorecard.campaign.manage',
          }),
        }),
      ]),
    );
    expect(
      screen.queryByRole('button', { name: 'New campaign' }),
    ).not.toBeInTheDocument();
  });
});
