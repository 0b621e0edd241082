import { CheckFinding, CheckOutcome, WorkloadContext } from '../types';
import { resolvePodTemplate } from '../workload';
import { containerFinding, notApplicable, outcomeOf } from './util';

const HANDLERS = ['httpGet', 'tcpSocket', 'exec', 'grpc'];

/** Job pods run to completion and receive no traffic, so neither probe means anything there. */
const RUN_TO_COMPLETION_KINDS = ['Job', 'CronJob'];

/** Shared by the readiness and liveness checks: every regular container has a probe with a handler. */
export function evaluateProbe(
  ctx: WorkloadContext,
  probe: 'readinessProbe' | 'livenessProbe',
): CheckOutcome {
  if (RUN_TO_COMPLETION_KINDS.includes(ctx.workload.kind ?? '')) {
    return notApplicable();
  }
  const pod = resolvePodTemplate(ctx.workload);
  if (!pod) {
    return notApplicable();
  }
  const findings: CheckFinding[] = [];
  // Init containers run before the pod is ready and are never probed.
  for (const c of pod.containers.filter(x => !x.init)) {
    const value = c.container[probe];
    if (value === undefined || value === null) {
      findings.push(containerFinding(c, probe, `has no ${probe}.`));
    } else if (
      typeof value !== 'object' ||
      !HANDLERS.some(h => value[h] !== undefined && value[h] !== null)
    ) {
      findings.push(
        containerFinding(
          c,
          probe,
          `has a ${probe} without a handler (httpGet, tcpSocket, exec or grpc).`,
        ),
      );
    }
  }
  return outcomeOf(findings);
}
