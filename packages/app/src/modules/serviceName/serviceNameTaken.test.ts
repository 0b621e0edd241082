import { Entity } from '@backstage/catalog-model';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import { serviceNameTaken } from './serviceNameTaken';

const entity = (kind: string, name: string, namespace = 'default'): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind,
  metadata: { name, namespace },
});

describe('serviceNameTaken', () => {
  const catalog = catalogApiMock({
    entities: [
      entity('Component', 'payment-service'),
      entity('API', 'payment-api'),
      entity('Resource', 'orders-db', 'data'),
      entity('Group', 'payments'),
    ],
  });

  it('names the entities that already use the name, in any namespace', async () => {
    expect(await serviceNameTaken('payment-service', catalog)).toBe(
      'payment-service is already in the catalog (component:default/payment-service): pick another name',
    );
    expect(await serviceNameTaken('payment-api', catalog)).toMatch(
      /\(api:default\/payment-api\)/,
    );
    expect(await serviceNameTaken('orders-db', catalog)).toMatch(
      /\(resource:data\/orders-db\)/,
    );
  });

  it('allows names only other kinds use, and empty input (required is checked elsewhere)', async () => {
    expect(await serviceNameTaken('invoice-api', catalog)).toBeUndefined();
    // A team called payments does not clash with a service called payments.
    expect(await serviceNameTaken('payments', catalog)).toBeUndefined();
    expect(await serviceNameTaken(undefined, catalog)).toBeUndefined();
  });
});
