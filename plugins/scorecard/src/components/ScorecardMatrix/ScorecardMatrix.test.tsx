import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderWithApi } from '../../__testUtils__/render';
import { FakeScorecardApi, scorecard } from '../../__testUtils__/fakeApi';
import { ScorecardMatrix } from './ScorecardMatrix';

describe('ScorecardMatrix', () => {
  it('heads each check with its short title, the full one on hover, and scrolls sideways', async () => {
    const api = new FakeScorecardApi([]);
    const checks = await api.getChecks();
    const item = scorecard('component:default/payment-service', {
      title: 'Payment Service',
      results: [
        ...scorecard('x').results,
        {
          checkId: 'conformance-probes',
          state: 'pending',
          message: 'waiting for the first conformance report',
        },
      ],
    });
    await renderWithApi(
      <ScorecardMatrix checks={checks} items={[item]} />,
      api,
    );
    const table = await screen.findByRole('table', { name: 'scorecards' });
    const headers = within(table)
      .getAllByRole('columnheader')
      .map(h => h.textContent);
    expect(headers.slice(0, 5)).toEqual([
      'Entity',
      'Level',
      'Score',
      'Owner',
      'System',
    ]);
    expect(headers).toContain('Net policy');
    // No header is a check id or a long title: the matrix stays narrow.
    expect(headers.every(h => (h ?? '').length <= 13)).toBe(true);
    const header = within(table).getByTitle(
      'Default-deny network policy (conformance-network-policy, gold)',
    );
    expect(header).toHaveTextContent('Net policy');
    await userEvent.hover(header);
    expect(
      await screen.findByText(
        'Default-deny network policy (conformance-network-policy, gold)',
      ),
    ).toBeInTheDocument();
    // The table sits in a region that scrolls rather than squeezing its cells.
    expect(
      screen.getByRole('region', { name: 'entities by checks' }),
    ).toContainElement(table);
    expect(
      getComputedStyle(
        screen.getByRole('link', { name: 'Payment Service' }).parentElement!,
      ).whiteSpace,
    ).toBe('nowrap');
    // Pending is its own symbol, neither a pass nor a failure.
    expect(
      screen.getByLabelText('conformance-probes: pending'),
    ).toHaveTextContent('…');
    expect(screen.getByLabelText('runbook-link: fail')).toHaveTextContent('✗');
  });
});
