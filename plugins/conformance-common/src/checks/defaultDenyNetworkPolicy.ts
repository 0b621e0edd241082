import { ConformanceCheck, KubeObject } from '../types';
import { isEmptySelector } from '../selector';
import { WORKLOAD_KINDS, inWorkloadNamespace } from '../workload';
import { notApplicable, yaml } from './util';

/**
 * Whether a NetworkPolicy denies all ingress to every pod of its namespace.
 * Unset policyTypes count as Ingress: that is what the API server defaults
 * them to, and what hand-written manifests rely on.
 */
function isDefaultDenyIngress(policy: KubeObject): boolean {
  const spec = policy.spec;
  if (typeof spec !== 'object' || spec === null) {
    return false;
  }
  const policyTypes = spec.policyTypes ?? ['Ingress'];
  const ingress = spec.ingress;
  return (
    isEmptySelector(spec.podSelector) &&
    Array.isArray(policyTypes) &&
    policyTypes.includes('Ingress') &&
    (ingress === undefined ||
      ingress === null ||
      (Array.isArray(ingress) && ingress.length === 0))
  );
}

/** The workload's namespace denies ingress by default; other policies then allow what is needed. */
export const defaultDenyNetworkPolicyCheck: ConformanceCheck = {
  id: 'default-deny-network-policy',
  title: 'Namespace denies ingress by default',
  shortTitle: 'Net policy',
  severity: 'medium',
  rationale:
    'Kubernetes lets every pod talk to every other pod until a NetworkPolicy selects it. Without a ' +
    'default-deny policy, any compromised workload anywhere in the cluster can reach this one directly, and ' +
    'a newly added pod is exposed until someone remembers to write its policy. A namespace-wide deny makes ' +
    'allowed traffic explicit and reviewable. The check is a property of the namespace, reported on each of ' +
    'its workloads.',
  remediation:
    'Add a NetworkPolicy with an empty podSelector, policyTypes [Ingress] and no ingress rules to the ' +
    'namespace, then add narrower policies that allow the traffic the service needs.',
  remediationSnippet: yaml`
    apiVersion: networking.k8s.io/v1
    kind: NetworkPolicy
    metadata:
      name: default-deny-ingress
    spec:
      podSelector: {}
      policyTypes:
        - Ingress
  `,
  evaluate(ctx) {
    const { workload } = ctx;
    if (!WORKLOAD_KINDS.includes(workload.kind ?? '')) {
      return notApplicable();
    }
    const denied = inWorkloadNamespace(
      ctx.namespace?.networkPolicies,
      workload,
    ).some(isDefaultDenyIngress);
    if (denied) {
      return { verdict: 'pass', findings: [] };
    }
    return {
      verdict: 'fail',
      findings: [
        {
          fieldPath: 'metadata.namespace',
          message: `Namespace "${
            workload.metadata.namespace ?? 'default'
          }" has no default-deny ingress NetworkPolicy.`,
        },
      ],
    };
  },
};
