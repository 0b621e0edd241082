/** The status, scale and log subresources of a single object. */
import { IncomingMessage, ServerResponse } from 'node:http';
import { applyJsonPatch } from '../patch/jsonPatch';
import { applyMergePatch } from '../patch/mergePatch';
import { ResourceType } from '../resources';
import { KubeObject } from '../store/types';
import { ClusterApi } from './api';
import { patchTypeFromContentType } from './body';
import { errors } from './errors';
import { sendJson, sendText } from './http';

export interface SubresourceRequest {
  req: IncomingMessage;
  res: ServerResponse;
  api: ClusterApi;
  rt: ResourceType;
  namespace: string | undefined;
  name: string;
  subresource: string;
  dryRun: boolean;
  readJson: () => Promise<unknown>;
  podLogs: (pod: KubeObject, container: string | undefined) => string;
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
    dryRun,
    readJson,
    podLogs,
  } = ctx;
  const method = req.method ?? 'GET';
  if (subresource === 'log' && rt.kind === 'Pod' && method === 'GET') {
    const pod = api.store.mustGet(rt, namespace, name);
    return sendText(
      res,
      200,
      podLogs(
        pod,
        new URL(req.url ?? '/', 'http://x').searchParams.get('container') ??
          undefined,
      ),
    );
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
