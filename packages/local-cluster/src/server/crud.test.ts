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

describe('CRUD behaviour', () => {
  it('accepts YAML bodies', async () => {
    const res = await call('POST', '/api/v1/namespaces/default/configmaps', {
      body: 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: from-yaml\ndata:\n  k: v\n',
      contentType: 'application/yaml',
    });
    expect(res.status).toBe(201);
    expect(res.json.data).toEqual({ k: 'v' });
  });

  it('reads resource quantities back as strings, as the real API serialises them', async () => {
    const res = await call('POST', '/api/v1/namespaces/default/pods', {
      body: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: quantities\nspec:\n  containers:\n    - name: app\n      image: example/app:1.0.0\n      resources:\n        requests: { cpu: 0.5, memory: 256Mi }\n        limits: { cpu: 1 }\n',
      contentType: 'application/yaml',
    });
    expect(res.status).toBe(201);
    expect(res.json.spec.containers[0].resources).toEqual({
      requests: { cpu: '0.5', memory: '256Mi' },
      limits: { cpu: '1' },
    });
  });

  it('masks secret values in lists but not on get', async () => {
    await call('POST', '/api/v1/namespaces/default/secrets', {
      body: { metadata: { name: 's' }, stringData: { password: 'hunter2' } },
    });
    const one = (await call('GET', '/api/v1/namespaces/default/secrets/s'))
      .json;
    expect(Buffer.from(one.data.password, 'base64').toString()).toBe('hunter2');
    const list = (await call('GET', '/api/v1/namespaces/default/secrets')).json;
    expect(list.kind).toBe('SecretList');
    expect(Buffer.from(list.items[0].data.password, 'base64').toString()).toBe(
      '<masked>',
    );
  });

  it('paginates with limit/continue', async () => {
    for (const n of ['p1', 'p2', 'p3', 'p4', 'p5']) {
      await call('POST', '/api/v1/namespaces/default/configmaps', {
        body: { metadata: { name: `page-${n}`, labels: { page: 'yes' } } },
      });
    }
    const names: string[] = [];
    let token = '';
    for (let i = 0; i < 5; i++) {
      const res = (
        await call(
          'GET',
          `/api/v1/namespaces/default/configmaps?labelSelector=page%3Dyes&limit=2${
            token ? `&continue=${token}` : ''
          }`,
        )
      ).json;
      names.push(...res.items.map((o: any) => o.metadata.name));
      token = res.metadata.continue ?? '';
      if (!token) break;
    }
    expect(names).toEqual([
      'page-p1',
      'page-p2',
      'page-p3',
      'page-p4',
      'page-p5',
    ]);
  });

  it('supports merge, json and strategic patches plus the status and scale subresources', async () => {
    await call('POST', '/apis/apps/v1/namespaces/default/deployments', {
      body: deploymentManifest('rv-test', 'default', 'img:1'),
    });
    const base = '/apis/apps/v1/namespaces/default/deployments/rv-test';
    const merged = await call('PATCH', base, {
      body: { metadata: { labels: { team: 'a' } } },
      contentType: 'application/merge-patch+json',
    });
    expect(merged.json.metadata.labels.team).toBe('a');
    const json = await call('PATCH', base, {
      body: [{ op: 'replace', path: '/spec/replicas', value: 1 }],
      contentType: 'application/json-patch+json',
    });
    expect(json.json.spec.replicas).toBe(1);
    const smp = await call('PATCH', base, {
      body: {
        spec: {
          template: {
            spec: { containers: [{ name: 'rv-test', image: 'img:2' }] },
          },
        },
      },
      contentType: 'application/strategic-merge-patch+json',
    });
    expect(smp.json.spec.template.spec.containers).toHaveLength(1);
    expect(smp.json.spec.template.spec.containers[0]).toMatchObject({
      image: 'img:2',
      ports: [{ containerPort: 8080 }],
    });
    const scale = await call('PATCH', `${base}/scale`, {
      body: { spec: { replicas: 5 } },
      contentType: 'application/merge-patch+json',
    });
    expect(scale.json).toMatchObject({
      kind: 'Scale',
      apiVersion: 'autoscaling/v1',
      spec: { replicas: 5 },
    });
    expect(scale.json.status.selector).toBe('app=rv-test');
    // Writes to the main resource cannot change status; writes to /status cannot change spec.
    const st = await call('PATCH', `${base}/status`, {
      body: { spec: { replicas: 99 }, status: { observedGeneration: 42 } },
      contentType: 'application/merge-patch+json',
    });
    expect(st.json.spec.replicas).toBe(5);
    expect(st.json.status.observedGeneration).toBe(42);
    const main = await call('PATCH', base, {
      body: { status: { observedGeneration: 7 } },
      contentType: 'application/merge-patch+json',
    });
    expect(main.json.status.observedGeneration).not.toBe(7);
  });

  it('refuses json patches on __proto__ or constructor/prototype with a 422 and pollutes nothing', async () => {
    await call('POST', '/api/v1/namespaces/default/configmaps', {
      body: { metadata: { name: 'proto-target' }, data: { k: 'v' } },
    });
    const base = '/api/v1/namespaces/default/configmaps/proto-target';
    for (const path of [
      '/__proto__/polluted',
      '/data/__proto__/polluted',
      '/constructor/prototype/polluted',
    ]) {
      const res = await call('PATCH', base, {
        body: [{ op: 'add', path, value: 'yes' }],
        contentType: 'application/json-patch+json',
      });
      expectStatus(res, 422, 'Invalid');
      expect(res.json.message).toMatch(/__proto__|constructor\/prototype/);
    }
    const scale = await call(
      'PATCH',
      '/apis/apps/v1/namespaces/default/deployments/rv-test/scale',
      {
        body: [{ op: 'add', path: '/__proto__/polluted', value: 'yes' }],
        contentType: 'application/json-patch+json',
      },
    );
    expectStatus(scale, 422, 'Invalid');
    // Jest runs tests in a vm context and structuredClone makes objects of the host realm (the
    // old hand-written patch polluted that one), so both realms' Object.prototype are checked.
    expect(({} as any).polluted).toBeUndefined();
    expect((structuredClone({}) as any).polluted).toBeUndefined();
    const after = await call('GET', base);
    expect(after.json.data).toEqual({ k: 'v' });
    expect(after.json.polluted).toBeUndefined();
  });

  it('server-side apply creates and updates', async () => {
    const path = '/api/v1/namespaces/default/configmaps/ssa?fieldManager=test';
    const body =
      'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ssa\ndata:\n  a: "1"\n';
    expect(
      (
        await call('PATCH', path, {
          body,
          contentType: 'application/apply-patch+yaml',
        })
      ).status,
    ).toBe(201);
    const again = await call('PATCH', path, {
      body: body.replace('"1"', '"2"'),
      contentType: 'application/apply-patch+yaml',
    });
    expect(again.status).toBe(200);
    expect(again.json.data.a).toBe('2');
  });

  it('returns a Table when kubectl asks for one', async () => {
    const res = await call(
      'GET',
      '/apis/apps/v1/namespaces/default/deployments',
      {
        accept: 'application/json;as=Table;v=v1;g=meta.k8s.io,application/json',
      },
    );
    expect(res.json.kind).toBe('Table');
    expect(
      res.json.columnDefinitions.map((c: any) => c.name).slice(0, 5),
    ).toEqual(['Name', 'Ready', 'Up-to-date', 'Available', 'Age']);
    expect(res.json.rows[0].object.kind).toBe('PartialObjectMetadata');
  });

  it('deleting a namespace deletes its contents', async () => {
    await call('POST', '/api/v1/namespaces', {
      body: { metadata: { name: 'doomed' } },
    });
    await call('POST', '/api/v1/namespaces/doomed/configmaps', {
      body: { metadata: { name: 'c' } },
    });
    const del = await call('DELETE', '/api/v1/namespaces/doomed');
    expect(del.status).toBe(200);
    expect(
      (await call('GET', '/api/v1/namespaces/doomed/configmaps/c')).status,
    ).toBe(404);
  });
});

