import { isSha } from '../types';

/** The parts of Kubernetes objects the observer reads. */
export type KubeObject = {
  metadata: {
    name?: string;
    namespace?: string;
    uid?: string;
    resourceVersion?: string;
    generation?: number;
    creationTimestamp?: string;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
    ownerReferences?: { uid: string }[];
  };
  spec?: any;
  status?: any;
};

export const KUBERNETES_ID_LABEL = 'backstage.io/kubernetes-id';
/** Set by CI on the Deployment or its pod template: the commit the image was built from. */
export const COMMIT_ANNOTATION = 'portal.io/commit-sha';
const REVISION = 'deployment.kubernetes.io/revision';
const REVISION_HISTORY = 'deployment.kubernetes.io/revision-history';

type Condition = {
  type: string;
  status: string;
  reason?: string;
  lastUpdateTime?: string;
  lastTransitionTime?: string;
};

/**
 * The deployment record of a Deployment's current revision, once its rollout has finished:
 * complete (every replica updated and available) or failed (progress deadline exceeded). A
 * revision whose ReplicaSet is older than one it replaced is a rollback (`kubectl rollout undo`
 * re-uses the earlier ReplicaSet). Keyed by the Deployment's uid and revision, so observing the
 * same rollout again, after a restart or a re-list, yields the same record.
 */
export function rolloutDeployment(
  cluster: string,
  environment: string,
  deployment: KubeObject,
  replicaSets: KubeObject[],
): Record<string, unknown> | undefined {
  const { metadata, spec, status } = deployment;
  const kubernetesId = metadata.labels?.[KUBERNETES_ID_LABEL];
  const revision = metadata.annotations?.[REVISION];
  if (!kubernetesId || !revision || !status) return undefined;
  if ((status.observedGeneration ?? 0) < (metadata.generation ?? 0)) {
    return undefined;
  }
  const conditions: Condition[] = status.conditions ?? [];
  const progressing = conditions.find(c => c.type === 'Progressing');
  const desired = spec?.replicas ?? 1;
  const failed =
    progressing?.status === 'False' &&
    progressing.reason === 'ProgressDeadlineExceeded';
  const complete =
    (status.updatedReplicas ?? 0) === desired &&
    (status.replicas ?? 0) === desired &&
    (status.availableReplicas ?? 0) === desired;
  if (!failed && !complete) return undefined;

  const owned = replicaSets.filter(rs =>
    rs.metadata.ownerReferences?.some(o => o.uid === metadata.uid),
  );
  const current = owned.find(
    rs => rs.metadata.annotations?.[REVISION] === revision,
  );
  const rollback =
    current !== undefined &&
    (current.metadata.annotations?.[REVISION_HISTORY] !== undefined ||
      owned.some(
        rs =>
          rs !== current &&
          Number(rs.metadata.annotations?.[REVISION]) < Number(revision) &&
          time(rs.metadata.creationTimestamp) >
            time(current.metadata.creationTimestamp),
      ));
  const finishedAt =
    (failed ? progressing?.lastTransitionTime : progressing?.lastUpdateTime) ??
    progressing?.lastTransitionTime ??
    current?.metadata.creationTimestamp;
  if (!finishedAt) return undefined;
  const startedAt = rollback ? undefined : current?.metadata.creationTimestamp;
  const template = spec?.template;
  const commit =
    template?.metadata?.annotations?.[COMMIT_ANNOTATION] ??
    metadata.annotations?.[COMMIT_ANNOTATION];
  const version = imageVersion(template?.spec?.containers?.[0]?.image);

  return {
    id: `kubernetes:${cluster}:${metadata.uid}:${revision}`,
    kubernetesId,
    environment,
    status: failed ? 'failure' : 'success',
    type: rollback ? 'rollback' : 'normal',
    ...(startedAt && time(startedAt) <= time(finishedAt) && { startedAt }),
    finishedAt,
    ...(version && { version }),
    commitShas: isSha(commit) ? [commit.toLowerCase()] : [],
    source: 'kubernetes',
  };
}

function time(value?: string): number {
  return value ? Date.parse(value) : 0;
}

/** `registry:5000/app:1.2.3` → `1.2.3`; `app@sha256:…` → the digest; untagged → nothing. */
export function imageVersion(image: unknown): string | undefined {
  if (typeof image !== 'string') return undefined;
  const at = image.indexOf('@');
  if (at >= 0) return image.slice(at + 1);
  const colon = image.lastIndexOf(':');
  return colon > image.lastIndexOf('/') ? image.slice(colon + 1) : undefined;
}
