import { PortalClient } from './PortalClient';
import {
  PortalWithCluster,
  startPortalWithCluster,
} from './startPortalWithCluster';

// Golden-path conformance in the booted portal: the real catalog, the real kubernetes backend and
// the local Kubernetes API with the demo workloads. These verdicts are what a fresh start shows.

jest.setTimeout(240_000);

const failing = (verdicts: Record<string, string>) =>
  Object.entries(verdicts)
    .filter(([, v]) => v === 'fail')
    .map(([id]) => id)
    .sort();

describe('conformance of the demo workloads', () => {
  let portal: PortalWithCluster;
  let client: PortalClient;

  beforeAll(async () => {
    portal = await startPortalWithCluster({
      withUnreachableCluster: true,
      override: {
        // Judging a report again is for the entity's owners and admins (conformance.refresh);
        // these cases refresh several teams' services, so they sign in as an admin.
        auth: {
          providers: { guest: { userEntityRef: 'user:default/olivia.brooks' } },
        },
        conformance: {
          // What a fresh start judges: the catalog comparison triggered once the backend is
          // ready (none after it here) and the entities the list queues because it has not seen
          // them. No reconciliation falls within the test; the watch stays on, as deployed.
          catalogChanges: {
            frequency: { hours: 1 },
            timeout: { minutes: 1 },
            initialDelay: { hours: 1 },
          },
          reconcile: { frequency: { hours: 24 }, timeout: { minutes: 5 } },
          watch: { enabled: true, relistMinutes: 30 },
        },
      },
    });
    // Until the catalog holds the user, sign-in gives a token without her memberships.
    const anonymous = new PortalClient(portal.backend.baseUrl);
    await (
      await anonymous.signInAsGuest()
    ).waitForEntities(['User:olivia.brooks', 'Group:portal-admins']);
    client = await anonymous.signInAsGuest();
  });

  afterAll(() => portal?.stop());

  async function summaries(query = ''): Promise<any[]> {
    const res = await client.request(`/api/conformance/entities${query}`);
    if (!res.ok) throw new Error(`${res.status} ${await res.text()}`);
    return (await res.json()).items;
  }

  it('judges every demo service when the list is first asked for, failing exactly the deliberate deviations', async () => {
    let items: any[] = [];
    const deadline = Date.now() + 90_000;
    while (Date.now() < deadline) {
      items = await summaries();
      if (items.length >= 8 && items.every(i => i.workloadCount > 0)) break;
      await new Promise(r => setTimeout(r, 1000));
    }
    expect(
      Object.fromEntries(items.map(s => [s.entityRef, failing(s.verdicts)])),
    ).toEqual({
      'component:default/payment-service': [],
      'component:default/order-service': [],
      'component:default/user-service': [],
      'component:default/portal': [],
      'component:default/notification-service': [],
      'component:default/inventory-service': [
        'liveness-probe',
        'readiness-probe',
      ],
      'component:default/api-gateway': ['no-privileged'],
      'component:default/web-storefront': ['pinned-image'],
    });
    const scores = items.map(s => s.score);
    expect(scores).toEqual([...scores].sort((a, b) => a - b));
    expect(
      items.find(s => s.entityRef === 'component:default/payment-service'),
    ).toMatchObject({
      owner: 'group:default/payments',
      system: 'system:default/payment-platform',
      score: 100,
      workloadCount: 1,
    });
    // The second cluster is down: every report says so, and the verdicts still come from the first.
    expect(items[0].clusterErrors).toEqual([
      { cluster: 'unreachable', message: expect.stringMatching(/FETCH_ERROR/) },
    ]);
  });

  it('shows the documented exemption with its reason, and where each verdict came from', async () => {
    const res = await client.request('/api/conformance/refresh', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        entityRef: 'component:default/notification-service',
      }),
    });
    expect(res.status).toBe(200);
    const report = await res.json();
    expect(report.workloads.map((w: any) => w.workload)).toEqual([
      {
        cluster: 'local',
        namespace: 'notifications',
        kind: 'Deployment',
        name: 'notification-service',
      },
    ]);
    expect(
      report.workloads[0].results.find(
        (r: any) => r.checkId === 'default-deny-network-policy',
      ),
    ).toMatchObject({
      verdict: 'exempt',
      exemptionReason: expect.stringContaining('NOTIF-142'),
    });
  });

  it('names the container and field of a failure', async () => {
    const res = await client.request(
      `/api/conformance/entity?entityRef=${encodeURIComponent(
        'component:default/api-gateway',
      )}`,
    );
    const report = await res.json();
    const privileged = report.workloads[0].results.find(
      (r: any) => r.checkId === 'no-privileged',
    );
    expect(privileged.findings).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          container: 'api-gateway',
          fieldPath:
            'spec.template.spec.containers[0].securityContext.privileged',
        }),
      ]),
    );
  });

  it('filters by owner and by failing severity', async () => {
    // Refs as a CI script would type them, unencoded.
    const orders = await summaries('?owner=group:default/orders');
    expect(orders.map(s => s.entityRef).sort()).toEqual([
      'component:default/inventory-service',
      'component:default/order-service',
      'component:default/web-storefront',
    ]);
    const critical = await summaries('?severity=critical');
    expect(critical.map(s => s.entityRef)).toEqual([
      'component:default/api-gateway',
    ]);
  });

  it('judges a workload applied later, once refreshed', async () => {
    // A deployment nobody here wrote: no probes, no limits, root, unpinned image.
    const created = await fetch(
      `${portal.cluster.url}/apis/apps/v1/namespaces/payments/deployments`,
      {
        method: 'POST',
        headers: {
          authorization: `Bearer ${portal.clusterToken}`,
          'content-type': 'application/json',
        },
        body: JSON.stringify({
          apiVersion: 'apps/v1',
          kind: 'Deployment',
          metadata: {
            name: 'payment-batch',
            labels: { 'backstage.io/kubernetes-id': 'payment-service' },
          },
          spec: {
            replicas: 1,
            selector: { matchLabels: { app: 'payment-batch' } },
            template: {
              metadata: {
                labels: {
                  app: 'payment-batch',
                  'backstage.io/kubernetes-id': 'payment-service',
                },
              },
              spec: {
                containers: [
                  { name: 'batch', image: 'registry:5000/payments/batch' },
                ],
              },
            },
          },
        }),
      },
    );
    expect(created.status).toBe(201);
    const res = await client.request('/api/conformance/refresh', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ entityRef: 'component:default/payment-service' }),
    });
    const report = await res.json();
    const batch = report.workloads.find(
      (w: any) => w.workload.name === 'payment-batch',
    );
    expect(
      batch.results
        .filter((r: any) => r.verdict === 'fail')
        .map((r: any) => r.checkId)
        .sort(),
    ).toEqual([
      'horizontal-pod-autoscaler',
      'liveness-probe',
      'pinned-image',
      'readiness-probe',
      'resource-limits',
      'resource-requests',
      'run-as-non-root',
      'standard-labels',
    ]);
    expect(report.score).toBeLessThan(100);
  });
});
