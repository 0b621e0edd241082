/**
 * The semantic layer behind every write: namespace checks, defaulting,
 * validation, subresource rules, patch application and cascading deletes.
 * The HTTP router, the manifest loader and the controllers all go through it,
 * so objects created any of those ways look the same.
 */
import {
  RESOURCE_TYPES,
  ResourceType,
  apiVersionOf,
  findResource,
} from '../resources';
import { ObjectStore } from '../store/ObjectStore';
import { KubeObject } from '../store/types';
import { isPlainObject } from '../store/util';
import { PatchError, applyJsonPatch } from '../patch/jsonPatch';
import { applyMergePatch } from '../patch/mergePatch';
import { applyStrategicMergePatch } from '../patch/strategicMerge';
import {
  formatLabelSelector,
  fromLabelSelectorObject,
} from '../selectors/labelSelector';
import { applyDefaults } from './defaults';
import { ApiError, errors } from './errors';
import { validateObject } from './validation';
import { PatchType } from './body';

export type { PatchType } from './body';

export interface WriteOptions {
  dryRun?: boolean;
}

const NAMESPACES = findResource('', 'v1', 'namespaces')!;
const SCALE_KINDS = ['Deployment', 'ReplicaSet', 'StatefulSet'];

export class ClusterApi {
  constructor(readonly store: ObjectStore) {}

  private checkTypeMeta(rt: ResourceType, obj: KubeObject) {
    const expected = apiVersionOf(rt);
    if (obj.apiVersion && obj.apiVersion !== expected) {
      throw errors.badRequest(
        `the API version in the data (${obj.apiVersion}) does not match the expected API version (${expected})`,
      );
    }
    if (obj.kind && obj.kind !== rt.kind) {
      throw errors.badRequest(
        `the kind in the data (${obj.kind}) does not match the expected kind (${rt.kind})`,
      );
    }
    obj.apiVersion = expected;
    obj.kind = rt.kind;
  }

  private checkNamespace(
    rt: ResourceType,
    obj: KubeObject,
    namespace: string | undefined,
  ) {
    if (!rt.namespaced) {
      delete obj.metadata.namespace;
      return;
    }
    const ns = namespace ?? obj.metadata.namespace ?? 'default';
    if (obj.metadata.namespace && obj.metadata.namespace !== ns) {
      throw errors.badRequest(
        'the namespace of the provided object does not match the namespace sent on the request',
      );
    }
    obj.metadata.namespace = ns;
  }

  private asObject(body: unknown): KubeObject {
    if (!isPlainObject(body))
      throw errors.badRequest('the request body must be a JSON or YAML object');
    if (body.metadata === undefined) body.metadata = {};
    if (!isPlainObject(body.metadata))
      throw errors.badRequest('metadata must be an object');
    return body as KubeObject;
  }

  create(
    rt: ResourceType,
    namespace: string | undefined,
    body: unknown,
    opts: WriteOptions = {},
  ): KubeObject {
    const obj = this.asObject(structuredClone(body));
    this.checkTypeMeta(rt, obj);
    this.checkNamespace(rt, obj, namespace);
    for (const k of [
      'uid',
      'resourceVersion',
      'creationTimestamp',
      'deletionTimestamp',
      'generation',
      'managedFields',
      'selfLink',
    ]) {
      delete obj.metadata[k];
    }
    if (rt.subresources?.includes('status')) delete obj.status;
    applyDefaults(rt, obj, true);
    const causes = validateObject(rt, obj);
    if (causes.length)
      throw errors.invalid(rt, obj.metadata.name ?? '', causes);
    if (rt.namespaced) {
      const ns = this.store.get(NAMESPACES, undefined, obj.metadata.namespace!);
      if (!ns) throw errors.namespaceNotFound(obj.metadata.namespace!);
    }
    return this.store.create(rt, obj, !!opts.dryRun);
  }

