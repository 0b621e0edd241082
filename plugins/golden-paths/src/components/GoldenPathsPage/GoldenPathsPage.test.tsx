import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderWithApi } from '../../__testUtils__/render';
import { GoldenPathsPage, parseFilter } from './GoldenPathsPage';

describe('GoldenPathsPage', () => {
  it('shows templates × versions with the services on each, and every service', async () => {
    renderWithApi(<GoldenPathsPage />);
    await waitFor(() =>
      expect(screen.getByTestId('template-http-api')).toHaveTextContent(
        'http-api1.0.0 (1) · 1.1.0 (0)',
      ),
    );
    expect(screen.getByTestId('template-worker')).toHaveTextContent(
      'worker1.0.0 (1)',
    );
    const invoice = await screen.findByTestId('service-invoice-api');
    expect(invoice).toHaveTextContent(
      'invoice-apipaymentshttp-api1.0.0behind by 121',
    );
    expect(screen.getByTestId('service-ledger-worker')).toHaveTextContent(
      'current',
    );
  });

  it('reads its filters from the URL', async () => {
    const { api } = renderWithApi(<GoldenPathsPage />, {
      initialRouteEntries: ['/?template=template:default/http-api&behind=true'],
    });
    await screen.findByTestId('service-invoice-api');
    expect(screen.queryByTestId('service-ledger-worker')).toBeNull();
    expect(api.listServices).toHaveBeenCalledWith({
      template: 'template:default/http-api',
      version: undefined,
      owner: undefined,
      behind: true,
    });
  });

  it('narrows the list when a filter is chosen', async () => {
    const { api } = renderWithApi(<GoldenPathsPage />);
    await screen.findByTestId('service-ledger-worker');
    await userEvent.click(screen.getByLabelText('Status'));
    await userEvent.click(
      within(await screen.findByRole('listbox')).getByText('Current'),
    );
    await waitFor(() =>
      expect(screen.queryByTestId('service-invoice-api')).toBeNull(),
    );
    expect(screen.getByTestId('service-ledger-worker')).toBeInTheDocument();
    expect(api.listServices).toHaveBeenLastCalledWith(
      expect.objectContaining({ behind: false }),
    );
  });

  it('parses only the statuses it knows', () => {
    expect(
      parseFilter(new URLSearchParams('behind=maybe&owner=group:default/x')),
    ).toEqual({
      template: undefined,
      version: undefined,
      owner: 'group:default/x',
      behind: undefined,
    });
  });
});
