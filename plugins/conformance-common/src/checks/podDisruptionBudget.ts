import { ConformanceCheck } from '../types';
import { selectorMatches } from '../selector';
import { inWorkloadNamespace, resolvePodTemplate } from '../workload';
import { notApplicable, yaml } from './util';

/** DaemonSets are drained per node anyway; Jobs and bare pods are not kept at a replica count. */
const REPLICATED_KINDS = ['Deployment', 'StatefulSet'];

/** Replicated workloads keep a minimum of pods up through voluntary disruptions. */
export const podDisruptionBudgetCheck: ConformanceCheck = {
  id: 'pod-disruption-budget',
  title: 'Replicated workloads have a PodDisruptionBudget',
  shortTitle: 'PDB',
  severity: 'high',
  rationale:
    'Node upgrades, autoscaler scale-downs and maintenance drain nodes by evicting pods. Without a ' +
    'PodDisruptionBudget nothing stops a drain from evicting every replica of a service at once, so running ' +
    'several replicas protects against crashes but not against routine platform work. A budget makes the ' +
    'drain wait until enough replicas are ready elsewhere. Single-replica workloads cannot be protected this ' +
    'way, so the check applies only from two replicas up.',
  remediation:
    'Create a PodDisruptionBudget in the same namespace whose selector matches the pod template labels, ' +
    'with maxUnavailable: 1 (or a minAvailable below the replica count so drains can still proceed).',
  remediationSnippet: yaml`
    apiVersion: policy/v1
    kind: PodDisruptionBudget
    metadata:
      name: payment-service
    spec:
      maxUnavailable: 1
      selector:
        matchLabels:
          app.kubernetes.io/name: payment-service
  `,
  evaluate(ctx) {
    const { workload } = ctx;
    if (!REPLICATED_KINDS.includes(workload.kind ?? '')) {
      return notApplicable();
    }
    // The API server defaults replicas to 1, so unset means a single replica.
    const replicas =
      typeof workload.spec?.replicas === 'number' ? workload.spec.replicas : 1;
    const pod = resolvePodTemplate(workload);
    if (replicas < 2 || !pod) {
      return notApplicable();
    }
    const labels = pod.template.metadata?.labels;
    const covered = inWorkloadNamespace(
      ctx.namespace?.podDisruptionBudgets,
      workload,
    ).some(pdb => selectorMatches(pdb.spec?.selector, labels));
    if (covered) {
      return { verdict: 'pass', findings: [] };
    }
    return {
      verdict: 'fail',
      findings: [
        {
          fieldPath: `${pod.metadataPath}.labels`,
          message:
            `No PodDisruptionBudget in namespace "${
              workload.metadata.namespace ?? 'default'
            }" ` +
            `selects the pods of this ${workload.kind} (${replicas} replicas).`,
        },
      ],
    };
  },
};
