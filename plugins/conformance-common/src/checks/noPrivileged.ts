import { CheckFinding, ConformanceCheck } from '../types';
import { resolvePodTemplate } from '../workload';
import { containerFinding, notApplicable, outcomeOf, yaml } from './util';

/** No container runs privileged or may gain more privileges than it started with. */
export const noPrivilegedCheck: ConformanceCheck = {
  id: 'no-privileged',
  title: 'No privileged containers or privilege escalation',
  shortTitle: 'Privileged',
  severity: 'critical',
  rationale:
    'A privileged container has every capability and all host devices: breaking out of it is trivial, so a ' +
    'compromise of the application is a compromise of the node and of every other workload scheduled there. ' +
    'allowPrivilegeEscalation: true lets a process gain privileges through setuid binaries, which is how ' +
    'many container escapes start. Init containers run on the same node with the same reach, so they are held ' +
    'to the same rule. Workloads that genuinely need node access belong to the platform team and carry an exemption.',
  remediation:
    'Remove privileged: true and set allowPrivilegeEscalation: false on every container and init container; ' +
    'if the workload needs a specific capability, add just that one under capabilities.add.',
  remediationSnippet: yaml`
    spec:
      template:
        spec:
          containers:
            - name: app
              securityContext:
                privileged: false
                allowPrivilegeEscalation: false
                capabilities:
                  drop: ["ALL"]
  `,
  evaluate(ctx) {
    const pod = resolvePodTemplate(ctx.workload);
    if (!pod) {
      return notApplicable();
    }
    const findings: CheckFinding[] = [];
    for (const c of pod.containers) {
      const sc = c.container.securityContext;
      if (sc?.privileged === true) {
        findings.push(
          containerFinding(c, 'securityContext.privileged', 'runs privileged.'),
        );
      }
      // Only an explicit true fails: the default depends on the runtime and
      // the pod security admission level, which this check cannot see.
      if (sc?.allowPrivilegeEscalation === true) {
        findings.push(
          containerFinding(
            c,
            'securityContext.allowPrivilegeEscalation',
            'allows privilege escalation.',
          ),
        );
      }
    }
    return outcomeOf(findings);
  },
};
