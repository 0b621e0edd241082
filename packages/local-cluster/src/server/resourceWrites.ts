/** POST, PUT, PATCH and DELETE of a resource: create, update, patch, delete and deletecollection. */
import { IncomingMessage, ServerResponse } from 'node:http';
import { ResourceType } from '../resources';
import { parseBody, patchTypeFromContentType } from './body';
import { buildFilter } from './collection';
import { deleteMany, deleteOne, parseDeleteOptions } from './deletion';
import { errors } from './errors';
import { readBody, sendJson } from './http';
import { ResourceRequest, collectionQuery, requireVerb } from './route';
import { checkFieldValidation } from './strictFields';

/**
 * Reads the body of a write. Whole-object writes (not patches, not
 * subresources) go through `fieldValidation`; its warnings become `Warning`
 * headers, as kubectl prints them.
 */
export function requestBodyReader(
  req: IncomingMessage,
  res: ServerResponse,
  rt: ResourceType,
  q: URLSearchParams,
  subresource: string | undefined,
): () => Promise<unknown> {
  return async () => {
    const contentType = req.headers['content-type'] ?? 'application/json';
    const body = parseBody(await readBody(req), contentType);
    const isPatch =
      req.method === 'PATCH' &&
      !/apply-patch/.test(req.headers['content-type'] ?? '');
    if (!isPatch && !subresource) {
      const warnings = checkFieldValidation(rt, body, q.get('fieldValidation'));
      if (warnings.length)
        res.setHeader(
          'Warning',
          warnings.map(w => `299 - "${w}"`),
        );
    }
    return body;
  };
}

export async function serveCreate(ctx: ResourceRequest) {
  const { rt, namespace, name, api, dryRun } = ctx;
  if (name) throw errors.methodNotAllowed('create', rt);
  requireVerb(rt, 'create');
  const created = api.create(rt, namespace, await ctx.readJson(), { dryRun });
  return sendJson(ctx.res, 201, created);
}

export async function serveUpdate(ctx: ResourceRequest) {
  const { rt, namespace, name, api, dryRun } = ctx;
  if (!name) throw errors.methodNotAllowed('update', rt);
  requireVerb(rt, 'update');
  const body = await ctx.readJson();
  return sendJson(
    ctx.res,
    200,
    api.replace(rt, namespace, name, body, undefined, { dryRun }),
  );
}

/** A patch of an object that does not exist yet creates it (server-side apply): 201 then. */
export async function servePatch(ctx: ResourceRequest) {
  const { req, rt, namespace, name, api, store, dryRun } = ctx;
  if (!name) throw errors.methodNotAllowed('patch', rt);
  requireVerb(rt, 'patch');
  const type = patchTypeFromContentType(req.headers['content-type'] ?? '');
  const existed = !!store.get(rt, namespace, name);
  const body = await ctx.readJson();
  const out = api.patch(rt, namespace, name, type, body, undefined, {
    dryRun,
  });
  return sendJson(ctx.res, existed ? 200 : 201, out);
}

export async function serveDelete(ctx: ResourceRequest) {
  const { req, res, q, rt, namespace, name, api, store } = ctx;
  const text = await readBody(req);
  const deleteOptions = parseDeleteOptions(
    text.trim()
      ? parseBody(text, req.headers['content-type'] ?? 'application/json')
      : undefined,
    q,
  );
  if (name) {
    requireVerb(rt, 'delete');
    return sendJson(
      res,
      200,
      deleteOne(api, rt, namespace, name, deleteOptions),
    );
  }
  requireVerb(rt, 'deletecollection');
  const filter = buildFilter(rt, collectionQuery(q, namespace));
  const deleted = deleteMany(
    api,
    rt,
    store.list(rt, namespace).filter(filter),
    deleteOptions,
  );
  return sendJson(res, 200, {
    kind: `${rt.kind}List`,
    apiVersion: deleted[0]?.apiVersion ?? '',
    metadata: { resourceVersion: store.currentResourceVersion() },
    items: deleted,
  });
}
