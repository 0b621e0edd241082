import { mockServices } from '@backstage/backend-test-utils';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { PluginClient } from '@internal/portal-node';
import { ReviewStore } from '../database/ReviewStore';
import { ReviewService } from './ReviewService';

// The month-end run over every scope is spread over its period: one scope, then a pause of the
// spread divided by the number of scopes; stopping the backend ends the run between scopes.

function service() {
  const catalog = {
    getEntities: async () => ({
      items: ['a', 'b', 'c'].map(name => ({
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'Group',
        metadata: { name, namespace: 'default' },
      })),
    }),
  } as unknown as CatalogService;
  const store = {
    listSnapshotScopes: async () => [],
  } as unknown as ReviewStore;
  const svc = new ReviewService({
    catalog,
    auth: mockServices.auth(),
    peers: {} as PluginClient,
    store,
    logger: mockServices.logger.mock(),
  });
  const started: number[] = [];
  jest.spyOn(svc, 'createSnapshot').mockImplementation(async () => {
    started.push(Date.now());
    return {} as any;
  });
  return { svc, started };
}

describe('snapshotAllScopes pacing', () => {
  it('spreads the organisation and three teams over the spread, a quarter apart', async () => {
    const { svc, started } = service();
    const t0 = Date.now();
    const result = await svc.snapshotAllScopes('2026-11', { spreadMs: 800 });
    expect(result).toEqual({ created: 4, failed: 0 });
    const gaps = started.slice(1).map((t, i) => t - started[i]);
    expect(gaps).toHaveLength(3);
    for (const gap of gaps) {
      expect(gap).toBeGreaterThanOrEqual(195);
      expect(gap).toBeLessThan(600);
    }
    expect(started[0] - t0).toBeLessThan(150);
  });

  it('stops between scopes when the backend stops', async () => {
    const { svc, started } = service();
    const abort = new AbortController();
    const run = svc.snapshotAllScopes('2026-11', {
      spreadMs: 60_000,
      signal: abort.signal,
    });
    await new Promise(r => setTimeout(r, 50));
    abort.abort();
    const t0 = Date.now();
    await expect(run).resolves.toEqual({ created: 1, failed: 0 });
    expect(Date.now() - t0).toBeLessThan(500);
    expect(started).toHaveLength(1);
  });
});
