/**
 * A resource URL taken apart into (group, version, namespace, resource, name,
 * subresource), and the request context every resource handler shares.
 */
import { IncomingMessage, ServerResponse } from 'node:http';
import { splitApiPath } from '../apiPath';
import { ResourceType, findResource, groupVersions } from '../resources';
import { ObjectStore } from '../store/ObjectStore';
import { ClusterApi } from './api';
import { errors } from './errors';

export interface ResourceRoute {
  rt: ResourceType;
  namespace?: string;
  name?: string;
  subresource?: string;
  /** The legacy `/watch/` path form rather than `?watch=1`. */
  watchPath: boolean;
}

/** One request to a resource, with what each verb's handler needs. */
export interface ResourceRequest extends ResourceRoute {
  req: IncomingMessage;
  res: ServerResponse;
  method: string;
  q: URLSearchParams;
  store: ObjectStore;
  api: ClusterApi;
  dryRun: boolean;
  /** Set when the client asked for a `meta.k8s.io/v1` Table. */
  table?: { includeObject?: string };
  /** The body as an object, after strict field validation for whole-object writes. */
  readJson: () => Promise<unknown>;
  registerStream: (end: () => void) => () => void;
}

/** Parses `/api/<v>/...` and `/apis/<g>/<v>/...`; anything not served is a 404. */
export function parseResourceRoute(segs: string[]): ResourceRoute {
  const split = splitApiPath(segs);
  if (!split) throw errors.pathNotFound();
  const { group, version } = split;
  let rest = split.rest;
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
  // `namespaces/<name>/status` and `/finalize` are subresources of a namespace, not a scope.
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

export function boolParam(v: string | null): boolean {
  return v === 'true' || v === '1';
}

/** A 405 unless the resource type serves `verb`. */
export function requireVerb(rt: ResourceType, verb: string) {
  if (!rt.verbs.includes(verb)) throw errors.methodNotAllowed(verb, rt);
}

export function collectionQuery(
  q: URLSearchParams,
  namespace: string | undefined,
) {
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
