import { renderInTestApp } from '@backstage/frontend-test-utils';
import { screen, within } from '@testing-library/react';
import { reviewResponse, row } from '../../__testUtils__/fixtures';
import { ReviewTable } from './ReviewTable';

describe('ReviewTable', () => {
  it('shows each key with tier and change, and links cells to the filtered pages', async () => {
    await renderInTestApp(<ReviewTable review={reviewResponse()} />);
    const payments = screen.getByTestId('row-group:default/payments');
    expect(within(payments).getByText('0.27/day')).toBeInTheDocument();
    expect(within(payments).getByText('20.0 h')).toBeInTheDocument();
    // The unrounded figure beside the rounded one: 20 h in milliseconds.
    expect(
      within(payments).getByRole('link', { name: 'Lead time of Payments' }),
    ).toHaveAttribute('data-value', String(20 * 3_600_000));
    expect(
      within(payments).getByText('▼ 33% better (was 30.0 h)'),
    ).toBeInTheDocument();
    expect(
      within(payments).getByRole('link', { name: 'Lead time of Payments' }),
    ).toHaveAttribute(
      'href',
      '/dora?month=2026-10&team=group%3Adefault%2Fpayments',
    );
    expect(
      within(payments).getByRole('link', { name: 'SLOs of Payments' }),
    ).toHaveAttribute(
      'href',
      '/slos?month=2026-10&owner=group%3Adefault%2Fpayments',
    );
    expect(within(payments).getByText('1/2 of 2')).toBeInTheDocument();
    expect(
      within(payments).getByText(/budget left -25% · 3 alerts · 5 h frozen/),
    ).toBeInTheDocument();
    expect(
      within(payments).getByRole('link', { name: 'Conformance of Payments' }),
    ).toHaveTextContent('83');
    const identity = screen.getByTestId('row-group:default/identity');
    expect(within(identity).queryByRole('link', { name: /SLOs/ })).toBeNull();
  });

  it('links the lead time to the PRs and commits behind it and counts gate denials', async () => {
    await renderInTestApp(<ReviewTable review={reviewResponse()} />);
    const payments = screen.getByTestId('row-group:default/payments');
    expect(
      within(payments).getByRole('link', {
        name: 'Pull requests and commits behind the lead time of Payments',
      }),
    ).toHaveAttribute('href', '#changes-group-default-payments');
    expect(within(payments).getByText('2 PRs · 2 commits')).toBeInTheDocument();
    expect(
      within(payments).getByLabelText('Deploy gate of Payments'),
    ).toHaveTextContent('2 denied of 5payment-service 2');
    // Identity's fixture row has no lead-time changes: no link.
    const identity = screen.getByTestId('row-group:default/identity');
    expect(
      within(identity).queryByRole('link', { name: /Pull requests/ }),
    ).toBeNull();
  });

  it('counts commits alone when the deployments name no PRs', async () => {
    // Commits alone when the deployments name no PRs, and a list cut at its limit says so.
    await renderInTestApp(
      <ReviewTable
        review={reviewResponse({
          rows: [
            row({
              ref: 'group:default/orders',
              title: 'Orders',
              leadTimeChanges: {
                deployments: 3,
                pullRequests: [],
                commits: ['a', 'b'],
                truncated: true,
              },
            }),
          ],
        })}
      />,
    );
    expect(screen.getByText('2+ commits')).toBeInTheDocument();
  });

  it('has no gate column for a snapshot made before the gate was counted', async () => {
    await renderInTestApp(
      <ReviewTable
        review={reviewResponse({ rows: [row({ gate: undefined })] })}
      />,
    );
    expect(screen.queryByText('Deploy gate')).toBeNull();
  });

  it('has the scorecard column only when the review has it', async () => {
    const { unmount } = await renderInTestApp(
      <ReviewTable review={reviewResponse()} />,
    );
    expect(screen.queryByText('Scorecard')).toBeNull();
    unmount();
    await renderInTestApp(
      <ReviewTable
        review={reviewResponse({
          hasScorecard: true,
          rows: [row({ scorecardLevel: 'gold' })],
        })}
      />,
    );
    expect(screen.getByText('Scorecard')).toBeInTheDocument();
    expect(screen.getByText('gold')).toBeInTheDocument();
  });
});
