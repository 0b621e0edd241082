/**
 * HTTP entry point: authentication, URL parsing into (group, version,
 * namespace, resource, name, subresource), verb dispatch and error mapping.
 * Every request is wrapped so bad input yields a Status, never a crash.
 */
import { IncomingMessage, ServerResponse } from 'node:http';
import { ResourceType, findResource, groupVersions } from '../resources';
import { AccessControl } from '../rbac';
import { ObjectStore } from '../store/ObjectStore';
import { KubeObject } from '../store/types';
import { ClusterApi } from './api';
import { parseBody, patchTypeFromContentType } from './body';
import { buildFilter, listObjects, serveWatch } from './collection';
import {
  SERVER_VERSION,
  apiGroupDoc,
  apiGroupList,
  apiResourceList,
  apiVersions,
  openApiV3Doc,
  openApiV3Root,
} from './discovery';
import { deleteMany, deleteOne, parseDeleteOptions } from './deletion';
import { dryRunOf } from './dryRun';
import { converterFor, handleConverted } from './conversion';
import { errors } from './errors';
import { readBody, sendError, sendJson, sendText } from './http';
import { checkFieldValidation } from './strictFields';
import { handleSubresource } from './subresources';
import { listNodeMetrics, listPodMetrics } from './metrics';
import { toTable, wantsTable } from './table';

export interface RouterOptions {
  /** Authentication and RBAC of every request. */
  access: AccessControl;
  store: ObjectStore;
  api: ClusterApi;
  serverAddress: () => string;
  /** `query` carries tailLines, sinceSeconds, timestamps, previous and limitBytes. */
  podLogs: (
    pod: KubeObject,
    container: string | undefined,
    query?: URLSearchParams,
  ) => string;
}

const PUBLIC_PATHS = new Set(['/healthz', '/livez', '/readyz', '/version']);

interface ResourceRoute {
  rt: ResourceType;
  namespace?: string;
  name?: string;
  subresource?: string;
  watchPath: boolean;
}

function notFound(): never {
  throw errors.pathNotFound();
}

function boolParam(v: string | null): boolean {
  return v === 'true' || v === '1';
}

