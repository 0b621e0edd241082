/**
 * Who may do what with the portal's identities from deploy/rbac, checked
 * three ways per row: a real request (writes as dryRun=All, so nothing
 * changes), a SelfSubjectAccessReview, and `kubectl auth can-i`.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { LocalCluster } from '../index';
import { startTestCluster, TEST_TOKEN } from '../testing/harness';

jest.setTimeout(120000);

const REPO = path.resolve(__dirname, '../../../..');
const READER = 'reader-token-0123';
const APPLIER = 'applier-token-0123';
const BOB = 'bob-token-0123';

const USERS: Record<string, [string, string]> = {
  admin: [TEST_TOKEN, 'local-cluster-admin'],
  reader: [READER, 'system:serviceaccount:portal-system:portal-reader'],
  applier: [APPLIER, 'system:serviceaccount:portal-system:portal-applier'],
  bob: [BOB, 'bob'],
};

type Row = [
  who: keyof typeof USERS,
  verb: string,
  resource: string, // `deployments.apps`, `pods/log`
  namespace: string | undefined,
  name: string | undefined,
  allowed: boolean,
];

const ROWS: Row[] = [
  ['admin', 'delete', 'namespaces', undefined, 'orders', true],
  [
    'admin',
    'create',
    'clusterrolebindings.rbac.authorization.k8s.io',
    undefined,
    undefined,
    true,
  ],
  ['reader', 'list', 'pods', 'payments', undefined, true],
  ['reader', 'list', 'pods', undefined, undefined, true],
  ['reader', 'get', 'pods/log', 'payments', 'p', true],
  ['reader', 'watch', 'deployments.apps', 'payments', undefined, true],
  ['reader', 'list', 'pods.metrics.k8s.io', 'payments', undefined, true],
  ['reader', 'list', 'namespaces', undefined, undefined, true],
  ['reader', 'get', 'secrets', 'payments', 'payment-db', false],
  ['reader', 'list', 'secrets', undefined, undefined, false],
  ['reader', 'create', 'deployments.apps', 'payments', undefined, false],
  ['reader', 'update', 'configmaps', 'payments', 'settings', false],
  [
    'reader',
    'patch',
    'deployments.apps/scale',
    'payments',
    'payment-service',
    false,
  ],
  ['reader', 'delete', 'pods', 'payments', 'p', false],
  ['reader', 'create', 'pods/eviction', 'payments', 'p', false],
  ['reader', 'create', 'namespaces', undefined, undefined, false],
  ['applier', 'create', 'deployments.apps', 'payments', undefined, true],
  ['applier', 'update', 'services', 'payments', 'payment-service', true],
  ['applier', 'get', 'secrets', 'payments', 'payment-db', true],
  ['applier', 'create', 'deployments.apps', 'orders', undefined, false],
  [
    'applier',
    'delete',
    'deployments.apps',
    'payments',
    'payment-service',
    false,
  ],
  ['applier', 'list', 'pods', 'payments', undefined, false],
  [
    'applier',
    'create',
    'rolebindings.rbac.authorization.k8s.io',
    'payments',
    undefined,
    false,
  ],
  ['applier', 'create', 'namespaces', undefined, undefined, false],
  ['applier', 'get', 'namespaces', undefined, 'payments', false],
  ['bob', 'create', 'deployments.apps', 'orders', undefined, true],
  ['bob', 'patch', 'deployments.apps/scale', 'orders', 'order-service', true],
  ['bob', 'get', 'secrets', 'orders', 's', true],
  [
    'bob',
    'create',
    'rolebindings.rbac.authorization.k8s.io',
    'orders',
    undefined,
    false,
  ],
  ['bob', 'list', 'pods', 'payments', undefined, false],
  ['bob', 'get', 'configmaps', 'payments', 'settings', true],
  ['bob', 'get', 'configmaps', 'payments', 'other', false],
  ['bob', 'list', 'configmaps', 'payments', undefined, false],
];

let cluster: LocalCluster;
let tmp: string;

beforeAll(async () => {
  cluster = await startTestCluster({
    manifestsDir: path.join(REPO, 'deploy/demo-cluster'),
    extraManifests: [path.join(REPO, 'deploy/rbac')],
    identities: [
      { token: READER, serviceAccount: 'portal-system/portal-reader' },
      { token: APPLIER, serviceAccount: 'portal-system/portal-applier' },
      { token: BOB, user: 'bob', groups: ['devs'] },
    ],
  });
  const admin = (method: string, p: string, body: unknown) =>
    fetch(new URL(p, cluster.url), {
      method,
      headers: {
        authorization: `Bearer ${TEST_TOKEN}`,
        'content-type': 'application/json',
      },
      body: JSON.stringify(body),
    }).then(r => expect(r.status).toBe(201));
  const rbac = '/apis/rbac.authorization.k8s.io/v1';
  await admin('POST', `${rbac}/namespaces/orders/rolebindings`, {
    metadata: { name: 'devs-edit' },
    roleRef: {
      apiGroup: 'rbac.authorization.k8s.io',
      kind: 'ClusterRole',
      name: 'edit',
    },
    subjects: [
      { kind: 'Group', name: 'devs', apiGroup: 'rbac.authorization.k8s.io' },
    ],
  });
  await admin('POST', `${rbac}/namespaces/payments/roles`, {
    metadata: { name: 'settings-reader' },
    rules: [
      {
        apiGroups: [''],
        resources: ['configmaps'],
        verbs: ['get'],
        resourceNames: ['settings'],
      },
    ],
  });
  await admin('POST', `${rbac}/namespaces/payments/rolebindings`, {
    metadata: { name: 'bob-settings' },
    roleRef: {
      apiGroup: 'rbac.authorization.k8s.io',
      kind: 'Role',
      name: 'settings-reader',
    },
    subjects: [
      { kind: 'User', name: 'bob', apiGroup: 'rbac.authorization.k8s.io' },
    ],
  });
  tmp = mkdtempSync(path.join(os.tmpdir(), 'rbac-table-'));
  writeFileSync(path.join(tmp, 'kubeconfig'), cluster.kubeconfig());
});

afterAll(async () => {
  await cluster?.close();
  rmSync(tmp, { recursive: true, force: true });
});

function split(resource: string) {
  const [res, sub] = resource.split('/');
  const dot = res.indexOf('.');
  return {
    plural: dot < 0 ? res : res.slice(0, dot),
    group: dot < 0 ? '' : res.slice(dot + 1),
    sub,
  };
}

const VERSIONS: Record<string, string> = {
  '': 'v1',
  apps: 'v1',
  'rbac.authorization.k8s.io': 'v1',
  'metrics.k8s.io': 'v1beta1',
};

/** The HTTP request a client makes for a row; writes carry dryRun=All. */
function requestFor(
  verb: string,
  resource: string,
  ns?: string,
  name?: string,
) {
  const { plural, group, sub } = split(resource);
  const base = group ? `/apis/${group}/${VERSIONS[group]}` : '/api/v1';
  const coll = `${base}${ns ? `/namespaces/${ns}` : ''}/${plural}`;
  const item = `${coll}/${name}${sub ? `/${sub}` : ''}`;
  const dry = '?dryRun=All';
  switch (verb) {
    case 'list':
      return { method: 'GET', path: coll };
    case 'watch':
      return { method: 'GET', path: `${coll}?watch=1&timeoutSeconds=1` };
    case 'get':
      return { method: 'GET', path: item };
    case 'create':
      return sub
        ? {
            method: 'POST',
            path: `${item}${dry}`,
            body: { metadata: { name } },
          }
        : {
            method: 'POST',
            path: `${coll}${dry}`,
            body: { metadata: { name: 'x' } },
          };
    case 'update':
      return {
        method: 'PUT',
        path: `${item}${dry}`,
        body: { metadata: { name } },
      };
    case 'patch':
      return {
        method: 'PATCH',
        path: `${item}${dry}`,
        body: {},
        type: 'application/merge-patch+json',
      };
    default:
      return { method: 'DELETE', path: `${item}${dry}` };
  }
}

