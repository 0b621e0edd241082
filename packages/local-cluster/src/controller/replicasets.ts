/**
 * The ReplicaSet controller: keeps the number of active pods at spec.replicas,
 * removing not-ready and newest pods first, and reports counts in status.
 */
import { ClusterApi } from '../server/api';
import { randomSuffix } from '../store/ObjectStore';
import { KubeObject } from '../store/types';
import { EventRecorder } from './events';
import { T, isOwnedBy, isPodActive, isPodReady, ownerRef } from './util';

export function syncReplicaSet(
  api: ClusterApi,
  events: EventRecorder,
  rs: KubeObject,
) {
  const ns = rs.metadata.namespace!;
  const desired: number = rs.spec?.replicas ?? 1;
  let pods = api.store
    .list(T.pods, ns)
    .filter(p => isOwnedBy(p, rs) && isPodActive(p));
  if (pods.length < desired) {
    for (let i = pods.length; i < desired; i++) {
      const tmpl = rs.spec.template ?? {};
      const pod = api.create(T.pods, ns, {
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: {
          name: `${rs.metadata.name}-${randomSuffix(5)}`,
          namespace: ns,
          labels: { ...tmpl.metadata?.labels },
          ...(tmpl.metadata?.annotations
            ? { annotations: { ...tmpl.metadata.annotations } }
            : {}),
          ownerReferences: [ownerRef(T.replicaSets, rs)],
        },
        spec: structuredClone(tmpl.spec),
      });
      events.record(
        rs,
        'Normal',
        'SuccessfulCreate',
        `Created pod: ${pod.metadata.name}`,
        'replicaset-controller',
      );
      pods.push(pod);
    }
  } else if (pods.length > desired) {
    // Remove not-ready and newest pods first, like the real controller's ranking.
    const ranked = [...pods].sort(
      (a, b) =>
        Number(isPodReady(a)) - Number(isPodReady(b)) ||
        String(b.metadata.creationTimestamp).localeCompare(
          String(a.metadata.creationTimestamp),
        ),
    );
    for (const pod of ranked.slice(0, pods.length - desired)) {
      api.delete(T.pods, ns, pod.metadata.name!);
      events.record(
        rs,
        'Normal',
        'SuccessfulDelete',
        `Deleted pod: ${pod.metadata.name}`,
        'replicaset-controller',
      );
    }
    pods = api.store
      .list(T.pods, ns)
      .filter(p => isOwnedBy(p, rs) && isPodActive(p));
  }
  const current = api.store.get(T.replicaSets, ns, rs.metadata.name!);
  if (!current) return;
  const ready = pods.filter(isPodReady).length;
  const status: Record<string, any> = {
    replicas: pods.length,
    fullyLabeledReplicas: pods.length,
    readyReplicas: ready,
    availableReplicas: ready,
    observedGeneration: current.metadata.generation,
  };
  for (const k of [
    'fullyLabeledReplicas',
    'readyReplicas',
    'availableReplicas',
  ]) {
    if (status[k] === 0) delete status[k];
  }
  api.replace(
    T.replicaSets,
    ns,
    current.metadata.name!,
    { ...current, status },
    'status',
  );
}
