/**
 * Discovery and OpenAPI documents. kubectl builds its REST mapping from
 * discovery, and decides between server-side field validation and client-side
 * schema validation from the OpenAPI v3 documents, so both must be credible.
 */
import { createHash } from 'node:crypto';
import { RESOURCE_TYPES, ResourceType, groupVersions } from '../resources';
import { errors } from './errors';
import { componentSchemas, topLevelSchemaName } from './openapiSchemas';

export const SERVER_VERSION = {
  major: '1',
  minor: '32',
  gitVersion: 'v1.32.0+local-cluster',
  gitCommit: '0000000000000000000000000000000000000000',
  gitTreeState: 'clean',
  buildDate: '2025-01-01T00:00:00Z',
  goVersion: 'go1.23.4',
  compiler: 'gc',
  platform: 'linux/amd64',
};

export function apiVersions(serverAddress: string) {
  return {
    kind: 'APIVersions',
    versions: ['v1'],
    serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress }],
  };
}

function apiGroup(group: string) {
  const versions = groupVersions()
    .filter(gv => gv.group === group)
    .map(gv => ({
      groupVersion: `${group}/${gv.version}`,
      version: gv.version,
    }));
  return { name: group, versions, preferredVersion: versions[0] };
}

export function apiGroupList() {
  const groups = [...new Set(groupVersions().map(gv => gv.group))].filter(
    g => g !== '',
  );
  return {
    kind: 'APIGroupList',
    apiVersion: 'v1',
    groups: groups.map(apiGroup),
  };
}

export function apiGroupDoc(group: string) {
  const exists = groupVersions().some(gv => gv.group === group && group !== '');
  return exists
    ? { kind: 'APIGroup', apiVersion: 'v1', ...apiGroup(group) }
    : undefined;
}

function storageVersionHash(rt: ResourceType): string {
  return createHash('sha256')
    .update(`${rt.group}/${rt.version}/${rt.kind}`)
    .digest('base64')
    .slice(0, 11);
}

export function apiResourceList(group: string, version: string) {
  const types = RESOURCE_TYPES.filter(
    r => r.group === group && r.version === version,
  );
  if (types.length === 0) return undefined;
  const resources: Record<string, unknown>[] = [];
  for (const rt of types) {
    const entry: Record<string, unknown> = {
      name: rt.resource,
      singularName: rt.singular,
      namespaced: rt.namespaced,
      kind: rt.kind,
      verbs: rt.verbs,
    };
    if (rt.shortNames) entry.shortNames = rt.shortNames;
    if (rt.categories) entry.categories = rt.categories;
    if (!rt.virtual) entry.storageVersionHash = storageVersionHash(rt);
    resources.push(entry);
    for (const sub of rt.subresources ?? []) {
      resources.push(
        sub === 'scale'
          ? {
              name: `${rt.resource}/scale`,
              singularName: '',
              namespaced: rt.namespaced,
              group: 'autoscaling',
              version: 'v1',
              kind: 'Scale',
              verbs: ['get', 'patch', 'update'],
            }
          : {
              name: `${rt.resource}/status`,
              singularName: '',
              namespaced: rt.namespaced,
              kind: rt.kind,
              verbs: ['get', 'patch', 'update'],
            },
      );
    }
    if (rt.kind === 'Pod') {
      resources.push({
        name: 'pods/log',
        singularName: '',
        namespaced: true,
        kind: 'Pod',
        verbs: ['get'],
      });
      // kubectl drain evicts (honouring PDBs) only when discovery lists this.
      resources.push({
        name: 'pods/eviction',
        singularName: '',
        namespaced: true,
        group: 'policy',
        version: 'v1',
        kind: 'Eviction',
        verbs: ['create'],
      });
    }
  }
  return {
    kind: 'APIResourceList',
    apiVersion: 'v1',
    groupVersion: group ? `${group}/${version}` : version,
    resources,
  };
}

/** `api/v1`, `apis/apps/v1`: the keys of the OpenAPI v3 root document. */
function openApiPathKey(group: string, version: string): string {
  return group ? `apis/${group}/${version}` : `api/${version}`;
}

let rootCache: { paths: Record<string, { serverRelativeURL: string }> };

export function openApiV3Root() {
  rootCache ??= buildOpenApiV3Root();
  return rootCache;
}

