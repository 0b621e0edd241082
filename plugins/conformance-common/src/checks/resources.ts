import { CheckFinding, CheckOutcome, WorkloadContext } from '../types';
import { resolvePodTemplate } from '../workload';
import { containerFinding, isSet, notApplicable, outcomeOf } from './util';

const RESOURCE_NAMES: Record<'cpu' | 'memory', string> = {
  cpu: 'CPU',
  memory: 'memory',
};

/** Shared by the requests and limits checks: both want cpu and memory on every container. */
export function evaluateResources(
  ctx: WorkloadContext,
  section: 'requests' | 'limits',
): CheckOutcome {
  const pod = resolvePodTemplate(ctx.workload);
  if (!pod) {
    return notApplicable();
  }
  const findings: CheckFinding[] = [];
  for (const c of pod.containers) {
    const values = c.container.resources?.[section];
    for (const resource of ['cpu', 'memory'] as const) {
      if (!isSet(values?.[resource])) {
        const verb = section === 'requests' ? 'request' : 'limit';
        findings.push(
          containerFinding(
            c,
            `resources.${section}.${resource}`,
            `does not set a ${RESOURCE_NAMES[resource]} ${verb}.`,
          ),
        );
      }
    }
  }
  return outcomeOf(findings);
}
