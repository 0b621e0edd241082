/**
 * A pretend kubelet for the single node: schedules pods onto `local-node`,
 * moves them Pending -> Running/Ready after the readiness delay, completes
 * Job pods, and keeps crash-looping containers in CrashLoopBackOff with a
 * growing restart count and BackOff events.
 */
import { ClusterApi } from '../server/api';
import { KubeObject } from '../store/types';
import { EventRecorder } from './events';
import { NODE_NAME, T, controllerOf, isCrashLoopImage, now } from './util';

export interface KubeletOptions {
  readinessDelayMs: number;
  crashLoopIntervalMs: number;
}

const HOST_IP = '172.18.0.2';

function cond(
  type: string,
  status: boolean,
  reason?: string,
  message?: string,
) {
  return {
    type,
    status: status ? 'True' : 'False',
    lastProbeTime: null,
    lastTransitionTime: now(),
    ...(reason ? { reason } : {}),
    ...(message ? { message } : {}),
  };
}

export class Kubelet {
  private nextIp = 10;
  private readonly timers = new Map<string, NodeJS.Timeout[]>();

  constructor(
    private readonly api: ClusterApi,
    private readonly events: EventRecorder,
    private readonly opts: KubeletOptions,
  ) {}

  private schedule(pod: KubeObject, ms: number, fn: () => void) {
    const uid = pod.metadata.uid!;
    const t = setTimeout(() => {
      const list = this.timers.get(uid) ?? [];
      this.timers.set(
        uid,
        list.filter(x => x !== t),
      );
      fn();
    }, ms);
    this.timers.set(uid, [...(this.timers.get(uid) ?? []), t]);
  }

  forget(uid: string) {
    for (const t of this.timers.get(uid) ?? []) clearTimeout(t);
    this.timers.delete(uid);
  }

  stop() {
    for (const uid of [...this.timers.keys()]) this.forget(uid);
  }

  /** Re-reads the pod and applies `mutate` to its status; no-op if the pod is gone. */
  private updateStatus(
    pod: KubeObject,
    mutate: (p: KubeObject) => void,
  ): KubeObject | undefined {
    const current = this.api.store.get(
      T.pods,
      pod.metadata.namespace,
      pod.metadata.name!,
    );
    if (!current || current.metadata.uid !== pod.metadata.uid) return undefined;
    mutate(current);
    return this.api.replace(
      T.pods,
      current.metadata.namespace,
      current.metadata.name!,
      current,
      'status',
    );
  }

  /** Called for every pod event; only acts on pods that have not been scheduled yet. */
  sync(pod: KubeObject) {
    const waiting = !pod.spec?.nodeName && pod.status?.phase === 'Pending';
    if (pod.status?.phase && !waiting) return;
    if (this.unschedulable(pod)) {
      if (!waiting) this.markUnschedulable(pod);
      return;
    }
    let bound = pod;
    if (pod.spec?.nodeName !== NODE_NAME) {
      bound = this.api.replace(
        T.pods,
        pod.metadata.namespace,
        pod.metadata.name!,
        {
          ...pod,
          spec: { ...pod.spec, nodeName: NODE_NAME },
          metadata: { ...pod.metadata, resourceVersion: undefined },
        },
      );
    }
    const containers: any[] = bound.spec?.containers ?? [];
    const updated = this.updateStatus(bound, p => {
      p.status = {
        phase: 'Pending',
        conditions: [cond('PodScheduled', true)],
        hostIP: HOST_IP,
        hostIPs: [{ ip: HOST_IP }],
        qosClass: qosClass(containers),
        startTime: now(),
        containerStatuses: containers.map(c => ({
          name: c.name,
          image: c.image,
          imageID: '',
          ready: false,
          restartCount: 0,
          started: false,
          state: { waiting: { reason: 'ContainerCreating' } },
          lastState: {},
        })),
      };
    });
    if (!updated) return;
    this.events.record(
      updated,
      'Normal',
      'Scheduled',
      `Successfully assigned ${pod.metadata.namespace}/${pod.metadata.name} to ${NODE_NAME}`,
      'default-scheduler',
    );
    this.schedule(updated, this.opts.readinessDelayMs, () =>
      this.start(updated),
    );
  }

  /**
   * A cordoned node (`kubectl cordon`/`drain`) takes no new pods, as the real
   * scheduler decides; DaemonSet pods tolerate it. They wait until uncordon.
   */
  private unschedulable(pod: KubeObject): boolean {
    if (pod.spec?.nodeName || controllerOf(pod)?.kind === 'DaemonSet')
      return false;
    return !!this.api.store.get(T.nodes, undefined, NODE_NAME)?.spec
      ?.unschedulable;
  }

  private markUnschedulable(pod: KubeObject) {
    const message =
      '0/1 nodes are available: 1 node(s) were unschedulable. preemption: 0/1 nodes are available: 1 Preemption is not helpful for scheduling.';
    const updated = this.updateStatus(pod, p => {
      p.status = {
        phase: 'Pending',
        conditions: [cond('PodScheduled', false, 'Unschedulable', message)],
        qosClass: qosClass(p.spec?.containers ?? []),
      };
    });
    if (updated)
      this.events.record(
        updated,
        'Warning',
        'FailedScheduling',
        message,
        'default-scheduler',
      );
  }

