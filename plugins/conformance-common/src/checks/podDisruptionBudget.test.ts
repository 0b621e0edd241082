import { KubeObject } from '../types';
import { NAME, contextOf, deployment, pdb, workloadOf } from '../testUtils';
import { podDisruptionBudgetCheck } from './podDisruptionBudget';

const LABELS = { 'app.kubernetes.io/name': NAME, tier: 'backend' };

const evaluate = (workload: KubeObject, budgets: KubeObject[]) =>
  podDisruptionBudgetCheck.evaluate(
    contextOf(workload, { podDisruptionBudgets: budgets }),
  ).verdict;

describe('pod-disruption-budget', () => {
  const replicated = deployment({ replicas: 3, templateLabels: LABELS });

  it.each([
    [
      'matchLabels subset',
      { matchLabels: { 'app.kubernetes.io/name': NAME } },
      'pass',
    ],
    ['matchLabels all', { matchLabels: LABELS }, 'pass'],
    [
      'matchLabels with a different value',
      { matchLabels: { 'app.kubernetes.io/name': 'other' } },
      'fail',
    ],
    [
      'matchLabels with an extra label',
      { matchLabels: { ...LABELS, zone: 'a' } },
      'fail',
    ],
    ['empty selector (all pods)', {}, 'pass'],
    ['no selector (no pods)', undefined, 'fail'],
    [
      'In',
      {
        matchExpressions: [
          { key: 'tier', operator: 'In', values: ['backend', 'api'] },
        ],
      },
      'pass',
    ],
    [
      'In, value not listed',
      { matchExpressions: [{ key: 'tier', operator: 'In', values: ['web'] }] },
      'fail',
    ],
    [
      'In, key absent',
      { matchExpressions: [{ key: 'zone', operator: 'In', values: ['a'] }] },
      'fail',
    ],
    [
      'NotIn',
      {
        matchExpressions: [{ key: 'tier', operator: 'NotIn', values: ['web'] }],
      },
      'pass',
    ],
    [
      'NotIn, value listed',
      {
        matchExpressions: [
          { key: 'tier', operator: 'NotIn', values: ['backend'] },
        ],
      },
      'fail',
    ],
    [
      'NotIn, key absent',
      { matchExpressions: [{ key: 'zone', operator: 'NotIn', values: ['a'] }] },
      'pass',
    ],
    [
      'Exists',
      { matchExpressions: [{ key: 'tier', operator: 'Exists' }] },
      'pass',
    ],
    [
      'Exists, key absent',
      { matchExpressions: [{ key: 'zone', operator: 'Exists' }] },
      'fail',
    ],
    [
      'DoesNotExist',
      { matchExpressions: [{ key: 'zone', operator: 'DoesNotExist' }] },
      'pass',
    ],
    [
      'DoesNotExist, key present',
      { matchExpressions: [{ key: 'tier', operator: 'DoesNotExist' }] },
      'fail',
    ],
    [
      'unknown operator',
      { matchExpressions: [{ key: 'tier', operator: 'Gt', values: ['1'] }] },
      'fail',
    ],
    [
      'matchLabels AND matchExpressions, both hold',
      {
        matchLabels: { 'app.kubernetes.io/name': NAME },
        matchExpressions: [
          { key: 'tier', operator: 'In', values: ['backend'] },
        ],
      },
      'pass',
    ],
    [
      'matchLabels AND matchExpressions, one fails',
      {
        matchLabels: { 'app.kubernetes.io/name': NAME },
        matchExpressions: [
          { key: 'tier', operator: 'NotIn', values: ['backend'] },
        ],
      },
      'fail',
    ],
  ])('a PDB whose selector is %s → %s', (_name, selector, verdict) => {
    expect(evaluate(replicated, [pdb(selector)])).toBe(verdict);
  });

  it('passes when any one of several PDBs selects the pods', () => {
    const budgets = [
      pdb({ matchLabels: { 'app.kubernetes.io/name': 'other' } }, 'other'),
      pdb({ matchLabels: { tier: 'backend' } }),
    ];
    expect(evaluate(replicated, budgets)).toBe('pass');
  });

  it('ignores a PDB from another namespace', () => {
    const elsewhere = pdb({});
    elsewhere.metadata.namespace = 'checkout';
    expect(evaluate(replicated, [elsewhere])).toBe('fail');
  });

  it('reports the pod template labels when no PDB selects the pods', () => {
    expect(podDisruptionBudgetCheck.evaluate(contextOf(replicated))).toEqual({
      verdict: 'fail',
      findings: [
        {
          fieldPath: 'spec.template.metadata.labels',
          message:
            'No PodDisruptionBudget in namespace "payments" selects the pods of this Deployment (3 replicas).',
        },
      ],
    });
  });

  it.each([
    ['Deployment, replicas unset', workloadOf('Deployment'), 'not-applicable'],
    ['Deployment, 1 replica', deployment({ replicas: 1 }), 'not-applicable'],
    ['Deployment, 0 replicas', deployment({ replicas: 0 }), 'not-applicable'],
    ['Deployment, 2 replicas', deployment({ replicas: 2 }), 'fail'],
    [
      'StatefulSet, 3 replicas',
      workloadOf('StatefulSet', { replicas: 3 }),
      'fail',
    ],
    [
      'StatefulSet, replicas unset',
      workloadOf('StatefulSet'),
      'not-applicable',
    ],
    ['DaemonSet', workloadOf('DaemonSet'), 'not-applicable'],
    [
      'ReplicaSet, 3 replicas',
      workloadOf('ReplicaSet', { replicas: 3 }),
      'not-applicable',
    ],
    ['Job', workloadOf('Job'), 'not-applicable'],
    ['CronJob', workloadOf('CronJob'), 'not-applicable'],
    ['Pod', workloadOf('Pod'), 'not-applicable'],
  ])('%s without a PDB → %s', (_name, workload, verdict) => {
    expect(evaluate(workload, [])).toBe(verdict);
  });
});
