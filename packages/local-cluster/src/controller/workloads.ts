/**
 * Deployment and ReplicaSet controllers. Rollouts are simplified: the new
 * ReplicaSet is scaled to the full replica count at once and old ones are
 * scaled to zero only when the new one is fully available — so a broken
 * image leaves a rollout visibly stuck, as it would in a real cluster.
 */
import { ClusterApi } from '../server/api';
import { KubeObject } from '../store/types';
import { EventRecorder } from './events';
import { syncReplicaSet } from './replicasets';
import { T, isOwnedBy, ownerRef, setCondition, templateHash } from './util';

const REVISION = 'deployment.kubernetes.io/revision';
const REVISION_HISTORY = 'deployment.kubernetes.io/revision-history';

/** Deployment annotations the real controller does not copy onto its ReplicaSets. */
const NOT_COPIED = new Set([
  'kubectl.kubernetes.io/last-applied-configuration',
  REVISION,
  REVISION_HISTORY,
  'deployment.kubernetes.io/desired-replicas',
  'deployment.kubernetes.io/max-replicas',
]);

/** What the new ReplicaSet inherits, e.g. `kubernetes.io/change-cause` for `rollout history`. */
function copiedAnnotations(dep: KubeObject): Record<string, string> {
  return Object.fromEntries(
    Object.entries(dep.metadata.annotations ?? {}).filter(
      ([k]) => !NOT_COPIED.has(k),
    ),
  );
}

function revisionOf(rs: KubeObject): number {
  return Number(rs.metadata.annotations?.[REVISION] ?? 0);
}

function maxUnavailable(dep: KubeObject): number {
  const desired = dep.spec?.replicas ?? 1;
  const raw = dep.spec?.strategy?.rollingUpdate?.maxUnavailable ?? '25%';
  if (typeof raw === 'number') return raw;
  const m = /^(\d+)%$/.exec(String(raw));
  return m ? Math.floor((desired * Number(m[1])) / 100) : Number(raw) || 0;
}

export class WorkloadControllers {
  constructor(
    private readonly api: ClusterApi,
    private readonly events: EventRecorder,
    /** Asks the controller loop to revisit a deployment later (progress deadline). */
    private readonly requeueAfter: (key: string, ms: number) => void,
  ) {}

  private scaleRs(rs: KubeObject, replicas: number, dep: KubeObject) {
    const from = rs.spec?.replicas ?? 0;
    if (from === replicas) return;
    this.api.replace(T.replicaSets, rs.metadata.namespace, rs.metadata.name!, {
      ...rs,
      metadata: {
        ...rs.metadata,
        resourceVersion: undefined,
        annotations: {
          ...rs.metadata.annotations,
          'deployment.kubernetes.io/desired-replicas': String(
            dep.spec?.replicas ?? 1,
          ),
        },
      },
      spec: { ...rs.spec, replicas },
    });
    this.events.record(
      dep,
      'Normal',
      'ScalingReplicaSet',
      `Scaled ${replicas > from ? 'up' : 'down'} replica set ${
        rs.metadata.name
      } from ${from} to ${replicas}`,
      'deployment-controller',
    );
  }

