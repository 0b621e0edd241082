import { render, screen } from '@testing-library/react';
import { DeploymentOutcomesChart } from './DeploymentOutcomesChart';

describe('DeploymentOutcomesChart', () => {
  it('sums each outcome over the weeks and labels the legend', () => {
    render(
      <DeploymentOutcomesChart
        weeks={[
          {
            weekStart: '2025-01-06T00:00:00.000Z',
            success: 4,
            failed: 1,
            rolledBack: 0,
          },
          {
            weekStart: '2025-01-13T00:00:00.000Z',
            success: 2,
            failed: 0,
            rolledBack: 1,
          },
        ]}
      />,
    );
    expect(screen.getByTestId('chart-summary')).toHaveTextContent(
      '6 successful, 1 failed, 1 rolled back',
    );
    for (const name of ['Success', 'Failed', 'Rolled back']) {
      expect(screen.getByText(name)).toBeInTheDocument();
    }
  });
});
