import {
  KubeObject,
  imageVersion,
  rolloutDeployment,
} from './rolloutDeployment';

const SHA = 'd6fde92930d4715a2b49857d24b940956b26d2d3';

function deployment(
  overrides: {
    revision?: string;
    generation?: number;
    observedGeneration?: number;
    updated?: number;
    available?: number;
    progressing?: Record<string, string>;
    image?: string;
    commit?: string;
    labels?: Record<string, string>;
  } = {},
): KubeObject {
  return {
    metadata: {
      name: 'payment-service',
      namespace: 'payments',
      uid: 'dep-uid',
      generation: overrides.generation ?? 3,
      labels: overrides.labels ?? {
        'backstage.io/kubernetes-id': 'payment-service',
      },
      annotations: {
        'deployment.kubernetes.io/revision': overrides.revision ?? '2',
      },
    },
    spec: {
      replicas: 2,
      template: {
        metadata: {
          annotations: overrides.commit
            ? { 'portal.io/commit-sha': overrides.commit }
            : {},
        },
        spec: {
          containers: [
            {
              name: 'app',
              image: overrides.image ?? 'registry:5000/payments/app:1.4.2',
            },
          ],
        },
      },
    },
    status: {
      observedGeneration: overrides.observedGeneration ?? 3,
      replicas: 2,
      updatedReplicas: overrides.updated ?? 2,
      availableReplicas: overrides.available ?? 2,
      conditions: [
        { type: 'Available', status: 'True' },
        {
          type: 'Progressing',
          status: 'True',
          reason: 'NewReplicaSetAvailable',
          lastUpdateTime: '2024-05-02T10:15:00Z',
          lastTransitionTime: '2024-05-01T08:00:00Z',
          ...overrides.progressing,
        },
      ],
    },
  };
}

const rs = (
  revision: string,
  created: string,
  extra: Record<string, string> = {},
): KubeObject => ({
  metadata: {
    name: `payment-service-${revision}`,
    creationTimestamp: created,
    ownerReferences: [{ uid: 'dep-uid' }],
    annotations: { 'deployment.kubernetes.io/revision': revision, ...extra },
  },
});

describe('rolloutDeployment', () => {
  it('records a completed rollout, keyed by uid and revision', () => {
    expect(
      rolloutDeployment(
        'eu-1',
        'production',
        deployment({ commit: SHA.toUpperCase() }),
        [rs('1', '2024-04-01T00:00:00Z'), rs('2', '2024-05-02T10:10:00Z')],
      ),
    ).toEqual({
      id: 'kubernetes:eu-1:dep-uid:2',
      kubernetesId: 'payment-service',
      environment: 'production',
      status: 'success',
      type: 'normal',
      startedAt: '2024-05-02T10:10:00Z',
      finishedAt: '2024-05-02T10:15:00Z',
      version: '1.4.2',
      commitShas: [SHA],
      source: 'kubernetes',
    });
  });

  it.each([
    ['a rollout in progress', { updated: 1 }],
    ['replicas not yet available', { available: 1 }],
    ['a spec change the controller has not seen', { observedGeneration: 2 }],
    ['a workload without the Backstage label', { labels: {} }],
  ])('records nothing for %s', (_, overrides) => {
    expect(
      rolloutDeployment('eu-1', 'production', deployment(overrides), []),
    ).toBeUndefined();
  });

  it('records a rollout past its progress deadline as failed', () => {
    const d = rolloutDeployment(
      'eu-1',
      'production',
      deployment({
        updated: 1,
        available: 1,
        progressing: {
          status: 'False',
          reason: 'ProgressDeadlineExceeded',
          lastTransitionTime: '2024-05-02T10:25:00Z',
        },
      }),
      [rs('2', '2024-05-02T10:10:00Z')],
    );
    expect(d).toMatchObject({
      status: 'failure',
      finishedAt: '2024-05-02T10:25:00Z',
    });
  });

  it('recognises a rollback by the re-used, older ReplicaSet', () => {
    const undo = rolloutDeployment(
      'eu-1',
      'production',
      deployment({ revision: '3' }),
      [rs('3', '2024-04-01T00:00:00Z'), rs('2', '2024-05-02T10:10:00Z')],
    );
    expect(undo).toMatchObject({
      id: 'kubernetes:eu-1:dep-uid:3',
      type: 'rollback',
    });
    expect(undo).not.toHaveProperty('startedAt');
    // Real clusters also mark the re-used ReplicaSet with its earlier revisions.
    const marked = rolloutDeployment(
      'eu-1',
      'production',
      deployment({ revision: '3' }),
      [
        rs('3', '2024-05-02T10:12:00Z', {
          'deployment.kubernetes.io/revision-history': '1',
        }),
      ],
    );
    expect(marked).toMatchObject({ type: 'rollback' });
  });

  it.each([
    ['registry:5000/payments/app:1.4.2', '1.4.2'],
    ['registry:5000/payments/app', undefined],
    ['app@sha256:0b6b2a7b', 'sha256:0b6b2a7b'],
    ['nginx', undefined],
  ])('reads the version of %s', (image, version) => {
    expect(imageVersion(image)).toBe(version);
  });
});
