import { KubeObject } from '../types';
import { NAME, contextOf, deployment, hpa, workloadOf } from '../testUtils';
import { horizontalPodAutoscalerCheck } from './horizontalPodAutoscaler';

const evaluate = (workload: KubeObject, autoscalers: KubeObject[]) =>
  horizontalPodAutoscalerCheck.evaluate(
    contextOf(workload, { horizontalPodAutoscalers: autoscalers }),
  ).verdict;

describe('horizontal-pod-autoscaler', () => {
  it.each([
    [
      'kind and name, apps/v1',
      { apiVersion: 'apps/v1', kind: 'Deployment', name: NAME },
      'pass',
    ],
    [
      'kind and name, no apiVersion',
      { kind: 'Deployment', name: NAME },
      'pass',
    ],
    [
      'kind and name, older apps version',
      { apiVersion: 'apps/v1beta2', kind: 'Deployment', name: NAME },
      'pass',
    ],
    [
      'another name',
      { apiVersion: 'apps/v1', kind: 'Deployment', name: 'checkout' },
      'fail',
    ],
    [
      'another kind',
      { apiVersion: 'apps/v1', kind: 'StatefulSet', name: NAME },
      'fail',
    ],
    [
      'another group',
      { apiVersion: 'argoproj.io/v1alpha1', kind: 'Deployment', name: NAME },
      'fail',
    ],
    [
      'the core group',
      { apiVersion: 'v1', kind: 'Deployment', name: NAME },
      'fail',
    ],
    ['no scaleTargetRef', undefined, 'fail'],
  ])('an HPA targeting %s → %s', (_name, ref, verdict) => {
    expect(evaluate(deployment(), [hpa(ref)])).toBe(verdict);
  });

  it('matches a StatefulSet by kind', () => {
    const sts = workloadOf('StatefulSet', { replicas: 3 });
    expect(
      evaluate(sts, [
        hpa({ apiVersion: 'apps/v1', kind: 'StatefulSet', name: NAME }),
      ]),
    ).toBe('pass');
    expect(
      evaluate(sts, [
        hpa({ apiVersion: 'apps/v1', kind: 'Deployment', name: NAME }),
      ]),
    ).toBe('fail');
  });

  it('passes when one of several HPAs targets the workload', () => {
    const autoscalers = [
      hpa({ kind: 'Deployment', name: 'checkout' }),
      hpa({ kind: 'Deployment', name: NAME }),
    ];
    expect(evaluate(deployment(), autoscalers)).toBe('pass');
  });

  it('ignores an HPA from another namespace', () => {
    const elsewhere = hpa({ kind: 'Deployment', name: NAME });
    elsewhere.metadata.namespace = 'checkout';
    expect(evaluate(deployment(), [elsewhere])).toBe('fail');
  });

  it('says which workload has no autoscaler', () => {
    expect(
      horizontalPodAutoscalerCheck.evaluate(contextOf(deployment())),
    ).toEqual({
      verdict: 'fail',
      findings: [
        {
          fieldPath: 'metadata.name',
          message:
            'No HorizontalPodAutoscaler in namespace "payments" targets Deployment "payment-service".',
        },
      ],
    });
  });

  it.each([
    ['Deployment', 'fail'],
    ['StatefulSet', 'fail'],
    ['DaemonSet', 'not-applicable'],
    ['ReplicaSet', 'not-applicable'],
    ['Job', 'not-applicable'],
    ['CronJob', 'not-applicable'],
    ['Pod', 'not-applicable'],
  ])('a %s without an HPA → %s', (kind, verdict) => {
    expect(evaluate(workloadOf(kind), [])).toBe(verdict);
  });
});
