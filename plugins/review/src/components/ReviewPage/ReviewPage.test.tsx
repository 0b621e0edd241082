import { renderInTestApp } from '@backstage/frontend-test-utils';
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { reviewApiRef } from '../../api/types';
import { FakeReviewApi } from '../../__testUtils__/fakeApi';
import { ReviewPage } from './ReviewPage';

const entities = [
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Group',
    metadata: { name: 'payments', namespace: 'default', title: 'Payments' },
    spec: { type: 'team', children: [] },
  },
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'System',
    metadata: { name: 'checkout', namespace: 'default' },
    spec: { owner: 'group:default/payments' },
  },
];

async function renderPage(url: string, api = new FakeReviewApi()) {
  await renderInTestApp(<ReviewPage />, {
    apis: [
      [reviewApiRef, api],
      [catalogApiRef, catalogApiMock({ entities })],
    ],
    initialRouteEntries: [url],
  });
  return api;
}

describe('ReviewPage', () => {
  it('reads month and scope from the URL and says the figures are a snapshot', async () => {
    const api = await renderPage(
      '/review?month=2026-10&scope=group%3Adefault%2Fpayments',
    );
    expect(
      await screen.findByText('Engineering review · 2026-10'),
    ).toBeInTheDocument();
    expect(api.queries[0]).toEqual({
      month: '2026-10',
      scope: 'group:default/payments',
    });
    expect(screen.getByTestId('review-source')).toHaveTextContent(
      'Snapshot of 2026-11-01; 2 events arrived after it and are not counted.',
    );
    expect(screen.getByLabelText('Month')).toHaveValue('2026-10');
    expect(
      await screen.findByRole('option', { name: 'Team: Payments' }),
    ).toBeInTheDocument();
    expect(screen.getByLabelText('Scope')).toHaveValue(
      'group:default/payments',
    );
  });

  it('asks for another scope when one is picked', async () => {
    const api = await renderPage('/review');
    await screen.findByText('Engineering review · 2026-10');
    expect(api.queries[0]).toEqual({ month: undefined, scope: 'organization' });
    await screen.findByRole('option', { name: 'System: checkout' });
    await userEvent.selectOptions(
      screen.getByLabelText('Scope'),
      'system:default/checkout',
    );
    expect(api.queries[api.queries.length - 1]).toEqual({
      month: undefined,
      scope: 'system:default/checkout',
    });
  });

  it('adds a note and shows it after the review is read again', async () => {
    const api = await renderPage('/review?month=2026-10');
    await screen.findByText('Engineering review · 2026-10');
    await userEvent.type(screen.getByLabelText('Text'), 'Pickup doubled');
    await userEvent.click(screen.getByRole('button', { name: 'Add' }));
    const list = await screen.findByRole('list', {
      name: "This month's notes and actions",
    });
    expect(within(list).getByText(/Pickup doubled/)).toBeInTheDocument();
    expect(api.added[0]).toMatchObject({
      month: '2026-10',
      rowRef: 'group:default/payments',
      kind: 'note',
    });
  });

  it('has a print view without pickers or forms', async () => {
    await renderPage('/review?month=2026-10&print=1');
    await screen.findByText('Engineering review · 2026-10');
    expect(screen.queryByLabelText('Month')).toBeNull();
    expect(screen.queryByRole('button', { name: 'Add' })).toBeNull();
    expect(screen.getByRole('button', { name: 'Print' })).toBeInTheDocument();
    expect(
      screen.getByTestId('row-group:default/payments'),
    ).toBeInTheDocument();
  });

  it('shows the backend error', async () => {
    const api = new FakeReviewApi();
    api.error = new Error('month: expected YYYY-MM');
    await renderPage('/review', api);
    expect(
      await screen.findByText('month: expected YYYY-MM'),
    ).toBeInTheDocument();
  });
});