function forbiddenMessage(
  user: string,
  verb: string,
  resource: string,
  ns?: string,
  name?: string,
) {
  const { plural, group, sub } = split(resource);
  const qualified = group ? `${plural}.${group}` : plural;
  const where = ns ? `in the namespace "${ns}"` : 'at the cluster scope';
  return `${qualified}${
    name ? ` "${name}"` : ''
  } is forbidden: User "${user}" cannot ${verb} resource "${plural}${
    sub ? `/${sub}` : ''
  }" in API group "${group}" ${where}`;
}

const label = (r: Row) =>
  `${r[0]} ${r[1]} ${r[2]}${r[4] ? `/${r[4]}` : ''} in ${r[3] ?? 'cluster'} → ${
    r[5] ? 'allowed' : 'denied'
  }`;

describe.each(ROWS.map(r => [label(r), r] as const))('%s', (_l, row) => {
  const [who, verb, resource, ns, name, allowed] = row;
  const [token, user] = USERS[who];

  it('through the API', async () => {
    const req = requestFor(verb, resource, ns, name);
    // A namespace's own object lives in that namespace for RBAC, as on a real server.
    const effectiveNs =
      split(resource).plural === 'namespaces' && name ? name : ns;
    const res = await fetch(new URL(req.path, cluster.url), {
      method: req.method,
      headers: {
        authorization: `Bearer ${token}`,
        ...(req.body ? { 'content-type': req.type ?? 'application/json' } : {}),
      },
      body: req.body ? JSON.stringify(req.body) : undefined,
    });
    const json: any = await res.json().catch(() => undefined);
    const outcome =
      res.status === 403
        ? {
            code: 403,
            kind: json?.kind,
            reason: json?.reason,
            message: json?.message,
          }
        : 'not forbidden';
    expect(outcome).toEqual(
      allowed
        ? 'not forbidden'
        : {
            code: 403,
            kind: 'Status',
            reason: 'Forbidden',
            message: forbiddenMessage(user, verb, resource, effectiveNs, name),
          },
    );
    const { plural, group, sub } = split(resource);
    const review = await fetch(
      new URL(
        '/apis/authorization.k8s.io/v1/selfsubjectaccessreviews',
        cluster.url,
      ),
      {
        method: 'POST',
        headers: {
          authorization: `Bearer ${token}`,
          'content-type': 'application/json',
        },
        body: JSON.stringify({
          apiVersion: 'authorization.k8s.io/v1',
          kind: 'SelfSubjectAccessReview',
          spec: {
            resourceAttributes: {
              verb,
              group,
              resource: plural,
              subresource: sub,
              namespace: ns,
              name,
            },
          },
        }),
      },
    );
    expect(review.status).toBe(201);
    expect(((await review.json()) as any).status.allowed).toBe(allowed);
  });

  it('through kubectl auth can-i', async () => {
    const args = [
      '--token',
      token,
      'auth',
      'can-i',
      verb,
      name ? `${resource.split('/')[0]}/${name}` : resource.split('/')[0],
    ];
    if (resource.includes('/'))
      args.push(`--subresource=${resource.split('/')[1]}`);
    args.push(...(ns ? ['-n', ns] : []));
    const out = await new Promise<{ code: number; stdout: string }>(resolve =>
      execFile(
        'kubectl',
        args,
        { env: { ...process.env, KUBECONFIG: path.join(tmp, 'kubeconfig') } },
        (err, stdout) => resolve({ code: (err as any)?.code ?? 0, stdout }),
      ),
    );
    expect(out.stdout.trim()).toBe(allowed ? 'yes' : 'no');
    expect(out.code).toBe(allowed ? 0 : 1);
  });
});

