import {
  DEFAULT_VIEW_STATE,
  DoraViewState,
  parseViewState,
  serializeViewState,
  windowDays,
} from './viewState';

const parse = (qs: string) => parseViewState(new URLSearchParams(qs));

describe('parseViewState', () => {
  it.each<[string, DoraViewState]>([
    ['', DEFAULT_VIEW_STATE],
    ['window=7d', { ...DEFAULT_VIEW_STATE, window: '7d' }],
    ['window=365d', DEFAULT_VIEW_STATE],
    ['month=2026-11', { ...DEFAULT_VIEW_STATE, month: '2026-11' }],
    ['month=2026-13', DEFAULT_VIEW_STATE],
    ['month=November', DEFAULT_VIEW_STATE],
    ['env=Staging', { ...DEFAULT_VIEW_STATE, environment: 'staging' }],
    ['env=-bad-', DEFAULT_VIEW_STATE],
    [
      'team=group%3Adefault%2Fpayments',
      { ...DEFAULT_VIEW_STATE, team: 'group:default/payments' },
    ],
    [
      'team=group%3Adefault%2Fpayments&service=component%3Adefault%2Fpayment-service',
      {
        ...DEFAULT_VIEW_STATE,
        team: 'group:default/payments',
        service: 'component:default/payment-service',
      },
    ],
    // A service without its team is dropped: the drill-down path is team first.
    ['service=component%3Adefault%2Fx', DEFAULT_VIEW_STATE],
  ])('%p', (qs, expected) => {
    expect(parse(qs)).toEqual(expected);
  });
});

describe('serializeViewState', () => {
  it('leaves defaults out', () => {
    expect(serializeViewState(DEFAULT_VIEW_STATE).toString()).toBe('');
  });

  it('round-trips a full view', () => {
    const state: DoraViewState = {
      window: '180d',
      environment: 'staging',
      team: 'group:default/orders',
      service: 'component:default/order-service',
    };
    const qs = serializeViewState(state).toString();
    expect(qs).toBe(
      'window=180d&env=staging&team=group%3Adefault%2Forders&service=component%3Adefault%2Forder-service',
    );
    expect(parse(qs)).toEqual(state);
  });

  it('round-trips a month view, the month replacing the window', () => {
    const state: DoraViewState = {
      ...DEFAULT_VIEW_STATE,
      window: '90d',
      month: '2026-11',
      team: 'group:default/payments',
      service: 'component:default/payment-service',
    };
    const qs = serializeViewState(state).toString();
    expect(qs).toBe(
      'month=2026-11&team=group%3Adefault%2Fpayments&service=component%3Adefault%2Fpayment-service',
    );
    expect(parse(qs)).toEqual({ ...state, window: DEFAULT_VIEW_STATE.window });
  });

  it('drops a service without a team', () => {
    expect(
      serializeViewState({ ...DEFAULT_VIEW_STATE, service: 'x' }).toString(),
    ).toBe('');
  });
});

it.each([
  ['7d', 7],
  ['30d', 30],
  ['90d', 90],
  ['180d', 180],
] as const)('windowDays(%s) = %d', (w, days) => {
  expect(windowDays(w)).toBe(days);
});
