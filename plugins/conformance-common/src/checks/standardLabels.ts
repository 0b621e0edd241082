import { CheckFinding, CheckOptions, ConformanceCheck } from '../types';
import { keyPath, resolvePodTemplate } from '../workload';
import { notApplicable, outcomeOf, yaml } from './util';

const NAME_LABEL = 'app.kubernetes.io/name';

/** Used when CheckOptions.requiredLabels is not given. */
export const DEFAULT_REQUIRED_LABELS = [NAME_LABEL, 'team'];

function hasLabel(labels: Record<string, string> | undefined, key: string) {
  // An empty value carries no information, so it does not count as labelled.
  const value = labels?.[key];
  return typeof value === 'string'
    ? value.trim() !== ''
    : value !== undefined && value !== null;
}

/** Workloads and their pods carry the labels that tie them to a service and an owner. */
export const standardLabelsCheck: ConformanceCheck = {
  id: 'standard-labels',
  title: 'Workloads carry the standard labels',
  shortTitle: 'Labels',
  severity: 'low',
  rationale:
    'Labels are how dashboards, cost reports, alert routing and the portal itself connect a running workload ' +
    'to the service and the team that owns it. A workload without them shows up as unowned spend and unrouted ' +
    'alerts. The pods need app.kubernetes.io/name too, because metrics and logs are labelled from the pod, ' +
    'not from its controller.',
  remediation:
    'Add the required labels to the workload metadata and app.kubernetes.io/name to the pod template labels.',
  remediationSnippet: yaml`
    apiVersion: apps/v1
    kind: Deployment
    metadata:
      name: payment-service
      labels:
        app.kubernetes.io/name: payment-service
        team: payments
    spec:
      template:
        metadata:
          labels:
            app.kubernetes.io/name: payment-service
  `,
  evaluate(ctx, options?: CheckOptions) {
    const pod = resolvePodTemplate(ctx.workload);
    if (!pod) {
      return notApplicable();
    }
    const required = options?.requiredLabels ?? DEFAULT_REQUIRED_LABELS;
    const findings: CheckFinding[] = [];
    for (const key of new Set(required)) {
      if (!hasLabel(ctx.workload.metadata.labels, key)) {
        findings.push({
          fieldPath: keyPath('metadata.labels', key),
          message: `The ${ctx.workload.kind} has no "${key}" label.`,
        });
      }
    }
    // For a bare Pod the template is the pod itself: check it once, and call it what it is.
    const isPod = pod.metadataPath === 'metadata';
    const alreadyChecked = isPod && required.includes(NAME_LABEL);
    if (
      !alreadyChecked &&
      !hasLabel(pod.template.metadata?.labels, NAME_LABEL)
    ) {
      findings.push({
        fieldPath: keyPath(`${pod.metadataPath}.labels`, NAME_LABEL),
        message: `The ${
          isPod ? 'Pod' : 'pod template'
        } has no "${NAME_LABEL}" label.`,
      });
    }
    return outcomeOf(findings);
  },
};
