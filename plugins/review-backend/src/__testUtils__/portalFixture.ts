import { Entity } from '@backstage/catalog-model';

export const PAYMENTS = 'group:default/payments';
export const IDENTITY = 'group:default/identity';
export const PAYMENT_SERVICE = 'component:default/payment-service';
export const USER_SERVICE = 'component:default/user-service';

function group(name: string): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Group',
    metadata: { name, namespace: 'default', title: name },
    spec: { type: 'team', children: [] },
    relations: [],
  };
}

function component(name: string, owner: string, system?: string): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name, namespace: 'default' },
    spec: { type: 'service', lifecycle: 'production', owner },
    relations: [
      { type: 'ownedBy', targetRef: owner },
      ...(system ? [{ type: 'partOf', targetRef: system }] : []),
    ],
  };
}

/** Two teams with one service each, the payment service in the checkout system. */
export const fixtureEntities: Entity[] = [
  group('payments'),
  group('identity'),
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'System',
    metadata: { name: 'checkout', namespace: 'default' },
    spec: { owner: PAYMENTS },
  },
  component('payment-service', PAYMENTS, 'system:default/checkout'),
  component('user-service', IDENTITY),
];
