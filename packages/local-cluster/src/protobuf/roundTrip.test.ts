/**
 * JSON → protobuf (protobufjs over the vendored .proto files) → JSON must be
 * the identity for every kind served as protobuf, including the fields
 * whose JSON and wire shapes differ.
 */
import {
  decodeProtobufObject,
  encodeProtobufObject,
  registeredKinds,
} from './index';
import { coreSamples } from './__fixtures__/coreSamples';
import { groupSamples } from './__fixtures__/groupSamples';

const metaSamples: Record<string, any>[] = [
  {
    apiVersion: 'v1',
    kind: 'DeleteOptions',
    gracePeriodSeconds: 0,
    propagationPolicy: 'Foreground',
    preconditions: { uid: 'u-1', resourceVersion: '7' },
    dryRun: ['All'],
  },
  {
    apiVersion: 'meta.k8s.io/v1',
    kind: 'DeleteOptions',
    orphanDependents: false,
  },
  {
    apiVersion: 'v1',
    kind: 'Status',
    metadata: {},
    status: 'Failure',
    message: 'Deployment.apps "x" is invalid',
    reason: 'Invalid',
    details: {
      name: 'x',
      group: 'apps',
      kind: 'Deployment',
      causes: [
        {
          reason: 'FieldValueRequired',
          message: 'Required value',
          field: 'spec.template.spec.containers',
        },
      ],
      retryAfterSeconds: 1,
    },
    code: 422,
  },
  {
    apiVersion: 'authorization.k8s.io/v1',
    kind: 'SelfSubjectAccessReview',
    metadata: {},
    spec: {
      resourceAttributes: {
        namespace: 'payments',
        verb: 'get',
        group: 'apps',
        resource: 'deployments',
        subresource: 'scale',
        name: 'app',
      },
    },
    status: {
      allowed: true,
      reason: 'RBAC: allowed by RoleBinding "edit/payments"',
    },
  },
  {
    apiVersion: 'authorization.k8s.io/v1',
    kind: 'SubjectAccessReview',
    metadata: {},
    spec: {
      nonResourceAttributes: { path: '/healthz', verb: 'get' },
      user: 'system:serviceaccount:backstage:portal',
      groups: ['system:serviceaccounts', 'system:authenticated'],
      extra: { 'scopes.example.com': ['read', 'write'] },
      uid: 'u-2',
    },
    status: { allowed: false, denied: true, evaluationError: 'none' },
  },
  {
    apiVersion: 'authorization.k8s.io/v1',
    kind: 'LocalSubjectAccessReview',
    metadata: { namespace: 'payments' },
    spec: {
      resourceAttributes: {
        namespace: 'payments',
        verb: 'list',
        resource: 'pods',
      },
      user: 'alice',
    },
    status: { allowed: false },
  },
  {
    apiVersion: 'authorization.k8s.io/v1',
    kind: 'SelfSubjectRulesReview',
    metadata: {},
    spec: { namespace: 'payments' },
    status: {
      resourceRules: [
        { verbs: ['get', 'list'], apiGroups: [''], resources: ['pods'] },
      ],
      nonResourceRules: [
        { verbs: ['get'], nonResourceURLs: ['/api', '/version'] },
      ],
      incomplete: false,
    },
  },
];

const authnSamples: Record<string, any>[] = [
  {
    apiVersion: 'authentication.k8s.io/v1',
    kind: 'SelfSubjectReview',
    metadata: { creationTimestamp: '2026-12-05T09:00:00Z' },
    status: {
      userInfo: {
        username: 'system:serviceaccount:backstage:portal',
        uid: 'u-3',
        groups: ['system:serviceaccounts', 'system:authenticated'],
        extra: { 'authentication.kubernetes.io/pod-name': ['portal-0'] },
      },
    },
  },
  {
    apiVersion: 'authentication.k8s.io/v1',
    kind: 'TokenReview',
    metadata: {},
    spec: { token: 'abc', audiences: ['https://kubernetes.default.svc'] },
    status: {
      authenticated: true,
      user: { username: 'alice' },
      audiences: ['https://kubernetes.default.svc'],
    },
  },
  {
    apiVersion: 'authentication.k8s.io/v1',
    kind: 'TokenRequest',
    metadata: { name: 'portal', namespace: 'backstage' },
    spec: {
      audiences: ['api'],
      expirationSeconds: 3600,
      boundObjectRef: {
        kind: 'Pod',
        apiVersion: 'v1',
        name: 'portal-0',
        uid: 'u-4',
      },
    },
    status: {
      token: 'eyJhbGciOi',
      expirationTimestamp: '2026-12-05T10:00:00Z',
    },
  },
  {
    apiVersion: 'discovery.k8s.io/v1',
    kind: 'EndpointSlice',
    metadata: {
      name: 'app-abcde',
      namespace: 'payments',
      labels: { 'kubernetes.io/service-name': 'app' },
    },
    addressType: 'IPv4',
    endpoints: [
      {
        addresses: ['10.244.0.7'],
        conditions: { ready: true, serving: true, terminating: false },
        nodeName: 'local-node',
        targetRef: {
          kind: 'Pod',
          namespace: 'payments',
          name: 'app-1',
          uid: 'u-5',
        },
      },
    ],
    ports: [{ name: 'http', protocol: 'TCP', port: 8080 }],
  },
];

