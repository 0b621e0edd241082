/**
 * ControllerRevisions: the template history of StatefulSets and DaemonSets,
 * which `kubectl rollout history` lists and `kubectl rollout undo` patches back
 * (the revision's `data` is a strategic merge patch replacing the template).
 */
import { ResourceType } from '../resources';
import { ClusterApi } from '../server/api';
import { KubeObject } from '../store/types';
import { T, isOwnedBy, ownerRef } from './util';

const CHANGE_CAUSE = 'kubernetes.io/change-cause';

function revisionOf(cr: KubeObject): number {
  return Number(cr.revision ?? 0);
}

/**
 * Makes sure `owner`'s current template has a ControllerRevision named
 * `<owner>-<hash>`, the newest one. Going back to an older template (undo)
 * renumbers that revision as the newest, as the real controllers do.
 */
export function recordRevision(
  api: ClusterApi,
  owner: KubeObject,
  ownerType: ResourceType,
  hash: string,
): KubeObject {
  const ns = owner.metadata.namespace!;
  const owned = api.store
    .list(T.controllerRevisions, ns)
    .filter(cr => isOwnedBy(cr, owner));
  const maxRev = owned.reduce((m, cr) => Math.max(m, revisionOf(cr)), 0);
  const name = `${owner.metadata.name}-${hash}`;
  const changeCause = owner.metadata.annotations?.[CHANGE_CAUSE];
  const existing = owned.find(cr => cr.metadata.name === name);
  let current: KubeObject;
  if (!existing) {
    current = api.create(T.controllerRevisions, ns, {
      apiVersion: 'apps/v1',
      kind: 'ControllerRevision',
      metadata: {
        name,
        namespace: ns,
        labels: {
          ...owner.spec?.template?.metadata?.labels,
          'controller.kubernetes.io/hash': hash,
        },
        ...(changeCause
          ? { annotations: { [CHANGE_CAUSE]: changeCause } }
          : {}),
        ownerReferences: [ownerRef(ownerType, owner)],
      },
      data: {
        spec: {
          template: {
            ...structuredClone(owner.spec?.template),
            $patch: 'replace',
          },
        },
      },
      revision: maxRev + 1,
    });
    owned.push(current);
  } else if (revisionOf(existing) < maxRev) {
    current = api.replace(T.controllerRevisions, ns, name, {
      ...existing,
      metadata: { ...existing.metadata, resourceVersion: undefined },
      revision: maxRev + 1,
    });
  } else {
    current = existing;
  }
  const limit: number = owner.spec?.revisionHistoryLimit ?? 10;
  const old = owned
    .filter(cr => cr.metadata.name !== name)
    .sort((a, b) => revisionOf(a) - revisionOf(b));
  for (const cr of old.slice(0, Math.max(0, old.length - limit))) {
    try {
      api.delete(T.controllerRevisions, ns, cr.metadata.name!);
    } catch {
      // already gone
    }
  }
  return current;
}
