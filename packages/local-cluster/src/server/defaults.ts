/**
 * Server-side defaulting for the fields clients (and the Backstage kubernetes
 * plugin) expect to find populated on objects read back from a real cluster.
 */
import { ResourceType } from '../resources';
import { KubeObject } from '../store/types';

const WORKLOAD_KINDS = [
  'Deployment',
  'ReplicaSet',
  'StatefulSet',
  'DaemonSet',
  'Job',
];

function defaultContainer(c: any) {
  if (!c || typeof c !== 'object') return;
  const image: string = c.image ?? '';
  const tag = image.includes('@')
    ? 'digest'
    : image.split('/').pop()!.split(':')[1];
  c.imagePullPolicy ??= !tag || tag === 'latest' ? 'Always' : 'IfNotPresent';
  c.terminationMessagePath ??= '/dev/termination-log';
  c.terminationMessagePolicy ??= 'File';
  c.resources ??= {};
  // The real API serialises every resource.Quantity as a string: YAML `cpu: 1` reads back as "1",
  // and clients (the Backstage kubernetes plugin among them) parse quantities as strings.
  for (const key of ['requests', 'limits']) {
    const quantities = c.resources[key];
    if (!quantities || typeof quantities !== 'object') continue;
    for (const [name, value] of Object.entries(quantities)) {
      if (typeof value === 'number') quantities[name] = String(value);
    }
  }
  for (const p of Array.isArray(c.ports) ? c.ports : []) p.protocol ??= 'TCP';
  for (const probe of [c.readinessProbe, c.livenessProbe, c.startupProbe]) {
    if (!probe || typeof probe !== 'object') continue;
    probe.timeoutSeconds ??= 1;
    probe.periodSeconds ??= 10;
    probe.successThreshold ??= 1;
    probe.failureThreshold ??= 3;
    if (probe.httpGet) probe.httpGet.scheme ??= 'HTTP';
  }
}

export function defaultPodSpec(spec: any, isPod: boolean) {
  if (!spec || typeof spec !== 'object') return;
  spec.restartPolicy ??= 'Always';
  spec.dnsPolicy ??= 'ClusterFirst';
  spec.schedulerName ??= 'default-scheduler';
  spec.terminationGracePeriodSeconds ??= 30;
  spec.securityContext ??= {};
  if (isPod) {
    spec.serviceAccountName ??= spec.serviceAccount ?? 'default';
    spec.serviceAccount ??= spec.serviceAccountName;
    spec.enableServiceLinks ??= true;
    spec.priority ??= 0;
    spec.preemptionPolicy ??= 'PreemptLowerPriority';
  }
  for (const list of [spec.containers, spec.initContainers]) {
    if (Array.isArray(list)) list.forEach(defaultContainer);
  }
}

function isObject(v: unknown): v is Record<string, any> {
  return !!v && typeof v === 'object' && !Array.isArray(v);
}

/**
 * ObjectMeta's maps and lists are `omitempty` in the real API: a patch that
 * leaves `annotations: {}` reads back without it (kubectl diff relies on that).
 */
function dropEmptyMetadata(obj: KubeObject) {
  const meta = obj.metadata as Record<string, unknown>;
  for (const key of [
    'annotations',
    'labels',
    'ownerReferences',
    'finalizers',
  ]) {
    const v = meta[key];
    if (v === null) delete meta[key];
    else if (
      Array.isArray(v) ? v.length === 0 : isObject(v) && !Object.keys(v).length
    )
      delete meta[key];
  }
}

let nextServiceIp = 10;

