/* eslint jest/expect-expect: ["warn", { "assertFunctionNames": ["expect", "expectStatus", "waitFor"] }] */
import { LocalCluster } from '../index';
import {
  deploymentManifest,
  startTestCluster,
  waitFor,
} from '../testing/harness';
import { T } from './util';

let cluster: LocalCluster;
beforeAll(async () => {
  cluster = await startTestCluster({
    readinessDelayMs: 80,
    crashLoopIntervalMs: 150,
  });
  cluster.api.create(T.namespaces, undefined, { metadata: { name: 'demo' } });
});
afterAll(() => cluster.close());

const store = () => cluster.store;
const podsOf = (label: string) =>
  store()
    .list(T.pods, 'demo')
    .filter(p => p.metadata.labels?.['backstage.io/kubernetes-id'] === label);
const rsOf = (dep: string) =>
  store()
    .list(T.replicaSets, 'demo')
    .filter(rs => rs.metadata.ownerReferences?.[0]?.name === dep);
const deployment = (name: string) => store().get(T.deployments, 'demo', name)!;

function isComplete(name: string) {
  const d = deployment(name);
  return (
    d.status?.observedGeneration === d.metadata.generation &&
    d.status?.updatedReplicas === d.spec.replicas &&
    d.status?.replicas === d.spec.replicas &&
    d.status?.availableReplicas === d.spec.replicas &&
    d.status?.conditions?.some(
      (c: any) =>
        c.type === 'Progressing' && c.reason === 'NewReplicaSetAvailable',
    )
  );
}

