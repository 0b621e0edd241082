import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  DAY_MS,
  generateHistory,
  metricsFor,
} from '@internal/plugin-dora-common';
import request from 'supertest';
import { doraPlugin } from './plugin';
import { waitForDerived } from './__testUtils__/waitForDerived';

// Plugin wiring and routes against a fake in-memory catalog (catalogServiceMock): enough to
// exercise kubernetes-id resolution and the ownedBy / childOf / partOf queries. Tests against the
// booted portal with the real catalog follow in packages/e2e-tests.

jest.setTimeout(120_000);

const PAYMENT = 'component:default/payment-service';
const ORDER = 'component:default/order-service';
const USER = 'component:default/user-service';
const LEGACY = 'component:default/legacy-service';

function component(
  name: string,
  owner: string,
  extra: { kubernetesId?: string; system?: string } = {},
): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name,
      namespace: 'default',
      annotations: extra.kubernetesId
        ? { 'backstage.io/kubernetes-id': extra.kubernetesId }
        : {},
    },
    spec: { type: 'service', lifecycle: 'production', owner },
    relations: [
      { type: 'ownedBy', targetRef: owner },
      ...(extra.system ? [{ type: 'partOf', targetRef: extra.system }] : []),
    ],
  };
}

function group(name: string, parent?: string): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Group',
    metadata: { name, namespace: 'default' },
    spec: { type: 'team', children: [], ...(parent && { parent }) },
    relations: parent ? [{ type: 'childOf', targetRef: parent }] : [],
  };
}

const entities: Entity[] = [
  group('platform'),
  group('payments', 'group:default/platform'),
  group('identity'),
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'System',
    metadata: { name: 'checkout', namespace: 'default' },
    spec: { owner: 'group:default/payments' },
  },
  component('payment-service', 'group:default/payments', {
    kubernetesId: 'payment-service',
    system: 'system:default/checkout',
  }),
  component('order-service', 'group:default/platform', {
    system: 'system:default/checkout',
  }),
  component('user-service', 'group:default/identity'),
  component('legacy-service', 'group:default/identity', {
    kubernetesId: 'legacy',
  }),
];

const history = generateHistory({
  seed: 7,
  days: 90,
  services: [
    { entityRef: PAYMENT, profile: 'elite' },
    { entityRef: ORDER, profile: 'medium' },
    { entityRef: USER, profile: 'low' },
  ],
});
const events = {
  deployments: history.deployments,
  changes: history.changes,
  incidents: history.incidents,
};
const window = { from: history.window.to - 30 * DAY_MS, to: history.window.to };
const windowQuery = {
  from: new Date(window.from).toISOString(),
  to: new Date(window.to).toISOString(),
};
const json = (value: unknown) => JSON.parse(JSON.stringify(value));

