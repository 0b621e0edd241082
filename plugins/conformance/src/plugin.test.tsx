import { screen } from '@testing-library/react';
import { renderTestApp } from '@backstage/frontend-test-utils';
import {
  entityContentMount,
  entityFilterOf,
  pageMount,
} from '@internal/portal-react/testUtils';
import type { Entity } from '@backstage/catalog-model';
import { conformanceApiRef } from './api';
import plugin from './index';
import {
  conformanceEntityCard,
  conformanceEntityContent,
  conformancePage,
  groupConformanceCard,
} from './plugin';
import { FakeConformanceApi } from './__testUtils__/fakeApi';
import { paymentEntity, paymentsGroup } from './__testUtils__/fixtures';

const bare: Entity = {
  ...paymentEntity,
  metadata: { name: 'no-kube', namespace: 'default' },
};
const bySelector: Entity = {
  ...paymentEntity,
  metadata: {
    name: 'by-selector',
    annotations: { 'backstage.io/kubernetes-label-selector': 'app=x' },
  },
};

describe('conformance plugin', () => {
  it('is the default export, with the documented extension ids', () => {
    expect(plugin.id).toBe('conformance');
    for (const id of [
      'api:conformance',
      'page:conformance',
      'entity-card:conformance/summary',
      'entity-card:conformance/group',
      'entity-content:conformance/workloads',
    ] as const) {
      expect(plugin.getExtension(id)).toBeDefined();
    }
  });

  it('shows the entity card and tab only for entities with Kubernetes annotations', () => {
    const filters = [conformanceEntityCard, conformanceEntityContent].map(
      entityFilterOf,
    );
    for (const filter of filters) {
      expect(filter(paymentEntity)).toBe(true);
      expect(filter(bySelector)).toBe(true);
      expect(filter(bare)).toBe(false);
      expect(filter(paymentsGroup)).toBe(false);
    }
  });

  it('shows the group card only on groups', () => {
    const filter = entityFilterOf(groupConformanceCard);
    expect(filter(paymentsGroup)).toBe(true);
    expect(filter(paymentEntity)).toBe(false);
  });

  it('mounts the tab at conformance with the title Conformance', () => {
    expect(entityContentMount(conformanceEntityContent)).toEqual({
      path: '/conformance',
      title: 'Conformance',
    });
  });

  it('serves the catalog-wide page at /conformance with a nav title and icon', async () => {
    expect(pageMount(conformancePage)).toEqual({
      path: '/conformance',
      title: 'Conformance',
      hasIcon: true,
    });

    renderTestApp({
      extensions: [conformancePage],
      apis: [[conformanceApiRef, new FakeConformanceApi()]],
      initialRouteEntries: ['/conformance'],
    });
    expect(
      await screen.findByText('Golden-path conformance'),
    ).toBeInTheDocument();
  });
});
