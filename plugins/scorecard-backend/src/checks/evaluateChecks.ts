import {
  Entity,
  RELATION_PROVIDES_API,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { CheckResult, checkPromotion } from '@internal/plugin-scorecard-common';
import { EntitySignals } from './signals';

export const SOURCE_TEMPLATE_ANNOTATION = 'backstage.io/source-template';
export const ESCAPE_HATCH_ANNOTATION = 'scorecard.portal.io/escape-hatch';
export const RUNBOOK_ANNOTATION = 'portal.io/runbook-url';
const ON_CALL_ANNOTATIONS = [
  'pagerduty.com/service-id',
  'pagerduty.com/integration-key',
  'opsgenie.com/team',
  'opsgenie.com/component-selector',
];
const LIFECYCLES = ['experimental', 'production', 'deprecated'];

/** Which conformance checks make up each scorecard check. */
export const CONFORMANCE_CHECKS: Record<string, string[]> = {
  'conformance-resources': ['resource-requests', 'resource-limits'],
  'conformance-probes': ['readiness-probe', 'liveness-probe'],
  'conformance-network-policy': ['default-deny-network-policy'],
  'conformance-no-privileged': ['no-privileged', 'no-host-namespaces'],
  'conformance-pinned-images': ['pinned-image'],
  'conformance-no-secret-literals': ['no-secret-literals'],
};

export interface EvaluateOptions {
  /** Pushed results older than this many days no longer count. */
  ciMaxAgeDays: number;
  now: Date;
}

/** Portal paths of the pages that show each source's evidence for an entity. */
export function entityPaths(entity: Entity) {
  const ns = entity.metadata.namespace ?? 'default';
  const base = `/catalog/${ns}/${entity.kind.toLocaleLowerCase('en-US')}/${
    entity.metadata.name
  }`;
  return {
    page: base,
    conformance: `${base}/conformance`,
    slos: `${base}/slos`,
    dora: `${base}/dora`,
    apis: `${base}/api`,
  };
}

/**
 * Judges every built-in check on one entity from its signals. Pure: the same signals always
 * give the same results, which is what lets the evaluator skip unchanged entities by hash.
 */
export function evaluateChecks(
  s: EntitySignals,
  options: EvaluateOptions,
): CheckResult[] {
  const { entity } = s;
  const paths = entityPaths(entity);
  const spec = (entity.spec ?? {}) as Record<string, unknown>;
  const annotations = entity.metadata.annotations ?? {};
  const out: CheckResult[] = [];
  const push = (
    checkId: string,
    state: CheckResult['state'],
    message: string,
    evidenceUrl?: string,
  ) => out.push({ checkId, state, message, evidenceUrl });
  const text = (v: unknown) => (typeof v === 'string' ? v.trim() : '');

  // Catalog metadata.
  const owner = text(spec.owner);
  push(
    'owner',
    owner ? 'pass' : 'fail',
    owner ? `owned by ${owner}` : 'spec.owner is not set',
    paths.page,
  );
  const system = text(spec.system);
  push(
    'system',
    system ? 'pass' : 'fail',
    system ? `part of ${system}` : 'spec.system is not set',
    paths.page,
  );
  const lifecycle = text(spec.lifecycle);
  const knownLifecycle = LIFECYCLES.includes(lifecycle);
  let lifecycleMessage = 'spec.lifecycle is not set';
  if (knownLifecycle) lifecycleMessage = `lifecycle ${lifecycle}`;
  else if (lifecycle) {
    lifecycleMessage = `lifecycle "${lifecycle}" is not one of ${LIFECYCLES.join(
      ', ',
    )}`;
  }
  push(
    'lifecycle',
    knownLifecycle ? 'pass' : 'fail',
    lifecycleMessage,
    paths.page,
  );
  const template = text(annotations[SOURCE_TEMPLATE_ANNOTATION]);
  const hatch = text(annotations[ESCAPE_HATCH_ANNOTATION]);
  if (template) {
    push('golden-path', 'pass', `created from ${template}`, paths.page);
  } else if (hatch) {
    push('golden-path', 'pass', `escape hatch: ${hatch}`, paths.page);
  } else {
    push(
      'golden-path',
      'fail',
      `neither ${SOURCE_TEMPLATE_ANNOTATION} nor a reason in ${ESCAPE_HATCH_ANNOTATION}`,
      paths.page,
    );
  }
  const links = (entity.metadata.links ?? []).filter(l =>
    /^https?:\/\//i.test(l.url),
  );
  const runbook =
    links.find(l => l.type === 'runbook' || /runbook/i.test(l.title ?? '')) ??
    (/^https?:\/\//i.test(text(annotations[RUNBOOK_ANNOTATION]))
      ? { url: text(annotations[RUNBOOK_ANNOTATION]) }
      : undefined);
  push(
    'runbook-link',
    runbook ? 'pass' : 'fail',
    runbook
      ? `runbook at ${runbook.url}`
      : 'no http(s) link titled Runbook or typed runbook',
    runbook?.url ?? paths.page,
  );
  const onCall = links.find(
    l => l.type === 'on-call' || /on[- ]?call|pager|rota/i.test(l.title ?? ''),
  );
  const onCallAnnotation = ON_CALL_ANNOTATIONS.find(a => text(annotations[a]));
  let onCallMessage =
    'no link titled On-call (or typed on-call) and no PagerDuty or Opsgenie annotation';
  if (onCall) onCallMessage = `on call at ${onCall.url}`;
  else if (onCallAnnotation)
    onCallMessage = `on call through ${onCallAnnotation}`;
  push(
    'on-call-link',
    onCall || onCallAnnotation ? 'pass' : 'fail',
    onCallMessage,
    onCall?.url ?? paths.page,
  );
  const apiRefs = [...s.providedApis.keys()];
  if (apiRefs.length === 0) {
    push(
      'api-documented',
      spec.type === 'service' ? 'fail' : 'not-applicable',
      spec.type === 'service'
        ? 'a service that provides no API entity (spec.providesApis)'
        : `a ${text(spec.type) || 'component'} provides no API`,
      paths.apis,
    );
  } else {
    const undocumented = apiRefs.filter(ref => {
      const api = s.providedApis.get(ref);
      return !text((api?.spec as Record<string, unknown>)?.definition);
    });
    push(
      'api-documented',
      undocumented.length === 0 ? 'pass' : 'fail',
      undocumented.length === 0
        ? `${apiRefs.length} API${
            apiRefs.length > 1 ? 's' : ''
          } with a definition`
        : `no definition: ${undocumented.join(', ')}`,
      paths.apis,
    );
  }

  // Conformance of the live workloads.
  const hasWorkloads = Boolean(
    annotations['backstage.io/kubernetes-id'] ||
      annotations['backstage.io/kubernetes-label-selector'],
  );
  for (const [checkId, ids] of Object.entries(CONFORMANCE_CHECKS)) {
    const c = s.conformance;
    if (!hasWorkloads) {
      push(
        checkId,
        'not-applicable',
        'no Kubernetes workloads (no backstage.io/kubernetes-id)',
        paths.conformance,
      );
    } else if (!c || c.pending) {
      // Not judged yet (a fresh portal, a newly registered entity): neither pass nor fail, so
      // the first pass after a start does not count the conformance checks as failures.
      push(
        checkId,
        'pending',
        'waiting for the first conformance report',
        paths.conformance,
      );
    } else if (c.workloadCount === 0) {
      push(
        checkId,
        'fail',
        'no workload found in any cluster',
        paths.conformance,
      );
    } else {
      const verdicts = ids.map(id => [id, c.verdicts[id]] as const);
      const failing = verdicts
        .filter(([, v]) => v === 'fail')
        .map(([id]) => id);
      const exempt = verdicts
        .filter(([, v]) => v === 'exempt')
        .map(([id]) => id);
      const judged = verdicts.filter(
        ([, v]) => v !== undefined && v !== 'not-applicable',
      );
      if (failing.length > 0) {
        const found = failing.flatMap(id => c.findings?.[id] ?? []);
        const shown = found.slice(0, 3).join(' ');
        const more =
          found.length > 3 ? ` (and ${found.length - 3} more on the tab)` : '';
        push(
          checkId,
          'fail',
          `failing: ${failing.join(', ')}${
            found.length > 0 ? `: ${shown}${more}` : ''
          }`,
          paths.conformance,
        );
      } else if (judged.length === 0) {
        push(
          checkId,
          'not-applicable',
          `not judged by the conformance plugin (${ids.join(', ')})`,
          paths.conformance,
        );
      } else if (exempt.length > 0) {
        push(
          checkId,
          'exempt',
          `exempt in conformance: ${exempt.join(
            ', ',
          )} (conformance.portal.io/exempt-<check>)`,
          paths.conformance,
        );
      } else {
        push(
          checkId,
          'pass',
          `${ids.join(', ')} pass on ${c.workloadCount} workload${
            c.workloadCount > 1 ? 's' : ''
          }`,
          paths.conformance,
        );
      }
    }
  }

  // SLOs.
  if (s.sloErrors.length > 0) {
    push(
      'slo-defined',
      'fail',
      `spec errors in ${[...new Set(s.sloErrors.map(e => e.file))].join(', ')}`,
      paths.slos,
    );
  } else {
    push(
      'slo-defined',
      s.slos.length > 0 ? 'pass' : 'fail',
      s.slos.length > 0
        ? `${s.slos.length} SLO${s.slos.length > 1 ? 's' : ''}`
        : 'no SLO spec (portal.io/slo-spec)',
      paths.slos,
    );
  }
  if (s.slos.length === 0) {
    push('slo-collected', 'not-applicable', 'no SLOs', paths.slos);
    push('slo-budget-policy', 'not-applicable', 'no SLOs', paths.slos);
  } else {
    const uncollected = s.slos.filter(x => x.status === 'no-data' || x.stale);
    push(
      'slo-collected',
      uncollected.length === 0 ? 'pass' : 'fail',
      uncollected.length === 0
        ? 'every SLO has fresh data'
        : uncollected
            .map(x => `${x.id} ${x.stale ? 'stale' : 'no data'}`)
            .join(', '),
      paths.slos,
    );
    const noPolicy = s.slos.filter(x => !x.hasPolicy);
    push(
      'slo-budget-policy',
      noPolicy.length === 0 ? 'pass' : 'fail',
      noPolicy.length === 0
        ? 'every SLO has a budget policy'
        : `no policy: ${noPolicy.map(x => x.id).join(', ')}`,
      paths.slos,
    );
  }

  // DORA.
  const d = s.dora;
  push(
    'dora-deployed',
    d.productionDeployments30d > 0 ? 'pass' : 'fail',
    d.productionDeployments30d > 0
      ? `${d.productionDeployments30d} successful production deployments in 30 days`
      : 'no successful production deployment in 30 days',
    paths.dora,
  );
  if (d.coverage.deployments === 0) {
    push(
      'dora-ancestry',
      'not-applicable',
      'no production deployments to trace',
      paths.dora,
    );
  } else {
    push(
      'dora-ancestry',
      d.coverage.ancestryKnown === d.coverage.deployments ? 'pass' : 'fail',
      `${d.coverage.ancestryKnown} of ${d.coverage.deployments} production deployments with known ancestry`,
      paths.dora,
    );
  }
  const since = options.now.getTime() - 30 * 86400_000;
  const promotion = checkPromotion(d.deployments);
  const recent = promotion.notPromoted.filter(
    p => Date.parse(p.finishedAt) >= since,
  );
  const recentProduction = d.deployments.filter(
    x =>
      x.environment === 'production' &&
      x.status === 'success' &&
      Date.parse(x.finishedAt) >= since,
  ).length;
  if (recentProduction === 0) {
    push(
      'build-once-promote',
      'not-applicable',
      'no production deployments in 30 days',
      paths.dora,
    );
  } else {
    push(
      'build-once-promote',
      recent.length === 0 ? 'pass' : 'fail',
      recent.length === 0
        ? `all ${recentProduction} production deployments ran in staging first`
        : `${
            recent.length
          } of ${recentProduction} production deployments not seen in staging first (${recent
            .slice(0, 3)
            .map(p => p.shas[0]?.slice(0, 12) ?? p.id)
            .join(', ')})`,
      paths.dora,
    );
  }

  // Results pushed from CI.
  const scan = s.pushed.get('image-scan');
  const maxAge = options.ciMaxAgeDays * 86400_000;
  if (!scan) {
    push('image-scan', 'fail', 'no scan result pushed from CI', paths.page);
  } else if (options.now.getTime() - Date.parse(scan.reportedAt) > maxAge) {
    push(
      'image-scan',
      'fail',
      `last scan ${scan.reportedAt.slice(0, 10)} is older than ${
        options.ciMaxAgeDays
      } days`,
      scan.evidenceUrl ?? paths.page,
    );
  } else {
    push(
      'image-scan',
      scan.state,
      scan.message ?? `run ${scan.runId}: ${scan.state}`,
      scan.evidenceUrl ?? paths.page,
    );
  }
  return out;
}

/** The refs of the API entities an entity provides, from its relations. */
export function providedApiRefs(entity: Entity): string[] {
  return (entity.relations ?? [])
    .filter(r => r.type === RELATION_PROVIDES_API)
    .map(r => r.targetRef)
    .sort();
}

export function refOf(entity: Entity) {
  return stringifyEntityRef(entity);
}
