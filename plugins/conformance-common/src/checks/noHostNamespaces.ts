import { CheckFinding, ConformanceCheck } from '../types';
import { resolvePodTemplate } from '../workload';
import { notApplicable, outcomeOf, yaml } from './util';

const HOST_NAMESPACES: Record<string, string> = {
  hostNetwork: 'network',
  hostPID: 'process (PID)',
  hostIPC: 'IPC',
};

/** Pods stay in their own network, PID and IPC namespaces. */
export const noHostNamespacesCheck: ConformanceCheck = {
  id: 'no-host-namespaces',
  title: "No sharing of the host's namespaces",
  shortTitle: 'Host NS',
  severity: 'critical',
  rationale:
    "A pod sharing the host's network namespace bypasses NetworkPolicies and can bind or sniff node ports; " +
    "sharing the PID namespace lets it see and signal every process on the node, including other tenants'; " +
    'sharing IPC exposes shared memory of host processes. Each one removes an isolation boundary that the ' +
    'multi-tenant clusters rely on, so they are reserved for platform agents with an exemption.',
  remediation:
    'Remove hostNetwork, hostPID and hostIPC from the pod spec (they default to false); expose ports through ' +
    'a Service instead of the host network.',
  remediationSnippet: yaml`
    spec:
      template:
        spec:
          hostNetwork: false
          hostPID: false
          hostIPC: false
  `,
  evaluate(ctx) {
    const pod = resolvePodTemplate(ctx.workload);
    if (!pod) {
      return notApplicable();
    }
    const findings: CheckFinding[] = [];
    for (const [field, name] of Object.entries(HOST_NAMESPACES)) {
      if (pod.template.spec[field] === true) {
        findings.push({
          fieldPath: `${pod.specPath}.${field}`,
          message: `The pod shares the host's ${name} namespace.`,
        });
      }
    }
    return outcomeOf(findings);
  },
};
