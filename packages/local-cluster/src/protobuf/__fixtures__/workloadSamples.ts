/** Rich JSON objects of the apps/v1 and batch/v1 kinds. */
import { podSpec } from './coreSamples';

const m = (name: string, namespace?: string) => ({
  name,
  ...(namespace ? { namespace } : {}),
  uid: '0b0c0d0e-0000-4000-8000-000000000001',
  resourceVersion: '100',
  generation: 2,
  creationTimestamp: '2026-12-05T09:00:00Z',
  labels: { app: name },
});
const template = { metadata: { labels: { app: 'app' } }, spec: podSpec };
const selector = {
  matchLabels: { app: 'app' },
  matchExpressions: [{ key: 'tier', operator: 'In', values: ['web', 'api'] }],
};
const condition = (type: string) => ({
  type,
  status: 'True',
  lastUpdateTime: '2026-12-05T09:01:00Z',
  lastTransitionTime: '2026-12-05T09:01:00Z',
  reason: 'NewReplicaSetAvailable',
  message: `${type} ok`,
});

export const workloadSamples: Record<string, any>[] = [
  {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: {
      ...m('app', 'payments'),
      annotations: { 'deployment.kubernetes.io/revision': '2' },
    },
    spec: {
      replicas: 0,
      selector,
      template,
      strategy: {
        type: 'RollingUpdate',
        rollingUpdate: { maxUnavailable: 0, maxSurge: '25%' },
      },
      minReadySeconds: 5,
      revisionHistoryLimit: 10,
      paused: true,
      progressDeadlineSeconds: 600,
    },
    status: {
      observedGeneration: 2,
      replicas: 3,
      updatedReplicas: 3,
      readyReplicas: 2,
      availableReplicas: 2,
      unavailableReplicas: 1,
      conditions: [condition('Available'), condition('Progressing')],
    },
  },
  {
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: m('app-7d4b9c', 'payments'),
    spec: { replicas: 2, selector, template, minReadySeconds: 1 },
    status: {
      replicas: 2,
      fullyLabeledReplicas: 2,
      readyReplicas: 2,
      availableReplicas: 2,
      observedGeneration: 2,
    },
  },
  {
    apiVersion: 'apps/v1',
    kind: 'StatefulSet',
    metadata: m('db', 'payments'),
    spec: {
      replicas: 3,
      selector,
      template,
      serviceName: 'db',
      podManagementPolicy: 'Parallel',
      updateStrategy: {
        type: 'RollingUpdate',
        rollingUpdate: { partition: 0, maxUnavailable: 1 },
      },
      volumeClaimTemplates: [
        {
          metadata: { name: 'data' },
          spec: {
            accessModes: ['ReadWriteOnce'],
            resources: { requests: { storage: '10Gi' } },
            storageClassName: 'standard',
          },
        },
      ],
      persistentVolumeClaimRetentionPolicy: {
        whenDeleted: 'Retain',
        whenScaled: 'Delete',
      },
    },
    status: {
      replicas: 3,
      readyReplicas: 3,
      currentRevision: 'db-1',
      updateRevision: 'db-1',
      collisionCount: 0,
    },
  },
  {
    apiVersion: 'apps/v1',
    kind: 'DaemonSet',
    metadata: m('agent', 'kube-system'),
    spec: {
      selector,
      template,
      updateStrategy: {
        type: 'RollingUpdate',
        rollingUpdate: { maxUnavailable: 1, maxSurge: 0 },
      },
    },
    status: {
      currentNumberScheduled: 1,
      numberMisscheduled: 0,
      desiredNumberScheduled: 1,
      numberReady: 1,
    },
  },
  {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: m('migrate', 'payments'),
    spec: {
      parallelism: 1,
      completions: 1,
      backoffLimit: 0,
      activeDeadlineSeconds: 600,
      ttlSecondsAfterFinished: 0,
      suspend: false,
      completionMode: 'NonIndexed',
      template: { ...template, spec: { ...podSpec, restartPolicy: 'Never' } },
    },
    status: {
      startTime: '2026-12-05T09:00:01Z',
      completionTime: '2026-12-05T09:00:09Z',
      succeeded: 1,
      conditions: [
        {
          type: 'Complete',
          status: 'True',
          lastProbeTime: '2026-12-05T09:00:09Z',
          lastTransitionTime: '2026-12-05T09:00:09Z',
        },
      ],
    },
  },
  {
    apiVersion: 'batch/v1',
    kind: 'CronJob',
    metadata: m('nightly', 'payments'),
    spec: {
      schedule: '*/5 * * * *',
      timeZone: 'Etc/UTC',
      concurrencyPolicy: 'Forbid',
      suspend: false,
      successfulJobsHistoryLimit: 3,
      failedJobsHistoryLimit: 1,
      jobTemplate: {
        metadata: { labels: { job: 'nightly' } },
        spec: {
          backoffLimit: 2,
          template: { spec: { ...podSpec, restartPolicy: 'OnFailure' } },
        },
      },
    },
    status: {
      active: [{ kind: 'Job', name: 'nightly-1', namespace: 'payments' }],
      lastScheduleTime: '2026-12-05T09:05:00Z',
    },
  },
];
