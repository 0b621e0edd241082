/**
 * The controller loop: store events enqueue object keys, a microtask-batched
 * worker reconciles them. Working from keys (not event payloads) means each
 * reconcile sees current state, and bursts of changes collapse into one pass.
 */
import { ResourceType } from '../resources';
import { ClusterApi } from '../server/api';
import { ApiError } from '../server/errors';
import { typeKeyOf } from '../store/ObjectStore';
import { KubeObject, StoreEvent } from '../store/types';
import { EndpointsController } from './endpoints';
import { EventRecorder } from './events';
import { Kubelet } from './kubelet';
import { OtherControllers } from './others';
import { NODE_NAME, T, controllerOf, now } from './util';
import { WorkloadControllers } from './workloads';

/** The kinds the controller reconciles, in the order the start-up pass enqueues them. */
const RECONCILED = [
  T.namespaces,
  T.deployments,
  T.replicaSets,
  T.statefulSets,
  T.daemonSets,
  T.jobs,
  T.hpas,
  T.pods,
  T.services,
];

export interface ControllerOptions {
  readinessDelayMs: number;
  crashLoopIntervalMs: number;
  hpaResyncMs: number;
}

const KIND_TO_TYPE: Record<string, ResourceType> = {
  ReplicaSet: T.replicaSets,
  Deployment: T.deployments,
  StatefulSet: T.statefulSets,
  DaemonSet: T.daemonSets,
  Job: T.jobs,
};

export class Controller {
  private readonly queue = new Set<string>();
  private scheduled = false;
  private stopped = false;
  private readonly timers = new Set<NodeJS.Timeout>();
  private unsubscribe: () => void = () => {};
  readonly events: EventRecorder;
  private readonly kubelet: Kubelet;
  private readonly workloads: WorkloadControllers;
  private readonly others: OtherControllers;
  private readonly endpoints: EndpointsController;

  constructor(
    private readonly api: ClusterApi,
    private readonly opts: ControllerOptions,
  ) {
    this.events = new EventRecorder(api);
    this.kubelet = new Kubelet(api, this.events, opts);
    this.workloads = new WorkloadControllers(api, this.events, (key, ms) =>
      this.later(key, ms),
    );
    this.others = new OtherControllers(api, this.events);
    this.endpoints = new EndpointsController(api);
  }

  start() {
    this.ensureNode();
    this.unsubscribe = this.api.store.subscribe(e => this.onEvent(e));
    for (const rt of RECONCILED) {
      for (const o of this.api.store.list(rt)) this.enqueue(rt, o);
    }
    const resync = setInterval(() => {
      for (const hpa of this.api.store.list(T.hpas)) this.enqueue(T.hpas, hpa);
    }, this.opts.hpaResyncMs);
    resync.unref();
    this.timers.add(resync);
  }

  stop() {
    this.stopped = true;
    this.unsubscribe();
    this.kubelet.stop();
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
  }

  private later(key: string, ms: number) {
    const t = setTimeout(() => {
      this.timers.delete(t);
      this.queue.add(key);
      this.kick();
    }, ms);
    t.unref();
    this.timers.add(t);
  }

  private enqueue(rt: ResourceType, obj: KubeObject) {
    this.queue.add(
      `${rt.resource}/${obj.metadata.namespace ?? ''}/${obj.metadata.name}`,
    );
    this.kick();
  }

