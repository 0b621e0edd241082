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
