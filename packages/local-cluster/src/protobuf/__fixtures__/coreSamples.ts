/**
 * Rich JSON objects of the core/v1 kinds, each exercising the conversions
 * that differ from a plain field copy: times, quantities, int-or-strings,
 * bytes, maps, inlined Go embeds, pointer zeros, raw JSON (managedFields).
 */
const meta = (name: string, namespace?: string) => ({
  name,
  ...(namespace ? { namespace } : {}),
  uid: '4f1c2b4e-1d2a-4f55-9d0e-0b5a6c7d8e9f',
  resourceVersion: '42',
  generation: 3,
  creationTimestamp: '2026-12-05T10:11:12Z',
  labels: { app: name, 'app.kubernetes.io/part-of': 'portal' },
  annotations: { 'example.com/note': 'a "quoted" value' },
  ownerReferences: [
    {
      apiVersion: 'apps/v1',
      kind: 'ReplicaSet',
      name: `${name}-rs`,
      uid: '11111111-2222-3333-4444-555555555555',
      controller: true,
      blockOwnerDeletion: false,
    },
  ],
  finalizers: ['example.com/keep'],
  managedFields: [
    {
      manager: 'kubectl-client-side-apply',
      operation: 'Update',
      apiVersion: 'v1',
      time: '2026-12-05T10:11:12Z',
      fieldsType: 'FieldsV1',
      fieldsV1: { 'f:metadata': { 'f:labels': { '.': {}, 'f:app': {} } } },
    },
  ],
});

export const podSpec = {
  volumes: [
    { name: 'config', configMap: { name: 'app-config', defaultMode: 420 } },
    { name: 'creds', secret: { secretName: 'app-creds', optional: false } },
    { name: 'scratch', emptyDir: { sizeLimit: '64Mi' } },
  ],
  initContainers: [{ name: 'init', image: 'busybox:1.36', command: ['true'] }],
  containers: [
    {
      name: 'app',
      image: 'ghcr.io/example/app:1.2.3',
      args: ['--port', '8080'],
      ports: [{ name: 'http', containerPort: 8080, protocol: 'TCP' }],
      env: [
        { name: 'MODE', value: 'prod' },
        {
          name: 'PASSWORD',
          valueFrom: { secretKeyRef: { name: 'app-creds', key: 'password' } },
        },
        {
          name: 'CPU',
          valueFrom: {
            resourceFieldRef: { resource: 'limits.cpu', divisor: '1m' },
          },
        },
      ],
      resources: {
        limits: { cpu: '500m', memory: '256Mi' },
        requests: { cpu: '100m', memory: '128Mi' },
      },
      volumeMounts: [{ name: 'config', mountPath: '/etc/app', readOnly: true }],
      livenessProbe: {
        httpGet: { path: '/healthz', port: 'http', scheme: 'HTTP' },
        initialDelaySeconds: 5,
        periodSeconds: 10,
      },
      readinessProbe: { tcpSocket: { port: 8080 }, failureThreshold: 3 },
      securityContext: {
        runAsUser: 0,
        runAsNonRoot: false,
        allowPrivilegeEscalation: false,
        capabilities: { drop: ['ALL'] },
      },
      imagePullPolicy: 'IfNotPresent',
    },
  ],
  restartPolicy: 'Always',
  terminationGracePeriodSeconds: 0,
  dnsPolicy: 'ClusterFirst',
  nodeSelector: { 'kubernetes.io/os': 'linux' },
  serviceAccountName: 'app',
  automountServiceAccountToken: false,
  nodeName: 'local-node',
  tolerations: [
    {
      key: 'node.kubernetes.io/not-ready',
      operator: 'Exists',
      effect: 'NoExecute',
      tolerationSeconds: 300,
    },
  ],
};

