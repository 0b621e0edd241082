/**
 * DELETE semantics at the HTTP edge: DeleteOptions (from the body or, when
 * there is none, the query, as the real server reads them), preconditions,
 * and the response a real API server gives, which depends on the type:
 * namespaces answer Terminating, pods answer with their grace period, a
 * foreground delete answers with its finalizer, everything else answers a
 * Success Status. A dry run answers the same and changes nothing.
 */
import { ResourceType } from '../resources';
import { KubeObject } from '../store/types';
import { isPlainObject } from '../store/util';
import { ClusterApi } from './api';
import { invalidOptions, parseDryRun } from './dryRun';
import { ApiError, errors } from './errors';

export interface DeleteOptions {
  dryRun: boolean;
  propagationPolicy?: string;
  gracePeriodSeconds?: number;
  preconditions?: { uid?: string; resourceVersion?: string };
}

const POLICIES = ['Orphan', 'Background', 'Foreground'];

/** DeleteOptions from a decoded body, or from the query string when the body is empty. */
export function parseDeleteOptions(
  body: unknown,
  q: URLSearchParams,
): DeleteOptions {
  const src: Record<string, unknown> = isPlainObject(body)
    ? body
    : {
        dryRun: q.getAll('dryRun').length ? q.getAll('dryRun') : undefined,
        propagationPolicy: q.get('propagationPolicy') ?? undefined,
        gracePeriodSeconds: q.get('gracePeriodSeconds') ?? undefined,
        orphanDependents: q.get('orphanDependents') ?? undefined,
      };
  const opts: DeleteOptions = {
    dryRun: parseDryRun(src.dryRun, 'DeleteOptions'),
  };
  if (typeof src.propagationPolicy === 'string') {
    if (!POLICIES.includes(src.propagationPolicy))
      throw invalidOptions(
        'DeleteOptions',
        'propagationPolicy',
        `Unsupported value: "${src.propagationPolicy}": supported values: "Foreground", "Background", "Orphan"`,
      );
    opts.propagationPolicy = src.propagationPolicy;
  }
  if (src.orphanDependents === true || src.orphanDependents === 'true')
    opts.propagationPolicy = 'Orphan';
  if (src.gracePeriodSeconds !== undefined) {
    const n = Number(src.gracePeriodSeconds);
    if (!Number.isInteger(n))
      throw errors.badRequest(
        `invalid gracePeriodSeconds: ${String(src.gracePeriodSeconds)}`,
      );
    opts.gracePeriodSeconds = n;
  }
  if (isPlainObject(src.preconditions))
    opts.preconditions = src.preconditions as DeleteOptions['preconditions'];
  return opts;
}

function checkPreconditions(
  rt: ResourceType,
  obj: KubeObject,
  pre: DeleteOptions['preconditions'],
) {
  const fail = (what: string, want: string, have: string | undefined) =>
    new ApiError({
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message: `Precondition failed: ${what} in precondition: ${want}, ${what} in object meta: ${
        have ?? ''
      }`,
      reason: 'Conflict',
      details: {
        name: obj.metadata.name,
        kind: rt.resource,
        ...(rt.group ? { group: rt.group } : {}),
      },
      code: 409,
    });
  if (pre?.uid && pre.uid !== obj.metadata.uid)
    throw fail('UID', pre.uid, obj.metadata.uid);
  if (
    pre?.resourceVersion &&
    pre.resourceVersion !== obj.metadata.resourceVersion
  )
    throw fail(
      'ResourceVersion',
      pre.resourceVersion,
      obj.metadata.resourceVersion,
    );
}

function now(offsetSeconds = 0): string {
  return new Date(Date.now() + offsetSeconds * 1000)
    .toISOString()
    .replace(/\.\d+Z$/, 'Z');
}

/** What the real server answers for deleting `obj` (taken before the delete). */
export function deleteResponse(
  rt: ResourceType,
  obj: KubeObject,
  opts: DeleteOptions,
): unknown {
  if (rt.kind === 'Namespace') {
    return {
      ...obj,
      metadata: { ...obj.metadata, deletionTimestamp: now() },
      status: { ...obj.status, phase: 'Terminating' },
    };
  }
  if (rt.kind === 'Pod') {
    const grace =
      opts.gracePeriodSeconds ?? obj.spec?.terminationGracePeriodSeconds ?? 30;
    return grace > 0
      ? {
          ...obj,
          metadata: {
            ...obj.metadata,
            deletionTimestamp: now(grace),
            deletionGracePeriodSeconds: grace,
          },
        }
      : obj;
  }
  if (opts.propagationPolicy === 'Foreground') {
    return {
      ...obj,
      metadata: {
        ...obj.metadata,
        deletionTimestamp: now(),
        deletionGracePeriodSeconds: 0,
        finalizers: [...(obj.metadata.finalizers ?? []), 'foregroundDeletion'],
      },
    };
  }
  return {
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {},
    status: 'Success',
    details: {
      name: obj.metadata.name,
      ...(rt.group ? { group: rt.group } : {}),
      kind: rt.resource,
      uid: obj.metadata.uid,
    },
  };
}

/** DELETE of one object: checks, deletes unless dry run, answers like the real server. */
export function deleteOne(
  api: ClusterApi,
  rt: ResourceType,
  namespace: string | undefined,
  name: string,
  opts: DeleteOptions,
): unknown {
  const existing = api.store.mustGet(rt, namespace, name);
  checkPreconditions(rt, existing, opts.preconditions);
  api.delete(rt, namespace, name, opts.propagationPolicy, {
    dryRun: opts.dryRun,
  });
  return deleteResponse(rt, existing, opts);
}

/** deletecollection: the list of what was (or, in a dry run, would be) deleted. */
export function deleteMany(
  api: ClusterApi,
  rt: ResourceType,
  targets: KubeObject[],
  opts: DeleteOptions,
): KubeObject[] {
  const deleted: KubeObject[] = [];
  for (const o of targets) {
    try {
      deleted.push(
        api.delete(
          rt,
          o.metadata.namespace,
          o.metadata.name!,
          opts.propagationPolicy,
          {
            dryRun: opts.dryRun,
          },
        ),
      );
    } catch (e) {
      // An earlier delete in the batch may already have cascaded to this one.
      if (!(e instanceof ApiError && e.code === 404)) throw e;
    }
  }
  return deleted;
}
