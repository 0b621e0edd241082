import { render, screen, within } from '@testing-library/react';
import { MetricsTable } from './MetricsTable';

describe('MetricsTable', () => {
  it('has a scope column and one column per key, in the DORA order', () => {
    render(
      <MetricsTable label="Keys by team" scopeHeader="Team">
        {null}
      </MetricsTable>,
    );
    const table = screen.getByRole('table', { name: 'Keys by team' });
    expect(
      within(table)
        .getAllByRole('columnheader')
        .map(c => c.textContent),
    ).toEqual([
      'Team',
      'Deploy frequency',
      'Lead time',
      'Failure rate',
      'Recovery time',
      'Rework rate',
    ]);
  });
});
