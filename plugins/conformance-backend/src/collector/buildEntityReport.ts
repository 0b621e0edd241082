import {
  CheckConfig,
  CheckOptions,
  EntityConformance,
  Severity,
  Verdict,
  conformanceScore,
  evaluateWorkload,
} from '@internal/plugin-conformance-common';
import { ClusterWorkloads } from './KubernetesWorkloadReader';

export interface EvaluationOptions {
  config?: Record<string, CheckConfig>;
  checkOptions?: CheckOptions;
}

const SEVERITY_ORDER: Severity[] = ['critical', 'high', 'medium', 'low'];

/** Judges every workload found for one entity and folds the verdicts into its report. */
export function buildEntityReport(
  entityRef: string,
  clusters: ClusterWorkloads[],
  exemptions: Record<string, string>,
  options: EvaluationOptions,
  now: Date,
): { report: EntityConformance; failingSeverities: Severity[] } {
  const workloads = clusters.flatMap(c =>
    c.contexts.map(ctx => ({
      workload: {
        cluster: c.cluster,
        namespace: ctx.workload.metadata.namespace ?? 'default',
        kind: ctx.workload.kind ?? 'Unknown',
        name: ctx.workload.metadata.name,
      },
      results: evaluateWorkload(ctx, {
        config: options.config,
        checkOptions: options.checkOptions,
        exemptions,
      }),
    })),
  );
  const all = workloads.flatMap(w => w.results);
  const summary: Record<Verdict, number> = {
    pass: 0,
    fail: 0,
    'not-applicable': 0,
    exempt: 0,
  };
  for (const r of all) summary[r.verdict]++;
  const failing = new Set(
    all.filter(r => r.verdict === 'fail').map(r => r.severity),
  );

  return {
    report: {
      entityRef,
      score: conformanceScore(all),
      evaluatedAt: now.toISOString(),
      workloads,
      summary,
      clusterErrors: clusters
        .filter(c => c.error)
        .map(c => ({ cluster: c.cluster, message: c.error! })),
    },
    failingSeverities: SEVERITY_ORDER.filter(s => failing.has(s)),
  };
}
