import { render, screen } from '@testing-library/react';
import {
  eliteMetrics,
  emptyMetrics,
  lowMetrics,
} from '../../__testUtils__/fixtures';
import { LeadTimeChart } from './LeadTimeChart';

describe('LeadTimeChart', () => {
  it('states median and p90 and the stage breakdown in order', () => {
    render(<LeadTimeChart result={eliteMetrics.changeLeadTime} />);
    expect(screen.getByTestId('chart-summary')).toHaveTextContent(
      'Median 2h, p90 6h over 80 changes',
    );
    expect(screen.getByTestId('lead-time-breakdown')).toHaveTextContent(
      'Coding 40m → Pickup 20m → Review 30m → Deploy 25m',
    );
    expect(
      screen.getByRole('figure', { name: 'Lead time breakdown' }),
    ).toBeInTheDocument();
  });

  it('leaves the breakdown out without PR data', () => {
    render(<LeadTimeChart result={lowMetrics.changeLeadTime} />);
    expect(
      screen.getByText('No pull-request data for a breakdown.'),
    ).toBeInTheDocument();
    expect(screen.queryByTestId('lead-time-breakdown')).not.toBeInTheDocument();
  });

  it('says there were no changes instead of a NaN median', () => {
    render(<LeadTimeChart result={emptyMetrics.changeLeadTime} />);
    expect(screen.getByTestId('chart-summary')).toHaveTextContent(
      'No deployed changes in this window',
    );
  });
});