describe('dora backend', () => {
  let server: Awaited<ReturnType<typeof startTestBackend>>['server'];
  let stop: () => Promise<void>;

  beforeAll(async () => {
    const backend = await startTestBackend({
      features: [
        doraPlugin,
        catalogServiceMock.factory({ entities }),
        mockServices.rootLogger.factory({ level: 'warn' }),
      ],
    });
    server = backend.server;
    stop = () => backend.stop();
  });

  afterAll(async () => {
    await stop?.();
  });

  const deploymentsOf = async (entityRef: string) =>
    (
      await request(server)
        .get('/api/dora/deployments')
        .query({ entityRef, limit: 1000 })
    ).body.items;

  it('ingests a batch, and a re-delivered batch changes nothing', async () => {
    const first = await request(server).post('/api/dora/events').send(events);
    expect(first.status).toBe(200);
    expect(first.body).toEqual({
      inserted: {
        deployments: events.deployments.length,
        changes: events.changes.length,
        incidents: events.incidents.length,
      },
      completed: { changes: 0, incidents: 0 },
      duplicates: { deployments: 0, changes: 0, incidents: 0 },
    });
    const before = await deploymentsOf(PAYMENT);
    expect(before.length).toBe(
      events.deployments.filter(d => d.entityRef === PAYMENT).length,
    );

    const again = await request(server).post('/api/dora/events').send(events);
    expect(again.status).toBe(200);
    expect(again.body).toEqual({
      inserted: { deployments: 0, changes: 0, incidents: 0 },
      completed: { changes: 0, incidents: 0 },
      duplicates: {
        deployments: events.deployments.length,
        changes: events.changes.length,
        incidents: events.incidents.length,
      },
    });
    expect(await deploymentsOf(PAYMENT)).toEqual(before);
  });

  it('rejects a batch with one bad field, naming it, and stores nothing', async () => {
    const good = {
      id: 'legacy-1',
      entityRef: LEGACY,
      environment: 'production',
      status: 'success',
      finishedAt: '2024-12-01T00:00:00Z',
      source: 'api',
    };
    const bad = await request(server)
      .post('/api/dora/events')
      .send({
        deployments: [good, { ...good, id: 'legacy-2', finishedAt: 'soon' }],
      });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/^deployments\[1\]\.finishedAt: /);

    const typo = await request(server)
      .post('/api/dora/events')
      .send({ deployments: [{ ...good, finished_at: good.finishedAt }] });
    expect(typo.status).toBe(400);
    expect(typo.body.error.message).toMatch(/deployments\[0\]\.finished_at/);

    const wrongType = await request(server)
      .post('/api/dora/events')
      .send({ incidents: [{ id: 'x', entityRef: LEGACY, openedAt: 5 }] });
    expect(wrongType.status).toBe(400);
    expect(wrongType.body.error.message).toMatch(/incidents\/0\/openedAt/);

    expect(await deploymentsOf(LEGACY)).toEqual([]);
  });

  it('resolves kubernetesId through the catalog and rejects unknown ids', async () => {
    const deployment = {
      id: 'k8s-1',
      kubernetesId: 'legacy',
      environment: 'Production',
      status: 'success',
      finishedAt: '2024-12-02T10:00:00+01:00',
      source: 'kubernetes',
    };
    const unknown = await request(server)
      .post('/api/dora/events')
      .send({
        deployments: [
          deployment,
          { ...deployment, id: 'k8s-2', kubernetesId: 'nope' },
        ],
      });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.message).toMatch(
      /^deployments\[1\]\.kubernetesId: .*nope/,
    );
    expect(await deploymentsOf(LEGACY)).toEqual([]);

    const ok = await request(server)
      .post('/api/dora/events')
      .send({ deployments: [deployment] });
    expect(ok.status).toBe(200);
    expect(await deploymentsOf(LEGACY)).toEqual([
      {
        id: 'k8s-1',
        entityRef: LEGACY,
        environment: 'production',
        status: 'success',
        type: 'normal',
        finishedAt: '2024-12-02T09:00:00.000Z',
        commitShas: [],
        source: 'kubernetes',
        failureReasons: [],
        reworkReasons: [],
        // No commits: nothing whose ancestry could be known.
        ancestryKnown: false,
      },
    ]);
  });

  it('serves the same metrics for an entity as metricsFor on the same events', async () => {
    await waitForDerived(server);
    const res = await request(server)
      .get('/api/dora/metrics')
      .query({ entityRef: 'payment-service', ...windowQuery });
    expect(res.status).toBe(200);
    expect(res.body.scope).toEqual({ kind: 'entity', ref: PAYMENT });
    expect(res.body.queued).toBe(0);
    expect(res.body.metrics).toEqual(
      json(metricsFor(new Set([PAYMENT]), events, window)),
    );
    expect(res.body.metrics.deploymentFrequency.count).toBeGreaterThan(0);

    const daily = await request(server)
      .get('/api/dora/metrics')
      .query({ entityRef: ORDER, bucket: 'day', ...windowQuery });
    expect(daily.body.metrics).toEqual(
      json(
        metricsFor(new Set([ORDER]), events, window, 'production', {
          bucket: 'day',
        }),
      ),
    );
  });

  it("includes child groups' entities in group metrics, and the parts of a system", async () => {
    await waitForDerived(server);
    const res = await request(server)
      .get('/api/dora/metrics')
      .query({ group: 'platform', ...windowQuery });
    expect(res.status).toBe(200);
    expect(res.body.entityRefs).toEqual([ORDER, PAYMENT]);
    expect(res.body.metrics).toEqual(
      json(metricsFor(new Set([ORDER, PAYMENT]), events, window)),
    );

    const system = await request(server)
      .get('/api/dora/metrics')
      .query({ system: 'checkout', ...windowQuery });
    expect(system.body.entityRefs).toEqual([ORDER, PAYMENT]);
    expect(system.body.metrics).toEqual(res.body.metrics);

    const org = await request(server)
      .get('/api/dora/metrics')
      .query(windowQuery);
    expect(org.body.scope).toEqual({ kind: 'organization' });
    // The whole organisation includes the deployment stored through its kubernetesId above.
    const withLegacy = {
      ...events,
      deployments: [
        ...events.deployments,
        {
          id: 'k8s-1',
          entityRef: LEGACY,
          environment: 'production',
          status: 'success' as const,
          type: 'normal' as const,
          finishedAt: '2024-12-02T09:00:00.000Z',
          commitShas: [],
          source: 'kubernetes',
        },
      ],
    };
    expect(org.body.metrics).toEqual(
      json(
        metricsFor(new Set([ORDER, PAYMENT, USER, LEGACY]), withLegacy, window),
      ),
    );
    expect(org.body.metrics).not.toEqual(
      json(metricsFor(new Set([ORDER, PAYMENT, USER]), events, window)),
    );
  });

  it('answers every team in one request, each as GET /metrics?group= does', async () => {
    await waitForDerived(server);
    const res = await request(server)
      .get('/api/dora/metrics/teams')
      .query(windowQuery);
    expect(res.status).toBe(200);
    expect(res.body.environment).toBe('production');
    expect(
      res.body.teams.map((t: { ref: string; title: string }) => t.title),
    ).toEqual(['identity', 'payments', 'platform']);
    for (const team of res.body.teams) {
      const one = await request(server)
        .get('/api/dora/metrics')
        .query({ group: team.ref, ...windowQuery });
      expect(team.entityRefs).toEqual(one.body.entityRefs);
      expect(team.metrics).toEqual(one.body.metrics);
      expect(team.queued).toBe(0);
    }
    const payments = res.body.teams[1];
    expect(payments.entityRefs).toEqual([PAYMENT]);
    expect(payments.metrics).toEqual(
      json(metricsFor(new Set([PAYMENT]), events, window)),
    );

    const bad = await request(server)
      .get('/api/dora/metrics/teams')
      .query({ window: '30d', from: windowQuery.from, to: windowQuery.to });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/^window: /);
  });

  it('answers again from what was ingested after an answer was kept', async () => {
    await waitForDerived(server);
    const read = async () =>
      (
        await request(server)
          .get('/api/dora/metrics')
          .query({ entityRef: USER, ...windowQuery })
      ).body.metrics.deploymentFrequency.count as number;
    const before = await read();
    expect(await read()).toBe(before);
    const posted = await request(server)
      .post('/api/dora/events')
      .send({
        deployments: [
          {
            id: 'kept-answer-1',
            entityRef: USER,
            environment: 'production',
            status: 'success',
            finishedAt: new Date(window.to - DAY_MS).toISOString(),
            source: 'api',
          },
        ],
      });
    expect(posted.status).toBe(200);
    await waitForDerived(server);
    expect(await read()).toBe(before + 1);
  });

  it('answers many entities in one request, each as metricsFor does, and lists the coverage per deployment', async () => {
    await waitForDerived(server);
    const res = await request(server)
      .get('/api/dora/metrics/entities')
      .query({
        entityRefs: `payment-service, ${ORDER},${PAYMENT},component:default/nobody`,
        bucket: 'month',
        ...windowQuery,
      });
    expect(res.status).toBe(200);
    expect(
      res.body.items.map((i: { entityRef: string }) => i.entityRef),
    ).toEqual([PAYMENT, ORDER, 'component:default/nobody']);
    for (const item of res.body.items) {
      expect(item.queued).toBe(0);
      expect(item.metrics).toEqual(
        json(
          metricsFor(new Set([item.entityRef]), events, window, 'production', {
            bucket: 'month',
          }),
        ),
      );
    }

    // Each listed deployment says whether its ancestry is known: counted over the window, the
    // lead-time coverage of the metrics.
    for (const entityRef of [PAYMENT, ORDER]) {
      const listed = await request(server)
        .get('/api/dora/deployments')
        .query({
          entityRef,
          environment: 'production',
          limit: 1000,
          ...windowQuery,
        });
      const successes = listed.body.items.filter(
        (d: { status: string }) => d.status === 'success',
      );
      const coverage = json(metricsFor(new Set([entityRef]), events, window))
        .changeLeadTime.coverage;
      expect({
        entityRef,
        deployments: successes.length,
        ancestryKnown: successes.filter(
          (d: { ancestryKnown?: boolean }) => d.ancestryKnown === true,
        ).length,
      }).toEqual({ entityRef, ...coverage });
    }

    const tooMany = await request(server)
      .get('/api/dora/metrics/entities')
      .query({
        entityRefs: Array.from({ length: 101 }, (_, i) => `svc-${i}`).join(','),
      });
    expect(tooMany.status).toBe(400);
    expect(tooMany.body.error.message).toMatch(/^entityRefs: at most 100/);
    const bad = await request(server)
      .get('/api/dora/metrics/entities')
      .query({ entityRefs: `${PAYMENT},group:` });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/^entityRefs/);
    const missing = await request(server).get('/api/dora/metrics/entities');
    expect(missing.status).toBe(400);
    expect(missing.body.error.message).toMatch(/entityRefs/);
  });

  it('answers bad metrics queries with a 4xx naming the field', async () => {
    const two = await request(server)
      .get('/api/dora/metrics')
      .query({ entityRef: PAYMENT, group: 'platform' });
    expect(two.status).toBe(400);
    expect(two.body.error.message).toMatch(/^group: /);

    const badWindow = await request(server)
      .get('/api/dora/metrics')
      .query({ window: '3d' });
    expect(badWindow.status).toBe(400);
    expect(badWindow.body.error.message).toMatch(/window/);

    const badFrom = await request(server)
      .get('/api/dora/metrics')
      .query({ from: 'yesterday', to: windowQuery.to });
    expect(badFrom.status).toBe(400);
    expect(badFrom.body.error.message).toMatch(/^from: /);

    const unknownGroup = await request(server)
      .get('/api/dora/metrics')
      .query({ group: 'nobody' });
    expect(unknownGroup.status).toBe(404);
  });

  it('refuses unauthenticated calls', async () => {
    const res = await request(server)
      .get('/api/dora/metrics')
      .set('authorization', mockCredentials.none.header());
    expect(res.status).toBe(401);
    const post = await request(server)
      .post('/api/dora/events')
      .set('authorization', mockCredentials.none.header())
      .send({});
    expect(post.status).toBe(401);
  });
});

describe('dora backend retention config', () => {
  it('refuses to start with a retention that is not a whole number of days, naming the key', async () => {
    await expect(
      startTestBackend({
        features: [
          doraPlugin,
          catalogServiceMock.factory({ entities: [] }),
          mockServices.rootLogger.factory({ level: 'error' }),
          mockServices.rootConfig.factory({
            data: { dora: { retention: { deliveryDays: 0 } } },
          }),
        ],
      }),
    ).rejects.toThrow(/dora\.retention\.deliveryDays: must be a whole number/);
  });

  it('refuses to keep events for less than the longest window and its previous window', async () => {
    await expect(
      startTestBackend({
        features: [
          doraPlugin,
          catalogServiceMock.factory({ entities: [] }),
          mockServices.rootLogger.factory({ level: 'error' }),
          mockServices.rootConfig.factory({
            data: { dora: { retention: { eventDays: 359 } } },
          }),
        ],
      }),
    ).rejects.toThrow(
      /dora\.retention\.eventDays: must be a whole number of days, at least 360/,
    );
  });
});
