import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PortalClient } from './PortalClient';
import {
  PortalBackend,
  repoRoot,
  startPortalBackend,
} from './startPortalBackend';

// A fresh portal on the development config: the scheduled scorecard pass reads the real
// conformance, SLO and DORA plugins over HTTP with its own service token, and the demo
// image-scan results through the store the results route writes to.

jest.setTimeout(600_000);

describe('scorecards of the demo catalog', () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'portal-scorecard-'));
  let backend: PortalBackend;
  let client: PortalClient;

  beforeAll(async () => {
    backend = await startPortalBackend({
      configs: ['app-config.yaml'],
      env: { PORTAL_DATA_DIR: dataDir },
      // Booting every plugin takes minutes on a loaded 2-core machine.
      timeoutMs: 300_000,
    });
    client = await new PortalClient(backend.baseUrl).signInAsGuest();
  });

  afterAll(async () => {
    await backend?.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  async function json(pathAndQuery: string) {
    const res = await client.request(pathAndQuery);
    return { status: res.status, body: await res.json() };
  }

  it('judges every demo component from the other plugins and CI results', async () => {
    const components = fs
      .readdirSync(path.join(repoRoot, 'catalog/components'))
      .map(f => `component:default/${f.replace(/\.yaml$/, '')}`)
      .sort();
    // Expected from the files on disk, not from the scorecard: components with an SLO spec in
    // catalog/slos have SLOs; the others do not.
    const withSpecs = new Set(
      fs
        .readdirSync(path.join(repoRoot, 'catalog/slos'))
        .map(f => `component:default/${f.replace(/\.yaml$/, '')}`),
    );
    // The catalog ingests the demo files and the SLO plugin reads their specs in the background,
    // and a scorecard pass runs every 2 minutes (scorecard.schedule in app-config.yaml): wait,
    // within a bound, for a pass that saw every component and every spec.
    const sloState = (list: any[], ref: string) =>
      list
        .find(i => i.entityRef === ref)
        ?.results.find((r: any) => r.checkId === 'slo-defined')?.state;
    const sawEverySpec = (list: any[]) =>
      components.every(
        ref => sloState(list, ref) === (withSpecs.has(ref) ? 'pass' : 'fail'),
      );
    const deadline = Date.now() + 420_000;
    let items: any[] = [];
    while (Date.now() < deadline) {
      items = (await json('/api/scorecard/entities')).body.items ?? [];
      if (sawEverySpec(items)) break;
      await new Promise(r => setTimeout(r, 3000));
    }
    expect(items.map(i => i.entityRef).sort()).toEqual(
      expect.arrayContaining(components),
    );

    const state = (ref: string, checkId: string) =>
      items
        .find(i => i.entityRef === ref)
        ?.results.find((r: any) => r.checkId === checkId)?.state;
    for (const ref of components) {
      expect([ref, state(ref, 'slo-defined')]).toEqual([
        ref,
        withSpecs.has(ref) ? 'pass' : 'fail',
      ]);
      expect([ref, state(ref, 'owner')]).toEqual([ref, 'pass']);
    }
    // The demo scan results: web-storefront has a critical finding.
    expect(state('component:default/web-storefront', 'image-scan')).toBe(
      'fail',
    );
    expect(state('component:default/payment-service', 'image-scan')).toBe(
      'pass',
    );
    // The DORA demo history deploys payment-service to production every few days.
    expect(state('component:default/payment-service', 'dora-deployed')).toBe(
      'pass',
    );

    const entity = await json(
      `/api/scorecard/entity?entityRef=${encodeURIComponent(
        'component:default/payment-service',
      )}`,
    );
    expect(entity.status).toBe(200);
    expect(entity.body.trend.length).toBeGreaterThanOrEqual(1);
    const slo = entity.body.scorecard.results.find(
      (r: any) => r.checkId === 'slo-defined',
    );
    expect(slo.evidenceUrl).toBe(
      '/catalog/default/component/payment-service/slos',
    );

    const rollup = await json(
      '/api/scorecard/rollup?group=group:default/payments',
    );
    expect(rollup.status).toBe(200);
    expect(rollup.body.rollup.entities).toBe(
      items.filter(i => i.owner === 'group:default/payments').length,
    );
  });
});
