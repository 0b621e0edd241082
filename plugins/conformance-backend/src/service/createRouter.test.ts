import { MiddlewareFactory } from '@backstage/backend-defaults/rootHttpRouter';
import { TestDatabases, mockServices } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { conformanceRefreshPermission } from '@internal/plugin-conformance-common';
import express from 'express';
import request from 'supertest';
import { AffectedEntities } from '../collector/AffectedEntities';
import { ConformanceEvaluator } from '../collector/ConformanceEvaluator';
import { JudgingQueue } from '../collector/JudgingQueue';
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
    const catalog = catalogServiceMock({
      entities: [
        component('payment-service', 'payment-service'),
        component('order-service', 'order-service'),
        component('docs-site'),
      ],
    });
    const affected = new AffectedEntities();
    const queue = new JudgingQueue({
      catalog,
      auth: mockServices.auth(),
      evaluator,
      store,
      logger: mockServices.logger.mock(),
      affected,
    });
    const router = await createRouter({
      logger: mockServices.logger.mock(),
      httpAuth: mockServices.httpAuth(),
      permissions,
      catalog,
      store,
      queue,
      affected,
      evaluator,
      checkConfig: {},
    });
    // The backend's own error middleware, so errors get the codes the portal answers with.
    const errors = MiddlewareFactory.create({
      config: mockServices.rootConfig(),
      logger: mockServices.logger.mock(),
    }).error();
    const app = express().use(express.json()).use(router).use(errors);
    return { app, store, reads, queue };
  }

  it('lists entities not judged yet as pending and queues them, without judging while the page waits', async () => {
    const { app, store, reads, queue } = await setup();

    const res = await request(app).get('/entities');
    expect(res.status).toBe(200);
    expect(
      res.body.items.map((i: any) => [i.entityRef, i.pending, i.score]),
    ).toEqual([
      ['component:default/payment-service', true, null],
      ['component:default/order-service', true, null],
    ]);
    expect(res.body.items[0].owner).toBe('group:default/payments');
    // The read wrote nothing and judged nothing: the background worker has them queued.
    expect(reads).toEqual([]);
    expect(await store.listEntityRefs()).toEqual([]);
    expect(queue.size).toBe(2);

    queue.start();
    await queue.idle();
    expect(reads.sort()).toEqual(['order-service', 'payment-service']);
    const judged = await request(app).get('/entities');
    expect(judged.body.items.map((i: any) => i.pending ?? false)).toEqual([
      false,
      false,
    ]);
    expect(judged.body.items[0].verdicts['no-privileged']).toBe('fail');
    // Judged once: later views read the stored reports.
    await request(app).get('/entities');
    await queue.idle();
    expect(queue.evaluations).toBe(2);
  });

  it('filters pending entities by owner and leaves them out of a severity filter', async () => {
    const { app } = await setup();
    const mine = await request(app).get('/entities?owner=payments');
    expect(mine.body.items).toHaveLength(2);
    const other = await request(app).get('/entities?owner=group:default/web');
    expect(other.body.items).toEqual([]);
    const critical = await request(app).get('/entities?severity=critical');
    expect(critical.body.items).toEqual([]);
  });

  it('keeps going when one entity cannot be read, and queues it again on the next view', async () => {
    const { app, reads, queue } = await setup(['order-service']);
    await request(app).get('/entities');
    queue.start();
    await queue.idle();
    const res = await request(app).get('/entities');
    expect(
      res.body.items.map((i: any) => [i.entityRef, i.pending ?? false]),
    ).toEqual([
      ['component:default/payment-service', false],
      ['component:default/order-service', true],
    ]);
    await queue.idle();
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