  replace(
    rt: ResourceType,
    namespace: string | undefined,
    name: string,
    body: unknown,
    subresource?: 'status',
    opts: WriteOptions = {},
  ): KubeObject {
    const obj = this.asObject(structuredClone(body));
    if (obj.metadata.name && obj.metadata.name !== name) {
      throw errors.badRequest(
        `the name of the object (${obj.metadata.name}) does not match the name on the URL (${name})`,
      );
    }
    obj.metadata.name = name;
    this.checkTypeMeta(rt, obj);
    this.checkNamespace(rt, obj, namespace);
    const existing = this.store.mustGet(rt, namespace, name);
    let next: KubeObject;
    if (subresource === 'status') {
      next = { ...existing, status: obj.status };
      next.metadata = {
        ...existing.metadata,
        resourceVersion: obj.metadata.resourceVersion,
      };
    } else {
      next = obj;
      if (rt.subresources?.includes('status')) {
        if (existing.status === undefined) delete next.status;
        else next.status = existing.status;
      }
    }
    applyDefaults(rt, next, false);
    const causes = validateObject(rt, next, existing);
    if (causes.length) throw errors.invalid(rt, name, causes);
    return this.store.update(rt, next, !!opts.dryRun);
  }

  patch(
    rt: ResourceType,
    namespace: string | undefined,
    name: string,
    type: PatchType,
    patchBody: unknown,
    subresource?: 'status',
    opts: WriteOptions = {},
  ): KubeObject {
    const existing = this.store.get(rt, namespace, name);
    if (!existing) {
      // Server-side apply creates missing objects; every other patch type 404s.
      if (type === 'apply' && !subresource) {
        const obj = this.asObject(structuredClone(patchBody));
        if (obj.metadata.name && obj.metadata.name !== name) {
          throw errors.badRequest(
            `the name of the object (${obj.metadata.name}) does not match the name on the URL (${name})`,
          );
        }
        obj.metadata.name = name;
        return this.create(rt, namespace, obj, opts);
      }
      throw errors.notFound(rt, name);
    }
    const patched = this.applyPatch(existing, type, patchBody);
    if (!isPlainObject(patched))
      throw errors.badRequest('patch produced a non-object document');
    const obj = patched as KubeObject;
    if (!isPlainObject(obj.metadata)) obj.metadata = { name };
    // A patch carrying no resourceVersion must not trip the optimistic concurrency check.
    if (!hasResourceVersion(patchBody, type))
      obj.metadata.resourceVersion = undefined;
    return this.replace(rt, namespace, name, obj, subresource, opts);
  }

  private applyPatch(
    existing: KubeObject,
    type: PatchType,
    patchBody: unknown,
  ): unknown {
    try {
      switch (type) {
        case 'json':
          return applyJsonPatch(existing, patchBody);
        case 'merge':
          return applyMergePatch(existing, patchBody);
        case 'strategic':
          return applyStrategicMergePatch(existing, patchBody);
        case 'apply':
        default:
          // No field ownership tracking: server-side apply merges like a strategic patch.
          return applyStrategicMergePatch(existing, patchBody);
      }
    } catch (e) {
      if (e instanceof PatchError) {
        throw new ApiError({
          kind: 'Status',
          apiVersion: 'v1',
          metadata: {},
          status: 'Failure',
          message: `the server rejected our request due to an error in our request: ${e.message}`,
          reason: 'Invalid',
          code: 422,
        });
      }
      throw e;
    }
  }

  /** Deletes an object and, unless orphaning, everything that names it as owner. */
  delete(
    rt: ResourceType,
    namespace: string | undefined,
    name: string,
    propagationPolicy = 'Background',
    opts: WriteOptions = {},
  ): KubeObject {
    const existing = this.store.mustGet(rt, namespace, name);
    // A dry run stops here: nothing below (contents, dependents) may be touched.
    if (opts.dryRun) return existing;
    if (rt.kind === 'Namespace') {
      for (const other of allTypes()) {
        if (!other.namespaced) continue;
        for (const o of this.store.list(other, name)) {
          this.tryDelete(other, o.metadata.namespace, o.metadata.name!);
        }
      }
    }
    const deleted = this.store.delete(rt, namespace, name);
    this.collectDependents(
      deleted.metadata.uid!,
      propagationPolicy === 'Orphan',
    );
    return deleted;
  }

