import { render, screen } from '@testing-library/react';
import { Bar, BarChart } from 'recharts';
import { ChartFrame } from './ChartFrame';

describe('ChartFrame', () => {
  it('titles the chart and states its summary in words', () => {
    render(
      <ChartFrame title="Things per week" summary="3 things" footer="note">
        <BarChart data={[{ v: 1 }, { v: 2 }]}>
          <Bar dataKey="v" isAnimationActive={false} />
        </BarChart>
      </ChartFrame>,
    );
    expect(screen.getByText('Things per week')).toBeInTheDocument();
    expect(screen.getByTestId('chart-summary')).toHaveTextContent('3 things');
    expect(
      screen.getByRole('figure', { name: 'Things per week' }),
    ).toBeInTheDocument();
    expect(screen.getByText('note')).toBeInTheDocument();
  });
});
