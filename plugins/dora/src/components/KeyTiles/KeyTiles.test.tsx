import { render, screen, within } from '@testing-library/react';
import { eliteMetrics, lowMetrics } from '../../__testUtils__/fixtures';
import { KeyTiles } from './KeyTiles';

describe('KeyTiles', () => {
  it('shows the five keys with value, tier and trend', () => {
    render(<KeyTiles metrics={lowMetrics} />);
    const tiles = screen.getAllByRole('group');
    expect(tiles.map(t => t.getAttribute('aria-label'))).toEqual([
      'Deployment frequency',
      'Change lead time',
      'Change failure rate',
      'Failed deployment recovery time',
      'Deployment rework rate',
    ]);
    const cfr = screen.getByRole('group', { name: 'Change failure rate' });
    expect(cfr).toHaveTextContent('50%');
    expect(within(cfr).getByTestId('tier-badge')).toHaveTextContent('Low');
    expect(within(cfr).getByTestId('trend-arrow')).toHaveAttribute(
      'data-good',
      'false',
    );
    // Rework has no benchmark and did not move.
    const rework = screen.getByRole('group', {
      name: 'Deployment rework rate',
    });
    expect(within(rework).getByTestId('tier-badge')).toHaveTextContent(
      'No tier',
    );
    expect(within(rework).getByTestId('trend-arrow')).toHaveAttribute(
      'data-arrow',
      'flat',
    );
  });

  it('says when the lead time rests on part of the deployments only', () => {
    const metrics = {
      ...eliteMetrics,
      changeLeadTime: {
        ...eliteMetrics.changeLeadTime,
        count: 40,
        coverage: { deployments: 12, ancestryKnown: 9 },
      },
    };
    render(<KeyTiles metrics={metrics} />);
    expect(screen.getByTestId('tile-changeLeadTime')).toHaveTextContent(
      '40 commits · commits known for 9 of 12 deployments',
    );
  });

  it('shows the sample behind each figure', () => {
    const metrics = {
      ...eliteMetrics,
      changeFailureRate: {
        ...eliteMetrics.changeFailureRate,
        denominator: 100,
      },
      failedDeploymentRecoveryTime: {
        ...eliteMetrics.failedDeploymentRecoveryTime,
        unrecovered: 1,
      },
    };
    render(<KeyTiles metrics={metrics} />);
    expect(screen.getByTestId('tile-deploymentFrequency')).toHaveTextContent(
      '90 successful deployments',
    );
    expect(screen.getByTestId('tile-changeLeadTime')).toHaveTextContent(
      'p90 6h · 80 commits',
    );
    expect(screen.getByTestId('tile-changeFailureRate')).toHaveTextContent(
      '3 of 100 deployments failed',
    );
    expect(
      screen.getByTestId('tile-failedDeploymentRecoveryTime'),
    ).toHaveTextContent('3 recovered · 1 not yet');
  });
});

it('counts recoveries in words when all failed deployments recovered', () => {
  render(<KeyTiles metrics={eliteMetrics} />);
  expect(
    screen.getByTestId('tile-failedDeploymentRecoveryTime'),
  ).toHaveTextContent('3 recoveries');
});
