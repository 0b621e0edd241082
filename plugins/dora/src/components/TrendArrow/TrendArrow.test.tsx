import { render, screen } from '@testing-library/react';
import { TrendArrow } from './TrendArrow';

describe('TrendArrow', () => {
  it('points up and reads as better when deployments became more frequent', () => {
    render(
      <TrendArrow
        doraKey="deploymentFrequency"
        trend={{ previous: 2, delta: 1 }}
      />,
    );
    const arrow = screen.getByRole('img');
    expect(arrow).toHaveAttribute('data-arrow', 'up');
    expect(arrow).toHaveAttribute('data-good', 'true');
    expect(arrow).toHaveAccessibleName(
      'Up 50% from the previous window (better)',
    );
  });

  it('points up and reads as worse when the failure rate rose', () => {
    render(
      <TrendArrow
        doraKey="changeFailureRate"
        trend={{ previous: 0.1, delta: 0.1 }}
      />,
    );
    expect(screen.getByRole('img')).toHaveAttribute('data-good', 'false');
    expect(screen.getByRole('img')).toHaveAccessibleName(
      'Up 100% from the previous window (worse)',
    );
  });

  it('renders nothing without a previous value', () => {
    const { container } = render(
      <TrendArrow doraKey="changeLeadTime" trend={{ previous: undefined }} />,
    );
    expect(container).toBeEmptyDOMElement();
  });
});
