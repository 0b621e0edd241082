import { KubeObject } from '../types';
import {
  DEFAULT_DENY,
  contextOf,
  deployment,
  networkPolicy,
  workloadOf,
} from '../testUtils';
import { defaultDenyNetworkPolicyCheck } from './defaultDenyNetworkPolicy';

const evaluate = (policies: KubeObject[], workload = deployment()) =>
  defaultDenyNetworkPolicyCheck.evaluate(
    contextOf(workload, { networkPolicies: policies }),
  );

describe('default-deny-network-policy', () => {
  it.each([
    [
      'podSelector {} and policyTypes [Ingress]',
      { podSelector: {}, policyTypes: ['Ingress'] },
      'pass',
    ],
    [
      'ingress and egress denied',
      { podSelector: {}, policyTypes: ['Ingress', 'Egress'] },
      'pass',
    ],
    [
      'an explicitly empty ingress list',
      { podSelector: {}, policyTypes: ['Ingress'], ingress: [] },
      'pass',
    ],
    [
      'empty matchLabels and matchExpressions',
      {
        podSelector: { matchLabels: {}, matchExpressions: [] },
        policyTypes: ['Ingress'],
      },
      'pass',
    ],
    [
      'policyTypes unset (the API server defaults it to Ingress)',
      { podSelector: {} },
      'pass',
    ],
    ['egress only', { podSelector: {}, policyTypes: ['Egress'] }, 'fail'],
    [
      'a podSelector with labels',
      { podSelector: { matchLabels: { app: 'db' } }, policyTypes: ['Ingress'] },
      'fail',
    ],
    [
      'a podSelector with expressions',
      {
        podSelector: { matchExpressions: [{ key: 'app', operator: 'Exists' }] },
        policyTypes: ['Ingress'],
      },
      'fail',
    ],
    [
      'an allow-all ingress rule',
      { podSelector: {}, policyTypes: ['Ingress'], ingress: [{}] },
      'fail',
    ],
    [
      'an ingress rule',
      {
        podSelector: {},
        policyTypes: ['Ingress'],
        ingress: [{ from: [{ podSelector: {} }] }],
      },
      'fail',
    ],
  ])('a policy with %s → %s', (_name, spec, verdict) => {
    expect(evaluate([networkPolicy(spec)]).verdict).toBe(verdict);
  });

  it('passes when one of several policies is a default deny', () => {
    const allowWeb = networkPolicy(
      { podSelector: { matchLabels: { app: 'web' } }, ingress: [{}] },
      'allow-web',
    );
    expect(evaluate([allowWeb, DEFAULT_DENY]).verdict).toBe('pass');
  });

  it('ignores a policy from another namespace', () => {
    const elsewhere = networkPolicy({
      podSelector: {},
      policyTypes: ['Ingress'],
    });
    elsewhere.metadata.namespace = 'checkout';
    expect(evaluate([elsewhere]).verdict).toBe('fail');
  });

  it('reports the namespace', () => {
    expect(evaluate([])).toEqual({
      verdict: 'fail',
      findings: [
        {
          fieldPath: 'metadata.namespace',
          message:
            'Namespace "payments" has no default-deny ingress NetworkPolicy.',
        },
      ],
    });
  });

  it.each([
    'Deployment',
    'StatefulSet',
    'DaemonSet',
    'ReplicaSet',
    'Job',
    'CronJob',
    'Pod',
  ])('applies to a %s', kind => {
    expect(evaluate([DEFAULT_DENY], workloadOf(kind)).verdict).toBe('pass');
    expect(evaluate([], workloadOf(kind)).verdict).toBe('fail');
  });

  it('does not apply to other kinds', () => {
    const service = {
      kind: 'Service',
      metadata: { name: 'x', namespace: 'payments' },
    };
    expect(evaluate([], service).verdict).toBe('not-applicable');
  });
});
