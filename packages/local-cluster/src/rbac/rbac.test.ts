/** RBAC behaviour beyond the access table: tokens, aggregation, reviews, impersonation, the index. */
import { LocalCluster } from '../index';
import { TEST_TOKEN, startTestCluster, waitFor } from '../testing/harness';

jest.setTimeout(60000);

let cluster: LocalCluster;
const BOB = 'bob-token-abcdef';
const denials: string[] = [];

async function call(
  method: string,
  p: string,
  opts: {
    token?: string | null;
    body?: unknown;
    headers?: Record<string, string>;
  } = {},
): Promise<{ status: number; json: any }> {
  const headers: Record<string, string> = { ...opts.headers };
  if (opts.token !== null)
    headers.authorization = `Bearer ${opts.token ?? TEST_TOKEN}`;
  if (opts.body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(new URL(p, cluster.url), {
    method,
    headers,
    body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
  });
  const text = await res.text();
  let json: any;
  try {
    json = JSON.parse(text);
  } catch {
    json = text;
  }
  return { status: res.status, json };
}

const RBAC = '/apis/rbac.authorization.k8s.io/v1';
const SSAR = '/apis/authorization.k8s.io/v1/selfsubjectaccessreviews';
const canI = async (
  token: string,
  attrs: Record<string, string>,
  headers?: Record<string, string>,
) =>
  (
    await call('POST', SSAR, {
      token,
      headers,
      body: { spec: { resourceAttributes: attrs } },
    })
  ).json.status?.allowed;

beforeAll(async () => {
  cluster = await startTestCluster({
    identities: [{ token: BOB, user: 'bob', groups: ['devs'] }],
    onDenied: message => denials.push(message),
  });
});
afterAll(() => cluster?.close());

describe('authentication', () => {
  it('answers 401 to an unknown token and to no token outside the public paths', async () => {
    expect(
      (await call('GET', '/api/v1/pods', { token: 'nope-nope' })).status,
    ).toBe(401);
    expect((await call('GET', '/api', { token: null })).status).toBe(401);
    expect((await call('GET', '/version', { token: null })).status).toBe(200);
    expect((await call('GET', '/healthz', { token: null })).status).toBe(200);
  });

  it('gives a service-account-token Secret a token that authenticates as the account', async () => {
    await call('POST', '/api/v1/namespaces/default/serviceaccounts', {
      body: { metadata: { name: 'ci' } },
    });
    await call('POST', '/api/v1/namespaces/default/secrets', {
      body: {
        metadata: {
          name: 'ci-token',
          annotations: { 'kubernetes.io/service-account.name': 'ci' },
        },
        type: 'kubernetes.io/service-account-token',
      },
    });
    const secret = await waitFor(async () => {
      const s = (
        await call('GET', '/api/v1/namespaces/default/secrets/ci-token')
      ).json;
      return s.data?.token ? s : undefined;
    });
    const token = Buffer.from(secret.data.token, 'base64').toString();
    const review = await call(
      'POST',
      '/apis/authentication.k8s.io/v1/selfsubjectreviews',
      { token, body: {} },
    );
    expect(review.status).toBe(201);
    expect(review.json.status.userInfo).toEqual({
      username: 'system:serviceaccount:default:ci',
      groups: [
        'system:serviceaccounts',
        'system:serviceaccounts:default',
        'system:authenticated',
      ],
    });
    expect(
      (await call('GET', '/api/v1/namespaces/default/pods', { token })).json
        .message,
    ).toBe(
      'pods is forbidden: User "system:serviceaccount:default:ci" cannot list resource "pods" in API group "" in the namespace "default"',
    );
    await call('DELETE', '/api/v1/namespaces/default/serviceaccounts/ci');
    expect((await call('GET', '/api', { token })).status).toBe(401);
    await call('POST', '/api/v1/namespaces/default/serviceaccounts', {
      body: { metadata: { name: 'ci' } },
    });
    expect((await call('GET', '/api', { token })).status).toBe(200);
    await call('DELETE', '/api/v1/namespaces/default/secrets/ci-token');
    expect((await call('GET', '/api', { token })).status).toBe(401);
  });
});

describe('authorization', () => {
  it('lets every authenticated user discover, and denies other paths with the real message', async () => {
    for (const p of [
      '/api',
      '/apis',
      '/api/v1',
      '/apis/apps/v1',
      '/openapi/v3',
      '/version',
    ])
      expect([p, (await call('GET', p, { token: BOB })).status]).toEqual([
        p,
        200,
      ]);
    const denied = await call('GET', '/logs', { token: BOB });
    expect(denied.status).toBe(403);
    expect(denied.json.message).toBe(
      'forbidden: User "bob" cannot get path "/logs"',
    );
    expect(denials).toContain('forbidden: User "bob" cannot get path "/logs"');
    expect((await call('GET', '/logs')).status).toBe(404);
  });

  it('lists the rbac and authorization groups in discovery', async () => {
    const groups = (await call('GET', '/apis', { token: BOB })).json.groups.map(
      (g: any) => g.name,
    );
    expect(groups).toEqual(
      expect.arrayContaining([
        'rbac.authorization.k8s.io',
        'authorization.k8s.io',
        'authentication.k8s.io',
      ]),
    );
    const authz = (
      await call('GET', '/apis/authorization.k8s.io/v1', { token: BOB })
    ).json;
    expect(authz.resources.map((r: any) => [r.name, r.verbs])).toEqual(
      expect.arrayContaining([
        ['selfsubjectaccessreviews', ['create']],
        ['selfsubjectrulesreviews', ['create']],
      ]),
    );
  });

  it('aggregates labelled ClusterRoles into view, edit and admin, and writes their rules back', async () => {
    await call('POST', `${RBAC}/namespaces/default/rolebindings`, {
      body: {
        metadata: { name: 'bob-view' },
        roleRef: {
          apiGroup: 'rbac.authorization.k8s.io',
          kind: 'ClusterRole',
          name: 'view',
        },
        subjects: [{ kind: 'User', name: 'bob' }],
      },
    });
    const attrs = { verb: 'list', group: '', resource: 'nodes' };
    expect(await canI(BOB, { ...attrs, namespace: 'default' })).toBe(false);
    await call('POST', `${RBAC}/clusterroles`, {
      body: {
        metadata: {
          name: 'node-viewer',
          labels: { 'rbac.authorization.k8s.io/aggregate-to-view': 'true' },
        },
        rules: [{ apiGroups: [''], resources: ['nodes'], verbs: ['list'] }],
      },
    });
    expect(await canI(BOB, { ...attrs, namespace: 'default' })).toBe(true);
    for (const role of ['view', 'edit', 'admin']) {
      await waitFor(async () =>
        (
          await call('GET', `${RBAC}/clusterroles/${role}`)
        ).json.rules.some((r: any) => r.resources?.includes('nodes')),
      );
    }
    expect(
      (await call('GET', `${RBAC}/clusterroles/view`)).json.rules.some(
        (r: any) => r.resources?.includes('secrets'),
      ),
    ).toBe(false);
    expect(
      (await call('GET', `${RBAC}/clusterroles/edit`)).json.rules.some(
        (r: any) => r.resources?.includes('secrets'),
      ),
    ).toBe(true);
  });

  it('rebuilds its index only when an RBAC object changes, and a new binding counts at once', async () => {
    await call('GET', '/api/v1/pods', { token: BOB });
    const before = cluster.access.authorizer.rebuilds;
    for (let i = 0; i < 200; i++)
      await call('GET', '/api/v1/namespaces/default/pods', { token: BOB });
    await call('POST', '/api/v1/namespaces/default/configmaps', {
      body: { metadata: { name: 'not-rbac' } },
    });
    await call('GET', '/api/v1/namespaces/default/pods', { token: BOB });
    expect(cluster.access.authorizer.rebuilds).toBe(before);
    expect(
      await canI(BOB, {
        verb: 'delete',
        group: 'apps',
        resource: 'deployments',
        namespace: 'kube-system',
      }),
    ).toBe(false);
    await call('POST', `${RBAC}/clusterrolebindings`, {
      body: {
        metadata: { name: 'devs-admin' },
        roleRef: {
          apiGroup: 'rbac.authorization.k8s.io',
          kind: 'ClusterRole',
          name: 'admin',
        },
        subjects: [{ kind: 'Group', name: 'devs' }],
      },
    });
    expect(
      await canI(BOB, {
        verb: 'delete',
        group: 'apps',
        resource: 'deployments',
        namespace: 'kube-system',
      }),
    ).toBe(true);
    expect(cluster.access.authorizer.rebuilds).toBeGreaterThan(before);
    await call('DELETE', `${RBAC}/clusterrolebindings/devs-admin`);
    expect(
      await canI(BOB, {
        verb: 'delete',
        group: 'apps',
        resource: 'deployments',
        namespace: 'kube-system',
      }),
    ).toBe(false);
  });
});

describe('reviews and impersonation', () => {
  it('impersonates with the impersonate verb only', async () => {
    const asBob = { 'Impersonate-User': 'bob' };
    expect(
      await canI(
        TEST_TOKEN,
        { verb: 'get', resource: 'pods', namespace: 'default' },
        asBob,
      ),
    ).toBe(true);
    expect(
      await canI(
        TEST_TOKEN,
        { verb: 'get', resource: 'secrets', namespace: 'default' },
        asBob,
      ),
    ).toBe(false);
    const denied = await call('GET', '/api/v1/namespaces/default/pods', {
      token: BOB,
      headers: { 'Impersonate-User': 'alice' },
    });
    expect(denied.status).toBe(403);
    expect(denied.json.message).toBe(
      'users "alice" is forbidden: User "bob" cannot impersonate resource "users" in API group "" at the cluster scope',
    );
    const asGroup = await call(
      'POST',
      '/apis/authentication.k8s.io/v1/selfsubjectreviews',
      {
        body: {},
        headers: { 'Impersonate-User': 'carol', 'Impersonate-Group': 'devs' },
      },
    );
    expect(asGroup.json.status.userInfo).toEqual({
      username: 'carol',
      groups: ['devs', 'system:authenticated'],
    });
  });

  it('answers SubjectAccessReview for admins only, and checks LocalSubjectAccessReview namespaces', async () => {
    const sar = {
      spec: {
        user: 'bob',
        groups: ['devs'],
        resourceAttributes: {
          verb: 'list',
          resource: 'pods',
          namespace: 'default',
        },
      },
    };
    const ok = await call(
      'POST',
      '/apis/authorization.k8s.io/v1/subjectaccessreviews',
      { body: sar },
    );
    expect(ok.status).toBe(201);
    expect(ok.json.status).toEqual({
      allowed: true,
      reason:
        'RBAC: allowed by RoleBinding "bob-view" of ClusterRole "view" to User "bob" in "default"',
    });
    expect(
      (
        await call(
          'POST',
          '/apis/authorization.k8s.io/v1/subjectaccessreviews',
          { token: BOB, body: sar },
        )
      ).status,
    ).toBe(403);
    const bad = await call(
      'POST',
      '/apis/authorization.k8s.io/v1/namespaces/kube-system/localsubjectaccessreviews',
      {
        body: sar,
      },
    );
    expect(bad.status).toBe(422);
    expect(bad.json.message).toMatch(
      /spec\.resourceAttributes\.namespace: Invalid value: "default": must match metadata\.namespace/,
    );
    const neither = await call('POST', SSAR, { body: { spec: {} } });
    expect(neither.status).toBe(422);
    expect(neither.json.message).toMatch(
      /exactly one of nonResourceAttributes or resourceAttributes must be specified/,
    );
  });

  it('lists a user’s rules for a namespace (kubectl auth can-i --list)', async () => {
    const res = await call(
      'POST',
      '/apis/authorization.k8s.io/v1/selfsubjectrulesreviews',
      {
        token: BOB,
        body: { spec: { namespace: 'default' } },
      },
    );
    expect(res.status).toBe(201);
    expect(res.json.status.incomplete).toBe(false);
    expect(res.json.status.resourceRules).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          resources: ['selfsubjectaccessreviews', 'selfsubjectrulesreviews'],
          verbs: ['create'],
        }),
        expect.objectContaining({
          apiGroups: [''],
          resources: expect.arrayContaining(['pods']),
          verbs: ['get', 'list', 'watch'],
        }),
      ]),
    );
    expect(res.json.status.nonResourceRules).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          nonResourceURLs: expect.arrayContaining(['/api', '/apis/*']),
        }),
      ]),
    );
  });
});
