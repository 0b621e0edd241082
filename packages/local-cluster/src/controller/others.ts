/** StatefulSet, DaemonSet, Job and HorizontalPodAutoscaler controllers. */
import { ClusterApi } from '../server/api';
import { listPodMetrics } from '../server/metrics';
import { parseQuantity } from '../server/quantity';
import { randomSuffix } from '../store/ObjectStore';
import { KubeObject } from '../store/types';
import { ResourceType } from '../resources';
import { EventRecorder } from './events';
import { recordRevision } from './history';
import {
  NODE_NAME,
  T,
  isOwnedBy,
  isPodActive,
  isPodReady,
  now,
  ownerRef,
  setCondition,
  templateHash,
} from './util';

const REVISION_LABEL = 'controller-revision-hash';

export class OtherControllers {
  constructor(
    private readonly api: ClusterApi,
    private readonly events: EventRecorder,
  ) {}

  private createPod(
    owner: KubeObject,
    ownerType: ResourceType,
    name: string,
    extraLabels: Record<string, string>,
    nodeName?: string,
  ) {
    const tmpl = owner.spec?.template ?? {};
    const pod = this.api.create(T.pods, owner.metadata.namespace, {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: {
        name,
        namespace: owner.metadata.namespace,
        labels: { ...tmpl.metadata?.labels, ...extraLabels },
        ...(tmpl.metadata?.annotations
          ? { annotations: { ...tmpl.metadata.annotations } }
          : {}),
        ownerReferences: [ownerRef(ownerType, owner)],
      },
      spec: {
        ...structuredClone(tmpl.spec),
        ...(nodeName ? { nodeName } : {}),
      },
    });
    this.events.record(
      owner,
      'Normal',
      'SuccessfulCreate',
      `create Pod ${pod.metadata.name} in ${ownerType.kind} ${owner.metadata.name} successful`,
      `${ownerType.kind.toLowerCase()}-controller`,
    );
    return pod;
  }

  private ownedPods(owner: KubeObject): KubeObject[] {
    return this.api.store
      .list(T.pods, owner.metadata.namespace)
      .filter(p => isOwnedBy(p, owner));
  }

  private writeStatus(
    rt: ResourceType,
    owner: KubeObject,
    status: Record<string, any>,
  ) {
    const current = this.api.store.get(
      rt,
      owner.metadata.namespace,
      owner.metadata.name!,
    );
    if (!current) return;
    this.api.replace(
      rt,
      current.metadata.namespace,
      current.metadata.name!,
      {
        ...current,
        status: { observedGeneration: current.metadata.generation, ...status },
      },
      'status',
    );
  }

  syncStatefulSet(sts: KubeObject) {
    const replicas: number = sts.spec?.replicas ?? 1;
    const hash = templateHash(sts.spec?.template);
    const revision = `${sts.metadata.name}-${hash}`;
    recordRevision(this.api, sts, T.statefulSets, hash);
    const pods = this.ownedPods(sts);
    for (const pod of pods) {
      const ordinal = Number(
        pod.metadata.name!.slice(sts.metadata.name!.length + 1),
      );
      // Out-of-range ordinals are removed; outdated pods are replaced (RollingUpdate, all at once).
      if (
        ordinal >= replicas ||
        pod.metadata.labels?.[REVISION_LABEL] !== revision
      ) {
        this.api.delete(T.pods, pod.metadata.namespace, pod.metadata.name!);
      }
    }
    const remaining = new Set(this.ownedPods(sts).map(p => p.metadata.name));
    for (let i = 0; i < replicas; i++) {
      const name = `${sts.metadata.name}-${i}`;
      if (remaining.has(name)) continue;
      if (this.api.store.get(T.pods, sts.metadata.namespace, name)) continue;
      this.createPod(sts, T.statefulSets, name, {
        [REVISION_LABEL]: revision,
        'statefulset.kubernetes.io/pod-name': name,
        'apps.kubernetes.io/pod-index': String(i),
      });
    }
    const current = this.ownedPods(sts);
    const ready = current.filter(isPodReady).length;
    this.writeStatus(T.statefulSets, sts, {
      replicas: current.length,
      readyReplicas: ready,
      currentReplicas: current.length,
      updatedReplicas: current.length,
      availableReplicas: ready,
      currentRevision: revision,
      updateRevision: revision,
      collisionCount: 0,
    });
  }

