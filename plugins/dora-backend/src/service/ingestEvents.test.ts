import { mockCredentials } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { DoraStore } from '../database/DoraStore';
import { ingestEvents } from './ingestEvents';

// The catalog answers a filter in the query string of a GET; the portal's backend refuses a
// request whose headers pass 16 kB (431). This catalog refuses a read of more than 100 ids the
// same way, so a batch of 250 kubernetes-ids must be resolved in reads the real one accepts.

describe('ingestEvents', () => {
  it('resolves 250 kubernetes-ids in catalog reads of at most 100 ids each', async () => {
    const reads: number[] = [];
    const catalog = {
      getEntities: async (request: {
        filter: Record<string, string[]>;
      }): Promise<{ items: Entity[] }> => {
        const ids = Object.values(request.filter)[0];
        reads.push(ids.length);
        if (ids.length > 100)
          throw new Error('431 Request Header Fields Too Large');
        return {
          items: ids.map(id => ({
            apiVersion: 'backstage.io/v1alpha1',
            kind: 'Component',
            metadata: {
              name: id,
              namespace: 'default',
              annotations: { 'backstage.io/kubernetes-id': id },
            },
          })),
        };
      },
    } as unknown as CatalogService;
    let stored: any;
    const store = {
      ingest: async (batch: unknown) => {
        stored = batch;
        return {
          inserted: { deployments: 250, changes: 0, incidents: 0 },
          completed: { changes: 0, incidents: 0 },
          duplicates: { deployments: 0, changes: 0, incidents: 0 },
        };
      },
    } as unknown as DoraStore;
    const deployments = Array.from({ length: 250 }, (_, i) => ({
      id: `d-${i}`,
      kubernetesId: `svc-${String(i).padStart(3, '0')}`,
      environment: 'production',
      status: 'success',
      finishedAt: '2026-12-01T10:00:00Z',
      commitShas: [],
      source: 'api',
    }));
    await ingestEvents(
      { deployments, changes: [], incidents: [] },
      { store, catalog, credentials: mockCredentials.service() },
    );
    expect(reads).toEqual([100, 100, 50]);
    expect(
      stored.deployments.map((d: { entityRef: string }) => d.entityRef),
    ).toEqual(deployments.map(d => `component:default/${d.kubernetesId}`));
  });
});
