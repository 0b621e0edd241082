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
    deployments: batch.deployments.map((d, i) =>
      located(d, required(d, `deployments[${i}]`)),
    ),
    changes: batch.changes.map((c, i) =>
      located(c, entityOf(c, `changes[${i}]`)),
    ),
    incidents: batch.incidents.map((inc, i) =>
      located(inc, required(inc, `incidents[${i}]`)),
    ),
  };
}

type Located<T, R> = Omit<T, 'kubernetesId' | 'entityRef'> & { entityRef: R };

/**
 * The record with `entityRef` set to `ref` and no `kubernetesId`. Records given by reference
 * (nearly all of a large batch) are returned as they are rather than copied.
 */
function located<T extends EntityLocator, R extends string | undefined>(
  record: T,
  ref: R,
): Located<T, R> {
  if (record.kubernetesId === undefined && record.entityRef === ref) {
    // Already that shape: the check above is what the cast asserts.
    return record as unknown as Located<T, R>;
  }
  const { kubernetesId: _id, entityRef: _ref, ...rest } = record;
  return {
    ...rest,
    ...(ref !== undefined && { entityRef: ref }),
  } as Located<T, R>;
}
