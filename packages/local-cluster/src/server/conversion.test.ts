import {
  eventFromEventsV1,
  eventToEventsV1,
  hpaFromV1,
  hpaToV1,
} from './conversion';

const hpaV2 = {
  apiVersion: 'autoscaling/v2',
  kind: 'HorizontalPodAutoscaler',
  metadata: { name: 'cart', namespace: 'shop', resourceVersion: '7' },
  spec: {
    scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'cart' },
    minReplicas: 2,
    maxReplicas: 6,
    metrics: [
      {
        type: 'Resource',
        resource: {
          name: 'cpu',
          target: { type: 'Utilization', averageUtilization: 70 },
        },
      },
      {
        type: 'Resource',
        resource: {
          name: 'memory',
          target: { type: 'AverageValue', averageValue: '512Mi' },
        },
      },
    ],
    behavior: { scaleDown: { stabilizationWindowSeconds: 60 } },
  },
  status: {
    currentReplicas: 3,
    desiredReplicas: 3,
    currentMetrics: [
      {
        type: 'Resource',
        resource: { name: 'cpu', current: { averageUtilization: 41 } },
      },
    ],
  },
};

describe('autoscaling/v1 conversion', () => {
  it('shows the CPU target as targetCPUUtilizationPercentage', () => {
    const v1 = hpaToV1(hpaV2);
    expect(v1.apiVersion).toBe('autoscaling/v1');
    expect(v1.spec).toEqual({
      scaleTargetRef: hpaV2.spec.scaleTargetRef,
      minReplicas: 2,
      maxReplicas: 6,
      targetCPUUtilizationPercentage: 70,
    });
    expect(v1.status).toEqual({
      currentReplicas: 3,
      desiredReplicas: 3,
      currentCPUUtilizationPercentage: 41,
    });
  });

  it('keeps v2-only fields in annotations, so a v1 round trip loses nothing', () => {
    const back = hpaFromV1(hpaToV1(hpaV2));
    expect(back.apiVersion).toBe('autoscaling/v2');
    expect(back.spec).toEqual(hpaV2.spec);
    expect(back.metadata.annotations).toBeUndefined();
    expect(back.status).toBeUndefined();
  });

  it('turns a kubectl autoscale body into one CPU metric', () => {
    const v2 = hpaFromV1({
      apiVersion: 'autoscaling/v1',
      kind: 'HorizontalPodAutoscaler',
      metadata: { name: 'web' },
      spec: {
        scaleTargetRef: { kind: 'Deployment', name: 'web' },
        maxReplicas: 5,
        targetCPUUtilizationPercentage: 80,
      },
    });
    expect(v2.spec.metrics).toEqual([
      {
        type: 'Resource',
        resource: {
          name: 'cpu',
          target: { type: 'Utilization', averageUtilization: 80 },
        },
      },
    ]);
    expect(v2.spec.targetCPUUtilizationPercentage).toBeUndefined();
  });
});

describe('events.k8s.io/v1 conversion', () => {
  const core = {
    apiVersion: 'v1',
    kind: 'Event',
    metadata: { name: 'web.1', namespace: 'shop' },
    involvedObject: { kind: 'Pod', name: 'web', namespace: 'shop' },
    reason: 'Started',
    message: 'Started container web',
    type: 'Normal',
    source: { component: 'kubelet', host: 'local-node' },
    firstTimestamp: '2026-01-01T00:00:00Z',
    lastTimestamp: '2026-01-01T00:00:05Z',
    count: 2,
    reportingComponent: 'kubelet',
    reportingInstance: 'local-node',
  };

  it('renames the fields as the real conversion does', () => {
    expect(eventToEventsV1(core)).toEqual({
      apiVersion: 'events.k8s.io/v1',
      kind: 'Event',
      metadata: core.metadata,
      eventTime: null,
      reportingController: 'kubelet',
      reportingInstance: 'local-node',
      reason: 'Started',
      regarding: core.involvedObject,
      note: 'Started container web',
      type: 'Normal',
      deprecatedSource: core.source,
      deprecatedFirstTimestamp: core.firstTimestamp,
      deprecatedLastTimestamp: core.lastTimestamp,
      deprecatedCount: 2,
    });
  });

  it('round-trips back to the stored core Event', () => {
    expect(eventFromEventsV1(eventToEventsV1(core))).toEqual(core);
  });
});
