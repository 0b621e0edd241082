import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { exemptionsFromAnnotations } from '@internal/plugin-conformance-common';
import { StoredReport } from '../database/ConformanceStore';
import { EvaluationOptions, buildEntityReport } from './buildEntityReport';
import { WorkloadReader } from './KubernetesWorkloadReader';

export const KUBERNETES_ID_ANNOTATION = 'backstage.io/kubernetes-id';
export const KUBERNETES_LABEL_SELECTOR_ANNOTATION =
  'backstage.io/kubernetes-label-selector';

export function hasKubernetesWorkloads(entity: Entity): boolean {
  const annotations = entity.metadata.annotations ?? {};
  return Boolean(
    annotations[KUBERNETES_ID_ANNOTATION] ||
      annotations[KUBERNETES_LABEL_SELECTOR_ANNOTATION],
  );
}

/** Reads an entity's live workloads and judges them; the result is ready to store. */
export class ConformanceEvaluator {
  constructor(
    private readonly reader: WorkloadReader,
    private readonly options: EvaluationOptions,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async evaluate(entity: Entity): Promise<StoredReport> {
    const entityRef = stringifyEntityRef(entity);
    const clusters = await this.reader.read(entity);
    const { report, failingSeverities } = buildEntityReport(
      entityRef,
      clusters,
      exemptionsFromAnnotations(entity.metadata.annotations),
      this.options,
      this.now(),
    );
    return {
      entityRef,
      ...catalogFacts(entity),
      failingSeverities,
      report,
      entityEtag: entity.metadata.etag,
    };
  }
}

/** Title, owner and system as the catalog-wide page filters on them. */
export function catalogFacts(entity: Entity): {
  title?: string;
  owner?: string;
  system?: string;
} {
  const relation = (type: string, kind: string) =>
    entity.relations?.find(
      r => r.type === type && r.targetRef.startsWith(`${kind}:`),
    )?.targetRef;
  return {
    title: entity.metadata.title,
    owner: relation('ownedBy', 'group') ?? relation('ownedBy', 'user'),
    system: relation('partOf', 'system'),
  };
}
