import {
  contextOf,
  goodContainer,
  goodInitContainer,
  goodPodSpec,
  workloadOf,
} from '../testUtils';
import { resourceRequestsCheck } from './resourceRequests';

const evaluate = (kind: string, podSpec: any) =>
  resourceRequestsCheck.evaluate(contextOf(workloadOf(kind, { podSpec })));

const paths = (podSpec: any, kind = 'Deployment') =>
  evaluate(kind, podSpec).findings.map(f => [f.container, f.fieldPath]);

describe('resource-requests', () => {
  it.each([
    ['cpu and memory requested', goodPodSpec(), 'pass'],
    [
      'quantities as numbers',
      goodPodSpec({
        containers: [
          goodContainer({
            resources: { requests: { cpu: 1, memory: 1073741824 } },
          }),
        ],
      }),
      'pass',
    ],
    [
      'no resources at all',
      goodPodSpec({ containers: [goodContainer({ resources: undefined })] }),
      'fail',
    ],
    [
      'limits only (requests must be explicit)',
      goodPodSpec({
        containers: [
          goodContainer({ resources: { limits: { cpu: '1', memory: '1Gi' } } }),
        ],
      }),
      'fail',
    ],
    [
      'empty string quantity',
      goodPodSpec({
        containers: [
          goodContainer({
            resources: { requests: { cpu: '', memory: '1Gi' } },
          }),
        ],
      }),
      'fail',
    ],
    [
      'a pod without containers has nothing to check',
      { containers: [] },
      'pass',
    ],
  ])('%s → %s', (_name, podSpec, verdict) => {
    expect(evaluate('Deployment', podSpec).verdict).toBe(verdict);
  });

  it('reports each missing field of each offending container, and only those', () => {
    const podSpec = goodPodSpec({
      containers: [
        goodContainer(),
        goodContainer({
          name: 'sidecar',
          resources: { requests: { memory: '64Mi' } },
        }),
      ],
    });
    expect(evaluate('Deployment', podSpec)).toEqual({
      verdict: 'fail',
      findings: [
        {
          container: 'sidecar',
          fieldPath: 'spec.template.spec.containers[1].resources.requests.cpu',
          message: 'Container "sidecar" does not set a CPU request.',
        },
      ],
    });
  });

  it('applies to init containers', () => {
    const podSpec = goodPodSpec({
      initContainers: [
        goodInitContainer({ resources: { requests: { cpu: '100m' } } }),
      ],
    });
    expect(paths(podSpec)).toEqual([
      [
        'migrate',
        'spec.template.spec.initContainers[0].resources.requests.memory',
      ],
    ]);
    expect(evaluate('Deployment', podSpec).findings[0].message).toMatch(
      /^Init container "migrate"/,
    );
  });

  it.each([
    ['Deployment', 'spec.template.spec'],
    ['StatefulSet', 'spec.template.spec'],
    ['DaemonSet', 'spec.template.spec'],
    ['ReplicaSet', 'spec.template.spec'],
    ['Job', 'spec.template.spec'],
    ['CronJob', 'spec.jobTemplate.spec.template.spec'],
    ['Pod', 'spec'],
  ])('points into a %s at %s', (kind, prefix) => {
    const podSpec = { containers: [goodContainer({ resources: {} })] };
    expect(paths(podSpec, kind)).toEqual([
      ['app', `${prefix}.containers[0].resources.requests.cpu`],
      ['app', `${prefix}.containers[0].resources.requests.memory`],
    ]);
  });

  it('names an unnamed container by its path', () => {
    const { name, ...unnamed } = goodContainer({
      resources: { requests: { cpu: '1' } },
    });
    const [finding] = evaluate('Deployment', {
      containers: [unnamed],
    }).findings;
    expect(finding.container).toBeUndefined();
    expect(finding.message).toBe(
      'Container at spec.template.spec.containers[0] does not set a memory request.',
    );
  });

  it.each([
    ['an unknown kind', { kind: 'Service', metadata: { name: 'x' }, spec: {} }],
    [
      'a Deployment without a template',
      { kind: 'Deployment', metadata: { name: 'x' }, spec: {} },
    ],
    ['a Pod without a spec', { kind: 'Pod', metadata: { name: 'x' } }],
  ])('is not applicable to %s', (_name, workload) => {
    expect(resourceRequestsCheck.evaluate(contextOf(workload)).verdict).toBe(
      'not-applicable',
    );
  });

  it('does not throw on malformed container lists', () => {
    const podSpec = { containers: 'nope', initContainers: [null, 42] };
    expect(evaluate('Deployment', podSpec)).toEqual({
      verdict: 'pass',
      findings: [],
    });
  });
});