  syncDeployment(dep: KubeObject) {
    const ns = dep.metadata.namespace!;
    const desired: number = dep.spec?.replicas ?? 1;
    const hash = templateHash(dep.spec?.template);
    const owned = this.api.store
      .list(T.replicaSets, ns)
      .filter(rs => isOwnedBy(rs, dep));
    const maxRev = owned.reduce((m, rs) => Math.max(m, revisionOf(rs)), 0);
    let newRs = owned.find(
      rs => rs.metadata.labels?.['pod-template-hash'] === hash,
    );

    if (dep.spec?.paused) {
      this.syncPaused(dep, owned, newRs);
      return;
    }
    if (!newRs) {
      const template = structuredClone(dep.spec.template);
      template.metadata = {
        ...template.metadata,
        labels: { ...template.metadata?.labels, 'pod-template-hash': hash },
      };
      newRs = this.api.create(T.replicaSets, ns, {
        apiVersion: 'apps/v1',
        kind: 'ReplicaSet',
        metadata: {
          name: `${dep.metadata.name}-${hash}`,
          namespace: ns,
          labels: template.metadata.labels,
          annotations: {
            ...copiedAnnotations(dep),
            'deployment.kubernetes.io/desired-replicas': String(desired),
            'deployment.kubernetes.io/max-replicas': String(desired + 1),
            [REVISION]: String(maxRev + 1),
          },
          ownerReferences: [ownerRef(T.deployments, dep)],
        },
        spec: {
          replicas: desired,
          minReadySeconds: dep.spec?.minReadySeconds ?? 0,
          selector: {
            ...dep.spec.selector,
            matchLabels: {
              ...dep.spec.selector?.matchLabels,
              'pod-template-hash': hash,
            },
          },
          template,
        },
      });
      this.events.record(
        dep,
        'Normal',
        'ScalingReplicaSet',
        `Scaled up replica set ${newRs.metadata.name} from 0 to ${desired}`,
        'deployment-controller',
      );
      owned.push(newRs);
    } else {
      const inherited = copiedAnnotations(dep);
      if (
        Object.entries(inherited).some(
          ([key, v]) => newRs!.metadata.annotations?.[key] !== v,
        )
      ) {
        newRs = this.api.replace(T.replicaSets, ns, newRs.metadata.name!, {
          ...newRs,
          metadata: {
            ...newRs.metadata,
            resourceVersion: undefined,
            annotations: { ...newRs.metadata.annotations, ...inherited },
          },
        });
      }
      if (revisionOf(newRs) < maxRev) {
        // Rolling back to an older template makes that ReplicaSet the newest revision again.
        newRs = this.api.replace(T.replicaSets, ns, newRs.metadata.name!, {
          ...newRs,
          metadata: {
            ...newRs.metadata,
            resourceVersion: undefined,
            annotations: {
              ...newRs.metadata.annotations,
              [REVISION]: String(maxRev + 1),
              // As the real controller does: the revisions this ReplicaSet had before.
              [REVISION_HISTORY]: [
                newRs.metadata.annotations?.[REVISION_HISTORY],
                String(revisionOf(newRs)),
              ]
                .filter(Boolean)
                .join(','),
            },
          },
        });
      }
      this.scaleRs(newRs, desired, dep);
    }

    const newAvailable = newRs.status?.availableReplicas ?? 0;
    const olds = owned.filter(rs => rs.metadata.uid !== newRs!.metadata.uid);
    if (newAvailable >= desired) {
      for (const old of olds) this.scaleRs(old, 0, dep);
    }
    this.pruneHistory(dep, olds);
    this.updateDeploymentStatus(dep, newRs);
  }

  /**
   * A paused Deployment only scales: a changed template gets no new ReplicaSet
   * (and no new revision) until `kubectl rollout resume`, as in the real controller.
   */
  private syncPaused(
    dep: KubeObject,
    owned: KubeObject[],
    newRs: KubeObject | undefined,
  ) {
    const desired: number = dep.spec?.replicas ?? 1;
    const active =
      newRs ??
      [...owned]
        .filter(rs => (rs.spec?.replicas ?? 0) > 0)
        .sort((a, b) => revisionOf(b) - revisionOf(a))[0];
    if (active) this.scaleRs(active, desired, dep);
    this.updateDeploymentStatus(dep, newRs);
  }

  private pruneHistory(dep: KubeObject, olds: KubeObject[]) {
    const limit = dep.spec?.revisionHistoryLimit ?? 10;
    const idle = olds
      .filter(
        rs =>
          (rs.spec?.replicas ?? 0) === 0 && (rs.status?.replicas ?? 0) === 0,
      )
      .sort((a, b) => revisionOf(a) - revisionOf(b));
    for (const rs of idle.slice(0, Math.max(0, idle.length - limit))) {
      try {
        this.api.delete(
          T.replicaSets,
          rs.metadata.namespace,
          rs.metadata.name!,
        );
      } catch {
        // already gone
      }
    }
  }

