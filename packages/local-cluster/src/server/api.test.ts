/* eslint jest/expect-expect: ["warn", { "assertFunctionNames": ["expect", "expectStatus", "waitFor"] }] */
import { LocalCluster } from '../index';
import {
  deploymentManifest,
  request,
  startTestCluster,
  expectStatus,
} from '../testing/harness';

let cluster: LocalCluster;
beforeAll(async () => {
  cluster = await startTestCluster();
});
afterAll(() => cluster.close());

const call = (
  method: string,
  path: string,
  opts: Parameters<typeof request>[3] = {},
) => request(cluster.url, method, path, opts);

describe('authentication', () => {
  it('rejects missing and wrong tokens with a 401 Status', async () => {
    expectStatus(
      await call('GET', '/api/v1/pods', { token: null }),
      401,
      'Unauthorized',
    );
    expectStatus(
      await call('GET', '/api/v1/pods', { token: 'nope' }),
      401,
      'Unauthorized',
    );
    expect((await call('GET', '/api/v1/pods')).status).toBe(200);
  });
  it('leaves health and version public, like a default apiserver', async () => {
    expect((await call('GET', '/version', { token: null })).json.major).toBe(
      '1',
    );
    expect((await call('GET', '/healthz', { token: null })).text).toBe('ok');
  });
});

describe('discovery', () => {
  it('serves groups and resource lists with short names and subresources', async () => {
    const groups = (await call('GET', '/apis')).json;
    expect(groups.kind).toBe('APIGroupList');
    expect(groups.groups.map((g: any) => g.name)).toEqual(
      expect.arrayContaining([
        'apps',
        'batch',
        'autoscaling',
        'networking.k8s.io',
        'policy',
        'metrics.k8s.io',
      ]),
    );
    const core = (await call('GET', '/api/v1')).json;
    const pods = core.resources.find((r: any) => r.name === 'pods');
    expect(pods).toMatchObject({
      kind: 'Pod',
      namespaced: true,
      shortNames: ['po'],
    });
    expect(pods.verbs).toEqual(
      expect.arrayContaining(['get', 'list', 'watch', 'create', 'patch']),
    );
    const apps = (await call('GET', '/apis/apps/v1')).json;
    expect(
      apps.resources.find((r: any) => r.name === 'deployments/scale'),
    ).toMatchObject({ group: 'autoscaling', version: 'v1', kind: 'Scale' });
    const root = (await call('GET', '/openapi/v3')).json;
    expect(Object.keys(root.paths)).toEqual(
      expect.arrayContaining(['api/v1', 'apis/apps/v1']),
    );
  });
});

