import { ConformanceCheck, KubeObject } from '../types';
import { inWorkloadNamespace } from '../workload';
import { notApplicable, yaml } from './util';

const SCALABLE_KINDS = ['Deployment', 'StatefulSet'];

/** Whether an HPA's scaleTargetRef points at this workload, as the HPA controller resolves it. */
function targets(hpa: KubeObject, workload: KubeObject): boolean {
  const ref = hpa.spec?.scaleTargetRef;
  if (ref?.kind !== workload.kind || ref?.name !== workload.metadata.name) {
    return false;
  }
  if (typeof ref.apiVersion !== 'string' || ref.apiVersion === '') {
    return true;
  }
  // Only the group matters: autoscaling resolves apps/v1 and apps/v1beta2 to the same object.
  const slash = ref.apiVersion.indexOf('/');
  return slash >= 0 && ref.apiVersion.slice(0, slash) === 'apps';
}

/** Deployments and StatefulSets scale with load instead of a fixed replica count. */
export const horizontalPodAutoscalerCheck: ConformanceCheck = {
  id: 'horizontal-pod-autoscaler',
  title: 'Deployments and StatefulSets have a HorizontalPodAutoscaler',
  shortTitle: 'HPA',
  severity: 'medium',
  rationale:
    'A fixed replica count is sized either for peak load, wasting capacity most of the day, or for average ' +
    'load, falling over at peak. A HorizontalPodAutoscaler follows demand within bounds the team chooses and ' +
    'absorbs traffic spikes without a page. It depends on resource requests, since utilisation is measured ' +
    'against them.',
  remediation:
    'Create a HorizontalPodAutoscaler in the same namespace whose scaleTargetRef names this workload, and ' +
    'remove spec.replicas from the manifest so deployments do not fight the autoscaler.',
  remediationSnippet: yaml`
    apiVersion: autoscaling/v2
    kind: HorizontalPodAutoscaler
    metadata:
      name: payment-service
    spec:
      scaleTargetRef:
        apiVersion: apps/v1
        kind: Deployment
        name: payment-service
      minReplicas: 2
      maxReplicas: 10
      metrics:
        - type: Resource
          resource:
            name: cpu
            target:
              type: Utilization
              averageUtilization: 70
  `,
  evaluate(ctx) {
    const { workload } = ctx;
    if (!SCALABLE_KINDS.includes(workload.kind ?? '')) {
      return notApplicable();
    }
    const scaled = inWorkloadNamespace(
      ctx.namespace?.horizontalPodAutoscalers,
      workload,
    ).some(hpa => targets(hpa, workload));
    if (scaled) {
      return { verdict: 'pass', findings: [] };
    }
    return {
      verdict: 'fail',
      findings: [
        {
          fieldPath: 'metadata.name',
          message: `No HorizontalPodAutoscaler in namespace "${
            workload.metadata.namespace ?? 'default'
          }" targets ${workload.kind} "${workload.metadata.name}".`,
        },
      ],
    };
  },
};
