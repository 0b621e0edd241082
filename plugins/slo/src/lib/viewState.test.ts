import {
  allSlos,
  notificationDelivery,
  orderAvailability,
  paymentAvailability,
} from '../__testUtils__/fixtures';
import type { SloWithState } from '../api/types';
import {
  DEFAULT_LIST_VIEW,
  ListViewState,
  applyErrorView,
  applyListView,
  compareRows,
  countByStatus,
  detailSearch,
  distinctValues,
  parseListView,
  parseResolution,
  scopeFilter,
  serializeListView,
  toggleSort,
} from './viewState';

const ids = (state: Partial<ListViewState>) =>
  applyListView(allSlos, state).map(s => s.slo.id);

describe('parseListView', () => {
  it.each<[string, Partial<ListViewState>]>([
    ['', {}],
    [
      'owner=group:default/payments&system=system:default/e-commerce&status=warning',
      {
        owner: 'group:default/payments',
        system: 'system:default/e-commerce',
        status: 'warning',
      },
    ],
    ['sort=burn', { sort: 'burn', direction: 'desc' }],
    ['sort=burn&dir=asc', { sort: 'burn', direction: 'asc' }],
    ['sort=budget&dir=desc', { direction: 'desc' }],
    ['month=2026-11&owner=payments', { month: '2026-11', owner: 'payments' }],
    [
      'entity=component:default/a&month=2026-11',
      { month: '2026-11', entity: 'component:default/a' },
    ],
    ['month=2026-13', {}],
    // Unknown values fall back to defaults rather than breaking a shared link.
    ['status=ok&sort=sideways&dir=up&owner=', {}],
  ])('%p', (query, expected) => {
    expect(parseListView(new URLSearchParams(query))).toEqual({
      owner: undefined,
      system: undefined,
      entity: undefined,
      status: undefined,
      ...DEFAULT_LIST_VIEW,
      ...expected,
    });
  });
});

describe('serializeListView', () => {
  it('leaves defaults out, so the plain page has a clean URL', () => {
    expect(serializeListView(DEFAULT_LIST_VIEW).toString()).toBe('');
    expect(
      serializeListView({ sort: 'burn', direction: 'desc' }).toString(),
    ).toBe('sort=burn');
  });

  it.each<ListViewState>([
    {
      owner: 'group:default/payments',
      system: 'system:default/payment-platform',
      entity: 'component:default/payment-service',
      status: 'critical',
      sort: 'sli',
      direction: 'desc',
    },
    { sort: 'name', direction: 'asc' },
    { sort: 'budget', direction: 'desc', status: 'no-data' },
    { sort: 'budget', direction: 'asc', month: '2026-11', owner: 'orders' },
  ])('round-trips %p', state => {
    expect(parseListView(serializeListView(state))).toEqual({
      owner: undefined,
      system: undefined,
      status: undefined,
      ...state,
    });
  });
});

describe('toggleSort', () => {
  it('flips the active column and starts another worst first', () => {
    const byBudget = DEFAULT_LIST_VIEW;
    expect(toggleSort(byBudget, 'budget')).toEqual({
      sort: 'budget',
      direction: 'desc',
    });
    expect(toggleSort(byBudget, 'burn')).toEqual({
      sort: 'burn',
      direction: 'desc',
    });
    expect(toggleSort(byBudget, 'name')).toEqual({
      sort: 'name',
      direction: 'asc',
    });
  });
});

