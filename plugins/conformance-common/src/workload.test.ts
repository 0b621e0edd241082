import { KubeObject } from './types';
import { goodPodSpec, workloadOf } from './testUtils';
import { WORKLOAD_KINDS, podTemplateOf, resolvePodTemplate } from './workload';

describe('podTemplateOf', () => {
  it.each(WORKLOAD_KINDS)('finds the pod spec of a %s', kind => {
    const podSpec = goodPodSpec({ hostname: kind });
    expect(podTemplateOf(workloadOf(kind, { podSpec }))?.spec).toBe(podSpec);
  });

  it('returns the template metadata of a CronJob', () => {
    const cronJob = workloadOf('CronJob', {
      templateLabels: { job: 'nightly' },
    });
    expect(podTemplateOf(cronJob)?.metadata).toEqual({
      labels: { job: 'nightly' },
    });
  });

  it('returns a bare Pod itself', () => {
    const pod = workloadOf('Pod');
    expect(podTemplateOf(pod)).toEqual({
      metadata: pod.metadata,
      spec: pod.spec,
    });
  });

  it.each<[string, KubeObject]>([
    [
      'an unknown kind',
      {
        kind: 'Service',
        metadata: { name: 'x' },
        spec: { template: { spec: {} } },
      },
    ],
    ['no kind', { metadata: { name: 'x' }, spec: { template: { spec: {} } } }],
    [
      'a Deployment without spec',
      { kind: 'Deployment', metadata: { name: 'x' } },
    ],
    [
      'a template without spec',
      { kind: 'Deployment', metadata: { name: 'x' }, spec: { template: {} } },
    ],
    [
      'a CronJob without jobTemplate',
      {
        kind: 'CronJob',
        metadata: { name: 'x' },
        spec: { schedule: '@daily' },
      },
    ],
    [
      'a Pod whose spec is not an object',
      { kind: 'Pod', metadata: { name: 'x' }, spec: 'oops' },
    ],
  ])('returns undefined for %s', (_name, workload) => {
    expect(podTemplateOf(workload)).toBeUndefined();
  });
});

describe('resolvePodTemplate', () => {
  it('lists init containers before regular ones with their paths', () => {
    const podSpec = {
      initContainers: [{ name: 'migrate' }],
      containers: [{ name: 'app' }, { name: 'envoy' }],
    };
    const resolved = resolvePodTemplate(workloadOf('StatefulSet', { podSpec }));
    expect(resolved?.containers.map(c => [c.name, c.path, c.init])).toEqual([
      ['migrate', 'spec.template.spec.initContainers[0]', true],
      ['app', 'spec.template.spec.containers[0]', false],
      ['envoy', 'spec.template.spec.containers[1]', false],
    ]);
    expect(resolved?.metadataPath).toBe('spec.template.metadata');
  });
});