export function createRouter(opts: RouterOptions) {
  const { store, api } = opts;
  const streams = new Set<() => void>();
  const registerStream = (end: () => void) => {
    streams.add(end);
    return () => streams.delete(end);
  };

  /** The discovery/OpenAPI document for a path, or undefined if the path is not a discovery path. */
  function discovery(path: string, segs: string[]): unknown {
    if (path === '/version') return SERVER_VERSION;
    if (path === '/api') return apiVersions(opts.serverAddress());
    if (path === '/apis') return apiGroupList();
    if (path === '/openapi/v3') return openApiV3Root();
    if (path.startsWith('/openapi/v3/')) {
      return openApiV3Doc(path.slice('/openapi/v3/'.length)) ?? notFound();
    }
    if (segs[0] === 'apis' && segs.length === 2)
      return apiGroupDoc(segs[1]) ?? notFound();
    if (segs[0] === 'api' && segs.length === 2)
      return apiResourceList('', segs[1]) ?? notFound();
    if (segs[0] === 'apis' && segs.length === 3)
      return apiResourceList(segs[1], segs[2]) ?? notFound();
    return undefined;
  }

  function parseRoute(segs: string[]): ResourceRoute {
    let group: string;
    let version: string;
    let rest: string[];
    if (segs[0] === 'api' && segs.length > 2) {
      [group, version, rest] = ['', segs[1], segs.slice(2)];
    } else if (segs[0] === 'apis' && segs.length > 3) {
      [group, version, rest] = [segs[1], segs[2], segs.slice(3)];
    } else {
      throw errors.pathNotFound();
    }
    if (
      !groupVersions().some(gv => gv.group === group && gv.version === version)
    ) {
      throw errors.pathNotFound();
    }
    let watchPath = false;
    if (rest[0] === 'watch') {
      watchPath = true;
      rest = rest.slice(1);
    }
    let namespace: string | undefined;
    const nsSub = rest.length === 3 && ['status', 'finalize'].includes(rest[2]);
    if (rest[0] === 'namespaces' && rest.length >= 3 && !nsSub) {
      namespace = rest[1];
      rest = rest.slice(2);
    }
    const [resource, name, subresource, ...extra] = rest;
    const rt = findResource(group, version, resource ?? '');
    if (!rt || extra.length) throw errors.pathNotFound();
    if (namespace !== undefined && !rt.namespaced) throw errors.pathNotFound();
    return { rt, namespace, name, subresource, watchPath };
  }

  async function handleResource(
    req: IncomingMessage,
    res: ServerResponse,
    url: URL,
    route: ResourceRoute,
  ) {
    const { rt, namespace, name, subresource } = route;
    const q = url.searchParams;
    const method = req.method ?? 'GET';
    const accept = req.headers.accept;
    const table = wantsTable(accept)
      ? { includeObject: q.get('includeObject') ?? undefined }
      : undefined;
    const dryRun = dryRunOf(method, q);
    const isWatch = route.watchPath || boolParam(q.get('watch'));
    const verbFor = (verb: string) => {
      if (!rt.verbs.includes(verb)) throw errors.methodNotAllowed(verb, rt);
    };
    const readJson = async () => {
      const body = parseBody(
        await readBody(req),
        req.headers['content-type'] ?? 'application/json',
      );
      const isPatch =
        method === 'PATCH' &&
        !/apply-patch/.test(req.headers['content-type'] ?? '');
      if (!isPatch && !subresource) {
        const warnings = checkFieldValidation(
          rt,
          body,
          q.get('fieldValidation'),
        );
        if (warnings.length)
          res.setHeader(
            'Warning',
            warnings.map(w => `299 - "${w}"`),
          );
      }
      return body;
    };

    if (subresource) {
      if (!name) throw errors.pathNotFound();
      await handleSubresource({
        req,
        res,
        api,
        rt,
        namespace,
        name,
        subresource,
        dryRun,
        readJson,
        podLogs: opts.podLogs,
      });
      return undefined;
    }

    if (rt.virtual) {
      if (method !== 'GET' || isWatch)
        throw errors.methodNotAllowed(
          isWatch ? 'watch' : method.toLowerCase(),
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

    switch (method) {
      case 'GET': {
        if (isWatch) {
          verbFor('watch');
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
            registerStream,
          );
        }
        if (name) {
          verbFor('get');
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
        verbFor('list');
        return sendJson(
          res,
          200,
          listObjects(
            store,
            rt,
            store.list(rt, namespace),
            collectionQuery(q, namespace),
            table,
          ),
        );
      }
      case 'POST': {
        if (name) throw errors.methodNotAllowed('create', rt);
        verbFor('create');
        return sendJson(
          res,
          201,
          api.create(rt, namespace, await readJson(), { dryRun }),
        );
      }
      case 'PUT': {
        if (!name) throw errors.methodNotAllowed('update', rt);
        verbFor('update');
        return sendJson(
          res,
          200,
          api.replace(rt, namespace, name, await readJson(), undefined, {
            dryRun,
          }),
        );
      }
      case 'PATCH': {
        if (!name) throw errors.methodNotAllowed('patch', rt);
        verbFor('patch');
        const type = patchTypeFromContentType(
          req.headers['content-type'] ?? '',
        );
        const existed = !!store.get(rt, namespace, name);
        const out = api.patch(
          rt,
          namespace,
          name,
          type,
          await readJson(),
          undefined,
          { dryRun },
        );
        return sendJson(res, existed ? 200 : 201, out);
      }
      case 'DELETE': {
        const text = await readBody(req);
        const deleteOptions = parseDeleteOptions(
          text.trim()
            ? parseBody(text, req.headers['content-type'] ?? 'application/json')
            : undefined,
          q,
        );
        if (name) {
          verbFor('delete');
          return sendJson(
            res,
            200,
            deleteOne(api, rt, namespace, name, deleteOptions),
          );
        }
        verbFor('deletecollection');
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
      default:
        throw errors.methodNotAllowed(method.toLowerCase(), rt);
    }
  }

  async function handle(req: IncomingMessage, res: ServerResponse) {
    try {
      const url = new URL(req.url ?? '/', 'http://local-cluster');
      const path = url.pathname.replace(/\/+$/, '') || '/';
      const user = opts.access.authenticate(req, PUBLIC_PATHS.has(path));
      opts.access.authorize(user, req.method ?? 'GET', path, url.searchParams);
      const segs = path.split('/').filter(Boolean).map(decodeURIComponent);
      if (
        req.method === 'GET' &&
        ['/healthz', '/livez', '/readyz'].includes(path)
      ) {
        sendText(res, 200, 'ok');
        return;
      }
      const doc = req.method === 'GET' ? discovery(path, segs) : undefined;
      if (doc) {
        sendJson(res, 200, doc);
        return;
      }
      if (path === '/openapi/v2') throw errors.pathNotFound();
      const route = parseRoute(segs);
      if (route.rt.review) {
        if (req.method !== 'POST' || route.name)
          throw errors.methodNotAllowed(
            (req.method ?? 'GET').toLowerCase(),
            route.rt,
          );
        const body = parseBody(
          await readBody(req),
          req.headers['content-type'] ?? 'application/json',
        );
        sendJson(
          res,
          201,
          opts.access.review(route.rt, route.namespace, body, user),
        );
        return;
      }
      const converter = converterFor(route.rt);
      if (converter && !route.subresource) {
        await handleConverted(
          { req, res, url, api, store, registerStream, ...route },
          converter,
        );
        return;
      }
      await handleResource(req, res, url, route);
    } catch (e) {
      sendError(res, e);
    }
  }

  function closeStreams() {
    for (const end of [...streams]) end();
  }

  return { handle, closeStreams };
}

function collectionQuery(q: URLSearchParams, namespace: string | undefined) {
  const limit = Number(q.get('limit') ?? 0);
  if (!Number.isFinite(limit) || limit < 0)
    throw errors.badRequest(`invalid limit: ${q.get('limit')}`);
  return {
    namespace,
    labelSelector: q.get('labelSelector') ?? undefined,
    fieldSelector: q.get('fieldSelector') ?? undefined,
    limit: limit || undefined,
    continue: q.get('continue') ?? undefined,
  };
}