describe('deployment controller', () => {
  it('creates a ReplicaSet and pods that become Ready', async () => {
    cluster.api.create(
      T.deployments,
      'demo',
      deploymentManifest('web', 'demo', 'ghcr.io/example/web:1.0.0', 3),
    );
    await waitFor(() => isComplete('web'), { what: 'rollout of web' });

    const [rs] = rsOf('web');
    const hash = rs.metadata.labels!['pod-template-hash'];
    expect(rs.metadata.name).toBe(`web-${hash}`);
    expect(rs.metadata.annotations?.['deployment.kubernetes.io/revision']).toBe(
      '1',
    );
    expect(rs.metadata.ownerReferences?.[0]).toMatchObject({
      kind: 'Deployment',
      name: 'web',
      controller: true,
    });

    const pods = podsOf('web');
    expect(pods).toHaveLength(3);
    for (const pod of pods) {
      expect(pod.metadata.name).toMatch(
        new RegExp(`^web-${hash}-[a-z0-9]{5}$`),
      );
      expect(pod.metadata.ownerReferences?.[0]).toMatchObject({
        kind: 'ReplicaSet',
        name: rs.metadata.name,
      });
      expect(pod.spec.nodeName).toBe('local-node');
      expect(pod.status.phase).toBe('Running');
      expect(pod.status.podIP).toMatch(/^10\.244\./);
      expect(
        pod.status.conditions.map((c: any) => `${c.type}=${c.status}`),
      ).toEqual(
        expect.arrayContaining([
          'PodScheduled=True',
          'Initialized=True',
          'ContainersReady=True',
          'Ready=True',
        ]),
      );
      expect(pod.status.containerStatuses[0]).toMatchObject({
        ready: true,
        started: true,
        restartCount: 0,
      });
      expect(
        pod.status.containerStatuses[0].state.running.startedAt,
      ).toBeDefined();
    }
    const d = deployment('web');
    expect(d.status).toMatchObject({
      replicas: 3,
      updatedReplicas: 3,
      readyReplicas: 3,
      availableReplicas: 3,
    });
    expect(
      d.status.conditions.find((c: any) => c.type === 'Available').status,
    ).toBe('True');
  });

  it('rolls out a new ReplicaSet on template change and scales the old one to 0', async () => {
    const d = deployment('web');
    d.spec.template.spec.containers[0].image = 'ghcr.io/example/web:1.1.0';
    cluster.api.replace(T.deployments, 'demo', 'web', d);
    await waitFor(() => rsOf('web').length === 2 && isComplete('web'), {
      what: 'second rollout',
    });

    const sets = rsOf('web').sort(
      (a, b) =>
        Number(a.metadata.annotations!['deployment.kubernetes.io/revision']) -
        Number(b.metadata.annotations!['deployment.kubernetes.io/revision']),
    );
    expect(sets[0].spec.replicas).toBe(0);
    expect(sets[1].spec.replicas).toBe(3);
    expect(
      sets[1].metadata.annotations!['deployment.kubernetes.io/revision'],
    ).toBe('2');
    // The Deployment carries its current revision too, without a new generation.
    const after = deployment('web');
    expect(
      after.metadata.annotations!['deployment.kubernetes.io/revision'],
    ).toBe('2');
    expect(after.status.observedGeneration).toBe(after.metadata.generation);
    const pods = podsOf('web');
    expect(pods).toHaveLength(3);
    expect(
      pods.every(
        p => p.spec.containers[0].image === 'ghcr.io/example/web:1.1.0',
      ),
    ).toBe(true);
    const events = store()
      .list(T.events, 'demo')
      .filter(e => e.reason === 'ScalingReplicaSet');
    expect(events.map(e => e.message)).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^Scaled down replica set web-\w+ from 3 to 0$/),
      ]),
    );
  });

  it('re-uses the earlier ReplicaSet when the template goes back, as a rollback does', async () => {
    const d = deployment('web');
    const previous = rsOf('web').find(
      rs =>
        rs.metadata.annotations!['deployment.kubernetes.io/revision'] === '1',
    )!;
    d.spec.template.spec.containers[0].image =
      previous.spec.template.spec.containers[0].image;
    cluster.api.replace(T.deployments, 'demo', 'web', d);
    await waitFor(
      () =>
        deployment('web').metadata.annotations?.[
          'deployment.kubernetes.io/revision'
        ] === '3' && isComplete('web'),
      { what: 'rollback' },
    );
    const reused = rsOf('web').find(
      rs => rs.metadata.uid === previous.metadata.uid,
    )!;
    expect(reused.metadata.annotations).toMatchObject({
      'deployment.kubernetes.io/revision': '3',
      'deployment.kubernetes.io/revision-history': '1',
    });
    expect(reused.spec.replicas).toBe(3);
    expect(rsOf('web')).toHaveLength(2);
  });

  it('scales up and down', async () => {
    cluster.api.updateScale(T.deployments, 'demo', 'web', {
      spec: { replicas: 1 },
    });
    await waitFor(() => isComplete('web') && podsOf('web').length === 1, {
      what: 'scale down',
    });
    cluster.api.updateScale(T.deployments, 'demo', 'web', {
      spec: { replicas: 2 },
    });
    await waitFor(() => isComplete('web') && podsOf('web').length === 2, {
      what: 'scale up',
    });
  });

  it('keeps crash-looping pods in CrashLoopBackOff with BackOff events', async () => {
    cluster.api.create(
      T.deployments,
      'demo',
      deploymentManifest(
        'notify',
        'demo',
        'ghcr.io/example/notification-service:crashloop',
        1,
      ),
    );
    const pod = await waitFor(
      () => {
        const p = podsOf('notify')[0];
        return p?.status?.containerStatuses?.[0]?.restartCount >= 2 && p;
      },
      { what: 'restarts' },
    );
    const cs = pod.status.containerStatuses[0];
    expect(cs.ready).toBe(false);
    expect(cs.state.waiting.reason).toBe('CrashLoopBackOff');
    expect(cs.lastState.terminated).toMatchObject({
      exitCode: 1,
      reason: 'Error',
    });
    expect(
      pod.status.conditions.find((c: any) => c.type === 'Ready').status,
    ).toBe('False');

    const backoff = store()
      .list(T.events, 'demo')
      .find(
        e =>
          e.reason === 'BackOff' && e.involvedObject.name === pod.metadata.name,
      );
    expect(backoff).toMatchObject({
      type: 'Warning',
      involvedObject: { kind: 'Pod', uid: pod.metadata.uid },
    });
    expect(backoff!.message).toMatch(
      /^Back-off restarting failed container notify/,
    );
    expect(backoff!.count).toBeGreaterThanOrEqual(2);

    const d = deployment('notify');
    expect(d.status.availableReplicas ?? 0).toBe(0);
    expect(
      d.status.conditions.find((c: any) => c.type === 'Available').status,
    ).toBe('False');
  });

  it('deleting a deployment deletes its ReplicaSets and pods', async () => {
    cluster.api.delete(T.deployments, 'demo', 'notify');
    expect(rsOf('notify')).toHaveLength(0);
    expect(podsOf('notify')).toHaveLength(0);
  });
});

