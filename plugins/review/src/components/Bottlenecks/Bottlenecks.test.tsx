import { renderInTestApp } from '@backstage/frontend-test-utils';
import { screen, within } from '@testing-library/react';
import { reviewResponse } from '../../__testUtils__/fixtures';
import { Bottlenecks } from './Bottlenecks';

describe('Bottlenecks', () => {
  it('lists each row’s contributors with the deployments behind them', async () => {
    await renderInTestApp(<Bottlenecks review={reviewResponse()} />);
    const payments = screen.getByTestId('bottlenecks-group:default/payments');
    expect(
      within(payments).getByText(
        'Pickup: median 10.0 h, 50% of the stage medians',
      ),
    ).toBeInTheDocument();
    expect(
      within(payments).getByText(
        'Rolled back: 1 deployments, 50% of the failed',
      ),
    ).toBeInTheDocument();
    const evidence = within(payments).getByRole('list', {
      name: 'Evidence for Rolled back',
    });
    expect(evidence).toHaveTextContent(
      'pay-7 · component:default/payment-service · rolled_back · 2026-10-09 12:00',
    );
    expect(
      within(payments).getByText(
        "pay-7: restored after 24.0 h, 80% of the month's recovery time",
      ),
    ).toBeInTheDocument();
    expect(
      within(payments).getByRole('list', { name: 'Evidence for pay-7' }),
    ).toHaveTextContent(
      'pay-8 · component:default/payment-service · success · 2026-10-10 12:00',
    );
    expect(
      within(payments).getByText(
        'Behind the lead time: 2 pull requests and 2 commits in 2 deployments',
      ).parentElement,
    ).toHaveAttribute('id', 'changes-group-default-payments');
    expect(
      within(payments).getByRole('list', {
        name: 'Pull requests behind the lead time',
      }),
    ).toHaveTextContent('org/pay#8org/pay#9');
    expect(
      within(payments).getByRole('list', {
        name: 'Commits behind the lead time',
      }),
    ).toHaveTextContent(`${'9'.repeat(12)}${'a'.repeat(12)}`);
    // Identity has no bottleneck and no section.
    expect(
      screen.queryByTestId('bottlenecks-group:default/identity'),
    ).toBeNull();
  });

  it('says so when nothing was slow or failed', async () => {
    await renderInTestApp(
      <Bottlenecks review={reviewResponse({ rows: [] })} />,
    );
    expect(
      screen.getByText('No pull requests or failed deployments in this month.'),
    ).toBeInTheDocument();
  });
});
