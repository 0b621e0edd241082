import { render, screen } from '@testing-library/react';
import { Sparkline } from './Sparkline';

const point = (value: number | undefined, i: number) => ({
  bucketStart: `2025-01-0${i + 1}T00:00:00.000Z`,
  value,
});

describe('Sparkline', () => {
  it('draws a labelled line when at least two buckets have data', () => {
    render(
      <Sparkline
        label="Lead time per week"
        series={[3, undefined, 5].map(point)}
      />,
    );
    expect(
      screen.getByRole('img', { name: 'Lead time per week' }),
    ).toBeInTheDocument();
  });

  it('draws nothing for fewer than two values, so no flat fake line appears', () => {
    const { container } = render(
      <Sparkline label="x" series={[undefined, 4, undefined].map(point)} />,
    );
    expect(container).toBeEmptyDOMElement();
  });
});