describe('other workloads', () => {
  const template = (name: string, extra: Record<string, unknown> = {}) => ({
    metadata: { labels: { app: name } },
    spec: { containers: [{ name, image: `example/${name}:1` }], ...extra },
  });

  it('StatefulSets get ordinal pods', async () => {
    cluster.api.create(T.statefulSets, 'demo', {
      metadata: { name: 'db' },
      spec: {
        replicas: 2,
        serviceName: 'db',
        selector: { matchLabels: { app: 'db' } },
        template: template('db'),
      },
    });
    await waitFor(
      () =>
        store().get(T.statefulSets, 'demo', 'db')?.status?.readyReplicas === 2,
      { what: 'sts ready' },
    );
    expect(
      store()
        .list(T.pods, 'demo')
        .map(p => p.metadata.name)
        .filter(n => n!.startsWith('db-'))
        .sort(),
    ).toEqual(['db-0', 'db-1']);
  });

  it('DaemonSets run one pod on the node', async () => {
    cluster.api.create(T.daemonSets, 'demo', {
      metadata: { name: 'agent' },
      spec: {
        selector: { matchLabels: { app: 'agent' } },
        template: template('agent'),
      },
    });
    await waitFor(
      () =>
        store().get(T.daemonSets, 'demo', 'agent')?.status?.numberReady === 1,
      { what: 'ds ready' },
    );
    expect(
      store()
        .list(T.pods, 'demo')
        .filter(p => p.metadata.labels?.app === 'agent'),
    ).toHaveLength(1);
  });

  it('Jobs run a pod to completion', async () => {
    cluster.api.create(T.jobs, 'demo', {
      metadata: { name: 'migrate' },
      spec: {
        template: {
          spec: {
            restartPolicy: 'Never',
            containers: [{ name: 'migrate', image: 'example/migrate:1' }],
          },
        },
      },
    });
    const job = await waitFor(
      () => {
        const j = store().get(T.jobs, 'demo', 'migrate');
        return (
          j?.status?.conditions?.some(
            (c: any) => c.type === 'Complete' && c.status === 'True',
          ) && j
        );
      },
      { what: 'job completion' },
    );
    expect(job.status.succeeded).toBe(1);
    const pod = store()
      .list(T.pods, 'demo')
      .find(p => p.metadata.labels?.['job-name'] === 'migrate')!;
    expect(pod.status.phase).toBe('Succeeded');
  });

  it('HPAs report current replicas and enforce minReplicas', async () => {
    cluster.api.create(T.hpas, 'demo', {
      metadata: { name: 'web' },
      spec: {
        scaleTargetRef: {
          apiVersion: 'apps/v1',
          kind: 'Deployment',
          name: 'web',
        },
        minReplicas: 3,
        maxReplicas: 5,
        metrics: [
          {
            type: 'Resource',
            resource: {
              name: 'cpu',
              target: { type: 'Utilization', averageUtilization: 70 },
            },
          },
        ],
      },
    });
    await waitFor(
      () => store().get(T.hpas, 'demo', 'web')?.status?.currentReplicas === 3,
      { what: 'hpa status' },
    );
    expect(deployment('web').spec.replicas).toBe(3);
  });

  it('a Node object represents the single node', () => {
    const node = store().get(T.nodes, undefined, 'local-node')!;
    expect(
      node.status.conditions.find((c: any) => c.type === 'Ready').status,
    ).toBe('True');
  });
});
