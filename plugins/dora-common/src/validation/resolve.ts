import { InputError } from '@backstage/errors';
import { normalizeEntityRef } from '../entityRef';
import { Change, Deployment, Incident } from '../types';
import { EntityLocator, ValidatedBatch } from './validate';

/**
 * A batch whose entities are all catalog references.
 *
 * @public
 */
export interface ResolvedBatch {
  deployments: Deployment[];
  changes: Change[];
  incidents: Incident[];
}

/**
 * Maps a `backstage.io/kubernetes-id` value to an entity reference, or
 * `undefined` when no entity carries it. Synchronous on purpose: the backend
 * looks the ids up in bulk first, so resolution itself stays pure.
 *
 * @public
 */
export type KubernetesIdResolver = (kubernetesId: string) => string | undefined;

/**
 * Replaces every `kubernetesId` in a validated batch with the canonical
 * entity reference `resolve` returns. An explicit `entityRef` always wins
 * over a `kubernetesId`. Throws one InputError naming the first record whose
 * id cannot be resolved, so a batch is resolved completely or not at all.
 *
 * @public
 */
export function resolveBatch(
  batch: ValidatedBatch,
  resolve: KubernetesIdResolver,
): ResolvedBatch {
  const entityOf = (
    { entityRef, kubernetesId }: EntityLocator,
    path: string,
  ): string | undefined => {
    if (entityRef !== undefined || kubernetesId === undefined) {
      return entityRef;
    }
    const resolved = resolve(kubernetesId);
    const ref =
      resolved === undefined ? undefined : normalizeEntityRef(resolved);
    if (ref === undefined) {
      throw new InputError(
        `${path}.kubernetesId: no catalog entity has kubernetes-id '${kubernetesId}'`,
      );
    }
    return ref;
  };
  const required = (locator: EntityLocator, path: string): string => {
    const ref = entityOf(locator, path);
    if (ref === undefined) {
      // validateDeployment/validateIncident guarantee one of the two.
      throw new InputError(`${path}.entityRef: required`);
    }
    return ref;
  };

  return {
    deployments: batch.deployments.map(
      ({ kubernetesId, entityRef, ...rest }, i) => ({
        ...rest,
        entityRef: required({ entityRef, kubernetesId }, `deployments[${i}]`),
      }),
    ),
    changes: batch.changes.map(({ kubernetesId, entityRef, ...rest }, i) => {
      const ref = entityOf({ entityRef, kubernetesId }, `changes[${i}]`);
      return { ...rest, ...(ref !== undefined && { entityRef: ref }) };
    }),
    incidents: batch.incidents.map(
      ({ kubernetesId, entityRef, ...rest }, i) => ({
        ...rest,
        entityRef: required({ entityRef, kubernetesId }, `incidents[${i}]`),
      }),
    ),
  };
}
