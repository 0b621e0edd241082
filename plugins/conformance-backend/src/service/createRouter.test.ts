import { TestDatabases, mockServices } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { conformanceRefreshPermission } from '@internal/plugin-conformance-common';
import express from 'express';
import request from 'supertest';
import { ConformanceEvaluator } from '../collector/ConformanceEvaluator';
import { ClusterWorkloads } from '../collector/KubernetesWorkloadReader';
import { DatabaseConformanceStore } from '../database/ConformanceStore';
import { createRouter } from './createRouter';

jest.setTimeout(60_000);

function component(name: string, kubernetesId?: string): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name,
      annotations: kubernetesId
        ? { 'backstage.io/kubernetes-id': kubernetesId }
        : {},
    },
    spec: { type: 'service', owner: 'group:default/payments' },
    relations: [{ type: 'ownedBy', targetRef: 'group:default/payments' }],
  };
}

// A privileged deployment with nothing else set: it fails most checks but is judged.
function deployment(name: string): ClusterWorkloads {
  return {
    cluster: 'local',
    contexts: [
      {
        workload: {
          apiVersion: 'apps/v1',
          kind: 'Deployment',
          metadata: { name, namespace: 'payments', labels: {} },
          spec: {
            replicas: 1,
            template: {
              spec: {
                containers: [
                  {
                    name,
                    image: `registry.example.com/${name}:1.0.0`,
                    securityContext: { privileged: true },
                  },
                ],
              },
            },
          },
        },
        namespace: {
          horizontalPodAutoscalers: [],
          podDisruptionBudgets: [],
          networkPolicies: [],
        },
      },
    ],
  };
}

describe('conformance router', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3'] });

  async function setup(
    unreadable: string[] = [],
    permissions = mockServices.permissions(),
  ) {
    const knex = await databases.init('SQLITE_3');
    const store = await DatabaseConformanceStore.create({
      database: mockServices.database({ knex, migrations: { skip: false } }),
    });
    const reads: string[] = [];
    const evaluator = new ConformanceEvaluator(
      {
        async read(entity) {
          reads.push(entity.metadata.name);
          if (unreadable.includes(entity.metadata.name)) {
            throw new Error('cluster unreachable');
          }
          return [deployment(entity.metadata.name)];
        },
      },
      { config: {} },
    );
    const router = await createRouter({
      logger: mockServices.logger.mock(),
      httpAuth: mockServices.httpAuth(),
      permissions,
      catalog: catalogServiceMock({
        entities: [
          component('payment-service', 'payment-service'),
          component('order-service', 'order-service'),
          component('docs-site'),
        ],
      }),
      store,
      evaluator,
      checkConfig: {},
    });
    const app = express().use(express.json()).use(router);
    return { app, store, reads };
  }

  it('judges entities the scheduled pass has not reached when the list is asked for', async () => {
    const { app, store, reads } = await setup();
    expect(await store.listEntityRefs()).toEqual([]);

    const res = await request(app).get('/entities');
    expect(res.status).toBe(200);
    expect(res.body.items.map((i: any) => i.entityRef).sort()).toEqual([
      'component:default/order-service',
      'component:default/payment-service',
    ]);
    expect(res.body.items[0].verdicts['no-privileged']).toBe('fail');

    // Judged once: the second view reads the stored reports.
    await request(app).get('/entities');
    expect(reads.sort()).toEqual(['order-service', 'payment-service']);
  });

  it('still answers when one entity cannot be read, and retries it on the next view', async () => {
    const { app, reads } = await setup(['order-service']);
    const res = await request(app).get('/entities');
    expect(res.status).toBe(200);
    expect(res.body.items.map((i: any) => i.entityRef)).toEqual([
      'component:default/payment-service',
    ]);
    await request(app).get('/entities');
    expect(reads.filter(n => n === 'order-service')).toHaveLength(2);
  });

  it('judges an entity again on refresh only when conformance.refresh allows it', async () => {
    const permissions = mockServices.permissions.mock();
    const { app, reads } = await setup([], permissions);
    permissions.authorize.mockResolvedValueOnce([
      { result: AuthorizeResult.DENY },
    ]);
    const denied = await request(app)
      .post('/refresh')
      .send({ entityRef: 'payment-service' });
    expect(denied.status).toBe(403);
    expect(denied.body.error.message).toMatch(
      /^conformance\.refresh: only members of the owning group of component:default\/payment-service/,
    );
    expect(reads).toEqual([]);
    expect(permissions.authorize).toHaveBeenCalledWith(
      [
        {
          permission: conformanceRefreshPermission,
          resourceRef: 'component:default/payment-service',
        },
      ],
      expect.anything(),
    );

    permissions.authorize.mockResolvedValueOnce([
      { result: AuthorizeResult.ALLOW },
    ]);
    const allowed = await request(app)
      .post('/refresh')
      .send({ entityRef: 'payment-service' });
    expect(allowed.status).toBe(200);
    expect(reads).toEqual(['payment-service']);
  });
});
