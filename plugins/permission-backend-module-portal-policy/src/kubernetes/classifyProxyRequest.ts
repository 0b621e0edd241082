/** What a request through the Kubernetes proxy asks for, as far as permissions care. */
export type ProxyRequestScope =
  | { kind: 'namespace-read'; namespace: string }
  | { kind: 'admin'; reason: string };

const READ_METHODS = new Set(['GET', 'HEAD']);
/** Subresources that run code in, or tunnel into, a pod: never a read. */
const TUNNEL_SUBRESOURCES = new Set(['exec', 'attach', 'portforward', 'proxy']);
/** Readable objects whose content is a credential. */
const SECRET_RESOURCES = new Set(['secrets']);
const DNS_LABEL = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;
const SAFE_SEGMENT = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

/**
 * Classifies a proxied Kubernetes API path (the part after `/proxy`). Only a GET or HEAD of
 * objects inside one namespace is a read an owner may make; anything the classifier cannot
 * parse with certainty is an admin request, so an unusual path fails closed.
 */
export function classifyProxyRequest(
  method: string,
  path: string,
  options: { upgrade?: boolean } = {},
): ProxyRequestScope {
  if (!READ_METHODS.has(method.toUpperCase())) {
    return { kind: 'admin', reason: `${method.toUpperCase()} is a write` };
  }
  if (options.upgrade) {
    return { kind: 'admin', reason: 'a connection upgrade is a tunnel' };
  }
  const segments = path.split('?')[0].split('/').slice(1);
  // Encoded characters, dot segments and empty segments could mean something else to the API
  // server than to this parser.
  if (segments.length === 0 || !segments.every(s => SAFE_SEGMENT.test(s))) {
    return { kind: 'admin', reason: 'not a plain Kubernetes API path' };
  }
  let rest: string[];
  if (segments[0] === 'api') rest = segments.slice(2);
  else if (segments[0] === 'apis') rest = segments.slice(3);
  else return { kind: 'admin', reason: 'not a resource path' };

  const [namespaces, namespace, resource, , subresource] = rest;
  if (namespaces !== 'namespaces' || !namespace || !resource) {
    return { kind: 'admin', reason: 'a cluster-wide read' };
  }
  if (!DNS_LABEL.test(namespace)) {
    return { kind: 'admin', reason: `"${namespace}" is not a namespace name` };
  }
  if (SECRET_RESOURCES.has(resource)) {
    return { kind: 'admin', reason: 'secrets are credentials' };
  }
  if (subresource && TUNNEL_SUBRESOURCES.has(subresource)) {
    return { kind: 'admin', reason: `${subresource} opens a tunnel` };
  }
  return { kind: 'namespace-read', namespace };
}
