import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useLocation } from 'react-router-dom';
import { FakeConformanceApi } from '../../__testUtils__/fakeApi';
import { pending } from '@internal/portal-react/testUtils';
import { renderWithApi } from '../../__testUtils__/render';
import { ConformancePage } from './ConformancePage';

function LocationProbe() {
  return <div data-testid="location-search">{useLocation().search}</div>;
}

function renderPage(options: { api?: FakeConformanceApi; url?: string } = {}) {
  return renderWithApi(
    <>
      <ConformancePage />
      <LocationProbe />
    </>,
    { api: options.api, initialRouteEntries: [options.url ?? '/conformance'] },
  );
}

async function entityNames() {
  const table = await screen.findByRole('table', {
    name: 'Conformance by entity and check',
  });
  return within(table)
    .queryAllByTestId('entity-row')
    .map(row => within(row).getByRole('link').textContent);
}

const search = () => screen.getByTestId('location-search').textContent;

describe('ConformancePage', () => {
  it('renders the entity × check matrix, lowest score first', async () => {
    renderPage();
    expect(await entityNames()).toEqual([
      'ledger',
      'Payment Service',
      'search-api',
    ]);

    const table = screen.getByRole('table', {
      name: 'Conformance by entity and check',
    });
    const header = within(within(table).getAllByRole('row')[0])
      .getAllByRole('columnheader')
      .map(c => c.textContent);
    // Only enabled checks get a column.
    expect(header).toEqual([
      'Entity',
      'Owner',
      'System',
      'Score',
      'Non-root',
      'Limits',
      'Probe',
    ]);

    const ledger = within(table).getAllByTestId('entity-row')[0];
    expect(within(ledger).getByRole('link')).toHaveAttribute(
      'href',
      '/catalog/default/component/ledger',
    );
    expect(ledger).toHaveTextContent('payments');
    expect(ledger).toHaveTextContent('checkout');
    expect(within(ledger).getAllByTitle('Fail')).toHaveLength(2);
    expect(within(ledger).getAllByTitle('Pass')).toHaveLength(1);
    expect(screen.getByText(/golden-path standards/)).toBeInTheDocument();
  });

  it('filters by owner and keeps the filter in the URL', async () => {
    renderPage();
    await entityNames();

    await userEvent.selectOptions(
      screen.getByLabelText('Owner'),
      'group:default/platform',
    );

    expect(await entityNames()).toEqual(['search-api']);
    expect(search()).toBe('?owner=group%3Adefault%2Fplatform');
  });

  it('filters by failing severity and clears a filter back to All', async () => {
    renderPage();
    await entityNames();

    await userEvent.selectOptions(
      screen.getByLabelText('Failing severity'),
      'critical',
    );
    expect(await entityNames()).toEqual(['ledger']);
    expect(search()).toBe('?severity=critical');

    await userEvent.selectOptions(
      screen.getByLabelText('Failing severity'),
      '',
    );
    expect(await entityNames()).toHaveLength(3);
    expect(search()).toBe('');
  });

  it('restores the whole view from the URL', async () => {
    renderPage({
      url: '/conformance?system=system%3Adefault%2Fcheckout&sort=desc',
    });
    expect(await entityNames()).toEqual(['Payment Service', 'ledger']);
    expect(screen.getByLabelText('System')).toHaveValue(
      'system:default/checkout',
    );
  });

  it('toggles the score sort and records it in the URL', async () => {
    renderPage();
    await entityNames();

    await userEvent.click(screen.getByRole('button', { name: 'Score' }));
    expect(await entityNames()).toEqual([
      'search-api',
      'Payment Service',
      'ledger',
    ]);
    expect(search()).toBe('?sort=desc');

    await userEvent.click(screen.getByRole('button', { name: 'Score' }));
    expect(await entityNames()).toEqual([
      'ledger',
      'Payment Service',
      'search-api',
    ]);
    expect(search()).toBe('');
  });

  it('exports the current view as CSV', async () => {
    const blobs: Blob[] = [];
    const createObjectURL = jest.fn((blob: Blob) => {
      blobs.push(blob);
      return 'blob:conformance';
    });
    const revokeObjectURL = jest.fn();
    Object.assign(URL, { createObjectURL, revokeObjectURL });
    const click = jest
      .spyOn(HTMLAnchorElement.prototype, 'click')
      .mockImplementation(() => {});

    renderPage({ url: '/conformance?owner=group%3Adefault%2Fplatform' });
    await entityNames();
    await userEvent.click(screen.getByRole('button', { name: 'Export CSV' }));

    expect(click).toHaveBeenCalledTimes(1);
    expect(revokeObjectURL).toHaveBeenCalledWith('blob:conformance');
    const text = await blobs[0].text();
    expect(text).toBe(
      'entity,owner,system,score,run-as-non-root,resource-limits,liveness-probe\r\n' +
        'component:default/search-api,group:default/platform,system:default/discovery,100,pass,pass,pass\r\n',
    );
    click.mockRestore();
  });

  it('shows a progress bar while loading', async () => {
    const api = new FakeConformanceApi();
    api.listEntities.mockReturnValue(pending());
    renderPage({ api });
    expect(await screen.findByTestId('progress')).toBeInTheDocument();
  });

  it('shows the error when the backend fails', async () => {
    const api = new FakeConformanceApi();
    api.listEntities.mockRejectedValue(new Error('summaries unavailable'));
    renderPage({ api });
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'summaries unavailable',
    );
  });

  it('explains an empty catalog', async () => {
    renderPage({ api: new FakeConformanceApi({ entities: [] }) });
    expect(
      await screen.findByText('No evaluated entities'),
    ).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Export CSV' })).toBeDisabled();
  });

  it('says so when the filters match nothing', async () => {
    renderPage({ url: '/conformance?severity=low' });
    await waitFor(() =>
      expect(
        screen.getByText('No entities match these filters.'),
      ).toBeInTheDocument(),
    );
  });
});
