/**
 * Request → authorizer attributes, following apiserver's RequestInfoFactory:
 * `/api/v1/...` and `/apis/<g>/<v>/...` with a resource are resource requests
 * (watch prefix, namespaces, subresources); everything else, discovery
 * included, is a non-resource path with the lower-cased method as verb.
 */
import { splitApiPath } from '../apiPath';
import { Attributes } from './types';

const VERBS: Record<string, string> = {
  GET: 'get',
  HEAD: 'get',
  POST: 'create',
  PUT: 'update',
  PATCH: 'patch',
  DELETE: 'delete',
};
const NAMESPACE_SUBRESOURCES = ['status', 'finalize'];

export function requestAttributes(
  method: string,
  path: string,
  query: URLSearchParams,
): Attributes {
  const segs = path.split('/').filter(Boolean).map(decodeURIComponent);
  const nonResource: Attributes = {
    kind: 'nonResource',
    verb: method.toLowerCase(),
    path,
  };
  const split = splitApiPath(segs);
  if (!split) return nonResource;
  const { group, version } = split;
  let rest = split.rest;
  let verb = VERBS[method] ?? method.toLowerCase();
  if (rest[0] === 'watch') {
    verb = 'watch';
    rest = rest.slice(1);
  }
  let namespace: string | undefined;
  if (rest[0] === 'namespaces' && rest.length > 1) {
    namespace = rest[1];
    if (rest.length > 2 && !NAMESPACE_SUBRESOURCES.includes(rest[2]))
      rest = rest.slice(2);
  }
  const [resource = '', name, subresource] = rest;
  if (verb === 'get' || verb === 'watch') {
    const w = query.get('watch');
    if (w === 'true' || w === '1' || verb === 'watch') verb = 'watch';
    else if (!name) verb = 'list';
  }
  if (verb === 'delete' && !name) verb = 'deletecollection';
  return {
    kind: 'resource',
    verb,
    apiGroup: group,
    apiVersion: version,
    resource,
    subresource,
    namespace,
    name,
  };
}