describe('applyListView', () => {
  it('sorts by remaining budget, least first and no data last, by default', () => {
    expect(ids({})).toEqual([
      'user-service/api-availability',
      'order-service/order-availability',
      'payment-service/requests-latency',
      'user-service/api-latency',
      'payment-service/requests-availability',
      'notification-service/delivery-availability',
    ]);
  });

  it('keeps no data last in both directions', () => {
    const desc = ids({ sort: 'budget', direction: 'desc' });
    expect(desc[0]).toBe('payment-service/requests-availability');
    expect(desc[desc.length - 1]).toBe(
      'notification-service/delivery-availability',
    );
  });

  it.each<[Partial<ListViewState>, string[]]>([
    [
      { sort: 'burn', direction: 'desc' },
      [
        'order-service/order-availability',
        'user-service/api-availability',
        'payment-service/requests-latency',
        // Equal burn rates: by id.
        'payment-service/requests-availability',
        'user-service/api-latency',
        'notification-service/delivery-availability',
      ],
    ],
    [
      { sort: 'status', direction: 'asc' },
      [
        'order-service/order-availability',
        'user-service/api-availability',
        'payment-service/requests-availability',
        'payment-service/requests-latency',
        'user-service/api-latency',
        'notification-service/delivery-availability',
      ],
    ],
    [
      { sort: 'sli', direction: 'asc' },
      [
        'payment-service/requests-latency',
        'user-service/api-latency',
        'order-service/order-availability',
        'user-service/api-availability',
        'payment-service/requests-availability',
        'notification-service/delivery-availability',
      ],
    ],
  ])('sorts by %p', (state, expected) => {
    expect(ids(state)).toEqual(expected);
  });

  it('filters by system and status like the backend, and leaves owner and entity to it', () => {
    // The backend answers for the owner (with its sub-teams) and the entity: the rows given
    // are that answer, so applying the view again must not narrow them.
    expect(ids({ owner: 'group:default/payments' })).toHaveLength(6);
    expect(ids({ entity: 'component:default/user-service' })).toHaveLength(6);
    expect(ids({ system: 'system:default/payment-platform' })).toHaveLength(2);
    expect(ids({ status: 'no-data' })).toEqual([
      'notification-service/delivery-availability',
    ]);
    expect(
      ids({ system: 'system:default/e-commerce', status: 'critical' }),
    ).toEqual(['order-service/order-availability']);
  });

  it('accepts short and differently cased refs, as the catalog does', () => {
    expect(ids({ system: 'e-commerce' })).toHaveLength(4);
    expect(ids({ system: 'System:E-Commerce' })).toHaveLength(4);
  });

  it('does not mutate its input', () => {
    const before = allSlos.map(s => s.slo.id);
    applyListView(allSlos, { sort: 'burn', direction: 'desc' });
    expect(allSlos.map(s => s.slo.id)).toEqual(before);
  });
});

describe('compareRows', () => {
  it('treats two exhausted 100% objectives as equal and falls back to the id', () => {
    const exhausted = (row: SloWithState, id: string): SloWithState => ({
      ...row,
      slo: { ...row.slo, id },
      state: { ...row.state, status: 'critical', budgetRemaining: null },
    });
    const a = exhausted(orderAvailability, 'a/one');
    const b = exhausted(orderAvailability, 'b/two');
    expect(compareRows(a, b, 'budget', 'asc')).toBeLessThan(0);
    expect(compareRows(a, paymentAvailability, 'budget', 'asc')).toBeLessThan(
      0,
    );
    expect(
      compareRows(notificationDelivery, a, 'budget', 'asc'),
    ).toBeGreaterThan(0);
  });
});

describe('distinctValues and countByStatus', () => {
  it('lists each owner once, sorted', () => {
    expect(distinctValues(allSlos, 'owner')).toEqual([
      'group:default/identity',
      'group:default/notifications',
      'group:default/orders',
      'group:default/payments',
    ]);
  });

  it('counts every status', () => {
    expect(countByStatus(allSlos)).toEqual({
      critical: 1,
      warning: 1,
      healthy: 3,
      'no-data': 1,
    });
  });
});

describe('resolution and detail links', () => {
  it('reads a known resolution, else the default', () => {
    expect(parseResolution(new URLSearchParams('resolution=6h'))).toBe('6h');
    expect(parseResolution(new URLSearchParams('resolution=7m'))).toBe('1h');
    expect(parseResolution(new URLSearchParams())).toBe('1h');
  });

  it('encodes the id (which has a slash) and leaves the default resolution out', () => {
    expect(detailSearch('user-service/api-availability')).toBe(
      '?id=user-service%2Fapi-availability',
    );
    expect(detailSearch('user-service/api-availability', '1d')).toBe(
      '?id=user-service%2Fapi-availability&resolution=1d',
    );
  });
});

describe('applyErrorView', () => {
  const errors = [
    {
      file: 'a.yaml',
      owner: 'group:default/payments',
      system: 'system:default/shop',
    },
    { file: 'b.yaml', owner: 'group:default/orders' },
    { file: 'c.yaml' },
  ];
  it.each([
    [{}, ['a.yaml', 'b.yaml', 'c.yaml']],
    // The owner is the backend's filter (errors given are its answer for the owner).
    [{ owner: 'payments' }, ['a.yaml', 'b.yaml', 'c.yaml']],
    [{ system: 'shop' }, ['a.yaml']],
    [{ status: 'healthy' as const }, []],
  ])('%j shows %j', (state, files) => {
    expect(applyErrorView(errors, state).map(e => e.file)).toEqual(files);
  });
});

describe('scopeFilter', () => {
  it.each([
    [{}, undefined],
    [{ system: 'shop', status: 'healthy' as const }, undefined],
    [{ owner: 'group:default/payments' }, { owner: 'group:default/payments' }],
    [
      { entity: 'component:default/a', system: 'shop' },
      { entityRef: 'component:default/a' },
    ],
    [
      { owner: 'payments', entity: 'a' },
      { owner: 'payments', entityRef: 'a' },
    ],
  ])('asks the backend for %j with %j', (state, expected) => {
    expect(scopeFilter(state)).toEqual(expected);
  });
});
