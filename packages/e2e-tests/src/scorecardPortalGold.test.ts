import { PortalClient } from './PortalClient';
import {
  PortalWithCluster,
  startPortalWithCluster,
} from './startPortalWithCluster';

// The portal eats its own cooking: its own catalog entry (catalog-info.yaml) reaches Gold on the
// demo from the same signals as any service. Its workload runs on the local cluster
// (deploy/demo-cluster/80-portal.yaml) and is judged by conformance; its SLO spec
// (catalog/slos/portal.yaml) is read by the SLO plugin and its demo rollups written through the
// collector's store; the DORA demo seed posts its history and the release the cluster runs through
// the ingestion path of POST /events, and the rollout itself is observed on the cluster; its image
// scan is pushed as CI pushes results.

jest.setTimeout(900_000);

const PORTAL = 'component:default/portal';
/** The commit deploy/demo-cluster/80-portal.yaml carries in portal.io/commit-sha. */
const RELEASE_SHA = '5e2b9c41d7a04f6e8b3c2d1a9f0e7b6c5d4a3f21';

/** Gold's own checks in the default levels, written out so a change to them shows here. */
const GOLD_CHECKS = [
  'conformance-network-policy',
  'conformance-no-secret-literals',
  'slo-collected',
  'slo-budget-policy',
  'dora-deployed',
  'dora-ancestry',
  'build-once-promote',
  'image-scan',
];

describe('the portal eats its own cooking', () => {
  let portal: PortalWithCluster;
  let client: PortalClient;

  beforeAll(async () => {
    portal = await startPortalWithCluster({});
    client = await new PortalClient(portal.backend.baseUrl).signInAsGuest();
  });

  afterAll(async () => {
    await portal?.stop();
  });

  async function json(pathAndQuery: string) {
    const res = await client.request(pathAndQuery);
    expect([pathAndQuery, res.status]).toEqual([pathAndQuery, 200]);
    return res.json();
  }

  it("reaches Gold with every Gold check passing on the portal's own signals", async () => {
    // Every check of the configured Gold level, from the scorecard's own configuration.
    const checks = (await json('/api/scorecard/checks')).items;
    expect(
      checks
        .filter((c: any) => c.level === 'gold')
        .map((c: any) => c.id)
        .sort(),
    ).toEqual([...GOLD_CHECKS].sort());

    // A pass runs every 2 minutes (sooner while conformance has not judged); the DORA seed and
    // the SLO rollups land in the background after the catalog has the entity.
    const entityPath = `/api/scorecard/entity?entityRef=${encodeURIComponent(
      PORTAL,
    )}`;
    const deadline = Date.now() + 480_000;
    let body: any;
    for (;;) {
      const res = await client.request(entityPath);
      body = res.ok ? await res.json() : undefined;
      if (body?.scorecard.level === 'gold' || Date.now() > deadline) break;
      await new Promise(r => setTimeout(r, 5000));
    }
    const results: any[] = body?.scorecard.results ?? [];
    const state = (id: string) => {
      const r = results.find(x => x.checkId === id);
      return `${id}: ${r?.state} (${r?.message})`;
    };
    // Named per check, so a failure says which signal is missing.
    expect(GOLD_CHECKS.map(state)).toEqual(
      GOLD_CHECKS.map(id => expect.stringMatching(`^${id}: pass `)),
    );
    expect(body.scorecard.level).toBe('gold');
    // Below Gold nothing fails either; the escape hatch and the website's API are the only
    // checks that are not a plain pass.
    expect(
      results
        .filter(r => r.state !== 'pass')
        .map(r => `${r.checkId}: ${r.state}`)
        .sort(),
    ).toEqual(['api-documented: not-applicable']);
    expect(state('golden-path')).toMatch(/^golden-path: pass \(escape hatch: /);

    // The signals themselves, read from the plugins that own them.
    const { items: slos } = await json(
      `/api/slo/slos?owner=${encodeURIComponent('group:default/platform')}`,
    );
    const own = slos.filter((s: any) => s.entityRef === PORTAL);
    expect(own.map((s: any) => s.slo.id).sort()).toEqual([
      'portal/requests-availability',
      'portal/requests-latency',
    ]);
    for (const s of own) {
      expect([s.slo.id, s.state.status, s.state.stale]).toEqual([
        s.slo.id,
        'healthy',
        false,
      ]);
      expect(s.slo.policy.steps.length).toBeGreaterThan(0);
    }
    // The release the cluster runs: its rollout, observed on the cluster, is a production
    // deployment of the commit the Deployment carries, which CI deployed to staging before.
    const deployments = async (environment: string) =>
      (
        await json(
          `/api/dora/deployments?${new URLSearchParams({
            entityRef: PORTAL,
            environment,
            limit: '500',
          })}`,
        )
      ).items;
    const production = await deployments('production');
    const rollout = production.find((d: any) => d.source === 'kubernetes');
    expect(rollout).toMatchObject({
      status: 'success',
      commitShas: [RELEASE_SHA],
    });
    const staged = (await deployments('staging')).find((d: any) =>
      d.commitShas.includes(RELEASE_SHA),
    );
    expect(Date.parse(staged.finishedAt)).toBeLessThanOrEqual(
      Date.parse(rollout.finishedAt),
    );
    // Both DORA checks count the same production deployments, every one of them known.
    const ancestry = /^dora-ancestry: pass \((\d+) of (\d+) production/.exec(
      state('dora-ancestry'),
    );
    expect(ancestry?.[1]).toBe(ancestry?.[2]);
    expect(state('build-once-promote')).toBe(
      `build-once-promote: pass (all ${ancestry?.[1]} production deployments ran in staging first)`,
    );
    expect(Number(ancestry?.[1])).toBeGreaterThan(1);
  });
});
