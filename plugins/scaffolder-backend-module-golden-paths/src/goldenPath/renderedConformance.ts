import {
  evaluateWorkload,
  KubeObject,
  Severity,
  WORKLOAD_KINDS,
} from '@internal/plugin-conformance-common';
import YAML from 'yaml';
import type { FileSet } from './render';

/** One Kubernetes object a template renders, and the file it is in. */
export interface RenderedManifest {
  file: string;
  object: KubeObject;
}

/** The checks one rendered workload fails. */
export interface WorkloadConformance {
  /** `Deployment sample-svc (kubernetes/deployment.yaml)` */
  workload: string;
  failed: { checkId: string; severity: Severity; findings: string[] }[];
}

/** Every object of the YAML files under `kubernetes/` of a render, in file order. */
export function renderedManifests(files: FileSet): RenderedManifest[] {
  const manifests: RenderedManifest[] = [];
  const names = [...files.keys()]
    .filter(f => f.startsWith('kubernetes/') && /\.ya?ml$/.test(f))
    .sort();
  for (const file of names) {
    for (const doc of YAML.parseAllDocuments(files.get(file)!)) {
      if (doc.errors.length > 0) {
        throw new Error(`${file}: not YAML (${doc.errors[0].message})`);
      }
      const object = doc.toJS();
      if (object && typeof object === 'object' && object.kind) {
        manifests.push({ file, object });
      }
    }
  }
  return manifests;
}

/**
 * The platform's conformance checks (the ones the conformance backend runs on live workloads)
 * over a template's rendered manifests. Each workload is judged with the autoscalers,
 * disruption budgets and network policies of the same render, since the deploy step applies them
 * together into one namespace. Operator resources (a Postgres `Cluster`, …) are not workloads
 * and are not judged.
 */
export function renderedConformance(files: FileSet): WorkloadConformance[] {
  const manifests = renderedManifests(files).map(m => m.object);
  const ofKind = (kind: string) => manifests.filter(o => o.kind === kind);
  const namespace = {
    horizontalPodAutoscalers: ofKind('HorizontalPodAutoscaler'),
    podDisruptionBudgets: ofKind('PodDisruptionBudget'),
    networkPolicies: ofKind('NetworkPolicy'),
  };
  return renderedManifests(files)
    .filter(m => WORKLOAD_KINDS.includes(m.object.kind ?? ''))
    .map(({ file, object }) => ({
      workload: `${object.kind} ${object.metadata?.name} (${file})`,
      failed: evaluateWorkload({ workload: object, namespace })
        .filter(r => r.verdict === 'fail')
        .map(r => ({
          checkId: r.checkId,
          severity: r.severity,
          findings: r.findings.map(f =>
            f.container
              ? `${f.container}: ${f.fieldPath}: ${f.message}`
              : `${f.fieldPath}: ${f.message}`,
          ),
        })),
    }));
}
