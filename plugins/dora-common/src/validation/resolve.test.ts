import { InputError } from '@backstage/errors';
import { resolveBatch } from './resolve';
import { validateBatch } from './validate';

const SHA = 'c'.repeat(40);
const lookup = (id: string) =>
  (({ 'svc-k8s': 'Component:Default/Svc' } as Record<string, string>)[id]);

describe('resolveBatch', () => {
  const batch = validateBatch({
    deployments: [
      {
        id: 'd1',
        kubernetesId: 'svc-k8s',
        environment: 'production',
        status: 'success',
        finishedAt: '2024-01-01T00:00:00Z',
        source: 'kubernetes',
      },
      {
        id: 'd2',
        entityRef: 'component:default/explicit',
        kubernetesId: 'svc-k8s',
        environment: 'production',
        status: 'success',
        finishedAt: '2024-01-01T00:00:00Z',
        source: 'api',
      },
    ],
    changes: [{ sha: SHA, committedAt: '2024-01-01T00:00:00Z' }],
    incidents: [
      { id: 'i1', kubernetesId: 'svc-k8s', openedAt: '2024-01-01T00:00:00Z' },
    ],
  });

  it('replaces kubernetes ids with canonical refs; entityRef wins', () => {
    const resolved = resolveBatch(batch, lookup);
    expect(resolved.deployments.map(d => d.entityRef)).toEqual([
      'component:default/svc',
      'component:default/explicit',
    ]);
    expect(resolved.deployments[0]).not.toHaveProperty('kubernetesId');
    expect(resolved.incidents[0].entityRef).toBe('component:default/svc');
    expect(resolved.changes[0]).toEqual({
      sha: SHA,
      committedAt: '2024-01-01T00:00:00.000Z',
    });
  });

  it('names the first record whose kubernetes id is unknown', () => {
    expect(() => resolveBatch(batch, () => undefined)).toThrow(
      new InputError(
        "deployments[0].kubernetesId: no catalog entity has kubernetes-id 'svc-k8s'",
      ),
    );
  });
});
