import { screen, within } from '@testing-library/react';
import type { SloMonthItem } from '../../api/types';
import { paymentAvailability } from '../../__testUtils__/fixtures';
import { renderWithApi } from '../../__testUtils__/render';
import { SloMonthTable } from './SloMonthTable';

// paymentAvailability's objective is 99.9%: 0.1% of events may fail.
const base: SloMonthItem = {
  slo: paymentAvailability.slo,
  entityRef: paymentAvailability.entityRef,
  owner: 'group:default/payments',
  good: 99_950,
  total: 100_000,
  sli: 0.9995,
  met: true,
  budgetRemaining: 0.5,
  budgetConsumed: 0.5,
};

describe('SloMonthTable', () => {
  it('shows the month’s SLI, verdict, budget left and events, linking the SLO and entity', async () => {
    renderWithApi(
      <SloMonthTable
        label="SLOs in November 2026"
        rows={[
          base,
          {
            ...base,
            slo: { ...base.slo, id: 'x/missed', name: 'missed' },
            good: 998,
            total: 1000,
            sli: 0.998,
            met: false,
            budgetRemaining: -1,
            budgetConsumed: 2,
          },
          {
            ...base,
            slo: { ...base.slo, id: 'x/quiet', name: 'quiet' },
            good: 0,
            total: 0,
            sli: null,
            met: null,
            budgetRemaining: null,
            budgetConsumed: null,
          },
        ]}
      />,
    );
    const table = await screen.findByRole('table', {
      name: 'SLOs in November 2026',
    });
    const rows = within(table).getAllByTestId('slo-month-row');
    const cells = (row: HTMLElement) =>
      ['month-sli', 'month-met', 'month-budget', 'month-events'].map(
        id => within(row).getByTestId(id).textContent,
      );
    expect(rows.map(cells)).toEqual([
      ['99.95%', 'Met', '50%', '99,950 / 100,000'],
      ['99.8%', 'Missed', '-100%', '998 / 1,000'],
      ['no data', 'No data', 'no data', '0 / 0'],
    ]);
    expect(
      within(rows[0]).getByRole('link', { name: 'requests-availability' }),
    ).toHaveAttribute(
      'href',
      `/slos/slo?id=${encodeURIComponent(base.slo.id)}`,
    );
  });

  it('says so when no SLO matches', async () => {
    renderWithApi(<SloMonthTable label="SLOs" rows={[]} />);
    expect(
      await screen.findByText('No SLOs match these filters.'),
    ).toBeInTheDocument();
  });
});