describe('the applier and portal-applier-namespaces', () => {
  it('may create namespaces only once bound to portal-applier-namespaces', async () => {
    const canCreate = async () =>
      (
        await fetch(new URL('/api/v1/namespaces?dryRun=All', cluster.url), {
          method: 'POST',
          headers: {
            authorization: `Bearer ${APPLIER}`,
            'content-type': 'application/json',
          },
          body: JSON.stringify({ metadata: { name: 'new-team' } }),
        })
      ).status;
    expect(await canCreate()).toBe(403);
    const bind = await fetch(
      new URL(
        '/apis/rbac.authorization.k8s.io/v1/clusterrolebindings',
        cluster.url,
      ),
      {
        method: 'POST',
        headers: {
          authorization: `Bearer ${TEST_TOKEN}`,
          'content-type': 'application/json',
        },
        body: JSON.stringify({
          metadata: { name: 'portal-applier-namespaces' },
          roleRef: {
            apiGroup: 'rbac.authorization.k8s.io',
            kind: 'ClusterRole',
            name: 'portal-applier-namespaces',
          },
          subjects: [
            {
              kind: 'ServiceAccount',
              name: 'portal-applier',
              namespace: 'portal-system',
            },
          ],
        }),
      },
    );
    expect(bind.status).toBe(201);
    expect(await canCreate()).toBe(201);
  });
});