  private start(pod: KubeObject) {
    const containers: any[] = pod.spec?.containers ?? [];
    const crashing = containers
      .filter(c => isCrashLoopImage(c.image))
      .map(c => c.name);
    const ip = `10.244.0.${(this.nextIp++ % 250) + 2}`;
    const ts = now();
    const runsToCompletion =
      pod.spec?.restartPolicy !== 'Always' || controllerOf(pod)?.kind === 'Job';
    const updated = this.updateStatus(pod, p => {
      const ready = crashing.length === 0;
      p.status.phase = 'Running';
      p.status.podIP = ip;
      p.status.podIPs = [{ ip }];
      p.status.conditions = [
        cond('PodReadyToStartContainers', true),
        cond('Initialized', true),
        cond(
          'Ready',
          ready,
          ready ? undefined : 'ContainersNotReady',
          ready
            ? undefined
            : `containers with unready status: [${crashing.join(' ')}]`,
        ),
        cond(
          'ContainersReady',
          ready,
          ready ? undefined : 'ContainersNotReady',
          ready
            ? undefined
            : `containers with unready status: [${crashing.join(' ')}]`,
        ),
        cond('PodScheduled', true),
      ];
      p.status.containerStatuses = containers.map(c => {
        const base = {
          name: c.name,
          image: c.image,
          imageID: `${c.image.split(':')[0]}@sha256:${'0'.repeat(64)}`,
          containerID: `containerd://${Math.random()
            .toString(16)
            .slice(2)
            .padEnd(16, '0')}`,
        };
        if (crashing.includes(c.name)) {
          return { ...base, ...crashState(1, ts) };
        }
        return {
          ...base,
          ready: true,
          started: true,
          restartCount: 0,
          state: { running: { startedAt: ts } },
          lastState: {},
        };
      });
    });
    if (!updated) return;
    for (const c of containers) {
      const fp = `spec.containers{${c.name}}`;
      this.events.record(
        updated,
        'Normal',
        'Pulled',
        `Container image "${c.image}" already present on machine`,
        'kubelet',
        fp,
      );
      this.events.record(
        updated,
        'Normal',
        'Created',
        `Created container: ${c.name}`,
        'kubelet',
        fp,
      );
      this.events.record(
        updated,
        'Normal',
        'Started',
        `Started container ${c.name}`,
        'kubelet',
        fp,
      );
    }
    if (crashing.length) {
      this.recordBackOff(updated, crashing);
      if (runsToCompletion && pod.spec?.restartPolicy === 'Never') {
        this.finish(updated, false);
      } else {
        this.schedule(updated, this.opts.crashLoopIntervalMs, () =>
          this.crashAgain(updated, crashing),
        );
      }
    } else if (runsToCompletion) {
      this.schedule(updated, this.opts.readinessDelayMs, () =>
        this.finish(updated, true),
      );
    }
  }

  private recordBackOff(pod: KubeObject, crashing: string[]) {
    for (const name of crashing) {
      this.events.record(
        pod,
        'Warning',
        'BackOff',
        `Back-off restarting failed container ${name} in pod ${pod.metadata.name}_${pod.metadata.namespace}(${pod.metadata.uid})`,
        'kubelet',
        `spec.containers{${name}}`,
      );
    }
  }

  private crashAgain(pod: KubeObject, crashing: string[]) {
    const ts = now();
    const updated = this.updateStatus(pod, p => {
      p.status.containerStatuses = (p.status.containerStatuses ?? []).map(
        (cs: any) =>
          crashing.includes(cs.name)
            ? { ...cs, ...crashState((cs.restartCount ?? 0) + 1, ts) }
            : cs,
      );
    });
    if (!updated) return;
    this.recordBackOff(updated, crashing);
    this.schedule(updated, this.opts.crashLoopIntervalMs, () =>
      this.crashAgain(updated, crashing),
    );
  }

  private finish(pod: KubeObject, success: boolean) {
    const ts = now();
    this.updateStatus(pod, p => {
      p.status.phase = success ? 'Succeeded' : 'Failed';
      p.status.conditions = (p.status.conditions ?? []).map((c: any) =>
        c.type === 'Ready' || c.type === 'ContainersReady'
          ? {
              ...c,
              status: 'False',
              reason: 'PodCompleted',
              lastTransitionTime: ts,
            }
          : c,
      );
      p.status.containerStatuses = (p.status.containerStatuses ?? []).map(
        (cs: any) => ({
          ...cs,
          ready: false,
          started: false,
          state: {
            terminated: {
              exitCode: success ? 0 : 1,
              reason: success ? 'Completed' : 'Error',
              startedAt: cs.state?.running?.startedAt ?? ts,
              finishedAt: ts,
              containerID: cs.containerID,
            },
          },
        }),
      );
    });
  }
}

function crashState(restartCount: number, ts: string) {
  const started = new Date(Date.now() - 2000)
    .toISOString()
    .replace(/\.\d+Z$/, 'Z');
  return {
    ready: false,
    started: false,
    restartCount,
    state: {
      waiting: {
        reason: 'CrashLoopBackOff',
        message: 'back-off 5m0s restarting failed container',
      },
    },
    lastState: {
      terminated: {
        exitCode: 1,
        reason: 'Error',
        startedAt: started,
        finishedAt: ts,
      },
    },
  };
}

function qosClass(containers: any[]): string {
  const all = containers.every(
    c => c.resources?.limits?.cpu && c.resources?.limits?.memory,
  );
  const guaranteed =
    all &&
    containers.every(
      c =>
        (!c.resources?.requests?.cpu ||
          c.resources.requests.cpu === c.resources.limits.cpu) &&
        (!c.resources?.requests?.memory ||
          c.resources.requests.memory === c.resources.limits.memory),
    );
  if (guaranteed) return 'Guaranteed';
  return containers.some(c => c.resources?.requests || c.resources?.limits)
    ? 'Burstable'
    : 'BestEffort';
}
