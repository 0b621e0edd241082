import { Entity } from '@backstage/catalog-model';
import {
  NamespaceObject,
  claimsNamespace,
  recordedOwnerEntity,
} from './appliedNamespaceOwner';

const MANAGED = { 'app.kubernetes.io/managed-by': 'portal-golden-path' };

function ns(
  name: string,
  labels?: Record<string, string>,
  annotations?: Record<string, string>,
): NamespaceObject {
  return { kind: 'Namespace', metadata: { name, labels, annotations } };
}

describe('recordedOwnerEntity', () => {
  it.each<[string, NamespaceObject | undefined, string | undefined]>([
    [
      'the applier created it for a component',
      ns('notifications', MANAGED, {
        'portal.io/owner-entity': 'component:default/alert-digest',
      }),
      'component:default/alert-digest',
    ],
    [
      'the ref as written by hand, in another case and without namespace',
      ns('notifications', MANAGED, {
        'portal.io/owner-entity': 'Component:alert-digest',
      }),
      'component:default/alert-digest',
    ],
    ['no such namespace (404)', undefined, undefined],
    [
      'no managed-by label',
      ns('notifications', undefined, {
        'portal.io/owner-entity': 'component:default/alert-digest',
      }),
      undefined,
    ],
    [
      'managed by something else',
      ns(
        'notifications',
        { 'app.kubernetes.io/managed-by': 'helm' },
        { 'portal.io/owner-entity': 'component:default/alert-digest' },
      ),
      undefined,
    ],
    [
      'the applier made it, no entity recorded',
      ns('notifications', MANAGED),
      undefined,
    ],
    [
      'an empty record',
      ns('notifications', MANAGED, { 'portal.io/owner-entity': '' }),
      undefined,
    ],
    [
      'a record without a kind',
      ns('notifications', MANAGED, {
        'portal.io/owner-entity': 'alert-digest',
      }),
      undefined,
    ],
    [
      'the object of another namespace',
      ns('payments', MANAGED, {
        'portal.io/owner-entity': 'component:default/alert-digest',
      }),
      undefined,
    ],
    ['an object without metadata', { kind: 'Status' }, undefined],
  ])('%s', (_, object, expected) => {
    expect(recordedOwnerEntity('notifications', object)).toBe(expected);
  });
});

describe('claimsNamespace', () => {
  function component(
    name: string,
    annotations: Record<string, string>,
  ): Entity {
    return {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: { name, namespace: 'default', annotations },
      spec: { type: 'service', owner: 'group:default/notifications' },
    };
  }
  const ref = 'component:default/alert-digest';

  it.each<[string, Entity | undefined, boolean]>([
    [
      'the entity claims the namespace',
      component('alert-digest', {
        'backstage.io/kubernetes-namespace': 'notifications',
      }),
      true,
    ],
    [
      'the entity claims another namespace',
      component('alert-digest', {
        'backstage.io/kubernetes-namespace': 'payments',
      }),
      false,
    ],
    ['the entity claims none', component('alert-digest', {}), false],
    ['the entity is not in the catalog', undefined, false],
    [
      'the catalog answered with another entity',
      component('payment-service', {
        'backstage.io/kubernetes-namespace': 'notifications',
      }),
      false,
    ],
  ])('%s', (_, entity, expected) => {
    expect(claimsNamespace(entity, ref, 'notifications')).toBe(expected);
  });
});
