import { CheckFinding, ConformanceCheck } from '../types';
import { LocatedContainer, resolvePodTemplate } from '../workload';
import { containerFinding, notApplicable, outcomeOf, yaml } from './util';

/** Every container runs as a non-root user, whichever level of securityContext says so. */
export const runAsNonRootCheck: ConformanceCheck = {
  id: 'run-as-non-root',
  title: 'Containers run as non-root',
  shortTitle: 'Non-root',
  severity: 'high',
  rationale:
    'Root inside a container is root on the node as far as the kernel is concerned: a single container ' +
    'escape or a writable host mount turns into full node access. Running as an unprivileged user makes most ' +
    'escapes and many image vulnerabilities unexploitable. Either runAsNonRoot: true (which makes the kubelet ' +
    'refuse to start a root process) or an explicit non-zero runAsUser satisfies the check; a container-level ' +
    'setting overrides the pod-level one, exactly as the kubelet applies them.',
  remediation:
    'Set runAsNonRoot: true (and a non-zero runAsUser if the image has no numeric USER) in the pod ' +
    'securityContext, and do not override it with runAsUser: 0 or runAsNonRoot: false in any container.',
  remediationSnippet: yaml`
    spec:
      template:
        spec:
          securityContext:
            runAsNonRoot: true
            runAsUser: 10001
            runAsGroup: 10001
          containers:
            - name: app
              securityContext:
                allowPrivilegeEscalation: false
  `,
  evaluate(ctx) {
    const pod = resolvePodTemplate(ctx.workload);
    if (!pod) {
      return notApplicable();
    }
    const podSc = pod.template.spec.securityContext;
    // Point at whichever level sets the offending value, so the fix lands in the right place.
    const rootFinding = (
      c: LocatedContainer,
      fromContainer: boolean,
      field: string,
      message: string,
    ): CheckFinding => ({
      ...containerFinding(c, `securityContext.${field}`, message),
      ...(!fromContainer && {
        fieldPath: `${pod.specPath}.securityContext.${field}`,
      }),
    });
    const findings: CheckFinding[] = [];
    for (const c of pod.containers) {
      const sc = c.container.securityContext;
      const containerUser = sc?.runAsUser;
      const runAsUser = containerUser ?? podSc?.runAsUser;
      const runAsNonRoot = sc?.runAsNonRoot ?? podSc?.runAsNonRoot;
      if (runAsUser === 0) {
        findings.push(
          rootFinding(
            c,
            containerUser === 0,
            'runAsUser',
            'runs as root (runAsUser: 0).',
          ),
        );
      } else if (
        runAsNonRoot !== true &&
        !(typeof runAsUser === 'number' && runAsUser > 0)
      ) {
        findings.push(
          runAsNonRoot === false
            ? rootFinding(
                c,
                sc?.runAsNonRoot === false,
                'runAsNonRoot',
                'sets runAsNonRoot: false and no non-zero runAsUser.',
              )
            : containerFinding(
                c,
                'securityContext.runAsNonRoot',
                'may run as root: neither runAsNonRoot nor a non-zero runAsUser is set.',
              ),
        );
      }
    }
    return outcomeOf(findings);
  },
};