function buildOpenApiV3Root() {
  const paths: Record<string, { serverRelativeURL: string }> = {};
  for (const { group, version } of groupVersions()) {
    const key = openApiPathKey(group, version);
    const hash = createHash('sha256')
      .update(JSON.stringify(openApiV3Doc(key)))
      .digest('hex')
      .slice(0, 32)
      .toUpperCase();
    paths[key] = { serverRelativeURL: `/openapi/v3/${key}?hash=${hash}` };
  }
  return { paths };
}

const QUERY_PARAMS = [
  'dryRun',
  'fieldManager',
  'fieldValidation',
  'force',
  'pretty',
];

/**
 * One group-version's OpenAPI v3 document. It declares the PATCH operation of
 * every writable resource with a fieldValidation parameter, which is how
 * kubectl detects server-side field validation support. The request bodies
 * deliberately do not offer strategic-merge-patch, so kubectl apply computes
 * its patch from its compiled-in Go types. The component schemas
 * (openapiSchemas.ts) carry the kinds' fields for `kubectl explain`.
 */
const docCache = new Map<string, unknown>();

export function openApiV3Doc(key: string) {
  // The served types never change at run time, and the schemas take a moment to build.
  if (!docCache.has(key)) docCache.set(key, buildOpenApiV3Doc(key));
  return docCache.get(key);
}

function buildOpenApiV3Doc(key: string) {
  const gv = groupVersions().find(
    g => openApiPathKey(g.group, g.version) === key,
  );
  if (!gv) return undefined;
  const paths: Record<string, unknown> = {};
  const types = RESOURCE_TYPES.filter(
    r => r.group === gv.group && r.version === gv.version,
  );
  for (const rt of types) {
    const prefix = gv.group
      ? `/apis/${gv.group}/${gv.version}`
      : `/api/${gv.version}`;
    const item = rt.namespaced
      ? `${prefix}/namespaces/{namespace}/${rt.resource}/{name}`
      : `${prefix}/${rt.resource}/{name}`;
    const gvk = { group: rt.group, version: rt.version, kind: rt.kind };
    const ref = { $ref: `#/components/schemas/${topLevelSchemaName(rt)}` };
    const ok = {
      '200': {
        description: 'OK',
        content: { 'application/json': { schema: ref } },
      },
    };
    const op = (action: string, extra: Record<string, unknown> = {}) => ({
      operationId: `${action}${rt.kind}`,
      parameters: QUERY_PARAMS.map(name => ({
        name,
        in: 'query',
        schema: { type: 'string', uniqueItems: true },
      })),
      responses: ok,
      'x-kubernetes-action': action,
      'x-kubernetes-group-version-kind': gvk,
      ...extra,
    });
    const ops: Record<string, unknown> = {
      get: op('get'),
    };
    if (rt.verbs.includes('update')) {
      ops.put = op('put', {
        requestBody: { content: { '*/*': { schema: ref } }, required: true },
      });
    }
    if (rt.verbs.includes('patch')) {
      ops.patch = op('patch', {
        requestBody: {
          content: {
            'application/json-patch+json': { schema: { type: 'object' } },
            'application/merge-patch+json': { schema: { type: 'object' } },
            'application/apply-patch+yaml': { schema: { type: 'object' } },
          },
          required: true,
        },
      });
    }
    if (rt.verbs.includes('delete')) ops.delete = op('delete');
    paths[item] = ops;
  }
  return {
    openapi: '3.0.0',
    info: { title: 'Kubernetes', version: SERVER_VERSION.gitVersion },
    paths,
    components: { schemas: componentSchemas(types) },
  };
}

/**
 * The discovery or OpenAPI document a GET of `path` asks for; undefined when
 * `path` is not a discovery path, a 404 for a discovery path that names
 * nothing served.
 */
export function discoveryDocument(
  path: string,
  segs: string[],
  serverAddress: string,
): unknown {
  const orNotFound = (doc: unknown) => doc ?? throwPathNotFound();
  if (path === '/version') return SERVER_VERSION;
  if (path === '/api') return apiVersions(serverAddress);
  if (path === '/apis') return apiGroupList();
  if (path === '/openapi/v3') return openApiV3Root();
  if (path.startsWith('/openapi/v3/'))
    return orNotFound(openApiV3Doc(path.slice('/openapi/v3/'.length)));
  if (segs[0] === 'apis' && segs.length === 2)
    return orNotFound(apiGroupDoc(segs[1]));
  if (segs[0] === 'api' && segs.length === 2)
    return orNotFound(apiResourceList('', segs[1]));
  if (segs[0] === 'apis' && segs.length === 3)
    return orNotFound(apiResourceList(segs[1], segs[2]));
  return undefined;
}

function throwPathNotFound(): never {
  throw errors.pathNotFound();
}