describe('Status errors', () => {
  it('404 for a missing object, with details', async () => {
    const res = await call('GET', '/api/v1/namespaces/default/pods/x');
    expectStatus(res, 404, 'NotFound');
    expect(res.json.message).toBe('pods "x" not found');
    expect(res.json.details).toEqual({ name: 'x', kind: 'pods' });
    const dep = await call(
      'GET',
      '/apis/apps/v1/namespaces/default/deployments/nope',
    );
    expect(dep.json.message).toBe('deployments.apps "nope" not found');
    expect(dep.json.details).toEqual({
      name: 'nope',
      group: 'apps',
      kind: 'deployments',
    });
  });

  it('404 for unknown resource types and groups', async () => {
    expectStatus(await call('GET', '/api/v1/widgets'), 404, 'NotFound');
    expectStatus(
      await call('GET', '/apis/example.com/v1/things'),
      404,
      'NotFound',
    );
    expectStatus(
      await call('GET', '/api/v1/namespaces/default/nodes'),
      404,
      'NotFound',
    );
  });

  it('404 when the namespace does not exist', async () => {
    const res = await call('POST', '/api/v1/namespaces/ghost/configmaps', {
      body: { metadata: { name: 'c' } },
    });
    expectStatus(res, 404, 'NotFound');
    expect(res.json.message).toBe('namespaces "ghost" not found');
  });

  it('409 AlreadyExists on duplicate create', async () => {
    const cm = {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'dup' },
      data: { a: '1' },
    };
    expect(
      (
        await call('POST', '/api/v1/namespaces/default/configmaps', {
          body: cm,
        })
      ).status,
    ).toBe(201);
    const res = await call('POST', '/api/v1/namespaces/default/configmaps', {
      body: cm,
    });
    expectStatus(res, 409, 'AlreadyExists');
    expect(res.json.message).toBe('configmaps "dup" already exists');
  });

  it('409 Conflict on a stale resourceVersion, and resourceVersion/generation move forward', async () => {
    // A PodDisruptionBudget: no controller writes to it, so the only writers are this test.
    const path = '/apis/policy/v1/namespaces/default/poddisruptionbudgets';
    const pdb = {
      metadata: { name: 'rv-pdb' },
      spec: { maxUnavailable: 1, selector: { matchLabels: { app: 'x' } } },
    };
    const created = (await call('POST', path, { body: pdb })).json;
    expect(created.metadata.generation).toBe(1);
    expect(created.metadata.uid).toMatch(/^[0-9a-f-]{36}$/);
    expect(created.metadata.creationTimestamp).toMatch(
      /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/,
    );
    const stale = created.metadata.resourceVersion;
    const updated = await call('PUT', `${path}/rv-pdb`, {
      body: { ...created, spec: { ...created.spec, maxUnavailable: 2 } },
    });
    expect(updated.status).toBe(200);
    expect(Number(updated.json.metadata.resourceVersion)).toBeGreaterThan(
      Number(stale),
    );
    expect(updated.json.metadata.generation).toBe(2);
    const labelOnly = await call('PUT', `${path}/rv-pdb`, {
      body: {
        ...updated.json,
        metadata: { ...updated.json.metadata, labels: { a: 'b' } },
      },
    });
    expect(labelOnly.json.metadata.generation).toBe(2);
    const res = await call('PUT', `${path}/rv-pdb`, {
      body: { ...created, spec: { ...created.spec, maxUnavailable: 3 } },
    });
    expectStatus(res, 409, 'Conflict');
    expect(res.json.message).toMatch(
      /^Operation cannot be fulfilled on poddisruptionbudgets.policy "rv-pdb": the object has been modified/,
    );
  });

  it('422 Invalid names the field, like the real API', async () => {
    const noName = await call('POST', '/api/v1/namespaces/default/configmaps', {
      body: { metadata: {} },
    });
    expectStatus(noName, 422, 'Invalid');
    expect(noName.json.message).toBe(
      'ConfigMap "" is invalid: metadata.name: Required value: name or generateName is required',
    );

    const bad = deploymentManifest('x', 'default', 'img:1');
    bad.spec.template.metadata.labels = {
      app: 'other',
      'backstage.io/kubernetes-id': 'x',
    };
    const res = await call(
      'POST',
      '/apis/apps/v1/namespaces/default/deployments',
      { body: bad },
    );
    expectStatus(res, 422, 'Invalid');
    expect(res.json.message).toMatch(
      /^Deployment.apps "x" is invalid: spec.template.metadata.labels: Invalid value: .*`selector` does not match template `labels`/,
    );
    expect(res.json.details.causes[0]).toMatchObject({
      reason: 'FieldValueInvalid',
      field: 'spec.template.metadata.labels',
    });

    const noImage = deploymentManifest('y', 'default', '');
    const res2 = await call(
      'POST',
      '/apis/apps/v1/namespaces/default/deployments',
      { body: noImage },
    );
    expect(res2.json.message).toBe(
      'Deployment.apps "y" is invalid: spec.template.spec.containers[0].image: Required value',
    );
  });

  it('400 BadRequest for malformed bodies and selectors', async () => {
    const res = await call('POST', '/api/v1/namespaces/default/configmaps', {
      body: '{"metadata": {',
      contentType: 'application/json',
    });
    expectStatus(res, 400, 'BadRequest');
    const yamlRes = await call(
      'POST',
      '/api/v1/namespaces/default/configmaps',
      { body: 'metadata: [unclosed', contentType: 'application/yaml' },
    );
    expectStatus(yamlRes, 400, 'BadRequest');
    expectStatus(
      await call('GET', '/api/v1/pods?labelSelector=app%20in%20(a'),
      400,
      'BadRequest',
    );
    expectStatus(
      await call('GET', '/api/v1/pods?fieldSelector=spec.bogus%3Dx'),
      400,
      'BadRequest',
    );
    expectStatus(
      await call('GET', '/api/v1/pods?limit=2&continue=garbage'),
      400,
      'BadRequest',
    );
  });

  it('405 for verbs a resource does not support', async () => {
    expectStatus(
      await call(
        'POST',
        '/apis/metrics.k8s.io/v1beta1/namespaces/default/pods',
        { body: { metadata: { name: 'm' } } },
      ),
      405,
      'MethodNotAllowed',
    );
    expectStatus(
      await call('POST', '/api/v1/namespaces/default/configmaps/named', {
        body: { metadata: { name: 'm' } },
      }),
      405,
      'MethodNotAllowed',
    );
  });

  it('415 for an unknown patch content type', async () => {
    const res = await call(
      'PATCH',
      '/api/v1/namespaces/default/configmaps/dup',
      { body: '{}', contentType: 'text/plain' },
    );
    expectStatus(res, 415, 'UnsupportedMediaType');
  });
});
