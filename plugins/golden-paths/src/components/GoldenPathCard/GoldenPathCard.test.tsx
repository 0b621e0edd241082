import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { FakeGoldenPathsApi, invoiceDrift } from '../../__testUtils__/fakeApi';
import { component, renderWithApi } from '../../__testUtils__/render';
import { GoldenPathCard } from './GoldenPathCard';

describe('GoldenPathCard', () => {
  it('shows template, version, behind by N and the changed and missing files', async () => {
    renderWithApi(<GoldenPathCard />, { entity: component('invoice-api') });
    expect(await screen.findByTestId('golden-path-status')).toHaveTextContent(
      'behind by 1 (latest 1.1.0)',
    );
    expect(screen.getByText('http-api 1.0.0')).toBeInTheDocument();
    expect(screen.getByTestId('changed-files')).toHaveTextContent(
      'README.mdkubernetes/deployment.yaml',
    );
    expect(screen.getByTestId('missing-files')).toHaveTextContent('Dockerfile');
    expect(
      screen.getByText(
        "2 changed, 1 missing compared with the template's render.",
      ),
    ).toBeInTheDocument();
  });

  it('says current and offers no upgrade when on the newest version', async () => {
    renderWithApi(<GoldenPathCard />, { entity: component('ledger-worker') });
    await screen.findByTestId('golden-path-status');
    expect(screen.getByTestId('golden-path-status')).toHaveTextContent(
      'current',
    );
    expect(screen.queryByRole('button', { name: /Upgrade/ })).toBeNull();
  });

  it('starts the upgrade for an owner and links the task', async () => {
    const { api } = renderWithApi(<GoldenPathCard />, {
      entity: component('invoice-api'),
    });
    const button = await screen.findByRole('button', {
      name: 'Upgrade to 1.1.0',
    });
    await waitFor(() => expect(button).toBeEnabled());
    await userEvent.click(button);
    expect(api.upgrade).toHaveBeenCalledWith('component:default/invoice-api');
    expect(
      await screen.findByRole('link', { name: 'follow the task' }),
    ).toHaveAttribute('href', '/create/tasks/task-7');
    expect(
      screen.getByRole('button', { name: 'Upgrade to 1.1.0' }),
    ).toBeDisabled();
  });

  it('asks the questions the newer version added before starting, and passes the answers', async () => {
    const api = new FakeGoldenPathsApi([
      {
        ...invoiceDrift,
        newQuestions: {
          title: 'New in version 1.1.0',
          type: 'object',
          required: ['tier'],
          properties: { tier: { title: 'Tier', type: 'string' } },
        },
      },
    ]);
    renderWithApi(<GoldenPathCard />, {
      entity: component('invoice-api'),
      api,
    });
    const button = await screen.findByRole('button', {
      name: 'Upgrade to 1.1.0',
    });
    await waitFor(() => expect(button).toBeEnabled());
    await userEvent.click(button);
    // The button opens the form; nothing starts until it is answered.
    expect(api.upgrade).not.toHaveBeenCalled();
    expect(button).toBeDisabled();
    await userEvent.type(screen.getByRole('textbox', { name: /Tier/ }), 'gold');
    await userEvent.click(
      screen.getByRole('button', { name: 'Upgrade with these answers' }),
    );
    await waitFor(() =>
      expect(api.upgrade).toHaveBeenCalledWith(
        'component:default/invoice-api',
        {
          answers: { tier: 'gold' },
        },
      ),
    );
    expect(
      await screen.findByRole('link', { name: 'follow the task' }),
    ).toBeInTheDocument();
    expect(screen.queryByTestId('upgrade-questions')).toBeNull();
  });

  it('keeps the upgrade disabled for someone the policy refuses', async () => {
    const { api } = renderWithApi(<GoldenPathCard />, {
      entity: component('invoice-api'),
      authorize: AuthorizeResult.DENY,
    });
    const button = await screen.findByRole('button', {
      name: 'Upgrade to 1.1.0',
    });
    // Give the permission answer time to arrive; it must stay disabled.
    await new Promise(r => setTimeout(r, 200));
    expect(button).toBeDisabled();
    expect(api.upgrade).not.toHaveBeenCalled();
  });

  it('shows why a repository could not be compared', async () => {
    const api = new FakeGoldenPathsApi([
      {
        ...invoiceDrift,
        behind: 0,
        changed: [],
        missing: [],
        error: 'no branch main',
      },
    ]);
    renderWithApi(<GoldenPathCard />, {
      entity: component('invoice-api'),
      api,
    });
    expect(await screen.findByText('no branch main')).toBeInTheDocument();
  });

  it('says so for an entity without a golden path', async () => {
    renderWithApi(<GoldenPathCard />, { entity: component('docs-site') });
    expect(
      await screen.findByText('Not created from a golden path'),
    ).toBeInTheDocument();
  });
});
