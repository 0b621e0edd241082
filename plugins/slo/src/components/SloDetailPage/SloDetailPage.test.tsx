import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useLocation } from 'react-router-dom';
import { FakeSloApi } from '../../__testUtils__/fakeApi';
import { pending } from '@internal/portal-react/testUtils';
import { renderWithApi } from '../../__testUtils__/render';
import { SloDetailPage } from './SloDetailPage';

function LocationProbe() {
  return <div data-testid="location-search">{useLocation().search}</div>;
}

function renderPage(
  id: string | undefined,
  options: { api?: FakeSloApi; query?: string } = {},
) {
  const params = new URLSearchParams(options.query);
  if (id) params.set('id', id);
  return renderWithApi(
    <>
      <SloDetailPage />
      <LocationProbe />
    </>,
    { api: options.api, initialRouteEntries: [`/slos/slo?${params}`] },
  );
}

/** The page renders three charts; on a slow machine that takes a while. */
async function loaded(name: string) {
  return screen.findByRole('heading', { name }, { timeout: 10_000 });
}

const tile = (name: string) =>
  within(screen.getByRole('region', { name })).getByTestId('tile-value');

// Three recharts charts, tables and the test app per test: on a two-core CI
// machine under load one test can take several seconds.
jest.setTimeout(30_000);

