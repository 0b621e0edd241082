import { screen, within } from '@testing-library/react';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import {
  detailOf,
  notificationDelivery,
  orderAvailability,
  userAvailability,
  userPolicy,
} from '../../__testUtils__/fixtures';
import { BudgetBurnDownChart } from './BudgetBurnDownChart';
import { BurnRateChart } from './BurnRateChart';
import { SliChart } from './SliChart';

// The ResizeObserver stand-in in setupTests.ts gives every chart 800×260, so
// recharts draws real SVG here; these tests read its labels, not its paths.
describe('SLO charts', () => {
  it("draws the default policy's steps on an SLO without a policy of its own", async () => {
    renderInTestApp(
      <BudgetBurnDownChart detail={detailOf(orderAvailability)} />,
    );
    const figure = await screen.findByRole('figure', {
      name: 'Budget burn-down',
    });
    for (const label of [
      'review (50% consumed)',
      'freeze (75% consumed)',
      'incident-commander (90% consumed)',
      'halt (100% consumed)',
    ]) {
      expect(within(figure).getByText(label)).toBeInTheDocument();
    }
    expect(within(figure).queryByText('exhausted')).not.toBeInTheDocument();
    expect(figure.querySelectorAll('.recharts-reference-line')).toHaveLength(4);
  });

  it('marks where the budget runs out when no step does', async () => {
    const detail = detailOf({
      ...userAvailability,
      slo: {
        ...userAvailability.slo,
        policy: { ...userPolicy, steps: userPolicy.steps.slice(0, 3) },
      },
    });
    renderInTestApp(<BudgetBurnDownChart detail={detail} />);
    const figure = await screen.findByRole('figure', {
      name: 'Budget burn-down',
    });
    expect(within(figure).getByText('exhausted')).toBeInTheDocument();
    expect(
      within(figure).getByText('freeze (60% consumed)'),
    ).toBeInTheDocument();
  });

  it('rescales the alert thresholds to a 28-day window', async () => {
    renderInTestApp(
      <BurnRateChart
        detail={{
          ...detailOf(orderAvailability),
          slo: {
            ...orderAvailability.slo,
            window: { kind: 'rolling', seconds: 28 * 86400 },
          },
        }}
      />,
    );
    const figure = await screen.findByRole('figure', { name: 'Burn rate' });
    expect(within(figure).getByText('page 13.44× (1h/5m)')).toBeInTheDocument();
    expect(
      within(figure).getByText('ticket 0.9333× (3d/6h)'),
    ).toBeInTheDocument();
    // The line is the burn over each step (1h here), not the 28-day average.
    expect(within(figure).getByText('Burn rate (1h)')).toBeInTheDocument();
  });

  it('draws the objective on the SLI chart', async () => {
    renderInTestApp(<SliChart detail={detailOf(orderAvailability)} />);
    const figure = await screen.findByRole('figure', { name: 'SLI' });
    expect(within(figure).getByText('Objective 99.5%')).toBeInTheDocument();
    expect(figure.querySelector('.recharts-line-curve')).not.toBeNull();
  });

  it('says "No data" instead of drawing empty axes', async () => {
    const detail = detailOf(notificationDelivery);
    renderInTestApp(
      <>
        <BudgetBurnDownChart detail={detail} />
        <SliChart detail={detail} />
        <BurnRateChart detail={detail} />
      </>,
    );
    const figures = await screen.findAllByRole('figure');
    expect(figures).toHaveLength(3);
    for (const figure of figures) {
      expect(within(figure).getByText('No data')).toBeInTheDocument();
      expect(figure.querySelector('svg.recharts-surface')).toBeNull();
    }
  });
});
