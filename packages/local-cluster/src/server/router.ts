/**
 * HTTP entry point: authentication and authorization, then dispatch by
 * concern: health, discovery (`discovery.ts`), access reviews, versions served
 * by conversion (`conversion.ts`), subresources (`subresources.ts`), computed
 * metrics and reads (`resourceReads.ts`), writes (`resourceWrites.ts`).
 * Every request is wrapped so bad input yields a Status, never a crash.
 */
import { IncomingMessage, ServerResponse } from 'node:http';
import { AccessControl, UserInfo } from '../rbac';
import { ObjectStore } from '../store/ObjectStore';
import { KubeObject } from '../store/types';
import { ClusterApi } from './api';
import { parseBody } from './body';
import { converterFor, handleConverted } from './conversion';
import { discoveryDocument } from './discovery';
import { dryRunOf } from './dryRun';
import { errors } from './errors';
import { readBody, sendError, sendJson, sendText } from './http';
import { serveMetrics, serveRead } from './resourceReads';
import {
  requestBodyReader,
  serveCreate,
  serveDelete,
  servePatch,
  serveUpdate,
} from './resourceWrites';
import { ResourceRequest, ResourceRoute, parseResourceRoute } from './route';
import { handleSubresource } from './subresources';
import { wantsTable } from './table';

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
const HEALTH_PATHS = new Set(['/healthz', '/livez', '/readyz']);

const WRITES = new Map<string, (ctx: ResourceRequest) => Promise<void>>([
  ['POST', serveCreate],
  ['PUT', serveUpdate],
  ['PATCH', servePatch],
  ['DELETE', serveDelete],
]);

export function createRouter(opts: RouterOptions) {
  const { store, api } = opts;
  const streams = new Set<() => void>();
  const registerStream = (end: () => void) => {
    streams.add(end);
    return () => streams.delete(end);
  };

  /** SubjectAccessReview and friends: answered, never stored. */
  async function serveReview(
    req: IncomingMessage,
    res: ServerResponse,
    route: ResourceRoute,
    user: UserInfo,
  ) {
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
  }

  async function serveResource(
    req: IncomingMessage,
    res: ServerResponse,
    url: URL,
    route: ResourceRoute,
  ) {
    const { rt, name, subresource } = route;
    const q = url.searchParams;
    const method = req.method ?? 'GET';
    const ctx: ResourceRequest = {
      ...route,
      req,
      res,
      method,
      q,
      store,
      api,
      dryRun: dryRunOf(method, q),
      table: wantsTable(req.headers.accept)
        ? { includeObject: q.get('includeObject') ?? undefined }
        : undefined,
      readJson: requestBodyReader(req, res, rt, q, subresource),
      registerStream,
    };
    if (subresource) {
      if (!name) throw errors.pathNotFound();
      await handleSubresource({
        ...ctx,
        name,
        subresource,
        podLogs: opts.podLogs,
      });
      return;
    }
    if (rt.virtual) {
      serveMetrics(ctx);
      return;
    }
    if (method === 'GET') {
      serveRead(ctx);
      return;
    }
    const write = WRITES.get(method);
    if (!write) throw errors.methodNotAllowed(method.toLowerCase(), rt);
    await write(ctx);
  }

  async function handle(req: IncomingMessage, res: ServerResponse) {
    try {
      const url = new URL(req.url ?? '/', 'http://local-cluster');
      const path = url.pathname.replace(/\/+$/, '') || '/';
      const user = opts.access.authenticate(req, PUBLIC_PATHS.has(path));
      opts.access.authorize(user, req.method ?? 'GET', path, url.searchParams);
      const segs = path.split('/').filter(Boolean).map(decodeURIComponent);
      if (req.method === 'GET' && HEALTH_PATHS.has(path)) {
        sendText(res, 200, 'ok');
        return;
      }
      const doc =
        req.method === 'GET'
          ? discoveryDocument(path, segs, opts.serverAddress())
          : undefined;
      if (doc) {
        sendJson(res, 200, doc);
        return;
      }
      if (path === '/openapi/v2') throw errors.pathNotFound();
      const route = parseResourceRoute(segs);
      if (route.rt.review) {
        await serveReview(req, res, route, user);
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
      await serveResource(req, res, url, route);
    } catch (e) {
      sendError(res, e);
    }
  }

  function closeStreams() {
    for (const end of [...streams]) end();
  }

  return { handle, closeStreams };
}
