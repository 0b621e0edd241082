/**
 * meta.k8s.io/v1 Table rendering, which is what `kubectl get` asks for so the
 * server decides the columns. Pods, Deployments and a few other common types
 * get their real columns; everything else gets NAME/AGE.
 */
import { ResourceType } from '../resources';
import { KubeObject } from '../store/types';
import {
  Printer,
  age,
  ageCol,
  joinImages,
  nameCol,
  selectorString,
} from './tableCells';
import { MORE_PRINTERS } from './tablePrinters';

function podStatusReason(pod: KubeObject): string {
  if (pod.metadata.deletionTimestamp) return 'Terminating';
  let reason: string = pod.status?.reason ?? pod.status?.phase ?? 'Pending';
  for (const cs of [...(pod.status?.containerStatuses ?? [])].reverse()) {
    if (cs.state?.waiting?.reason) reason = cs.state.waiting.reason;
    else if (cs.state?.terminated?.reason) reason = cs.state.terminated.reason;
  }
  return reason;
}

function restarts(pod: KubeObject): string {
  const statuses: any[] = pod.status?.containerStatuses ?? [];
  const count = statuses.reduce((n, cs) => n + (cs.restartCount ?? 0), 0);
  const last = statuses
    .map(cs => cs.lastState?.terminated?.finishedAt)
    .filter(Boolean)
    .sort()
    .pop();
  return count > 0 && last ? `${count} (${age(last)} ago)` : String(count);
}