describe('SloDetailPage', () => {
  it('shows the tiles of a slow-burning SLO in a freeze', async () => {
    renderPage('user-service/api-availability');
    expect(await loaded('api-availability')).toBeInTheDocument();
    expect(tile('Objective')).toHaveTextContent('99.9%');
    expect(tile('SLI')).toHaveTextContent('99.931%');
    expect(tile('Budget remaining')).toHaveTextContent('31.3%');
    expect(tile('Burn rate (1h)')).toHaveTextContent('1.54×');
    expect(tile('Time to exhaustion')).toHaveTextContent('6d 2h');
    expect(screen.getByRole('link', { name: '← All SLOs' })).toHaveAttribute(
      'href',
      '/slos',
    );
    expect(screen.getByRole('link', { name: 'user-service' })).toHaveAttribute(
      'href',
      '/catalog/default/component/user-service',
    );
  });

  it('draws the budget burn-down with the policy steps, the SLI against the objective and the burn rate against the alert thresholds', async () => {
    renderPage('user-service/api-availability');
    await loaded('api-availability');
    const burnDown = await screen.findByRole('figure', {
      name: 'Budget burn-down',
    });
    expect(within(burnDown).getByText('Budget remaining')).toBeInTheDocument();
    expect(
      within(burnDown).getByText('freeze (60% consumed)'),
    ).toBeInTheDocument();
    expect(
      within(burnDown).getByText('halt (100% consumed)'),
    ).toBeInTheDocument();
    expect(burnDown.querySelector('.recharts-line-curve')).not.toBeNull();

    const sli = screen.getByRole('figure', { name: 'SLI' });
    expect(within(sli).getByText('Objective 99.9%')).toBeInTheDocument();

    const burn = screen.getByRole('figure', { name: 'Burn rate' });
    for (const label of [
      'page 14.4× (1h/5m)',
      'page 6× (6h/30m)',
      'ticket 3× (1d/2h)',
      'ticket 1× (3d/6h)',
    ]) {
      expect(within(burn).getByText(label)).toBeInTheDocument();
    }
    expect(burn).toHaveTextContent(/one point every 1h/);
  });

  it('lists the alert rules with their burn rates and which fire', async () => {
    renderPage('order-service/order-availability');
    await loaded('order-availability');
    const table = await screen.findByRole('table', { name: 'Alert rules' });
    const rules = within(table).getAllByTestId('alert-rule');
    expect(rules.map(r => r.textContent)).toEqual([
      'page1h5m14.4×20.1×20.1×Firing',
      'page6h30m6×6.9×20.1×Firing',
      'ticket1d2h3×6.9×6.9×OK',
      'ticket3d6h1×6.9×6.9×OK',
    ]);
    expect(tile('Burn rate (1h)')).toHaveTextContent('20.1×');
    expect(screen.getByText('Critical')).toBeInTheDocument();
  });

  it('highlights the policy step in force', async () => {
    renderPage('user-service/api-availability');
    await loaded('api-availability');
    const policy = await screen.findByRole('table', {
      name: 'Error budget policy',
    });
    const current = within(policy).getByRole('row', { current: 'step' });
    expect(current).toHaveTextContent('60%freeze');
    expect(within(current).getByText('In force')).toBeInTheDocument();
    expect(within(policy).getAllByText('In force')).toHaveLength(1);
    expect(
      screen.getByText(/68\.8% of the budget consumed/),
    ).toBeInTheDocument();
    expect(
      screen.getByText(/Exempt from deploy freezes: security_patch/),
    ).toBeInTheDocument();
  });

  it('says when the default policy applies', async () => {
    renderPage('payment-service/requests-availability');
    await loaded('requests-availability');
    const policy = await screen.findByRole('table', {
      name: 'Error budget policy',
    });
    expect(within(policy).queryByRole('row', { current: 'step' })).toBeNull();
    expect(
      screen.getByText(/the portal's default policy applies/),
    ).toBeInTheDocument();
  });

  it('shows why the deploy gate blocks', async () => {
    const { api } = renderPage('user-service/api-availability');
    await loaded('api-availability');
    const gate = await screen.findByRole('region', {
      name: 'Deploy gate decision',
    });
    expect(within(gate).getByTestId('gate-verdict')).toHaveTextContent(
      'Deploys blocked',
    );
    expect(gate).toHaveTextContent(
      'Deciding policy step: 60% consumed: freeze',
    );
    expect(gate).toHaveTextContent(
      /the 60% policy step "freeze" .* blocks deploys/,
    );
    expect(api.getGate).toHaveBeenCalledWith('component:default/user-service');
  });

  it('keeps the resolution in the URL', async () => {
    const { api } = renderPage('order-service/order-availability', {
      query: 'resolution=1d',
    });
    await loaded('order-availability');
    expect(api.getSlo).toHaveBeenLastCalledWith(
      'order-service/order-availability',
      { resolution: '1d' },
    );
    expect(screen.getByRole('button', { name: '1d' })).toHaveAttribute(
      'aria-pressed',
      'true',
    );

    await userEvent.click(screen.getByRole('button', { name: '6h' }));
    expect(api.getSlo).toHaveBeenLastCalledWith(
      'order-service/order-availability',
      { resolution: '6h' },
    );
    expect(screen.getByTestId('location-search')).toHaveTextContent(
      '?id=order-service%2Forder-availability&resolution=6h',
    );
    expect(
      await screen.findAllByText(/one point every 6h/, {
        selector: 'figcaption',
      }),
    ).toHaveLength(3);
  });

  it('renders an SLO without traffic as no data, with no charts of nothing', async () => {
    renderPage('notification-service/delivery-availability');
    await loaded('delivery-availability');
    expect(tile('SLI')).toHaveTextContent(/^no data$/);
    expect(tile('Budget remaining')).toHaveTextContent(/^no data$/);
    expect(tile('Burn rate (1h)')).toHaveTextContent(/^no data$/);
    expect(tile('Time to exhaustion')).toHaveTextContent(/^no data$/);
    for (const name of ['Budget burn-down', 'SLI', 'Burn rate']) {
      expect(
        within(screen.getByRole('figure', { name })).getByText('No data'),
      ).toBeInTheDocument();
    }
    const rules = screen.getAllByTestId('alert-rule');
    expect(rules.every(r => r.textContent?.endsWith('No data'))).toBe(true);
    expect(document.body).not.toHaveTextContent(/NaN/);
    expect(
      screen.getByText(/No data in the current window, so no step applies/),
    ).toBeInTheDocument();
    expect(
      await screen.findByText(/does not block deploys|within its error budget/),
    ).toBeInTheDocument();
  });

  it('says so for an unknown SLO id', async () => {
    renderPage('nope/nothing');
    expect(await screen.findByText('SLO not found')).toBeInTheDocument();
  });

  it('asks for an SLO when the URL has no id', async () => {
    const { api } = renderPage(undefined);
    expect(await screen.findByText('No SLO selected')).toBeInTheDocument();
    expect(api.getSlo).not.toHaveBeenCalled();
  });

  it('shows a progress bar while loading', async () => {
    const api = new FakeSloApi();
    api.getSlo.mockReturnValue(pending());
    renderPage('user-service/api-availability', { api });
    expect(await screen.findByTestId('progress')).toBeInTheDocument();
  });

  it('shows the error when the backend fails', async () => {
    const api = new FakeSloApi();
    api.getSlo.mockRejectedValue(
      new Error('resolution: must be a multiple of 5m'),
    );
    renderPage('user-service/api-availability', { api });
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'resolution: must be a multiple of 5m',
    );
  });

  it('shows a gate failure without losing the rest of the page', async () => {
    const api = new FakeSloApi();
    api.getGate.mockRejectedValue(new Error('gate unavailable'));
    renderPage('user-service/api-availability', { api });
    await loaded('api-availability');
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'gate unavailable',
    );
    expect(tile('Budget remaining')).toHaveTextContent('31.3%');
  });
});
