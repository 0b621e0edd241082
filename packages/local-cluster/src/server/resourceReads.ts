/** GET of a resource: get, list and watch of stored objects, and the computed metrics. */
import { listObjects, listStoredObjects, serveWatch } from './collection';
import { errors } from './errors';
import { sendJson } from './http';
import { listNodeMetrics, listPodMetrics } from './metrics';
import {
  ResourceRequest,
  boolParam,
  collectionQuery,
  requireVerb,
} from './route';
import { toTable } from './table';

export function isWatch(ctx: ResourceRequest): boolean {
  return ctx.watchPath || boolParam(ctx.q.get('watch'));
}

/** `metrics.k8s.io` objects are computed on every read, never stored, so they are read-only. */
export function serveMetrics(ctx: ResourceRequest) {
  const { rt, method, namespace, name, store, res, q } = ctx;
  if (method !== 'GET' || isWatch(ctx))
    throw errors.methodNotAllowed(
      isWatch(ctx) ? 'watch' : method.toLowerCase(),
      rt,
    );
  const items =
    rt.kind === 'PodMetrics'
      ? listPodMetrics(store, namespace)
      : listNodeMetrics(store);
  if (name) {
    const found = items.find(i => i.metadata.name === name);
    if (!found) throw errors.notFound(rt, name);
    return sendJson(res, 200, found);
  }
  return sendJson(
    res,
    200,
    listObjects(store, rt, items, collectionQuery(q, namespace), undefined),
  );
}

export function serveRead(ctx: ResourceRequest) {
  const { req, res, q, rt, namespace, name, store, table } = ctx;
  if (isWatch(ctx)) {
    requireVerb(rt, 'watch');
    return serveWatch(
      req,
      res,
      store,
      rt,
      {
        ...collectionQuery(q, namespace),
        name,
        resourceVersion: q.get('resourceVersion') ?? undefined,
        timeoutSeconds: Number(q.get('timeoutSeconds') ?? 0) || undefined,
        allowWatchBookmarks: boolParam(q.get('allowWatchBookmarks')),
        sendInitialEvents: boolParam(q.get('sendInitialEvents')),
        table,
      },
      ctx.registerStream,
    );
  }
  if (name) {
    requireVerb(rt, 'get');
    const obj = store.mustGet(rt, namespace, name);
    return sendJson(
      res,
      200,
      table
        ? toTable(rt, [obj], table.includeObject, {
            resourceVersion: obj.metadata.resourceVersion,
          })
        : obj,
    );
  }
  requireVerb(rt, 'list');
  return sendJson(
    res,
    200,
    listStoredObjects(store, rt, collectionQuery(q, namespace), table),
  );
}
