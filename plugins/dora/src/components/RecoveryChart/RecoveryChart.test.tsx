import { render, screen } from '@testing-library/react';
import { eliteMetrics, emptyMetrics } from '../../__testUtils__/fixtures';
import { RecoveryChart } from './RecoveryChart';

describe('RecoveryChart', () => {
  it('states the median and what is still unrecovered', () => {
    render(
      <RecoveryChart
        result={{
          ...eliteMetrics.failedDeploymentRecoveryTime,
          p90: 2 * 3_600_000,
          failed: 4,
          unrecovered: 1,
        }}
      />,
    );
    expect(screen.getByTestId('chart-summary')).toHaveTextContent(
      'Median 30m, p90 2h over 3 recovered; 1 not recovered yet',
    );
  });

  it('says there was nothing to recover', () => {
    render(
      <RecoveryChart result={emptyMetrics.failedDeploymentRecoveryTime} />,
    );
    expect(screen.getByTestId('chart-summary')).toHaveTextContent(
      'No failed deployments in this window',
    );
  });
});