describe('field validation and legacy watch paths', () => {
  it('rejects unknown top-level fields with fieldValidation=Strict', async () => {
    const res = await call(
      'POST',
      '/api/v1/namespaces/default/configmaps?fieldValidation=Strict',
      { body: { metadata: { name: 'strict' }, dataa: {} } },
    );
    expectStatus(res, 400, 'BadRequest');
    expect(res.json.message).toBe(
      'strict decoding error: unknown field "dataa"',
    );
    const warn = await call(
      'POST',
      '/api/v1/namespaces/default/configmaps?fieldValidation=Warn',
      { body: { metadata: { name: 'warned' }, dataa: {} } },
    );
    expect(warn.status).toBe(201);
    expect(String(warn.headers.warning)).toMatch(/unknown field "dataa"/);
  });

  it('serves /api/v1/watch/... paths, ending the stream at timeoutSeconds', async () => {
    await call('POST', '/api/v1/namespaces/default/configmaps', {
      body: { metadata: { name: 'legacy-watch' } },
    });
    const res = await call(
      'GET',
      '/api/v1/watch/namespaces/default/configmaps?fieldSelector=metadata.name%3Dlegacy-watch&timeoutSeconds=1',
    );
    const lines = res.text
      .trim()
      .split('\n')
      .map(l => JSON.parse(l));
    expect(lines).toEqual([
      expect.objectContaining({
        type: 'ADDED',
        object: expect.objectContaining({ kind: 'ConfigMap' }),
      }),
    ]);
  });

  it('returns 410 Expired for a resourceVersion older than the history', async () => {
    const res = await call(
      'GET',
      '/api/v1/namespaces/default/configmaps?watch=1&resourceVersion=1&timeoutSeconds=1',
    );
    const [event] = res.text
      .trim()
      .split('\n')
      .map(l => JSON.parse(l));
    expect(event).toMatchObject({
      type: 'ERROR',
      object: { kind: 'Status', code: 410, reason: 'Expired' },
    });
  });
});