  private tryDelete(
    rt: ResourceType,
    namespace: string | undefined,
    name: string,
  ) {
    try {
      this.delete(rt, namespace, name);
    } catch (e) {
      if (!(e instanceof ApiError && e.code === 404)) throw e;
    }
  }

  private collectDependents(ownerUid: string, orphan: boolean) {
    for (const rt of allTypes()) {
      for (const o of this.store.list(rt)) {
        const refs = o.metadata.ownerReferences ?? [];
        if (!refs.some(r => r.uid === ownerUid)) continue;
        if (orphan) {
          o.metadata.ownerReferences = refs.filter(r => r.uid !== ownerUid);
          if (!o.metadata.ownerReferences.length)
            delete o.metadata.ownerReferences;
          this.store.update(rt, {
            ...o,
            metadata: { ...o.metadata, resourceVersion: undefined },
          });
        } else {
          this.tryDelete(rt, o.metadata.namespace, o.metadata.name!);
        }
      }
    }
  }

  getScale(
    rt: ResourceType,
    namespace: string | undefined,
    name: string,
  ): KubeObject {
    if (!SCALE_KINDS.includes(rt.kind)) throw errors.pathNotFound();
    return scaleOf(this.store.mustGet(rt, namespace, name));
  }

  updateScale(
    rt: ResourceType,
    namespace: string | undefined,
    name: string,
    scale: unknown,
    opts: WriteOptions = {},
  ): KubeObject {
    const s = this.asObject(scale);
    const replicas = s.spec?.replicas;
    if (
      typeof replicas !== 'number' ||
      !Number.isInteger(replicas) ||
      replicas < 0
    ) {
      throw errors.invalid(rt, name, [
        {
          reason: 'FieldValueInvalid',
          field: 'spec.replicas',
          message: `Invalid value: ${JSON.stringify(
            replicas,
          )}: must be greater than or equal to 0`,
        },
      ]);
    }
    const obj = this.store.mustGet(rt, namespace, name);
    if (
      s.metadata.resourceVersion &&
      s.metadata.resourceVersion !== obj.metadata.resourceVersion
    ) {
      throw errors.conflict(rt, name);
    }
    obj.spec = { ...obj.spec, replicas };
    const updated = this.replace(rt, namespace, name, obj, undefined, opts);
    return scaleOf(updated);
  }
}

function hasResourceVersion(patchBody: unknown, type: PatchType): boolean {
  if (type === 'json') {
    return (
      Array.isArray(patchBody) &&
      patchBody.some(
        op => isPlainObject(op) && op.path === '/metadata/resourceVersion',
      )
    );
  }
  return (
    isPlainObject(patchBody) &&
    isPlainObject(patchBody.metadata) &&
    !!patchBody.metadata.resourceVersion
  );
}

function allTypes(): ResourceType[] {
  return RESOURCE_TYPES.filter(r => !r.virtual);
}

/** The autoscaling/v1 Scale view of a scalable object. */
function scaleOf(obj: KubeObject): KubeObject {
  return {
    kind: 'Scale',
    apiVersion: 'autoscaling/v1',
    metadata: {
      name: obj.metadata.name,
      namespace: obj.metadata.namespace,
      uid: obj.metadata.uid,
      resourceVersion: obj.metadata.resourceVersion,
      creationTimestamp: obj.metadata.creationTimestamp,
    },
    spec: { replicas: obj.spec?.replicas ?? 0 },
    status: {
      replicas: obj.status?.replicas ?? 0,
      selector: formatLabelSelector(
        fromLabelSelectorObject(obj.spec?.selector),
      ),
    },
  };
}
