import type { ReviewRow } from '@internal/plugin-review-common';
import { rowLinks } from './links';

const team = {
  ref: 'group:default/payments',
  kind: 'team',
  team: 'group:default/payments',
} as ReviewRow;
const service = {
  ref: 'component:default/payment-service',
  kind: 'service',
  team: 'group:default/payments',
} as ReviewRow;

describe('rowLinks', () => {
  it('links a team row to the pages filtered to the team and, where they have history, the month', () => {
    expect(rowLinks(team, 'organization', '2026-11')).toEqual({
      dora: '/dora?month=2026-11&team=group%3Adefault%2Fpayments',
      slos: '/slos?month=2026-11&owner=group%3Adefault%2Fpayments',
      conformance: '/conformance?owner=group%3Adefault%2Fpayments',
    });
  });

  it('links a service row to its team and service on /dora, to its own SLOs, and to the system on /conformance when the scope is one', () => {
    expect(rowLinks(service, 'system:default/checkout', '2026-02')).toEqual({
      dora: '/dora?month=2026-02&team=group%3Adefault%2Fpayments&service=component%3Adefault%2Fpayment-service',
      slos: '/slos?month=2026-02&entity=component%3Adefault%2Fpayment-service',
      conformance: '/conformance?system=system%3Adefault%2Fcheckout',
    });
  });

  it('keeps the month on a row without a team', () => {
    expect(
      rowLinks({ ...service, team: null }, 'organization', '2026-11'),
    ).toEqual({
      dora: '/dora?month=2026-11',
      slos: '/slos?month=2026-11&entity=component%3Adefault%2Fpayment-service',
      conformance: '/conformance',
    });
  });
});
