import { LocalCluster } from '@internal/local-cluster';
import { PortalClient } from './PortalClient';
import {
  SecurityPortal,
  startSecurityCluster,
  startSecurityPortal,
} from './securityPortal';

// DORA ingest per entity on a booted portal: a member of payments posts for payment-service and
// for nothing else, whether the record names the entity or its kubernetes-id; a refused batch
// stores nothing. The CI token is narrowed here to the entities group payments owns, to show the
// config scope (the shipped default is *).

jest.setTimeout(300_000);

const PAYMENTS = 'component:default/payment-service';
const ORDERS = 'component:default/order-service';
const DATABASE = 'resource:default/payment-database';

const post = (client: PortalClient, body: unknown) =>
  client.request('/api/dora/events', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });

/** A deployment of the entity `fields` locates; they may also set other fields. */
const deployment = (id: string, fields: Record<string, string>) => ({
  id,
  environment: 'production',
  status: 'success',
  finishedAt: '2026-03-02T12:00:00Z',
  source: 'ci',
  ...fields,
});

describe('DORA ingest per entity', () => {
  let cluster: LocalCluster;
  let portal: SecurityPortal;
  let ci: PortalClient;

  beforeAll(async () => {
    cluster = await startSecurityCluster();
    portal = await startSecurityPortal({
      cluster,
      as: 'owner',
      override: {
        dora: {
          demo: { enabled: false },
          ingest: {
            apiClients: { 'portal-api-clients': ['group:default/payments'] },
          },
        },
      },
    });
    ci = portal.anonymous.withToken(portal.apiToken);
  });

  afterAll(async () => {
    await portal?.stop();
    await cluster?.close();
  });

  /**
   * The ids of the deployments posted here; the cluster observer records the local cluster's
   * rollouts (`kubernetes:…`) on its own, whenever they finish.
   */
  async function storedIds(entityRef: string): Promise<string[]> {
    const res = await portal.user.request(
      `/api/dora/deployments?${new URLSearchParams({ entityRef })}`,
    );
    expect(res.status).toBe(200);
    return (await res.json()).items
      .map((d: { id: string }) => d.id)
      .filter((id: string) => !id.startsWith('kubernetes:'))
      .sort();
  }

  it("lets a member of the owning group post for the group's entity", async () => {
    const res = await post(portal.user, {
      deployments: [deployment('own-1', { entityRef: PAYMENTS })],
    });
    expect(res.status).toBe(200);
    expect((await res.json()).inserted.deployments).toBe(1);
    expect(await storedIds(PAYMENTS)).toEqual(['own-1']);
  });

  it("refuses another team's entity with 403 naming it, storing nothing of the batch", async () => {
    const res = await post(portal.user, {
      deployments: [
        deployment('own-2', { entityRef: PAYMENTS }),
        deployment('foreign-1', { entityRef: ORDERS }),
      ],
    });
    expect(res.status).toBe(403);
    expect((await res.json()).error.message).toBe(
      `dora.events.create: user:default/priya.raman may not post events for ${ORDERS}: only members of its owning group and admins may`,
    );
    expect(await storedIds(PAYMENTS)).toEqual(['own-1']);
    expect(await storedIds(ORDERS)).toEqual([]);
  });

  it('decides on the entity a kubernetesId resolves to', async () => {
    const res = await post(portal.user, {
      incidents: [
        {
          id: 'foreign-inc-1',
          kubernetesId: 'order-service',
          openedAt: '2026-03-02T13:00:00Z',
        },
      ],
    });
    expect(res.status).toBe(403);
    expect((await res.json()).error.message).toContain(ORDERS);
  });

  it('refuses CDEvents for an entity the user does not own', async () => {
    const res = await portal.user.request('/api/dora/cdevents', {
      method: 'POST',
      headers: { 'content-type': 'application/cloudevents+json' },
      body: JSON.stringify({
        specversion: '1.0',
        id: 'foreign-cd-1',
        source: '/ci/orders',
        type: 'dev.cdevents.service.deployed.0.2.0',
        data: {
          context: {
            specversion: '0.4.1',
            id: 'foreign-cd-1',
            source: '/ci/orders',
            type: 'dev.cdevents.service.deployed.0.2.0',
            timestamp: '2026-03-02T12:00:00Z',
          },
          subject: {
            id: 'service/order-service',
            type: 'service',
            content: {
              environment: { id: 'production' },
              artifactId: 'pkg:oci/order-service@1.0.0',
            },
          },
        },
      }),
    });
    expect(res.status).toBe(403);
    expect((await res.json()).error.message).toContain(ORDERS);
    expect(await storedIds(ORDERS)).toEqual([]);
  });

  it('refuses a change without an entity from a user, naming the field', async () => {
    const res = await post(portal.user, {
      changes: [{ sha: 'ef'.repeat(20), committedAt: '2026-03-02T10:00:00Z' }],
    });
    expect(res.status).toBe(403);
    expect((await res.json()).error.message).toMatch(
      /^changes\[0\]\.entityRef: required when a user posts/,
    );
  });

  it("keeps ids per entity: another entity's id is the sender's own event, the sources' id prefixes are refused (400)", async () => {
    // payments also owns resource payment-database. Its deployment db-run-1, then the same id
    // for payment-service: a second event, which leaves payment-database's figures as they were.
    const figures = (entityRef: string) =>
      portal.user.doraMetricsDerived({
        entityRef,
        from: '2026-03-01T00:00:00Z',
        to: '2026-03-08T00:00:00Z',
      });
    const first = await post(portal.user, {
      deployments: [
        deployment('db-run-1', { entityRef: DATABASE }),
        deployment('db-run-2', { entityRef: DATABASE, status: 'failure' }),
      ],
      incidents: [
        {
          id: 'db-inc-1',
          entityRef: DATABASE,
          openedAt: '2026-03-02T13:00:00Z',
          resolvedAt: '2026-03-02T15:00:00Z',
          causedBy: { deploymentId: 'db-run-1' },
        },
      ],
    });
    expect(first.status).toBe(200);
    const before = await figures(DATABASE);
    expect(before.metrics.changeFailureRate.count).toBe(2);
    const second = await post(portal.user, {
      deployments: [
        deployment('db-run-1', { entityRef: PAYMENTS, status: 'failure' }),
      ],
      incidents: [
        {
          id: 'db-inc-1',
          entityRef: PAYMENTS,
          openedAt: '2026-03-02T12:30:00Z',
          causedBy: { deploymentId: 'db-run-2' },
        },
      ],
    });
    expect(second.status).toBe(200);
    expect((await second.json()).inserted).toEqual({
      deployments: 1,
      changes: 0,
      incidents: 1,
    });
    const after = await figures(DATABASE);
    for (const key of Object.keys(before.metrics)) {
      expect([key, after.metrics[key]]).toEqual([key, before.metrics[key]]);
    }
    expect(await storedIds(DATABASE)).toEqual(['db-run-1', 'db-run-2']);
    expect(await storedIds(PAYMENTS)).toEqual(['db-run-1', 'own-1']);
    // The sources' own ids stay theirs: a caller cannot pre-empt a webhook's event.
    const squat = await post(portal.user, {
      deployments: [
        deployment('github:acme/order-service:deployment:1', {
          entityRef: PAYMENTS,
        }),
      ],
    });
    expect(squat.status).toBe(400);
    expect((await squat.json()).error.message).toBe(
      "deployments[0].id: ids starting with github: are kept for the plugin's own github source",
    );
    expect(await storedIds(PAYMENTS)).toEqual(['db-run-1', 'own-1']);
  });

  it('scopes the CI token to the entities of its configured owners', async () => {
    const own = await post(ci, {
      deployments: [
        deployment('ci-own-1', { kubernetesId: 'payment-service' }),
      ],
    });
    expect(own.status).toBe(200);
    const foreign = await post(ci, {
      deployments: [deployment('ci-foreign-1', { entityRef: ORDERS })],
    });
    expect(foreign.status).toBe(403);
    expect((await foreign.json()).error.message).toBe(
      `dora.events.create: the API client portal-api-clients may not post events for ${ORDERS} (dora.ingest.apiClients.portal-api-clients: group:default/payments)`,
    );
    const unscoped = await post(ci, {
      changes: [{ sha: 'fe'.repeat(20), committedAt: '2026-03-02T10:00:00Z' }],
    });
    expect(unscoped.status).toBe(403);
    expect(await storedIds(PAYMENTS)).toEqual([
      'ci-own-1',
      'db-run-1',
      'own-1',
    ]);
    expect(await storedIds(ORDERS)).toEqual([]);
  });
});
