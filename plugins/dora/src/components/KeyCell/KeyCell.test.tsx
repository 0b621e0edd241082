import { render, screen, within } from '@testing-library/react';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableRow from '@material-ui/core/TableRow';
import { eliteMetrics, lowMetrics } from '../../__testUtils__/fixtures';
import { KeyCell } from './KeyCell';

function renderCell(result: Parameters<typeof KeyCell>[0]['result']) {
  render(
    <Table>
      <TableBody>
        <TableRow>
          <KeyCell result={result} />
        </TableRow>
      </TableBody>
    </Table>,
  );
  return screen.getByRole('cell');
}

describe('KeyCell', () => {
  it('shows the formatted value, tier, a good downward trend and a sparkline', () => {
    const cell = renderCell(eliteMetrics.changeFailureRate);
    expect(cell).toHaveTextContent('3%');
    expect(cell).toHaveAttribute(
      'data-value',
      String(eliteMetrics.changeFailureRate.value),
    );
    expect(within(cell).getByTestId('tier-badge')).toHaveTextContent('Elite');
    expect(within(cell).getByTestId('trend-arrow')).toHaveAttribute(
      'data-arrow',
      'down',
    );
    expect(within(cell).getByTestId('trend-arrow')).toHaveAttribute(
      'data-good',
      'true',
    );
    expect(
      within(cell).getByRole('img', { name: 'Change failure rate per bucket' }),
    ).toBeInTheDocument();
  });

  it('shows a dash, no tier and no trend when there is no data', () => {
    const cell = renderCell({
      ...lowMetrics.changeLeadTime,
      value: undefined,
      tier: undefined,
      trend: { previous: undefined, delta: undefined, direction: undefined },
      series: [],
    });
    expect(cell).toHaveTextContent('—');
    expect(cell).not.toHaveTextContent('NaN');
    expect(within(cell).queryByTestId('trend-arrow')).not.toBeInTheDocument();
    expect(within(cell).getByTestId('tier-badge')).toHaveTextContent('No tier');
  });
});
