import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { PortalClient } from './PortalClient';
import { SystemKubectl } from './systemKubectl';
import { principals } from './securityPortal';
import { repoRoot } from './startPortalBackend';
import {
  PortalWithCluster,
  startPortalWithCluster,
} from './startPortalWithCluster';

// A conformance regression on the local cluster reaches the owners as one Backstage
// notification: the booted portal (scorecard, conformance and notifications backends, SQLite),
// the local cluster changed with the system kubectl, the notification read back through the
// notifications backend's own API as a member of the owning team.

jest.setTimeout(600_000);

const PAYMENT = 'component:default/payment-service';
const CHECK = 'conformance-probes';
// The notification names the service as its catalog file titles it.
const TITLE: string = parse(
  fs.readFileSync(
    path.join(repoRoot, 'catalog/components/payment-service.yaml'),
    'utf8',
  ),
).metadata.title;

describe('scorecard notifications', () => {
  let portal: PortalWithCluster;
  let owner: PortalClient;
  let kube: SystemKubectl;

  beforeAll(async () => {
    portal = await startPortalWithCluster({
      override: {
        // Sign-in as a member of payments, which owns payment-service.
        auth: { providers: { guest: { userEntityRef: principals.owner } } },
        // No DORA demo history and no rollouts as deployments: the probe change is a rollout,
        // and a new production deployment would be a second, unrelated regression
        // (build-once-promote). The test isolates the one it is about.
        dora: { demo: { enabled: false }, kubernetes: { enabled: false } },
        slo: { demo: { enabled: false } },
      },
    });
    const anonymous = new PortalClient(portal.backend.baseUrl);
    // Until the catalog holds the user, sign-in gives a token without memberships.
    const early = await anonymous.signInAsGuest();
    await early.waitForEntities([
      'Group:payments',
      'User:priya.raman',
      'Component:payment-service',
    ]);
    owner = await anonymous.signInAsGuest();
    kube = new SystemKubectl(portal.cluster.kubeconfig());
  });

  afterAll(async () => {
    await portal?.stop();
    kube?.dispose();
  });

  const kubectl = (...args: string[]) => kube.run(...args);

  async function getJson(p: string): Promise<any> {
    const res = await owner.request(p);
    if (!res.ok) throw new Error(`GET ${p}: ${res.status} ${await res.text()}`);
    return res.json();
  }

  /** The conformance plugin's verdicts for payment-service, once judged. */
  async function conformanceVerdicts(): Promise<Record<string, string>> {
    const { items } = await getJson('/api/conformance/entities');
    const item = items.find((i: any) => i.entityRef === PAYMENT);
    return item && !item.pending ? item.verdicts : {};
  }

  /** Evaluates payment-service now, as its owner may, and returns the check's state. */
  async function evaluate(): Promise<string | undefined> {
    const res = await owner.request('/api/scorecard/evaluate', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ entityRef: PAYMENT }),
    });
    if (!res.ok) {
      throw new Error(`POST evaluate: ${res.status} ${await res.text()}`);
    }
    const body = await res.json();
    return body.results.find((r: any) => r.checkId === CHECK)?.state;
  }

  async function until<T>(
    what: string,
    read: () => Promise<T>,
    done: (t: T) => boolean,
    timeoutMs = 120_000,
  ): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const value = await read();
      if (done(value)) return value;
      if (Date.now() > deadline) {
        throw new Error(`${what}: still ${JSON.stringify(value)}`);
      }
      await new Promise(r => setTimeout(r, 1000));
    }
  }

  /** The scorecard's notifications the signed-in owner has, read from the notifications API. */
  async function scorecardNotifications(): Promise<any[]> {
    const body = await getJson('/api/notifications?limit=100');
    return body.notifications.filter(
      (n: any) => n.origin === 'plugin:scorecard',
    );
  }

  it('a probe removed with kubectl turns the check red and sends its owners exactly one notification', async () => {
    // Before: the demo Deployment has both probes, judged by conformance, stored as passing.
    await until(
      'payment-service judged with both probes',
      conformanceVerdicts,
      v => v['readiness-probe'] === 'pass' && v['liveness-probe'] === 'pass',
    );
    expect(await until('check passes', evaluate, s => s === 'pass')).toBe(
      'pass',
    );
    // Checks failing from the first evaluation on (inventory-service's probes, the DORA checks
    // with no history) never passed, so nobody was told about them.
    expect(await scorecardNotifications()).toEqual([]);

    await kubectl(
      '-n',
      'payments',
      'patch',
      'deployment/payment-service',
      '--type=json',
      '-p',
      JSON.stringify([
        {
          op: 'remove',
          path: '/spec/template/spec/containers/0/readinessProbe',
        },
      ]),
    );
    // The conformance plugin watches the cluster and judges the changed workload again.
    await until(
      'conformance sees the readiness probe gone',
      conformanceVerdicts,
      v => v['readiness-probe'] === 'fail',
    );
    // Red on the next evaluation: the owner's evaluate here, or a scheduled pass before it.
    expect(await evaluate()).toBe('fail');
    const entity = await getJson(
      `/api/scorecard/entity?entityRef=${encodeURIComponent(PAYMENT)}`,
    );
    const check = entity.scorecard.results.find(
      (r: any) => r.checkId === CHECK,
    );
    expect(check.state).toBe('fail');
    // Liveness is still there: only readiness fails.
    expect(check.message).toBe('failing: readiness-probe');

    // The notification is sent inside the evaluation that stored the failure.
    const sent = await scorecardNotifications();
    expect(sent).toHaveLength(1);
    const [n] = sent;
    expect(n.user).toBe(principals.owner);
    expect(n.read).toBeFalsy();
    expect(n.payload).toMatchObject({
      title: `${TITLE}: "Readiness and liveness probes" started failing`,
      link: '/catalog/default/component/payment-service/scorecard',
      topic: 'scorecard',
      severity: 'high',
      scope: `scorecard:check-failing:${PAYMENT}:${CHECK}`,
    });
    expect(n.payload.description).toMatch(/^failing: readiness-probe — /);

    // Still failing on later passes: nothing new, the one notification unchanged.
    expect(await evaluate()).toBe('fail');
    expect(await evaluate()).toBe('fail');
    const later = await scorecardNotifications();
    expect(later).toHaveLength(1);
    expect(later[0].id).toBe(n.id);
    expect(later[0].updated ?? null).toBe(n.updated ?? null);
  });

  it('only backend plugins send notifications; reading them needs a sign-in', async () => {
    const anonymous = new PortalClient(portal.backend.baseUrl);
    expect((await anonymous.request('/api/notifications')).status).toBe(401);
    // A signed-in user cannot send one to the owners (a phishing link from "the portal").
    const res = await owner.request('/api/notifications', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        recipients: { type: 'entity', entityRef: 'group:default/payments' },
        payload: { title: 'Click here', link: 'https://example.com' },
      }),
    });
    expect(res.status).toBe(403);
  });
});