const samples = [
  ...coreSamples,
  ...groupSamples,
  ...metaSamples,
  ...authnSamples,
];

/** Go writes zero times as null and the decoder omits them. */
function withoutNulls(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(withoutNulls);
  if (v && typeof v === 'object')
    return Object.fromEntries(
      Object.entries(v)
        .filter(([, x]) => x !== null)
        .map(([k, x]) => [k, withoutNulls(x)]),
    );
  return v;
}

describe('protobuf round trip', () => {
  it.each(samples.map(s => [`${s.apiVersion} ${s.kind}`, s]))(
    '%s',
    (_name, sample) => {
      const wire = encodeProtobufObject(sample);
      expect(wire.subarray(0, 4).toString('latin1')).toBe('k8s\0');
      expect(decodeProtobufObject(wire)).toEqual(withoutNulls(sample));
    },
  );

  it('covers every kind the issue lists, in every version served', () => {
    const covered = new Set(samples.map(s => `${s.apiVersion} ${s.kind}`));
    const required = [
      'v1 Namespace',
      'v1 Pod',
      'v1 Service',
      'v1 ConfigMap',
      'v1 Secret',
      'v1 ServiceAccount',
      'v1 Event',
      'apps/v1 Deployment',
      'apps/v1 ReplicaSet',
      'apps/v1 StatefulSet',
      'apps/v1 DaemonSet',
      'batch/v1 Job',
      'batch/v1 CronJob',
      'autoscaling/v1 HorizontalPodAutoscaler',
      'autoscaling/v2 HorizontalPodAutoscaler',
      'autoscaling/v1 Scale',
      'policy/v1 PodDisruptionBudget',
      'networking.k8s.io/v1 NetworkPolicy',
      'rbac.authorization.k8s.io/v1 Role',
      'rbac.authorization.k8s.io/v1 RoleBinding',
      'rbac.authorization.k8s.io/v1 ClusterRole',
      'rbac.authorization.k8s.io/v1 ClusterRoleBinding',
      'events.k8s.io/v1 Event',
      'authorization.k8s.io/v1 SelfSubjectAccessReview',
      'authorization.k8s.io/v1 SubjectAccessReview',
      'authorization.k8s.io/v1 SelfSubjectRulesReview',
      'authentication.k8s.io/v1 SelfSubjectReview',
      'discovery.k8s.io/v1 EndpointSlice',
      'v1 DeleteOptions',
      'v1 Status',
      'v1 PodList',
    ];
    expect(required.filter(k => !covered.has(k))).toEqual([]);
    const registered = new Set(
      registeredKinds().map(k => `${k.apiVersion} ${k.kind}`),
    );
    expect(
      required.filter(
        k => !registered.has(k) && !/DeleteOptions|Status$/.test(k),
      ),
    ).toEqual([]);
  });

  it('keeps zeros that mean something and the JSON shape of special types', () => {
    const deployment = groupSamples.find(s => s.kind === 'Deployment')!;
    const back = decodeProtobufObject(encodeProtobufObject(deployment)) as any;
    expect(back.spec.replicas).toBe(0);
    expect(back.spec.strategy.rollingUpdate).toEqual({
      maxUnavailable: 0,
      maxSurge: '25%',
    });
    const pod = decodeProtobufObject(
      encodeProtobufObject(coreSamples[1]),
    ) as any;
    expect(pod.spec.volumes[0]).toEqual({
      name: 'config',
      configMap: { name: 'app-config', defaultMode: 420 },
    });
    expect(pod.spec.containers[0].env[1].valueFrom.secretKeyRef).toEqual({
      name: 'app-creds',
      key: 'password',
    });
    expect(pod.spec.containers[0].livenessProbe.httpGet.port).toBe('http');
    expect(pod.metadata.managedFields[0].fieldsV1['f:metadata']).toBeDefined();
    expect(pod.status.containerStatuses[0]).toMatchObject({
      ready: false,
      restartCount: 0,
      imageID: '',
    });
  });

  it('drops a zero Go would drop: Scale.spec.replicas is a non-pointer omitempty int', () => {
    // Go's JSON for Scale{Spec: {Replicas: 0}} has "spec": {}, so a JSON
    // client sends the same; the server must read a missing value as 0.
    const scale = groupSamples.find(s => s.kind === 'Scale')!;
    const zero = { ...scale, spec: { replicas: 0 } };
    expect(
      (decodeProtobufObject(encodeProtobufObject(zero)) as any).spec,
    ).toEqual({});
  });

  it('refuses to encode a field of the wrong JSON type instead of coercing it', () => {
    const deployment = groupSamples.find(s => s.kind === 'Deployment')!;
    const bad = {
      ...deployment,
      spec: { ...deployment.spec, replicas: 'two' },
    };
    expect(() => encodeProtobufObject(bad)).toThrow(
      /replicas: integer expected/,
    );
    const badTime = {
      ...deployment,
      metadata: { name: 'x', creationTimestamp: 'yesterday' },
    };
    expect(() => encodeProtobufObject(badTime)).toThrow(/invalid time/);
  });
});
