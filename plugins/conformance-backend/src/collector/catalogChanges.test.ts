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
      uid: `uid-${name}`,
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
    /** Refs whose annotations a comparison asked the catalog for. */
    const annotationReads: string[][] = [];
    const run = async (entities: Entity[]) => {
      const catalog = catalogServiceMock({ entities });
      const byRefs = catalog.getEntitiesByRefs.bind(catalog);
      catalog.getEntitiesByRefs = async (request, options) => {
        if (request.fields?.includes('metadata.annotations')) {
          annotationReads.push(request.entityRefs);
        }
        return byRefs(request, options);
      };
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
    return { store, run, affected, annotationReads };
  }

  it('judges new and changed entities only, and drops reports of removed ones', async () => {
    const { store, run, affected, annotationReads } = await setup();
    const a = component('payment-service', 'e1', 'payment-service');
    const b = component('order-service', 'e1', 'order-service');
    const docs = component('docs-site', 'e1');

    const first = await run([a, b, docs]);
    expect(first).toMatchObject({ entities: 2, queued: 2, evaluations: 2 });
    expect(annotationReads).toEqual([
      ['component:default/payment-service', 'component:default/order-service'],
    ]);
    expect((await store.listEntityRefs()).sort()).toEqual([
      'component:default/order-service',
      'component:default/payment-service',
    ]);

    // Nothing changed: nothing is judged, and no annotation is read again.
    annotationReads.length = 0;
    const unchanged = await run([a, b, docs]);
    expect(unchanged).toMatchObject({ queued: 0, evaluations: 0, removed: 0 });
    expect(annotationReads).toEqual([]);

    // The catalog re-stitched one entity (new etag, a new kubernetes-id): that one only, and
    // the watches now find it by its new id.
    const moved = component('payment-service', 'e2', 'payments-v2');
    const changed = await run([moved, b]);
    expect(changed).toMatchObject({ queued: 1, evaluations: 1 });
    expect(annotationReads).toEqual([['component:default/payment-service']]);
    const workload = (id: string) =>
      affected.forWorkload({
        cluster: 'local',
        namespace: 'default',
        kind: 'Deployment',
        name: id,
        labels: { 'backstage.io/kubernetes-id': id },
      });
    expect([...workload('payments-v2')]).toEqual([
      'component:default/payment-service',
    ]);
    expect([...workload('payment-service')]).toEqual([]);
    expect(
      (await store.listTracking()).find(
        t => t.entityRef === 'component:default/payment-service',
      )?.entityEtag,
    ).toBe('e2');

    // Removed from the catalog: its report goes, nothing is judged, and the watches forget it.
    const removed = await run([moved]);
    expect(removed).toMatchObject({ queued: 0, evaluations: 0, removed: 1 });
    expect(await store.listEntityRefs()).toEqual([
      'component:default/payment-service',
    ]);
    expect(affected.entityRefs()).toEqual([
      'component:default/payment-service',
    ]);
    expect([...workload('order-service')]).toEqual([]);
  });

  it('lists the unjudged with their title and relations, reading bodies of those alone', async () => {
    const { store, run, affected } = await setup();
    const judged = component('payment-service', 'e1', 'payment-service');
    await run([judged]);
    const fresh: Entity = {
      ...component('order-service', 'e1', 'order-service'),
      metadata: {
        name: 'order-service',
        namespace: 'default',
        uid: 'uid-order-service',
        title: 'Orders',
        annotations: { 'backstage.io/kubernetes-id': 'order-service' },
      },
      relations: [{ type: 'ownedBy', targetRef: 'group:default/payments' }],
    };
    const catalog = catalogServiceMock({
      entities: [judged, fresh, component('docs-site', 'e1')],
    });
    const asked = {
      byRefs: [] as string[][],
      byFilter: [] as unknown[],
      facets: 0,
      streamed: 0,
    };
    const byRefs = catalog.getEntitiesByRefs.bind(catalog);
    catalog.getEntitiesByRefs = async (request, options) => {
      asked.byRefs.push(request.entityRefs);
      return byRefs(request, options);
    };
    const byFilter = catalog.getEntities.bind(catalog);
    catalog.getEntities = async (request, options) => {
      asked.byFilter.push(request?.filter);
      return byFilter(request, options);
    };
    const facets = catalog.getEntityFacets.bind(catalog);
    catalog.getEntityFacets = async (request, options) => {
      asked.facets++;
      return facets(request, options);
    };
    const stream = catalog.streamEntities.bind(catalog);
    catalog.streamEntities = (request, options) => {
      asked.streamed++;
      return stream(request, options);
    };
    const reset = () => {
      asked.byRefs = [];
      asked.byFilter = [];
      asked.facets = 0;
      asked.streamed = 0;
    };
    const list = (a = affected) =>
      mockServices
        .auth()
        .getOwnServiceCredentials()
        .then(credentials =>
          listUnjudgedEntities({ catalog, credentials, store, affected: a }),
        );
    const pendingRow = {
      kind: 'Component',
      metadata: {
        name: 'order-service',
        namespace: 'default',
        title: 'Orders',
      },
      relations: fresh.relations,
    };

    // Before the first comparison (a fresh start): every workload entity's ref is read.
    expect(await list(new AffectedEntities())).toEqual([pendingRow]);
    expect(asked).toMatchObject({
      streamed: 1,
      facets: 0,
      byRefs: [['component:default/order-service']],
    });

    // Registered since the comparison, which saw payment-service alone: found by its uid in the
    // catalog's facet, and only its body is read; no workload entity is streamed.
    reset();
    expect(await list()).toEqual([pendingRow]);
    expect(asked).toEqual({
      streamed: 0,
      facets: 1,
      byFilter: [{ 'metadata.uid': ['uid-order-service'] }],
      byRefs: [],
    });

    // Seen by a comparison and judged: nothing is listed and no entity body is read.
    await run([judged, fresh]);
    reset();
    expect(await list()).toEqual([]);
    expect(asked).toEqual({ streamed: 0, facets: 1, byFilter: [], byRefs: [] });

    // Seen by the comparison, its report gone (its judgement failed): read by its ref.
    await store.deleteReports(['component:default/order-service']);
    reset();
    expect(await list()).toEqual([pendingRow]);
    expect(asked).toEqual({
      streamed: 0,
      facets: 1,
      byFilter: [],
      byRefs: [['component:default/order-service']],
    });

    // Removed and registered again under the same ref (a new uid) since: one row, not two.
    const again = catalogServiceMock({
      entities: [
        judged,
        { ...fresh, metadata: { ...fresh.metadata, uid: 'uid-order-again' } },
      ],
    });
    const credentials = await mockServices.auth().getOwnServiceCredentials();
    expect(
      await listUnjudgedEntities({
        catalog: again,
        credentials,
        store,
        affected,
      }),
    ).toEqual([pendingRow]);
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