const PRINTERS: Record<string, Printer> = {
  Pod: {
    columns: [
      nameCol,
      {
        name: 'Ready',
        type: 'string',
        description:
          'The aggregate readiness state of this pod for accepting traffic.',
        priority: 0,
      },
      {
        name: 'Status',
        type: 'string',
        description: 'The aggregate status of the containers in this pod.',
        priority: 0,
      },
      {
        name: 'Restarts',
        type: 'string',
        description:
          'The number of times the containers in this pod have been restarted and when the last container in this pod has restarted.',
        priority: 0,
      },
      ageCol,
      {
        name: 'IP',
        type: 'string',
        description: 'IP address allocated to the pod.',
        priority: 1,
      },
      {
        name: 'Node',
        type: 'string',
        description: 'Name of the Node this pod is assigned to.',
        priority: 1,
      },
      {
        name: 'Nominated Node',
        type: 'string',
        description: 'Name of the node nominated for this pod.',
        priority: 1,
      },
      {
        name: 'Readiness Gates',
        type: 'string',
        description: 'Pod readiness gates.',
        priority: 1,
      },
    ],
    cells: p => {
      const cs: any[] = p.status?.containerStatuses ?? [];
      const total = (p.spec?.containers ?? []).length;
      return [
        p.metadata.name!,
        `${cs.filter(c => c.ready).length}/${total}`,
        podStatusReason(p),
        restarts(p),
        age(p.metadata.creationTimestamp),
        p.status?.podIP ?? '<none>',
        p.spec?.nodeName ?? '<none>',
        '<none>',
        '<none>',
      ];
    },
  },
  Deployment: {
    columns: [
      nameCol,
      {
        name: 'Ready',
        type: 'string',
        description: 'Number of the pod with ready state',
        priority: 0,
      },
      {
        name: 'Up-to-date',
        type: 'string',
        description:
          'Total number of non-terminated pods targeted by this deployment that have the desired template spec.',
        priority: 0,
      },
      {
        name: 'Available',
        type: 'string',
        description:
          'Total number of available pods (ready for at least minReadySeconds) targeted by this deployment.',
        priority: 0,
      },
      ageCol,
      {
        name: 'Containers',
        type: 'string',
        description: 'Names of each container in the template.',
        priority: 1,
      },
      {
        name: 'Images',
        type: 'string',
        description: 'Images referenced by each container in the template.',
        priority: 1,
      },
      {
        name: 'Selector',
        type: 'string',
        description: 'Label selector for pods.',
        priority: 1,
      },
    ],
    cells: d => [
      d.metadata.name!,
      `${d.status?.readyReplicas ?? 0}/${d.spec?.replicas ?? 0}`,
      d.status?.updatedReplicas ?? 0,
      d.status?.availableReplicas ?? 0,
      age(d.metadata.creationTimestamp),
      joinImages(d.spec?.template?.spec?.containers, 'name'),
      joinImages(d.spec?.template?.spec?.containers, 'image'),
      selectorString(d.spec?.selector),
    ],
  },
  ReplicaSet: {
    columns: [
      nameCol,
      { name: 'Desired', type: 'integer', priority: 0 },
      { name: 'Current', type: 'integer', priority: 0 },
      { name: 'Ready', type: 'integer', priority: 0 },
      ageCol,
      { name: 'Containers', type: 'string', priority: 1 },
      { name: 'Images', type: 'string', priority: 1 },
      { name: 'Selector', type: 'string', priority: 1 },
    ],
    cells: r => [
      r.metadata.name!,
      r.spec?.replicas ?? 0,
      r.status?.replicas ?? 0,
      r.status?.readyReplicas ?? 0,
      age(r.metadata.creationTimestamp),
      joinImages(r.spec?.template?.spec?.containers, 'name'),
      joinImages(r.spec?.template?.spec?.containers, 'image'),
      selectorString(r.spec?.selector),
    ],
  },
  Service: {
    columns: [
      nameCol,
      { name: 'Type', type: 'string', priority: 0 },
      { name: 'Cluster-IP', type: 'string', priority: 0 },
      { name: 'External-IP', type: 'string', priority: 0 },
      { name: 'Port(s)', type: 'string', priority: 0 },
      ageCol,
    ],
    cells: s => [
      s.metadata.name!,
      s.spec?.type ?? 'ClusterIP',
      s.spec?.clusterIP ?? '<none>',
      '<none>',
      (s.spec?.ports ?? [])
        .map((p: any) => `${p.port}/${p.protocol ?? 'TCP'}`)
        .join(',') || '<none>',
      age(s.metadata.creationTimestamp),
    ],
  },
  Namespace: {
    columns: [nameCol, { name: 'Status', type: 'string', priority: 0 }, ageCol],
    cells: n => [
      n.metadata.name!,
      n.status?.phase ?? 'Active',
      age(n.metadata.creationTimestamp),
    ],
  },
  Event: {
    columns: [
      { name: 'Last Seen', type: 'string', priority: 0 },
      { name: 'Type', type: 'string', priority: 0 },
      { name: 'Reason', type: 'string', priority: 0 },
      { name: 'Object', type: 'string', priority: 0 },
      { name: 'Message', type: 'string', priority: 0 },
    ],
    // Core and events.k8s.io Events: the same columns from either field names.
    cells: e => {
      const regarding = e.involvedObject ?? e.regarding;
      return [
        age(
          e.lastTimestamp ??
            e.deprecatedLastTimestamp ??
            e.series?.lastObservedTime ??
            e.eventTime ??
            e.metadata.creationTimestamp,
        ),
        e.type ?? '',
        e.reason ?? '',
        `${String(regarding?.kind ?? '').toLowerCase()}/${
          regarding?.name ?? ''
        }`,
        e.message ?? e.note ?? '',
      ];
    },
  },
  HorizontalPodAutoscaler: {
    columns: [
      nameCol,
      { name: 'Reference', type: 'string', priority: 0 },
      { name: 'Targets', type: 'string', priority: 0 },
      { name: 'MinPods', type: 'string', priority: 0 },
      { name: 'MaxPods', type: 'integer', priority: 0 },
      { name: 'Replicas', type: 'integer', priority: 0 },
      ageCol,
    ],
    cells: h => {
      const cur =
        h.status?.currentMetrics?.[0]?.resource?.current?.averageUtilization;
      const target = h.spec?.metrics?.[0]?.resource?.target?.averageUtilization;
      return [
        h.metadata.name!,
        `${h.spec?.scaleTargetRef?.kind}/${h.spec?.scaleTargetRef?.name}`,
        target !== undefined
          ? `cpu: ${cur ?? '<unknown>'}%/${target}%`
          : '<none>',
        String(h.spec?.minReplicas ?? 1),
        h.spec?.maxReplicas ?? 0,
        h.status?.currentReplicas ?? 0,
        age(h.metadata.creationTimestamp),
      ];
    },
  },
};

const GENERIC: Printer = {
  columns: [nameCol, ageCol],
  cells: o => [o.metadata.name!, age(o.metadata.creationTimestamp)],
};

function rowObject(obj: KubeObject, includeObject: string | undefined) {
  if (includeObject === 'None') return undefined;
  if (includeObject === 'Object') return obj;
  return {
    kind: 'PartialObjectMetadata',
    apiVersion: 'meta.k8s.io/v1',
    metadata: obj.metadata,
  };
}

/** True when the Accept header asks for a meta.k8s.io Table. */
export function wantsTable(accept: string | undefined): boolean {
  return !!accept && /as=Table/.test(accept) && /g=meta\.k8s\.io/.test(accept);
}

export function toTable(
  rt: ResourceType,
  items: KubeObject[],
  includeObject: string | undefined,
  listMeta: Record<string, unknown> = {},
) {
  const printer = PRINTERS[rt.kind] ?? MORE_PRINTERS[rt.kind] ?? GENERIC;
  return {
    kind: 'Table',
    apiVersion: 'meta.k8s.io/v1',
    metadata: listMeta,
    columnDefinitions: printer.columns.map(c => ({
      description: '',
      format: '',
      ...c,
    })),
    rows: items.map(obj => ({
      cells: printer.cells(obj),
      object: rowObject(obj, includeObject),
    })),
  };
}
