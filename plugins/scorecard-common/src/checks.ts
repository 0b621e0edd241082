import { CheckDefinition } from './types';

/**
 * The built-in checks, in display order. Each reads a signal the portal already owns; none is a
 * form someone fills in. plugins/scorecard-backend/README.md says what exactly counts as
 * evidence for each.
 *
 * @public
 */
export const scorecardChecks: readonly CheckDefinition[] = [
  {
    id: 'owner',
    title: 'Owner',
    shortTitle: 'Owner',
    source: 'catalog',
    rationale:
      'Someone must be paged, asked and told; an entity without an owning group has no one.',
    remediation: 'Set spec.owner to the owning group in catalog-info.yaml.',
  },
  {
    id: 'system',
    title: 'System',
    shortTitle: 'System',
    source: 'catalog',
    rationale:
      'Systems and domains are how leads read roll-ups and how dependencies are grouped.',
    remediation: 'Set spec.system to the system this component is part of.',
  },
  {
    id: 'lifecycle',
    title: 'Lifecycle',
    shortTitle: 'Lifecycle',
    source: 'catalog',
    rationale:
      'experimental, production or deprecated decides what support and standards apply.',
    remediation:
      'Set spec.lifecycle to experimental, production or deprecated.',
  },
  {
    id: 'golden-path',
    title: 'Golden path or escape hatch',
    shortTitle: 'Golden path',
    source: 'catalog',
    rationale:
      'Services created from a golden-path template start with probes, limits, SLOs and CI wired; a deliberate departure is fine when it is written down.',
    remediation:
      'Create the service from a template in /create (it records backstage.io/source-template), or annotate scorecard.portal.io/escape-hatch with the reason for not following one.',
  },
  {
    id: 'runbook-link',
    title: 'Runbook link',
    shortTitle: 'Runbook',
    source: 'catalog',
    rationale:
      'Whoever is paged at night needs the steps for this service, one click from its page.',
    remediation:
      'Add a metadata.links entry titled "Runbook" (or with type runbook), or the portal.io/runbook-url annotation.',
  },
  {
    id: 'on-call-link',
    title: 'On-call link',
    shortTitle: 'On-call',
    source: 'catalog',
    rationale: 'Others must be able to reach whoever is on call right now.',
    remediation:
      'Add a metadata.links entry titled "On-call" (or with type on-call), or a pagerduty.com/service-id or opsgenie.com/team annotation.',
  },
  {
    id: 'api-documented',
    title: 'API documented',
    shortTitle: 'API docs',
    source: 'catalog',
    rationale:
      'Consumers integrate against a definition, not against the code; a provided API without one is undocumented.',
    remediation:
      'List the API entities the component provides in spec.providesApis, each with a non-empty spec.definition.',
  },
  {
    id: 'conformance-resources',
    title: 'Requests and limits',
    shortTitle: 'Resources',
    source: 'conformance',
    rationale:
      'Without requests the scheduler overcommits nodes; without limits one pod can starve the others.',
    remediation:
      'Set resources.requests and resources.limits on every container (see the Conformance tab).',
  },
  {
    id: 'conformance-probes',
    title: 'Readiness and liveness probes',
    shortTitle: 'Probes',
    source: 'conformance',
    rationale:
      'Without probes traffic reaches pods that cannot serve and hung pods are never restarted.',
    remediation:
      'Add readinessProbe and livenessProbe to every container (see the Conformance tab).',
  },
  {
    id: 'conformance-network-policy',
    title: 'Default-deny network policy',
    shortTitle: 'Net policy',
    source: 'conformance',
    rationale:
      'A namespace without default deny lets any compromised pod reach every other service.',
    remediation:
      'Apply a NetworkPolicy selecting all pods with no ingress rules in the namespace.',
  },
  {
    id: 'conformance-no-privileged',
    title: 'No privileged containers or host namespaces',
    shortTitle: 'Privileged',
    source: 'conformance',
    rationale:
      'A privileged container or one sharing the host network, PID or IPC namespace owns the node.',
    remediation:
      'Remove privileged, allowPrivilegeEscalation, hostNetwork, hostPID and hostIPC.',
  },
  {
    id: 'conformance-pinned-images',
    title: 'Pinned images',
    shortTitle: 'Pinned',
    source: 'conformance',
    rationale:
      'A floating tag (latest, none) deploys something else on every pull: rollbacks stop being rollbacks.',
    remediation: 'Reference images by version tag or digest.',
  },
  {
    id: 'conformance-no-secret-literals',
    title: 'No secrets as literal env values',
    shortTitle: 'Secrets',
    source: 'conformance',
    rationale:
      'A password written into a manifest is in Git, in every clone and in kubectl describe.',
    remediation:
      'Read secrets with env[].valueFrom.secretKeyRef instead of env[].value.',
  },
  {
    id: 'slo-defined',
    title: 'SLOs defined',
    shortTitle: 'SLOs',
    source: 'slo',
    rationale:
      'Without an objective nobody can say whether the service is good enough, or when to stop shipping features.',
    remediation:
      'Point portal.io/slo-spec at an SLO spec (Sloth, OpenSLO or plain) next to catalog-info.yaml.',
  },
  {
    id: 'slo-collected',
    title: 'SLOs collected',
    shortTitle: 'SLO data',
    source: 'slo',
    rationale:
      'An SLO with no data or stale data protects nothing: the budget shown is fiction.',
    remediation:
      'Make the SLO queries return series in Prometheus (check the metric names and labels on the SLO page).',
  },
  {
    id: 'slo-budget-policy',
    title: 'Error budget policy',
    shortTitle: 'Budget policy',
    source: 'slo',
    rationale:
      'A budget only changes behaviour when the team agreed in advance what happens when it runs out.',
    remediation:
      'Add a policy (steps with consumedPercent and action) to every SLO in the spec.',
  },
  {
    id: 'dora-deployed',
    title: 'Deployed to production in 30 days',
    shortTitle: 'Deployed',
    source: 'dora',
    rationale:
      'Deployment data is what delivery figures are built from; a service with none is either idle or untracked.',
    remediation:
      'Report production deployments to /api/dora/events from CI (the golden-path workflow does), or label the Deployment with backstage.io/kubernetes-id.',
  },
  {
    id: 'dora-ancestry',
    title: 'Commit ancestry known',
    shortTitle: 'Ancestry',
    source: 'dora',
    rationale:
      'Lead time per commit needs to know which commits each deployment delivered.',
    remediation:
      'Send pushes or merged PRs (GitHub webhook, CDEvents change.merged) so every deployed commit is known.',
  },
  {
    id: 'build-once-promote',
    title: 'Build once, promote',
    shortTitle: 'Promoted',
    source: 'dora',
    rationale:
      'What reaches production should be exactly what ran in staging: the same commit, promoted, not rebuilt.',
    remediation:
      'Deploy each commit to staging first and report both deployments with the same SHA.',
  },
  {
    id: 'image-scan',
    title: 'Image scan clean',
    shortTitle: 'Scan',
    source: 'ci',
    rationale:
      'A critical vulnerability in the running image is the cheapest way in.',
    remediation:
      'Scan the image in CI and push the result to POST /api/scorecard/results (check image-scan); fix or upgrade what is critical.',
  },
];

/** @public */
export function findCheck(id: string): CheckDefinition | undefined {
  return scorecardChecks.find(c => c.id === id);
}
