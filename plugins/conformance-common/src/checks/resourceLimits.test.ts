import {
  contextOf,
  goodContainer,
  goodInitContainer,
  goodPodSpec,
  workloadOf,
} from '../testUtils';
import { resourceLimitsCheck } from './resourceLimits';

const evaluate = (podSpec: any, kind = 'Deployment') =>
  resourceLimitsCheck.evaluate(contextOf(workloadOf(kind, { podSpec })));

const requestsOnly = { requests: { cpu: '250m', memory: '256Mi' } };

describe('resource-limits', () => {
  it.each([
    ['both limits set', goodPodSpec(), []],
    [
      'requests only',
      goodPodSpec({ containers: [goodContainer({ resources: requestsOnly })] }),
      [
        ['app', 'spec.template.spec.containers[0].resources.limits.cpu'],
        ['app', 'spec.template.spec.containers[0].resources.limits.memory'],
      ],
    ],
    [
      'memory limit only',
      goodPodSpec({
        containers: [
          goodContainer({
            resources: { ...requestsOnly, limits: { memory: '1Gi' } },
          }),
        ],
      }),
      [['app', 'spec.template.spec.containers[0].resources.limits.cpu']],
    ],
    [
      'one good and one bad container',
      goodPodSpec({
        containers: [
          goodContainer(),
          goodContainer({
            name: 'envoy',
            resources: { ...requestsOnly, limits: { cpu: '1' } },
          }),
        ],
      }),
      [['envoy', 'spec.template.spec.containers[1].resources.limits.memory']],
    ],
    [
      'an init container without limits',
      goodPodSpec({
        initContainers: [goodInitContainer({ resources: requestsOnly })],
      }),
      [
        [
          'migrate',
          'spec.template.spec.initContainers[0].resources.limits.cpu',
        ],
        [
          'migrate',
          'spec.template.spec.initContainers[0].resources.limits.memory',
        ],
      ],
    ],
  ])('%s', (_name, podSpec, expected) => {
    const outcome = evaluate(podSpec);
    expect(outcome.verdict).toBe(expected.length ? 'fail' : 'pass');
    expect(outcome.findings.map(f => [f.container, f.fieldPath])).toEqual(
      expected,
    );
  });

  it('reports CronJob paths under the job template', () => {
    const podSpec = goodPodSpec({
      containers: [goodContainer({ resources: requestsOnly })],
    });
    expect(evaluate(podSpec, 'CronJob').findings[0]).toEqual({
      container: 'app',
      fieldPath:
        'spec.jobTemplate.spec.template.spec.containers[0].resources.limits.cpu',
      message: 'Container "app" does not set a CPU limit.',
    });
  });
});