export function applyDefaults(
  rt: ResourceType,
  obj: KubeObject,
  isCreate: boolean,
) {
  dropEmptyMetadata(obj);
  const spec = obj.spec;
  if (WORKLOAD_KINDS.includes(rt.kind) && spec && typeof spec === 'object') {
    defaultPodSpec(spec.template?.spec, false);
  }
  switch (rt.kind) {
    case 'Namespace':
      obj.spec ??= { finalizers: ['kubernetes'] };
      obj.status = { phase: 'Active' };
      obj.metadata.labels = {
        ...obj.metadata.labels,
        'kubernetes.io/metadata.name': obj.metadata.name!,
      };
      break;
    case 'Pod':
      defaultPodSpec(spec, true);
      break;
    case 'Deployment':
      if (!spec) break;
      spec.replicas ??= 1;
      spec.revisionHistoryLimit ??= 10;
      spec.progressDeadlineSeconds ??= 600;
      // `kubectl create deployment` sends `strategy: {}`; the real server still defaults the type.
      if (!isObject(spec.strategy)) spec.strategy = {};
      spec.strategy.type ??= 'RollingUpdate';
      if (spec.strategy.type === 'RollingUpdate') {
        spec.strategy.rollingUpdate ??= {};
        spec.strategy.rollingUpdate.maxSurge ??= '25%';
        spec.strategy.rollingUpdate.maxUnavailable ??= '25%';
      }
      break;
    case 'ReplicaSet':
      if (spec) spec.replicas ??= 1;
      break;
    case 'StatefulSet':
      if (!spec) break;
      spec.replicas ??= 1;
      spec.podManagementPolicy ??= 'OrderedReady';
      spec.revisionHistoryLimit ??= 10;
      spec.updateStrategy ??= {
        type: 'RollingUpdate',
        rollingUpdate: { partition: 0 },
      };
      break;
    case 'DaemonSet':
      if (!spec) break;
      spec.revisionHistoryLimit ??= 10;
      spec.updateStrategy ??= {
        type: 'RollingUpdate',
        rollingUpdate: { maxSurge: 0, maxUnavailable: 1 },
      };
      break;
    case 'Job':
      if (!spec) break;
      spec.parallelism ??= 1;
      spec.completions ??= 1;
      spec.backoffLimit ??= 6;
      spec.completionMode ??= 'NonIndexed';
      spec.suspend ??= false;
      if (isCreate && !spec.selector && obj.metadata.name) {
        // Real Jobs select on a generated controller-uid label; the job name is unique enough here.
        const labels = {
          'batch.kubernetes.io/job-name': obj.metadata.name,
          'job-name': obj.metadata.name,
        };
        spec.selector = {
          matchLabels: { 'batch.kubernetes.io/job-name': obj.metadata.name },
        };
        spec.template ??= {};
        spec.template.metadata ??= {};
        spec.template.metadata.labels = {
          ...labels,
          ...spec.template.metadata.labels,
        };
      }
      break;
    case 'CronJob':
      if (!spec) break;
      spec.concurrencyPolicy ??= 'Allow';
      spec.suspend ??= false;
      spec.successfulJobsHistoryLimit ??= 3;
      spec.failedJobsHistoryLimit ??= 1;
      defaultPodSpec(spec.jobTemplate?.spec?.template?.spec, false);
      break;
    case 'Service':
      if (!spec) break;
      spec.type ??= 'ClusterIP';
      spec.sessionAffinity ??= 'None';
      if (spec.type !== 'ExternalName') {
        if (!spec.clusterIP) {
          const n = nextServiceIp++;
          spec.clusterIP = `10.96.${Math.floor(n / 250)}.${(n % 250) + 1}`;
        }
        spec.clusterIPs ??= [spec.clusterIP];
        spec.ipFamilies ??= ['IPv4'];
        spec.ipFamilyPolicy ??= 'SingleStack';
        spec.internalTrafficPolicy ??= 'Cluster';
      }
      for (const p of Array.isArray(spec.ports) ? spec.ports : []) {
        p.protocol ??= 'TCP';
        p.targetPort ??= p.port;
      }
      obj.status ??= { loadBalancer: {} };
      break;
    case 'Secret':
      obj.type ??= 'Opaque';
      if (obj.stringData && typeof obj.stringData === 'object') {
        obj.data ??= {};
        for (const [k, v] of Object.entries(obj.stringData)) {
          obj.data[k] = Buffer.from(String(v)).toString('base64');
        }
        delete obj.stringData;
      }
      break;
    case 'ServiceAccount':
      break;
    default:
      break;
  }
}
