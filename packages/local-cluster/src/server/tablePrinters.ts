/**
 * Table columns for the less central types, as kubectl's server-side printers
 * (pkg/printers/internalversion) define them, so `kubectl get cm,secret,job,
 * cj,pdb,sts,ds,no,role,rolebinding …` shows what a real cluster shows.
 */
import { KubeObject } from '../store/types';
import {
  Column,
  Printer,
  age,
  ageCol,
  humanDuration,
  joinImages,
  nameCol,
  selectorString,
} from './tableCells';

const col = (name: string, type = 'string', priority = 0): Column => ({
  name,
  type,
  priority,
});

const wideTemplate = [
  col('Containers', 'string', 1),
  col('Images', 'string', 1),
  col('Selector', 'string', 1),
];

function templateCells(o: KubeObject, template: any): string[] {
  const containers = template?.spec?.containers;
  return [
    joinImages(containers, 'name'),
    joinImages(containers, 'image'),
    selectorString(o.spec?.selector),
  ];
}

function jobStatus(job: KubeObject): string {
  const conditions: any[] = job.status?.conditions ?? [];
  const isTrue = (type: string) =>
    conditions.some(c => c.type === type && c.status === 'True');
  if (isTrue('Complete')) return 'Complete';
  if (isTrue('Failed')) return 'Failed';
  if (job.spec?.suspend) return 'Suspended';
  return 'Running';
}

function jobDuration(job: KubeObject): string {
  const start = Date.parse(job.status?.startTime ?? '');
  if (!start) return '';
  const end = Date.parse(job.status?.completionTime ?? '') || Date.now();
  return humanDuration(end - start);
}

function createdAt(o: KubeObject): string {
  return String(o.metadata.creationTimestamp ?? '');
}

function subjects(b: KubeObject, kind: string): string {
  return (b.subjects ?? [])
    .filter((s: any) => s.kind === kind)
    .map((s: any) =>
      kind === 'ServiceAccount' ? `${s.namespace ?? ''}/${s.name}` : s.name,
    )
    .join(', ');
}

const binding: Printer = {
  columns: [
    nameCol,
    col('Role'),
    ageCol,
    col('Users', 'string', 1),
    col('Groups', 'string', 1),
    col('ServiceAccounts', 'string', 1),
  ],
  cells: b => [
    b.metadata.name!,
    `${b.roleRef?.kind ?? ''}/${b.roleRef?.name ?? ''}`,
    age(b.metadata.creationTimestamp),
    subjects(b, 'User'),
    subjects(b, 'Group'),
    subjects(b, 'ServiceAccount'),
  ],
};

const role: Printer = {
  columns: [nameCol, col('Created At', 'date')],
  cells: r => [r.metadata.name!, createdAt(r)],
};

