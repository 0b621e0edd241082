import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useLocation } from 'react-router-dom';
import { FakeSloApi } from '../../__testUtils__/fakeApi';
import { pending } from '@internal/portal-react/testUtils';
import { renderWithApi } from '../../__testUtils__/render';
import { SloListPage } from './SloListPage';

function LocationProbe() {
  return <div data-testid="location-search">{useLocation().search}</div>;
}

function renderPage(options: { api?: FakeSloApi; url?: string } = {}) {
  return renderWithApi(
    <>
      <SloListPage />
      <LocationProbe />
    </>,
    { api: options.api, initialRouteEntries: [options.url ?? '/slos'] },
  );
}

async function rows() {
  const table = await screen.findByRole('table', { name: 'SLOs' });
  return within(table).queryAllByTestId('slo-row');
}

async function sloIds() {
  return (await rows()).map(r => r.getAttribute('data-slo-id'));
}

const search = () => screen.getByTestId('location-search').textContent;

describe('SloListPage', () => {
  it('lists every SLO, least remaining budget first and no data last', async () => {
    renderPage();
    expect(await sloIds()).toEqual([
      'user-service/api-availability',
      'order-service/order-availability',
      'payment-service/requests-latency',
      'user-service/api-latency',
      'payment-service/requests-availability',
      'notification-service/delivery-availability',
    ]);
    const table = screen.getByRole('table', { name: 'SLOs' });
    const header = within(within(table).getAllByRole('row')[0])
      .getAllByRole('columnheader')
      .map(c => c.textContent);
    expect(header).toEqual([
      'SLO',
      'Entity',
      'Objective',
      'SLI',
      'Budget remaining',
      'Burn rate (1h)',
      'Alert',
      'Policy step',
      'Status',
    ]);
    expect(screen.getByTestId('status-counts')).toHaveTextContent(
      '6 SLOs: 1 critical · 1 warning · 3 healthy · 1 no data',
    );
  });

  it('shows what a row says about its SLO, with links to the detail page and the entity', async () => {
    renderPage();
    const [user] = await rows();
    expect(
      within(user).getByRole('link', { name: 'api-availability' }),
    ).toHaveAttribute('href', '/slos/slo?id=user-service%2Fapi-availability');
    expect(
      within(user).getByRole('link', { name: 'user-service' }),
    ).toHaveAttribute('href', '/catalog/default/component/user-service');
    expect(user).toHaveTextContent('identity');
    expect(user).toHaveTextContent('99.9%rolling 30d');
    expect(within(user).getByTestId('sli')).toHaveTextContent('99.931%');
    expect(
      within(user).getByRole('meter', { name: 'Error budget remaining' }),
    ).toHaveAttribute('aria-valuetext', '31.3%');
    expect(within(user).getByTestId('burn')).toHaveTextContent('1.54×');
    expect(within(user).getByText('Ticket')).toBeInTheDocument();
    expect(within(user).getByTestId('policy-step')).toHaveTextContent(
      'freezefrom 60% consumed',
    );
    expect(within(user).getByText('Warning')).toBeInTheDocument();

    const order = (await rows())[1];
    expect(within(order).getByText('Page')).toBeInTheDocument();
    expect(within(order).getByText('Critical')).toBeInTheDocument();
    expect(within(order).getByTestId('burn')).toHaveTextContent('20.1×');
  });

  it('renders an SLO without traffic as "no data", never NaN or 0%', async () => {
    renderPage();
    const notification = (await rows())[5];
    for (const cell of ['sli', 'budget', 'burn']) {
      expect(within(notification).getByTestId(cell)).toHaveTextContent(
        /^no data$/,
      );
    }
    expect(within(notification).queryByRole('meter')).not.toBeInTheDocument();
    expect(notification).not.toHaveTextContent(/NaN|Infinity|\b0%/);
    expect(within(notification).getAllByText('No data')).toHaveLength(2);
  });

  it('filters by owner and keeps the filter in the URL', async () => {
    renderPage();
    await rows();
    await userEvent.selectOptions(
      screen.getByLabelText('Owner'),
      'group:default/payments',
    );
    expect(await sloIds()).toEqual([
      'payment-service/requests-latency',
      'payment-service/requests-availability',
    ]);
    expect(search()).toBe('?owner=group%3Adefault%2Fpayments');
  });

  it('shows each SLO over the calendar month from the URL, filtered, and goes back to now', async () => {
    const { api } = renderPage({
      url: '/slos?month=2026-11&owner=group%3Adefault%2Fpayments',
    });
    const table = await screen.findByRole('table', {
      name: 'SLOs in November 2026',
    });
    expect(api.getMonth).toHaveBeenCalledWith('2026-11', {
      owner: 'group:default/payments',
    });
    expect(screen.getByTestId('month-heading')).toHaveTextContent(
      'November 2026',
    );
    expect(screen.getByLabelText('Period')).toHaveValue('2026-11');
    // A month has a verdict, not a status: no status filter.
    expect(screen.queryByLabelText('Status')).not.toBeInTheDocument();
    // The fake's month holds each SLO's current events; payments' two, least budget left first.
    const monthRows = within(table).getAllByTestId('slo-month-row');
    expect(monthRows.map(r => r.getAttribute('data-slo-id'))).toEqual([
      'payment-service/requests-availability',
      'payment-service/requests-latency',
    ]);
    const left = monthRows.map(r =>
      parseFloat(within(r).getByTestId('month-budget').textContent!),
    );
    expect(left[0]).toBeLessThanOrEqual(left[1]);
    expect(screen.getByTestId('month-counts')).toHaveTextContent(
      '2 SLOs: 2 met · 0 missed · 0 without events',
    );

    await userEvent.selectOptions(screen.getByLabelText('Period'), 'now');
    expect(search()).toBe('?owner=group%3Adefault%2Fpayments');
    expect(await sloIds()).toEqual([
      'payment-service/requests-latency',
      'payment-service/requests-availability',
    ]);
  });

  it("lists a team's SLOs with its sub-teams'", async () => {
    // commerce owns no SLO itself; payments and orders are its sub-teams.
    const api = new FakeSloApi({
      parents: {
        'group:default/payments': 'group:default/commerce',
        'group:default/orders': 'group:default/commerce',
      },
    });
    renderPage({ api, url: '/slos?owner=group%3Adefault%2Fcommerce' });
    expect(await sloIds()).toEqual([
      'order-service/order-availability',
      'payment-service/requests-latency',
      'payment-service/requests-availability',
    ]);
    expect(api.listSlosWithErrors).toHaveBeenCalledWith({
      owner: 'group:default/commerce',
      sort: 'budget',
    });
    // The team from the link stays selected though it owns no SLO itself.
    expect(screen.getByLabelText('Owner')).toHaveValue(
      'group:default/commerce',
    );
  });

  it("lists a team's SLOs with its sub-teams' over a month", async () => {
    const api = new FakeSloApi({
      parents: {
        'group:default/payments': 'group:default/commerce',
        'group:default/orders': 'group:default/commerce',
      },
    });
    renderPage({
      api,
      url: '/slos?month=2026-11&owner=group%3Adefault%2Fcommerce',
    });
    const table = await screen.findByRole('table', {
      name: 'SLOs in November 2026',
    });
    expect(
      within(table)
        .getAllByTestId('slo-month-row')
        .map(r => r.getAttribute('data-slo-id'))
        .sort(),
    ).toEqual([
      'order-service/order-availability',
      'payment-service/requests-availability',
      'payment-service/requests-latency',
    ]);
  });

  it("filters to one entity's SLOs and keeps it in the URL", async () => {
    renderPage();
    await rows();
    await userEvent.selectOptions(
      screen.getByLabelText('Entity'),
      'component:default/user-service',
    );
    expect(await sloIds()).toEqual([
      'user-service/api-availability',
      'user-service/api-latency',
    ]);
    expect(search()).toBe('?entity=component%3Adefault%2Fuser-service');
  });

  it('filters by status and clears a filter back to All', async () => {
    renderPage();
    await rows();
    await userEvent.selectOptions(screen.getByLabelText('Status'), 'no-data');
    expect(await sloIds()).toEqual([
      'notification-service/delivery-availability',
    ]);
    expect(search()).toBe('?status=no-data');

    await userEvent.selectOptions(screen.getByLabelText('Status'), '');
    expect(await rows()).toHaveLength(6);
    expect(search()).toBe('');
  });

  it('restores filters and sort from the URL', async () => {
    renderPage({
      url: '/slos?system=e-commerce&status=healthy&sort=name&dir=desc',
    });
    await waitFor(async () =>
      expect(await sloIds()).toEqual(['user-service/api-latency']),
    );
    expect(screen.getByLabelText('System')).toHaveValue(
      'system:default/e-commerce',
    );
    expect(screen.getByLabelText('Status')).toHaveValue('healthy');

    // The short ref from the link matched the full one; the rest of the view is intact.
    await userEvent.selectOptions(screen.getByLabelText('Status'), '');
    expect(await sloIds()).toEqual([
      'user-service/api-latency',
      'user-service/api-availability',
      'order-service/order-availability',
      'notification-service/delivery-availability',
    ]);
  });

  it('sorts by a column and records it in the URL', async () => {
    renderPage();
    await rows();
    await userEvent.click(
      screen.getByRole('button', { name: 'Burn rate (1h)' }),
    );
    expect((await sloIds()).slice(0, 2)).toEqual([
      'order-service/order-availability',
      'user-service/api-availability',
    ]);
    expect(search()).toBe('?sort=burn');

    await userEvent.click(
      screen.getByRole('button', { name: 'Burn rate (1h)' }),
    );
    const ascending = await sloIds();
    expect(ascending[ascending.length - 2]).toBe(
      'order-service/order-availability',
    );
    // No data stays last either way.
    expect(ascending[ascending.length - 1]).toBe(
      'notification-service/delivery-availability',
    );
    expect(search()).toBe('?sort=burn&dir=asc');
  });

  it('says so when the filters match nothing', async () => {
    renderPage({ url: '/slos?owner=group:default/payments&status=critical' });
    expect(
      await screen.findByText('No SLOs match these filters.'),
    ).toBeInTheDocument();
  });

  it('shows a progress bar while loading', async () => {
    const api = new FakeSloApi();
    api.listSlos.mockReturnValue(pending());
    renderPage({ api });
    expect(await screen.findByTestId('progress')).toBeInTheDocument();
  });

  it('shows the error when the backend fails', async () => {
    const api = new FakeSloApi();
    api.listSlos.mockRejectedValue(new Error('SLO specs have not been loaded'));
    renderPage({ api });
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'SLO specs have not been loaded',
    );
  });

  it('explains an empty catalog', async () => {
    renderPage({ api: new FakeSloApi({ slos: [] }) });
    expect(await screen.findByText('No SLOs yet')).toBeInTheDocument();
  });

  const specErrors = [
    {
      entityRef: 'component:default/payment-service',
      file: '../slos/payment-service.yaml',
      document: 2,
      field: 'spec.slos[1].sli.events.errorQuery',
      slo: 'requests-latency',
      message:
        '../slos/payment-service.yaml (document 2): spec.slos[1].sli.events.errorQuery: invalid PromQL: unexpected end of expression at line 1, column 16',
    },
  ];

  it('shows spec error rows above the SLOs that did load', async () => {
    renderPage({ api: new FakeSloApi({ specErrors }) });
    expect(await rows()).toHaveLength(6);
    const [row] = screen.getAllByTestId('spec-error');
    expect(row).toHaveTextContent(
      'payment-service · ../slos/payment-service.yaml (document 2) · SLO "requests-latency" · spec.slos[1].sli.events.errorQuery: invalid PromQL: unexpected end of expression at line 1, column 16',
    );
    expect(
      screen.getByText(
        'Error: An SLO spec has an error; what it affects is not evaluated',
      ),
    ).toBeInTheDocument();
  });

  it('filters spec errors by owner like the SLOs, and hides them for a status', async () => {
    const api = new FakeSloApi({
      specErrors: [{ ...specErrors[0], owner: 'group:default/payments' }],
    });
    renderPage({ api, url: '/slos?owner=group:default/identity' });
    await rows();
    expect(screen.queryByTestId('spec-error')).not.toBeInTheDocument();
  });

  it('shows spec errors instead of "No SLOs yet" when nothing loaded', async () => {
    renderPage({ api: new FakeSloApi({ slos: [], specErrors }) });
    expect(await screen.findAllByTestId('spec-error')).toHaveLength(1);
    expect(screen.queryByText('No SLOs yet')).not.toBeInTheDocument();
  });
});
