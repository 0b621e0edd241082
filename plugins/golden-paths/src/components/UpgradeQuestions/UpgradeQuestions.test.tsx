import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import { UpgradeQuestions } from './UpgradeQuestions';

// As GET /service gives them: a required question without a default, one with a default, and
// a `ui:` key that must reach the form as its uiSchema rather than as schema.
const questions = {
  title: 'New in version 1.1.0',
  type: 'object',
  required: ['tier'],
  properties: {
    tier: {
      title: 'Tier',
      type: 'string',
      pattern: '^(bronze|gold)$',
      'ui:help': 'bronze or gold',
    },
    cpu: { title: 'CPU request', type: 'string', default: '250m' },
  },
};

describe('UpgradeQuestions', () => {
  it('renders the new questions with their defaults and help, and refuses a missing required answer', async () => {
    const onSubmit = jest.fn();
    await renderInTestApp(
      <UpgradeQuestions
        questions={questions}
        version="1.1.0"
        onSubmit={onSubmit}
      />,
    );
    expect(screen.getByText('New in version 1.1.0')).toBeInTheDocument();
    expect(screen.getByText('bronze or gold')).toBeInTheDocument();
    expect(screen.getByRole('textbox', { name: 'CPU request' })).toHaveValue(
      '250m',
    );
    await userEvent.click(
      screen.getByRole('button', { name: 'Upgrade with these answers' }),
    );
    expect(
      await screen.findByText("must have required property 'Tier'"),
    ).toBeInTheDocument();
    expect(onSubmit).not.toHaveBeenCalled();

    await userEvent.type(screen.getByRole('textbox', { name: /Tier/ }), 'tin');
    await userEvent.click(
      screen.getByRole('button', { name: 'Upgrade with these answers' }),
    );
    expect(
      await screen.findByText('must match pattern "^(bronze|gold)$"'),
    ).toBeInTheDocument();
    expect(onSubmit).not.toHaveBeenCalled();
  });

  it('submits the answers, defaults included', async () => {
    const onSubmit = jest.fn();
    await renderInTestApp(
      <UpgradeQuestions
        questions={questions}
        version="1.1.0"
        onSubmit={onSubmit}
      />,
    );
    await userEvent.type(screen.getByRole('textbox', { name: /Tier/ }), 'gold');
    await userEvent.click(
      screen.getByRole('button', { name: 'Upgrade with these answers' }),
    );
    await waitFor(() =>
      expect(onSubmit).toHaveBeenCalledWith({ tier: 'gold', cpu: '250m' }),
    );
  });

  it('keeps the form from submitting while the upgrade starts', async () => {
    await renderInTestApp(
      <UpgradeQuestions
        questions={questions}
        version="1.1.0"
        disabled
        onSubmit={jest.fn()}
      />,
    );
    expect(
      screen.getByRole('button', { name: 'Upgrade with these answers' }),
    ).toBeDisabled();
  });
});
