import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PortalClient } from './PortalClient';
import { PortalBackend, startPortalBackend } from './startPortalBackend';

// A fresh portal on the development config fills its SLO and DORA stores with demo history
// through the plugins' own write paths; the answers below come from the real backend process.

jest.setTimeout(240_000);

describe('demo SLO and DORA data on a fresh start', () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'portal-demo-'));
  let backend: PortalBackend;
  let client: PortalClient;

  beforeAll(async () => {
    backend = await startPortalBackend({
      configs: ['app-config.yaml'],
      env: { PORTAL_DATA_DIR: dataDir },
    });
    client = await new PortalClient(backend.baseUrl).signInAsGuest();
  });

  afterAll(async () => {
    await backend?.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  async function eventually<T>(what: string, fn: () => Promise<T | undefined>) {
    const deadline = Date.now() + 120_000;
    for (;;) {
      const value = await fn();
      if (value !== undefined) return value;
      if (Date.now() > deadline) {
        throw new Error(
          `${what} never arrived\n${backend.output().slice(-3000)}`,
        );
      }
      await new Promise(r => setTimeout(r, 1000));
    }
  }

  async function json(pathAndQuery: string) {
    const res = await client.request(pathAndQuery);
    return { status: res.status, body: await res.json() };
  }

  it('answers the deploy gate from the seeded budgets', async () => {
    const denied = await eventually('the user-service budget', async () => {
      const { status, body } = await json(
        `/api/slo/gate?entityRef=${encodeURIComponent(
          'component:default/user-service',
        )}`,
      );
      // Specs load first, then the demo seeds their history; wait for budgets with data.
      const seeded = body.slos?.some(
        (s: { remainingFraction: number | null }) =>
          s.remainingFraction !== null,
      );
      return status === 200 && seeded ? body : undefined;
    });
    expect(denied.allowed).toBe(false);
    expect(denied.reasons.join(' ')).toMatch(/user-service/);

    const patch = await json(
      `/api/slo/gate?${new URLSearchParams({
        entityRef: 'component:default/user-service',
        changeType: 'security_patch',
      })}`,
    );
    expect(patch.body.allowed).toBe(true);

    // As a CI pipeline would type it: the ref unencoded.
    const healthy = await json(
      '/api/slo/gate?entityRef=component:default/payment-service',
    );
    expect(healthy.body.allowed).toBe(true);
  });

  it('serves the five keys over the seeded history', async () => {
    const metrics = await eventually('the DORA demo history', async () => {
      const { status, body } = await json(
        `/api/dora/metrics?${new URLSearchParams({
          entityRef: 'component:default/payment-service',
          window: '30d',
        })}`,
      );
      // Seeding ingests in batches, each re-derived in the background.
      return status === 200 &&
        body.queued === 0 &&
        body.metrics.deploymentFrequency.value > 0
        ? body.metrics
        : undefined;
    });
    expect(metrics.deploymentFrequency.tier).toBe('elite');
    expect(metrics.changeLeadTime.value).toBeGreaterThan(0);

    const unauthenticated = await fetch(`${backend.baseUrl}/api/dora/metrics`);
    expect(unauthenticated.status).toBe(401);
  });
});