  syncDaemonSet(ds: KubeObject) {
    const revision = templateHash(ds.spec?.template);
    recordRevision(this.api, ds, T.daemonSets, revision);
    const pods = this.ownedPods(ds);
    for (const pod of pods) {
      if (pod.metadata.labels?.[REVISION_LABEL] !== revision) {
        this.api.delete(T.pods, pod.metadata.namespace, pod.metadata.name!);
      }
    }
    if (!this.ownedPods(ds).length) {
      this.createPod(
        ds,
        T.daemonSets,
        `${ds.metadata.name}-${randomSuffix(5)}`,
        {
          [REVISION_LABEL]: revision,
          'pod-template-generation': String(ds.metadata.generation ?? 1),
        },
        NODE_NAME,
      );
    }
    const current = this.ownedPods(ds);
    const ready = current.filter(isPodReady).length;
    this.writeStatus(T.daemonSets, ds, {
      currentNumberScheduled: current.length,
      desiredNumberScheduled: 1,
      numberMisscheduled: 0,
      numberReady: ready,
      numberAvailable: ready,
      ...(ready < 1 ? { numberUnavailable: 1 } : {}),
      updatedNumberScheduled: current.length,
    });
  }

  syncJob(job: KubeObject) {
    if (job.spec?.suspend) return;
    const pods = this.ownedPods(job);
    const succeeded = pods.filter(p => p.status?.phase === 'Succeeded').length;
    const failed = pods.filter(p => p.status?.phase === 'Failed').length;
    const active = pods.filter(isPodActive).length;
    const completions: number = job.spec?.completions ?? 1;
    const backoffLimit: number = job.spec?.backoffLimit ?? 6;
    const done = job.status?.conditions?.some(
      (c: any) =>
        (c.type === 'Complete' || c.type === 'Failed') && c.status === 'True',
    );
    if (
      !done &&
      active === 0 &&
      succeeded < completions &&
      failed <= backoffLimit
    ) {
      this.createPod(job, T.jobs, `${job.metadata.name}-${randomSuffix(5)}`, {
        'batch.kubernetes.io/job-name': job.metadata.name!,
        'job-name': job.metadata.name!,
        'batch.kubernetes.io/controller-uid': job.metadata.uid!,
        'controller-uid': job.metadata.uid!,
      });
    }
    const activeNow = this.ownedPods(job).filter(isPodActive).length;
    const status: Record<string, any> = {
      startTime: job.status?.startTime ?? now(),
      active: activeNow || undefined,
      ready: this.ownedPods(job).filter(isPodReady).length,
      succeeded: succeeded || undefined,
      failed: failed || undefined,
      terminating: 0,
      uncountedTerminatedPods: {},
      conditions: job.status?.conditions,
    };
    if (succeeded >= completions) {
      status.completionTime = job.status?.completionTime ?? now();
      status.conditions = setCondition(status.conditions, {
        type: 'SuccessCriteriaMet',
        status: 'True',
        reason: 'CompletionsReached',
        message: 'Reached expected number of succeeded pods',
        lastProbeTime: now(),
      });
      status.conditions = setCondition(status.conditions, {
        type: 'Complete',
        status: 'True',
        reason: 'CompletionsReached',
        message: 'Reached expected number of succeeded pods',
        lastProbeTime: now(),
      });
      if (!done)
        this.events.record(
          job,
          'Normal',
          'Completed',
          'Job completed',
          'job-controller',
        );
    } else if (failed > backoffLimit) {
      status.conditions = setCondition(status.conditions, {
        type: 'Failed',
        status: 'True',
        reason: 'BackoffLimitExceeded',
        message: 'Job has reached the specified backoff limit',
        lastProbeTime: now(),
      });
    }
    // Probe times churn on every sync; keep them from the first write so no-op syncs stay no-ops.
    status.conditions = status.conditions?.map((c: any) => {
      const prev = job.status?.conditions?.find(
        (p: any) => p.type === c.type && p.status === c.status,
      );
      return prev ? { ...c, lastProbeTime: prev.lastProbeTime } : c;
    });
    this.writeStatus(T.jobs, job, status);
  }