  private kick() {
    if (this.scheduled || this.stopped) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      this.drain();
    });
  }

  private onEvent(e: StoreEvent) {
    const obj = e.object;
    const ns = obj.metadata.namespace;
    switch (e.typeKey) {
      case typeKeyOf(T.namespaces):
        if (e.type === 'ADDED') this.enqueue(T.namespaces, obj);
        break;
      case typeKeyOf(T.pods): {
        if (e.type === 'DELETED') this.kubelet.forget(obj.metadata.uid!);
        else if (!obj.status?.phase || !obj.spec?.nodeName)
          this.enqueue(T.pods, obj);
        // A pod's IP or readiness changes the endpoints of the Services in its namespace.
        for (const svc of this.api.store.list(T.services, ns))
          this.enqueue(T.services, svc);
        const owner = controllerOf(obj);
        if (owner && KIND_TO_TYPE[owner.kind])
          this.enqueue(KIND_TO_TYPE[owner.kind], {
            metadata: { name: owner.name, namespace: ns },
          });
        break;
      }
      case typeKeyOf(T.replicaSets): {
        if (e.type !== 'DELETED') this.enqueue(T.replicaSets, obj);
        const owner = controllerOf(obj);
        if (owner?.kind === 'Deployment')
          this.enqueue(T.deployments, {
            metadata: { name: owner.name, namespace: ns },
          });
        break;
      }
      case typeKeyOf(T.deployments):
      case typeKeyOf(T.statefulSets): {
        const rt =
          e.typeKey === typeKeyOf(T.deployments)
            ? T.deployments
            : T.statefulSets;
        if (e.type !== 'DELETED') this.enqueue(rt, obj);
        for (const hpa of this.api.store.list(T.hpas, ns)) {
          if (
            hpa.spec?.scaleTargetRef?.name === obj.metadata.name &&
            hpa.spec?.scaleTargetRef?.kind === rt.kind
          )
            this.enqueue(T.hpas, hpa);
        }
        break;
      }
      case typeKeyOf(T.daemonSets):
      case typeKeyOf(T.jobs):
      case typeKeyOf(T.hpas):
        if (e.type !== 'DELETED') {
          const rt = [T.daemonSets, T.jobs, T.hpas].find(
            t => typeKeyOf(t) === e.typeKey,
          )!;
          this.enqueue(rt, obj);
        }
        break;
      case typeKeyOf(T.nodes):
        // Uncordoning lets the pods that were waiting for a node be scheduled.
        if (e.type === 'MODIFIED' && !obj.spec?.unschedulable)
          for (const pod of this.api.store.list(T.pods))
            if (!pod.spec?.nodeName) this.enqueue(T.pods, pod);
        break;
      case typeKeyOf(T.services):
        if (e.type === 'DELETED') this.endpoints.forgetService(obj);
        else this.enqueue(T.services, obj);
        break;
      default:
        break;
    }
  }

  private drain() {
    let rounds = 0;
    while (this.queue.size && !this.stopped && rounds++ < 1000) {
      const key = this.queue.values().next().value as string;
      this.queue.delete(key);
      const [resource, ns, ...nameParts] = key.split('/');
      const name = nameParts.join('/');
      try {
        this.reconcile(resource, ns || undefined, name);
      } catch (e) {
        // Conflicts and races with user writes resolve on the next pass.
        if (!(e instanceof ApiError) || e.code === 409) this.later(key, 200);
      }
    }
    if (this.queue.size) this.kick();
  }

  private reconcile(resource: string, ns: string | undefined, name: string) {
    const rt = RECONCILED.find(t => t.resource === resource);
    if (!rt) return;
    const obj = this.api.store.get(rt, ns, name);
    if (!obj) return;
    const handlers: Record<string, (o: KubeObject) => void> = {
      Namespace: () => this.ensureServiceAccount(name),
      Pod: o => this.kubelet.sync(o),
      Deployment: o => this.workloads.syncDeployment(o),
      ReplicaSet: o => this.workloads.syncReplicaSet(o),
      StatefulSet: o => this.others.syncStatefulSet(o),
      DaemonSet: o => this.others.syncDaemonSet(o),
      Job: o => this.others.syncJob(o),
      HorizontalPodAutoscaler: o => this.others.syncHpa(o),
      Service: o => this.endpoints.syncService(o),
    };
    handlers[rt.kind]?.(obj);
  }

  private ensureServiceAccount(namespace: string) {
    if (this.api.store.get(T.serviceAccounts, namespace, 'default')) return;
    this.api.create(T.serviceAccounts, namespace, {
      metadata: { name: 'default', namespace },
    });
  }

  private ensureNode() {
    if (this.api.store.get(T.nodes, undefined, NODE_NAME)) return;
    const ts = now();
    const c = (
      type: string,
      status: string,
      reason: string,
      message: string,
    ) => ({
      type,
      status,
      reason,
      message,
      lastHeartbeatTime: ts,
      lastTransitionTime: ts,
    });
    const node = this.api.create(T.nodes, undefined, {
      metadata: {
        name: NODE_NAME,
        labels: {
          'kubernetes.io/hostname': NODE_NAME,
          'kubernetes.io/os': 'linux',
          'kubernetes.io/arch': 'amd64',
          'node-role.kubernetes.io/control-plane': '',
        },
      },
      spec: { podCIDR: '10.244.0.0/24', podCIDRs: ['10.244.0.0/24'] },
    });
    const capacity = {
      cpu: '8',
      memory: '32875512Ki',
      pods: '110',
      'ephemeral-storage': '102626232Ki',
    };
    this.api.replace(
      T.nodes,
      undefined,
      NODE_NAME,
      {
        ...node,
        status: {
          capacity,
          allocatable: capacity,
          conditions: [
            c(
              'MemoryPressure',
              'False',
              'KubeletHasSufficientMemory',
              'kubelet has sufficient memory available',
            ),
            c(
              'DiskPressure',
              'False',
              'KubeletHasNoDiskPressure',
              'kubelet has no disk pressure',
            ),
            c(
              'PIDPressure',
              'False',
              'KubeletHasSufficientPID',
              'kubelet has sufficient PID available',
            ),
            c(
              'Ready',
              'True',
              'KubeletReady',
              'kubelet is posting ready status',
            ),
          ],
          addresses: [
            { type: 'InternalIP', address: '172.18.0.2' },
            { type: 'Hostname', address: NODE_NAME },
          ],
          nodeInfo: {
            architecture: 'amd64',
            operatingSystem: 'linux',
            osImage: 'local-cluster (in-memory stand-in)',
            kernelVersion: '6.1.0',
            containerRuntimeVersion: 'containerd://1.7.0',
            kubeletVersion: 'v1.32.0',
            kubeProxyVersion: 'v1.32.0',
            machineID: '',
            systemUUID: '',
            bootID: '',
          },
        },
      },
      'status',
    );
  }
}
