import {
  notificationDelivery,
  orderAvailability,
  paymentAvailability,
  userAvailability,
} from '../__testUtils__/fixtures';
import { alertRules, burnThresholds } from './alerts';
import { formatDuration } from './format';

describe('alertRules', () => {
  it('lists the four Workbook rules for a 30-day SLO with the API verdicts', () => {
    expect(alertRules(orderAvailability.slo, orderAvailability.state)).toEqual([
      {
        severity: 'page',
        longWindow: 3600,
        shortWindow: 300,
        factor: 14.4,
        longBurn: 20.1,
        shortBurn: 20.1,
        state: 'firing',
      },
      {
        severity: 'page',
        longWindow: 21600,
        shortWindow: 1800,
        factor: 6,
        longBurn: 6.9,
        shortBurn: 20.1,
        state: 'firing',
      },
      {
        severity: 'ticket',
        longWindow: 86400,
        shortWindow: 7200,
        factor: 3,
        longBurn: 6.9,
        shortBurn: 6.9,
        // Both windows are above 3×, but the API did not report it firing:
        // the page trusts the backend's verdict rather than re-judging.
        state: 'ok',
      },
      {
        severity: 'ticket',
        longWindow: 259200,
        shortWindow: 21600,
        factor: 1,
        longBurn: 6.9,
        shortBurn: 6.9,
        state: 'ok',
      },
    ]);
  });

  it('marks the firing ticket of a slow burn', () => {
    const rules = alertRules(userAvailability.slo, userAvailability.state);
    expect(rules.map(r => r.state)).toEqual(['ok', 'ok', 'ok', 'firing']);
    expect(rules[3]).toMatchObject({ longBurn: 1.51, shortBurn: 1.59 });
  });

  it('says no data for rules whose windows had no traffic', () => {
    const rules = alertRules(
      notificationDelivery.slo,
      notificationDelivery.state,
    );
    expect(rules.map(r => r.state)).toEqual([
      'no-data',
      'no-data',
      'no-data',
      'no-data',
    ]);
    // 28 days rescales the factors: 0.02 × 28d / 1h = 13.44.
    expect(rules.map(r => r.factor)).toEqual([13.44, 5.6, 2.8, 0.933333333333]);
  });

  it('leaves out rules whose long window exceeds a short SLO window', () => {
    const weekly = {
      ...paymentAvailability.slo,
      window: { kind: 'rolling' as const, seconds: 2 * 86400 },
    };
    expect(
      alertRules(weekly, paymentAvailability.state).map(r => r.longWindow),
    ).toEqual([3600, 21600, 86400]);
  });
});

describe('burnThresholds', () => {
  it('draws one line per factor, most severe first, naming the windows', () => {
    expect(
      burnThresholds(
        alertRules(paymentAvailability.slo, paymentAvailability.state),
        formatDuration,
      ),
    ).toEqual([
      { factor: 14.4, severity: 'page', label: 'page 14.4× (1h/5m)' },
      { factor: 6, severity: 'page', label: 'page 6× (6h/30m)' },
      { factor: 3, severity: 'ticket', label: 'ticket 3× (1d/2h)' },
      { factor: 1, severity: 'ticket', label: 'ticket 1× (3d/6h)' },
    ]);
  });

  it('merges rules sharing a factor, keeping the more severe', () => {
    expect(
      burnThresholds(
        [
          {
            severity: 'ticket',
            factor: 2,
            longWindow: 86400,
            shortWindow: 7200,
          },
          { severity: 'page', factor: 2, longWindow: 3600, shortWindow: 300 },
        ],
        formatDuration,
      ),
    ).toEqual([
      { factor: 2, severity: 'page', label: 'page 2× (1d/2h, 1h/5m)' },
    ]);
  });
});
