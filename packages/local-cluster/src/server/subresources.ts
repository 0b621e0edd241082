/** The status, scale, log and eviction subresources of a single object. */
import { applyJsonPatch } from '../patch/jsonPatch';
import { applyMergePatch } from '../patch/mergePatch';
import { findResource } from '../resources';
import { KubeObject } from '../store/types';
import { patchTypeFromContentType } from './body';
import {
  fromLabelSelectorObject,
  matchesLabels,
} from '../selectors/labelSelector';
import { isPlainObject } from '../store/util';
import { deleteOne, parseDeleteOptions } from './deletion';
import { ApiError, errors } from './errors';
import { sendJson, sendText } from './http';
import { ResourceRequest } from './route';

export interface SubresourceRequest extends ResourceRequest {
  name: string;
  subresource: string;
  podLogs: (
    pod: KubeObject,
    container: string | undefined,
    query?: URLSearchParams,
  ) => string;
}

export async function handleSubresource(
  ctx: SubresourceRequest,
): Promise<void> {
  const {
    req,
    res,
    api,
    rt,
    namespace,
    name,
    subresource,
    method,
    dryRun,
    readJson,
    podLogs,
  } = ctx;
  if (subresource === 'log' && rt.kind === 'Pod' && method === 'GET') {
    const pod = api.store.mustGet(rt, namespace, name);
    return sendText(
      res,
      200,
      podLogs(pod, ctx.q.get('container') ?? undefined, ctx.q),
    );
  }
  if (subresource === 'eviction' && rt.kind === 'Pod') {
    if (method !== 'POST')
      throw errors.methodNotAllowed(method.toLowerCase(), rt);
    return evict(ctx, await readJson());
  }
  const sub = subresource as 'status' | 'scale';
  if (!rt.subresources?.includes(sub)) throw errors.pathNotFound();
  if (sub === 'scale') {
    if (method === 'GET')
      return sendJson(res, 200, api.getScale(rt, namespace, name));
    if (method === 'PUT')
      return sendJson(
        res,
        200,
        api.updateScale(rt, namespace, name, await readJson(), { dryRun }),
      );
    if (method === 'PATCH') {
      const type = patchTypeFromContentType(req.headers['content-type'] ?? '');
      const current = api.getScale(rt, namespace, name);
      const body = await readJson();
      const patched =
        type === 'json'
          ? applyJsonPatch(current, body)
          : applyMergePatch(current, body);
      return sendJson(
        res,
        200,
        api.updateScale(rt, namespace, name, patched, { dryRun }),
      );
    }
    throw errors.methodNotAllowed(method.toLowerCase(), rt);
  }
  if (method === 'GET')
    return sendJson(res, 200, api.store.mustGet(rt, namespace, name));
  if (method === 'PUT')
    return sendJson(
      res,
      200,
      api.replace(rt, namespace, name, await readJson(), 'status', {
        dryRun,
      }),
    );
  if (method === 'PATCH') {
    const type = patchTypeFromContentType(req.headers['content-type'] ?? '');
    return sendJson(
      res,
      200,
      api.patch(rt, namespace, name, type, await readJson(), 'status', {
        dryRun,
      }),
    );
  }
  throw errors.methodNotAllowed(method.toLowerCase(), rt);
}

const PDBS = findResource('policy', 'v1', 'poddisruptionbudgets')!;

/**
 * POST pods/<name>/eviction (kubectl drain): refused with 429 while a
 * matching PodDisruptionBudget allows no disruption, otherwise a delete with
 * the eviction's DeleteOptions. A dry run (query or deleteOptions) deletes nothing.
 */
function evict(ctx: SubresourceRequest, body: unknown) {
  const { api, rt, namespace, name, res, q } = ctx;
  const eviction = isPlainObject(body) ? body : {};
  if (
    isPlainObject(eviction.metadata) &&
    eviction.metadata.name &&
    eviction.metadata.name !== name
  )
    throw errors.badRequest(
      `name in URL does not match name in Eviction object`,
    );
  const opts = parseDeleteOptions(
    isPlainObject(eviction.deleteOptions) ? eviction.deleteOptions : undefined,
    q,
  );
  opts.dryRun = opts.dryRun || ctx.dryRun;
  const pod = api.store.mustGet(rt, namespace, name);
  for (const pdb of api.store.list(PDBS, namespace)) {
    const selector = fromLabelSelectorObject(pdb.spec?.selector);
    if (!selector.length || !matchesLabels(selector, pod.metadata.labels))
      continue;
    if (pdb.status?.disruptionsAllowed === 0) {
      throw new ApiError({
        kind: 'Status',
        apiVersion: 'v1',
        metadata: {},
        status: 'Failure',
        message:
          "Cannot evict pod as it would violate the pod's disruption budget.",
        reason: 'TooManyRequests',
        details: {
          causes: [
            {
              reason: 'DisruptionBudget',
              message: `The disruption budget ${pdb.metadata.name} needs ${
                pdb.status?.desiredHealthy ?? 0
              } healthy pods and has ${
                pdb.status?.currentHealthy ?? 0
              } currently`,
            },
          ],
        },
        code: 429,
      });
    }
  }
  deleteOne(api, rt, namespace, name, opts);
  return sendJson(res, 201, {
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {},
    status: 'Success',
    code: 201,
  });
}
