import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { ResponseError } from '@backstage/errors';
import { renderWithApi } from '../../__testUtils__/render';
import { FakeScorecardApi } from '../../__testUtils__/fakeApi';
import { CampaignForm } from './CampaignForm';

/** A 400 as the backend answers it, through the same ResponseError the client throws. */
async function badRequest(message: string) {
  return ResponseError.fromResponse(
    new Response(JSON.stringify({ error: { name: 'InputError', message } }), {
      status: 400,
      headers: { 'content-type': 'application/json' },
    }) as any,
  );
}

describe('CampaignForm', () => {
  it('posts the title, the chosen checks, the deadline and only the scope fields given', async () => {
    const api = new FakeScorecardApi([]);
    const onCreated = jest.fn();
    await renderWithApi(
      <CampaignForm onCreated={onCreated} onCancel={jest.fn()} />,
      api,
    );
    const create = await screen.findByRole('button', {
      name: 'Create campaign',
    });
    // Nothing to post until a title, a check and a deadline are given.
    expect(create).toBeDisabled();
    await userEvent.type(
      screen.getByRole('textbox', { name: 'Title' }),
      'Runbooks everywhere',
    );
    await userEvent.click(
      screen.getByRole('checkbox', { name: 'Runbook link' }),
    );
    await userEvent.click(
      screen.getByRole('checkbox', { name: 'On-call link' }),
    );
    // Ticked twice is not chosen.
    await userEvent.click(screen.getByRole('checkbox', { name: 'Owner' }));
    await userEvent.click(screen.getByRole('checkbox', { name: 'Owner' }));
    await userEvent.type(screen.getByLabelText('Deadline'), '2027-01-31');
    await userEvent.type(
      screen.getByRole('textbox', { name: 'Scope: owner' }),
      ' group:default/payments ',
    );
    expect(create).toBeEnabled();
    await userEvent.click(create);
    await waitFor(() => expect(onCreated).toHaveBeenCalledTimes(1));
    expect(api.created).toEqual([
      {
        title: 'Runbooks everywhere',
        checkIds: ['runbook-link', 'on-call-link'],
        deadline: '2027-01-31',
        scope: { owner: 'group:default/payments' },
      },
    ]);
    expect(onCreated.mock.calls[0][0]).toMatchObject({ id: 42 });
  });

  it('offers every configured check, grouped by level', async () => {
    const api = new FakeScorecardApi([]);
    await renderWithApi(
      <CampaignForm onCreated={jest.fn()} onCancel={jest.fn()} />,
      api,
    );
    await screen.findByRole('button', { name: 'Create campaign' });
    const configured = await api.getChecks();
    expect(screen.getAllByRole('checkbox')).toHaveLength(configured.length);
    expect(screen.getByText('gold')).toBeInTheDocument();
  });

  it("shows the backend's message naming the field, and keeps the input for a retry", async () => {
    const api = new FakeScorecardApi([]);
    api.createFailsWith = await badRequest('deadline: must not be in the past');
    const onCreated = jest.fn();
    await renderWithApi(
      <CampaignForm onCreated={onCreated} onCancel={jest.fn()} />,
      api,
    );
    await userEvent.type(
      await screen.findByRole('textbox', { name: 'Title' }),
      'Late',
    );
    await userEvent.click(screen.getByRole('checkbox', { name: 'Owner' }));
    await userEvent.type(screen.getByLabelText('Deadline'), '2020-01-01');
    await userEvent.click(
      screen.getByRole('button', { name: 'Create campaign' }),
    );
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'deadline: must not be in the past',
    );
    expect(onCreated).not.toHaveBeenCalled();
    expect(screen.getByRole('textbox', { name: 'Title' })).toHaveValue('Late');
    expect(
      screen.getByRole('button', { name: 'Create campaign' }),
    ).toBeEnabled();
  });
});
