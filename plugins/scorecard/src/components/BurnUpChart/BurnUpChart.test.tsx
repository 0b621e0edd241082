import { render, screen } from '@testing-library/react';
import { BurnUpChart } from './BurnUpChart';

describe('BurnUpChart', () => {
  it('draws passing against total and says where it ends', () => {
    const { container } = render(
      <BurnUpChart
        points={[
          { day: '2026-12-01', passing: 0, total: 4 },
          { day: '2026-12-02', passing: 2, total: 4 },
          { day: '2026-12-03', passing: 3, total: 4 },
        ]}
      />,
    );
    expect(
      screen.getByRole('img', {
        name: 'burn-up: 3 of 4 passing on 2026-12-03',
      }),
    ).toBeInTheDocument();
    const [total, passing] = [...container.querySelectorAll('polyline')].map(
      p => p.getAttribute('points'),
    );
    // The total is flat at the top; passing rises (smaller y is higher).
    expect(new Set(total!.split(' ').map(p => p.split(',')[1])).size).toBe(1);
    const ys = passing!.split(' ').map(p => Number(p.split(',')[1]));
    expect(ys[0]).toBeGreaterThan(ys[1]);
    expect(ys[1]).toBeGreaterThan(ys[2]);
  });

  it('marks each day with a dot, so a campaign on its first day shows where it stands', () => {
    const { container } = render(
      <BurnUpChart points={[{ day: '2026-12-06', passing: 1, total: 3 }]} />,
    );
    const dots = screen.getAllByTestId('burn-up-point');
    expect(dots).toHaveLength(1);
    expect(dots[0]).toHaveTextContent('2026-12-06: 1 of 3 passing');
    // 1 of 3: a third of the way up the plot area (160 high, 24 padding each side).
    expect(Number(dots[0].getAttribute('cy'))).toBeCloseTo(160 - 24 - 112 / 3);
    // The total is drawn across the plot, at the top (3 is the maximum).
    const [total] = [...container.querySelectorAll('polyline')].map(p =>
      p.getAttribute('points'),
    );
    expect(total).toBe('24,24 576,24');
    expect(container).toHaveTextContent('3 in scope');
    expect(container).toHaveTextContent('1 passing');
  });

  it('draws nothing without points', () => {
    const { container } = render(<BurnUpChart points={[]} />);
    expect(container).toBeEmptyDOMElement();
  });
});