export const coreSamples: Record<string, any>[] = [
  {
    apiVersion: 'v1',
    kind: 'Namespace',
    metadata: { name: 'payments', labels: { team: 'payments' } },
    spec: { finalizers: ['kubernetes'] },
    status: { phase: 'Active' },
  },
  {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      ...meta('app-7d4b9c-x2x9q', 'payments'),
      deletionTimestamp: '2026-12-05T11:00:00Z',
      deletionGracePeriodSeconds: 0,
    },
    spec: podSpec,
    status: {
      phase: 'Running',
      conditions: [
        {
          type: 'Ready',
          status: 'True',
          lastProbeTime: null,
          lastTransitionTime: '2026-12-05T10:11:20Z',
        },
      ],
      hostIP: '10.0.0.1',
      podIP: '10.244.0.7',
      podIPs: [{ ip: '10.244.0.7' }],
      startTime: '2026-12-05T10:11:13Z',
      containerStatuses: [
        {
          name: 'app',
          state: { running: { startedAt: '2026-12-05T10:11:15Z' } },
          lastState: {
            terminated: {
              exitCode: 0,
              reason: 'Completed',
              finishedAt: '2026-12-05T10:11:14Z',
            },
          },
          ready: false,
          restartCount: 0,
          image: 'ghcr.io/example/app:1.2.3',
          imageID: '',
          started: true,
        },
      ],
      qosClass: 'Burstable',
    },
  },
  {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: meta('app', 'payments'),
    spec: {
      ports: [
        { name: 'http', protocol: 'TCP', port: 80, targetPort: 'http' },
        {
          name: 'metrics',
          protocol: 'TCP',
          port: 9090,
          targetPort: 9090,
          nodePort: 30090,
        },
      ],
      selector: { app: 'app' },
      clusterIP: '10.96.0.12',
      clusterIPs: ['10.96.0.12'],
      type: 'NodePort',
      sessionAffinity: 'None',
      ipFamilies: ['IPv4'],
    },
    status: { loadBalancer: {} },
  },
  {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: meta('app-config', 'payments'),
    data: { 'app.yaml': 'port: 8080\n', empty: '' },
    binaryData: {
      'logo.png': Buffer.from([0x89, 0x50, 0x4e, 0x47, 0]).toString('base64'),
    },
    immutable: false,
  },
  {
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: meta('app-creds', 'payments'),
    type: 'Opaque',
    data: { password: Buffer.from('hunter2').toString('base64'), blank: '' },
    stringData: { token: 'plain text' },
  },
  {
    apiVersion: 'v1',
    kind: 'ServiceAccount',
    metadata: meta('app', 'payments'),
    secrets: [{ name: 'app-token' }],
    imagePullSecrets: [{ name: 'registry' }],
    automountServiceAccountToken: false,
  },
  {
    apiVersion: 'v1',
    kind: 'Event',
    metadata: {
      name: 'app.17f',
      namespace: 'payments',
      creationTimestamp: '2026-12-05T10:11:12Z',
    },
    involvedObject: {
      kind: 'Pod',
      namespace: 'payments',
      name: 'app',
      uid: 'u-1',
      apiVersion: 'v1',
      resourceVersion: '9',
      fieldPath: 'spec.containers{app}',
    },
    reason: 'BackOff',
    message: 'Back-off restarting failed container app',
    source: { component: 'kubelet', host: 'local-node' },
    firstTimestamp: '2026-12-05T10:11:12Z',
    lastTimestamp: '2026-12-05T10:15:12Z',
    count: 7,
    type: 'Warning',
    eventTime: '2026-12-05T10:11:12.123456Z',
    reportingComponent: 'kubelet',
    reportingInstance: 'local-node',
  },
  {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: {
      name: 'local-node',
      labels: { 'kubernetes.io/hostname': 'local-node' },
    },
    spec: {
      podCIDR: '10.244.0.0/24',
      taints: [{ key: 'k', value: 'v', effect: 'NoSchedule' }],
    },
    status: {
      capacity: { cpu: '4', memory: '16Gi', pods: '110' },
      allocatable: { cpu: '3800m', memory: '15Gi', pods: '110' },
      conditions: [
        {
          type: 'Ready',
          status: 'True',
          lastHeartbeatTime: '2026-12-05T10:11:12Z',
          lastTransitionTime: '2026-12-05T10:00:00Z',
          reason: 'KubeletReady',
          message: 'ok',
        },
      ],
      addresses: [{ type: 'InternalIP', address: '10.0.0.1' }],
      nodeInfo: {
        machineID: 'm',
        systemUUID: 's',
        bootID: 'b',
        kernelVersion: '6.1',
        osImage: 'Linux',
        containerRuntimeVersion: 'containerd://1.7',
        kubeletVersion: 'v1.32.4',
        kubeProxyVersion: 'v1.32.4',
        operatingSystem: 'linux',
        architecture: 'amd64',
      },
    },
  },
  {
    apiVersion: 'v1',
    kind: 'LimitRange',
    metadata: meta('limits', 'payments'),
    spec: {
      limits: [
        {
          type: 'Container',
          default: { cpu: '500m' },
          defaultRequest: { cpu: '100m' },
          max: { memory: '1Gi' },
        },
      ],
    },
  },
  {
    apiVersion: 'v1',
    kind: 'ResourceQuota',
    metadata: meta('quota', 'payments'),
    spec: { hard: { pods: '10', 'requests.cpu': '4' } },
    status: { hard: { pods: '10' }, used: { pods: '3' } },
  },
  {
    apiVersion: 'v1',
    kind: 'Endpoints',
    metadata: meta('app', 'payments'),
    subsets: [
      {
        addresses: [
          {
            ip: '10.244.0.7',
            targetRef: { kind: 'Pod', name: 'app-1', namespace: 'payments' },
          },
        ],
        ports: [{ name: 'http', port: 8080, protocol: 'TCP' }],
      },
    ],
  },
  {
    apiVersion: 'v1',
    kind: 'PodList',
    metadata: {
      resourceVersion: '77',
      continue: 'eyJ2IjoxfQ',
      remainingItemCount: 4,
    },
    items: [
      {
        metadata: { name: 'a', namespace: 'payments' },
        spec: { containers: [{ name: 'c', image: 'nginx:1.27' }] },
        status: { phase: 'Pending' },
      },
      {
        metadata: { name: 'b', namespace: 'payments' },
        spec: { containers: [{ name: 'c', image: 'nginx:1.27' }] },
        status: { phase: 'Running' },
      },
    ],
  },
  {
    apiVersion: 'v1',
    kind: 'NamespaceList',
    metadata: { resourceVersion: '1' },
    items: [
      { metadata: { name: 'default' }, spec: {}, status: { phase: 'Active' } },
    ],
  },
  {
    apiVersion: 'v1',
    kind: 'Binding',
    metadata: { name: 'app-1', namespace: 'payments' },
    target: { kind: 'Node', name: 'local-node', apiVersion: 'v1' },
  },
];
