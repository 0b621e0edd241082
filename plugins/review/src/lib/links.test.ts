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
  it('links a team row to the pages filtered to the team', () => {
    expect(rowLinks(team, 'organization')).toEqual({
      dora: '/dora?team=group%3Adefault%2Fpayments',
      slos: '/slos?owner=group%3Adefault%2Fpayments',
      conformance: '/conformance?owner=group%3Adefault%2Fpayments',
    });
  });

  it('links a service row to its team and service on /dora, and to the system when the scope is one', () => {
    expect(rowLinks(service, 'system:default/checkout')).toEqual({
      dora: '/dora?team=group%3Adefault%2Fpayments&service=component%3Adefault%2Fpayment-service',
      slos: '/slos?system=system%3Adefault%2Fcheckout',
      conformance: '/conformance?system=system%3Adefault%2Fcheckout',
    });
  });

  it('has unfiltered links for a row without a team', () => {
    expect(rowLinks({ ...service, team: null }, 'organization')).toEqual({
      dora: '/dora',
      slos: '/slos',
      conformance: '/conformance',
    });
  });
});