export const MORE_PRINTERS: Record<string, Printer> = {
  ConfigMap: {
    columns: [nameCol, col('Data', 'integer'), ageCol],
    cells: c => [
      c.metadata.name!,
      Object.keys(c.data ?? {}).length + Object.keys(c.binaryData ?? {}).length,
      age(c.metadata.creationTimestamp),
    ],
  },
  Secret: {
    columns: [nameCol, col('Type'), col('Data', 'integer'), ageCol],
    cells: s => [
      s.metadata.name!,
      s.type ?? 'Opaque',
      Object.keys(s.data ?? {}).length,
      age(s.metadata.creationTimestamp),
    ],
  },
  ServiceAccount: {
    columns: [nameCol, col('Secrets', 'integer'), ageCol],
    cells: s => [
      s.metadata.name!,
      (s.secrets ?? []).length,
      age(s.metadata.creationTimestamp),
    ],
  },
  Job: {
    columns: [
      nameCol,
      col('Status'),
      col('Completions'),
      col('Duration'),
      ageCol,
      ...wideTemplate,
    ],
    cells: j => [
      j.metadata.name!,
      jobStatus(j),
      `${j.status?.succeeded ?? 0}/${j.spec?.completions ?? 1}`,
      jobDuration(j),
      age(j.metadata.creationTimestamp),
      ...templateCells(j, j.spec?.template),
    ],
  },
  CronJob: {
    columns: [
      nameCol,
      col('Schedule'),
      col('Timezone'),
      col('Suspend', 'boolean'),
      col('Active', 'integer'),
      col('Last Schedule'),
      ageCol,
      ...wideTemplate,
    ],
    cells: c => [
      c.metadata.name!,
      c.spec?.schedule ?? '',
      c.spec?.timeZone ?? '<none>',
      c.spec?.suspend ? 'True' : 'False',
      (c.status?.active ?? []).length,
      c.status?.lastScheduleTime ? age(c.status.lastScheduleTime) : '<none>',
      age(c.metadata.creationTimestamp),
      ...templateCells(
        { ...c, spec: c.spec?.jobTemplate?.spec ?? {} },
        c.spec?.jobTemplate?.spec?.template,
      ),
    ],
  },
  PodDisruptionBudget: {
    columns: [
      nameCol,
      col('Min Available'),
      col('Max Unavailable'),
      col('Allowed Disruptions', 'integer'),
      ageCol,
    ],
    cells: p => [
      p.metadata.name!,
      p.spec?.minAvailable !== undefined ? String(p.spec.minAvailable) : 'N/A',
      p.spec?.maxUnavailable !== undefined
        ? String(p.spec.maxUnavailable)
        : 'N/A',
      p.status?.disruptionsAllowed ?? 0,
      age(p.metadata.creationTimestamp),
    ],
  },
  StatefulSet: {
    columns: [
      nameCol,
      col('Ready'),
      ageCol,
      col('Containers', 'string', 1),
      col('Images', 'string', 1),
    ],
    cells: s => [
      s.metadata.name!,
      `${s.status?.readyReplicas ?? 0}/${s.spec?.replicas ?? 1}`,
      age(s.metadata.creationTimestamp),
      ...templateCells(s, s.spec?.template).slice(0, 2),
    ],
  },
  DaemonSet: {
    columns: [
      nameCol,
      col('Desired', 'integer'),
      col('Current', 'integer'),
      col('Ready', 'integer'),
      col('Up-to-date', 'integer'),
      col('Available', 'integer'),
      col('Node Selector'),
      ageCol,
      ...wideTemplate,
    ],
    cells: d => [
      d.metadata.name!,
      d.status?.desiredNumberScheduled ?? 0,
      d.status?.currentNumberScheduled ?? 0,
      d.status?.numberReady ?? 0,
      d.status?.updatedNumberScheduled ?? 0,
      d.status?.numberAvailable ?? 0,
      Object.entries(d.spec?.template?.spec?.nodeSelector ?? {})
        .map(([k, v]) => `${k}=${v}`)
        .join(',') || '<none>',
      age(d.metadata.creationTimestamp),
      ...templateCells(d, d.spec?.template),
    ],
  },
  Node: {
    columns: [
      nameCol,
      col('Status'),
      col('Roles'),
      ageCol,
      col('Version'),
      col('Internal-IP', 'string', 1),
      col('External-IP', 'string', 1),
      col('OS-Image', 'string', 1),
      col('Kernel-Version', 'string', 1),
      col('Container-Runtime', 'string', 1),
    ],
    cells: n => {
      const ready = (n.status?.conditions ?? []).find(
        (c: any) => c.type === 'Ready',
      );
      const roles = Object.keys(n.metadata.labels ?? {})
        .filter(l => l.startsWith('node-role.kubernetes.io/'))
        .map(l => l.slice('node-role.kubernetes.io/'.length));
      const info = n.status?.nodeInfo ?? {};
      const address = (type: string) =>
        (n.status?.addresses ?? []).find((a: any) => a.type === type)
          ?.address ?? '<none>';
      return [
        n.metadata.name!,
        `${ready?.status === 'True' ? 'Ready' : 'NotReady'}${
          n.spec?.unschedulable ? ',SchedulingDisabled' : ''
        }`,
        roles.join(',') || '<none>',
        age(n.metadata.creationTimestamp),
        info.kubeletVersion ?? '',
        address('InternalIP'),
        address('ExternalIP'),
        info.osImage ?? '<unknown>',
        info.kernelVersion ?? '<unknown>',
        info.containerRuntimeVersion ?? '<unknown>',
      ];
    },
  },
  NetworkPolicy: {
    columns: [nameCol, col('Pod-Selector'), ageCol],
    cells: p => [
      p.metadata.name!,
      selectorString(p.spec?.podSelector).replace('<none>', ''),
      age(p.metadata.creationTimestamp),
    ],
  },
  Ingress: {
    columns: [
      nameCol,
      col('Class'),
      col('Hosts'),
      col('Address'),
      col('Ports'),
      ageCol,
    ],
    cells: i => [
      i.metadata.name!,
      i.spec?.ingressClassName ?? '<none>',
      (i.spec?.rules ?? []).map((r: any) => r.host ?? '*').join(',') || '*',
      (i.status?.loadBalancer?.ingress ?? [])
        .map((a: any) => a.ip ?? a.hostname)
        .join(','),
      i.spec?.tls?.length ? '80, 443' : '80',
      age(i.metadata.creationTimestamp),
    ],
  },
  Endpoints: {
    columns: [nameCol, col('Endpoints'), ageCol],
    cells: e => {
      const all: string[] = [];
      for (const subset of e.subsets ?? [])
        for (const a of subset.addresses ?? [])
          for (const p of subset.ports?.length ? subset.ports : [{}])
            all.push(p.port ? `${a.ip}:${p.port}` : a.ip);
      const shown = all.slice(0, 3).join(',');
      return [
        e.metadata.name!,
        all.length > 3
          ? `${shown} + ${all.length - 3} more...`
          : shown || '<none>',
        age(e.metadata.creationTimestamp),
      ];
    },
  },
  EndpointSlice: {
    columns: [
      nameCol,
      col('AddressType'),
      col('Ports'),
      col('Endpoints'),
      ageCol,
    ],
    cells: s => {
      const ips = (s.endpoints ?? []).flatMap((e: any) => e.addresses ?? []);
      const ports = (s.ports ?? []).map((p: any) => p.port).join(',');
      return [
        s.metadata.name!,
        s.addressType ?? 'IPv4',
        ports || '<unset>',
        ips.length > 3
          ? `${ips.slice(0, 3).join(',')} + ${ips.length - 3} more...`
          : ips.join(',') || '<unset>',
        age(s.metadata.creationTimestamp),
      ];
    },
  },
  ControllerRevision: {
    columns: [nameCol, col('Controller'), col('Revision', 'integer'), ageCol],
    cells: c => {
      const owner = c.metadata.ownerReferences?.find(r => r.controller);
      return [
        c.metadata.name!,
        owner
          ? `${owner.kind.toLowerCase()}.${owner.apiVersion.split('/')[0]}/${
              owner.name
            }`
          : '<none>',
        c.revision ?? 0,
        age(c.metadata.creationTimestamp),
      ];
    },
  },
  Role: role,
  ClusterRole: role,
  LimitRange: role,
  RoleBinding: binding,
  ClusterRoleBinding: binding,
};