  private updateDeploymentStatus(
    depIn: KubeObject,
    newRsIn: KubeObject | undefined,
  ) {
    let dep = this.api.store.get(
      T.deployments,
      depIn.metadata.namespace,
      depIn.metadata.name!,
    );
    if (!dep) return;
    // Like the real controller, the Deployment carries its current revision (kubectl rollout
    // history and rollout observers read it there).
    const revision = newRsIn && String(revisionOf(newRsIn));
    if (revision && dep.metadata.annotations?.[REVISION] !== revision) {
      dep = this.api.replace(
        T.deployments,
        dep.metadata.namespace,
        dep.metadata.name!,
        {
          ...dep,
          metadata: {
            ...dep.metadata,
            annotations: { ...dep.metadata.annotations, [REVISION]: revision },
          },
        },
      );
    }
    const ns = dep.metadata.namespace!;
    const all = this.api.store
      .list(T.replicaSets, ns)
      .filter(rs => isOwnedBy(rs, dep));
    const newRs =
      newRsIn &&
      (all.find(rs => rs.metadata.uid === newRsIn.metadata.uid) ?? newRsIn);
    const sum = (f: (rs: KubeObject) => number) =>
      all.reduce((n, rs) => n + f(rs), 0);
    const desired: number = dep.spec?.replicas ?? 1;
    const replicas = sum(rs => rs.status?.replicas ?? 0);
    const updated = newRs?.status?.replicas ?? 0;
    const ready = sum(rs => rs.status?.readyReplicas ?? 0);
    const available = sum(rs => rs.status?.availableReplicas ?? 0);
    const complete =
      updated === desired && replicas === desired && available === desired;

    let conditions = setCondition(
      dep.status?.conditions,
      available >= desired - maxUnavailable(dep)
        ? {
            type: 'Available',
            status: 'True',
            reason: 'MinimumReplicasAvailable',
            message: 'Deployment has minimum availability.',
          }
        : {
            type: 'Available',
            status: 'False',
            reason: 'MinimumReplicasUnavailable',
            message: 'Deployment does not have minimum availability.',
          },
      true,
    );
    const prevProgress = dep.status?.conditions?.find(
      (c: any) => c.type === 'Progressing',
    );
    const deadlineMs = (dep.spec?.progressDeadlineSeconds ?? 600) * 1000;
    let progress;
    if (dep.spec?.paused) {
      progress = {
        type: 'Progressing',
        status: 'Unknown',
        reason: 'DeploymentPaused',
        message: 'Deployment is paused',
      };
    } else if (complete && newRs) {
      progress = {
        type: 'Progressing',
        status: 'True',
        reason: 'NewReplicaSetAvailable',
        message: `ReplicaSet "${newRs.metadata.name}" has successfully progressed.`,
      };
    } else if (
      prevProgress?.reason === 'ProgressDeadlineExceeded' ||
      (prevProgress?.reason === 'ReplicaSetUpdated' &&
        Date.now() - Date.parse(prevProgress.lastUpdateTime) > deadlineMs)
    ) {
      progress = {
        type: 'Progressing',
        status: 'False',
        reason: 'ProgressDeadlineExceeded',
        message: `ReplicaSet "${newRs?.metadata.name}" has timed out progressing.`,
      };
    } else {
      progress = {
        type: 'Progressing',
        status: 'True',
        reason: 'ReplicaSetUpdated',
        message: `ReplicaSet "${newRs?.metadata.name}" is progressing.`,
      };
      const sinceUpdate =
        prevProgress?.reason === 'ReplicaSetUpdated'
          ? Date.now() - Date.parse(prevProgress.lastUpdateTime)
          : 0;
      this.requeueAfter(
        `deployments/${ns}/${dep.metadata.name}`,
        Math.max(1000, deadlineMs - sinceUpdate + 1000),
      );
    }
    conditions = setCondition(conditions, progress, true);
    // Real deployments list Available before Progressing.
    conditions.sort(
      (a, b) => Number(b.type === 'Available') - Number(a.type === 'Available'),
    );

    const status: Record<string, any> = {
      observedGeneration: dep.metadata.generation,
      replicas,
      updatedReplicas: updated,
      readyReplicas: ready,
      availableReplicas: available,
      conditions,
    };
    const unavailable = Math.max(0, Math.max(replicas, desired) - available);
    if (unavailable > 0) status.unavailableReplicas = unavailable;
    for (const k of [
      'replicas',
      'updatedReplicas',
      'readyReplicas',
      'availableReplicas',
    ]) {
      if (status[k] === 0) delete status[k];
    }
    this.api.replace(
      T.deployments,
      ns,
      dep.metadata.name!,
      { ...dep, status },
      'status',
    );
  }

  syncReplicaSet(rs: KubeObject) {
    syncReplicaSet(this.api, this.events, rs);
  }
}