  syncHpa(hpa: KubeObject) {
    const ref = hpa.spec?.scaleTargetRef ?? {};
    const rt = ref.kind === 'StatefulSet' ? T.statefulSets : T.deployments;
    const target = this.api.store.get(rt, hpa.metadata.namespace, ref.name);
    const min: number = hpa.spec?.minReplicas ?? 1;
    const max: number = hpa.spec?.maxReplicas ?? 1;
    if (!target) {
      this.writeStatus(T.hpas, hpa, {
        currentReplicas: 0,
        desiredReplicas: 0,
        conditions: setCondition(hpa.status?.conditions, {
          type: 'AbleToScale',
          status: 'False',
          reason: 'FailedGetScale',
          message: `the HPA controller was unable to get the target's current scale: ${rt.resource}.apps "${ref.name}" not found`,
        }),
      });
      return;
    }
    const specReplicas: number = target.spec?.replicas ?? 1;
    const desired = Math.min(max, Math.max(min, specReplicas));
    if (desired !== specReplicas) {
      this.api.updateScale(
        rt,
        target.metadata.namespace,
        target.metadata.name!,
        { spec: { replicas: desired } },
      );
      this.events.record(
        hpa,
        'Normal',
        'SuccessfulRescale',
        `New size: ${desired}; reason: Current number of replicas ${
          specReplicas < min
            ? 'below Spec.MinReplicas'
            : 'above Spec.MaxReplicas'
        }`,
        'horizontal-pod-autoscaler',
      );
    }
    const currentMetrics = (hpa.spec?.metrics ?? [])
      .filter((m: any) => m.type === 'Resource' && m.resource?.name)
      .map((m: any) => ({
        type: 'Resource',
        resource: {
          name: m.resource.name,
          current: this.utilization(target, m.resource.name),
        },
      }));
    let conditions = setCondition(hpa.status?.conditions, {
      type: 'AbleToScale',
      status: 'True',
      reason: 'ReadyForNewScale',
      message: 'recommended size matches current size',
    });
    conditions = setCondition(conditions, {
      type: 'ScalingActive',
      status: 'True',
      reason: 'ValidMetricFound',
      message:
        'the HPA was able to successfully calculate a replica count from cpu resource utilization (percentage of request)',
    });
    conditions = setCondition(
      conditions,
      desired === max
        ? {
            type: 'ScalingLimited',
            status: 'True',
            reason: 'TooManyReplicas',
            message:
              'the desired replica count is more than the maximum replica count',
          }
        : {
            type: 'ScalingLimited',
            status: 'False',
            reason: 'DesiredWithinRange',
            message: 'the desired count is within the acceptable range',
          },
    );
    this.writeStatus(T.hpas, hpa, {
      currentReplicas: target.status?.replicas ?? 0,
      desiredReplicas: desired,
      currentMetrics: currentMetrics.length ? currentMetrics : undefined,
      conditions,
    });
  }

  /** Average usage across the target's running pods relative to requests, rounded coarsely to limit churn. */
  private utilization(target: KubeObject, resource: string) {
    const selector = target.spec?.selector?.matchLabels ?? {};
    const metrics = listPodMetrics(
      this.api.store,
      target.metadata.namespace,
    ).filter(pm =>
      Object.entries(selector).every(([k, v]) => pm.metadata.labels?.[k] === v),
    );
    const requests = parseQuantity(
      target.spec?.template?.spec?.containers?.[0]?.resources?.requests?.[
        resource
      ],
    );
    if (!metrics.length || !requests)
      return { averageUtilization: 0, averageValue: '0' };
    const total = metrics.reduce(
      (n, pm) => n + (parseQuantity(pm.containers[0]?.usage?.[resource]) ?? 0),
      0,
    );
    const avg = total / metrics.length;
    const pct = Math.round(((avg / requests) * 100) / 5) * 5;
    return {
      averageUtilization: pct,
      averageValue:
        resource === 'cpu'
          ? `${Math.round(avg * 1000)}m`
          : `${Math.round(avg / 1024 ** 2)}Mi`,
    };
  }
}
