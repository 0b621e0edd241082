import { render, screen } from '@testing-library/react';
import { emptyMetrics, lowMetrics } from '../../__testUtils__/fixtures';
import { StabilityChart } from './StabilityChart';

describe('StabilityChart', () => {
  it('states both rates and names both lines', () => {
    render(
      <StabilityChart
        failureRate={lowMetrics.changeFailureRate}
        reworkRate={lowMetrics.deploymentReworkRate}
      />,
    );
    expect(screen.getByTestId('chart-summary')).toHaveTextContent(
      'Change failure rate 50%, rework rate 50%',
    );
    expect(screen.getByText('Change failure rate')).toBeInTheDocument();
    expect(screen.getByText('Rework rate')).toBeInTheDocument();
  });

  it('shows dashes, not NaN, without deployments', () => {
    render(
      <StabilityChart
        failureRate={emptyMetrics.changeFailureRate}
        reworkRate={emptyMetrics.deploymentReworkRate}
      />,
    );
    expect(screen.getByTestId('chart-summary')).toHaveTextContent(
      'Change failure rate —, rework rate —',
    );
  });
});
