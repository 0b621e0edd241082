import { TestDatabases, mockServices } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { DatabaseConformanceStore } from '../database/ConformanceStore';
import { AffectedEntities } from './AffectedEntities';
import {
  detectCatalogChanges,
  listUnjudgedEntities,
  reconcileStalest,
} from './catalogChanges';
import { ConformanceEvaluator } from './ConformanceEvaluator';
import { JudgingQueue } from './JudgingQueue';

jest.setTimeout(60_000);

function component(name: string, etag: string, kubernetesId?: string): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name,
      etag,
      annotations: kubernetesId
        ? { 'backstage.io/kubernetes-id': kubernetesId }
        : {},
    },
    spec: { type: 'service', owner: 'group:default/payments' },
  };
}

describe('judging in proportion to catalog change', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3'] });

  async function setup() {
    const knex = await databases.init('SQLITE_3');
    const store = await DatabaseConformanceStore.create({
      database: mockServices.database({ knex, migrations: { skip: false } }),
    });
    const affected = new AffectedEntities();
    // The cluster read is the part that needs the kubernetes backend: here every entity has
    // no workloads, which still makes a stored report per judgement.
    const evaluator = new ConformanceEvaluator(
      { read: async () => [] },
      { config: {} },
    );
    const run = async (entities: Entity[]) => {
      const catalog = catalogServiceMock({ entities });
      const queue = new JudgingQueue({
        catalog,
        auth: mockServices.auth(),
        evaluator,
        store,
        logger: mockServices.logger.mock(),
        affected,
      });
      queue.start();
      const result = await detectCatalogChanges({
        catalog,
        credentials: await mockServices.auth().getOwnServiceCredentials(),
        store,
        queue,
        affected,
      });
      await queue.idle();
      return { ...result, evaluations: queue.evaluations, queue };
    };
    return { store, run };
  }

  it('judges new and changed entities only, and drops reports of removed ones', async () => {
    const { store, run } = await setup();
    const a = component('payment-service', 'e1', 'payment-service');
    const b = component('order-service', 'e1', 'order-service');
    const docs = component('docs-site', 'e1');

    const first = await run([a, b, docs]);
    expect(first).toMatchObject({ entities: 2, queued: 2, evaluations: 2 });
    expect((await store.listEntityRefs()).sort()).toEqual([
      'component:default/order-service',
      'component:default/payment-service',
    ]);

    // Nothing changed: nothing is judged.
    const unchanged = await run([a, b, docs]);
    expect(unchanged).toMatchObject({ queued: 0, evaluations: 0, removed: 0 });

    // The catalog re-stitched one entity (new etag): that one only.
    const changed = await run([
      { ...a, metadata: { ...a.metadata, etag: 'e2' } },
      b,
    ]);
    expect(changed).toMatchObject({ queued: 1, evaluations: 1 });
    expect(
      (await store.listTracking()).find(
        t => t.entityRef === 'component:default/payment-service',
      )?.entityEtag,
    ).toBe('e2');

    // Removed from the catalog: its report goes, nothing is judged.
    const removed = await run([
      { ...a, metadata: { ...a.metadata, etag: 'e2' } },
    ]);
    expect(removed).toMatchObject({ queued: 0, evaluations: 0, removed: 1 });
    expect(await store.listEntityRefs()).toEqual([
      'component:default/payment-service',
    ]);
  });

  it('lists the unjudged with their title and relations, reading bodies of those alone', async () => {
    const { store, run } = await setup();
    const judged = component('payment-service', 'e1', 'payment-service');
    await run([judged]);
    const fresh: Entity = {
      ...component('order-service', 'e1', 'order-service'),
      metadata: {
        name: 'order-service',
        namespace: 'default',
        title: 'Orders',
        annotations: { 'backstage.io/kubernetes-id': 'order-service' },
      },
      relations: [{ type: 'ownedBy', targetRef: 'group:default/payments' }],
    };
    const catalog = catalogServiceMock({
      entities: [judged, fresh, component('docs-site', 'e1')],
    });
    const asked: { refs: string[]; fields?: string[] }[] = [];
    const byRefs = catalog.getEntitiesByRefs.bind(catalog);
    catalog.getEntitiesByRefs = async (request, options) => {
      asked.push({ refs: request.entityRefs, fields: request.fields });
      return byRefs(request, options);
    };
    const list = (c = catalog) =>
      mockServices
        .auth()
        .getOwnServiceCredentials()
        .then(credentials =>
          listUnjudgedEntities({ catalog: c, credentials, store }),
        );

    const unjudged = await list();
    expect(unjudged).toEqual([
      {
        kind: 'Component',
        metadata: {
          name: 'order-service',
          namespace: 'default',
          title: 'Orders',
        },
        relations: fresh.relations,
      },
    ]);
    expect(asked.map(a => a.refs)).toEqual([
      ['component:default/order-service'],
    ]);

    // Everything judged: no entity body is read.
    asked.length = 0;
    await run([judged, fresh]);
    expect(await list()).toEqual([]);
    expect(asked).toEqual([]);
  });

  it('reconciles a slice per step, sized to cover every report once per period', async () => {
    const { store, run } = await setup();
    const entities = Array.from({ length: 10 }, (_, i) =>
      component(`service-${i}`, 'e1', `service-${i}`),
    );
    const { queue } = await run(entities);
    const stalest = await store.listStalest(3);

    // 10 reports, a 60-minute period in 10-minute steps: 2 per step (6 steps cover 12).
    const queued = await reconcileStalest({
      store,
      queue,
      reportCount: 10,
      periodMs: 60 * 60_000,
      stepMs: 10 * 60_000,
    });
    expect(queued).toBe(2);
    await queue.idle();
    expect(queue.evaluations).toBe(12);
    // The two judged again are no longer the stalest.
    expect(await store.listStalest(2)).not.toContain(stalest[0]);
  });
});
