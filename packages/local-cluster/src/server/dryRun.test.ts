/**
 * dryRun=All on every mutating verb: the answer is what would have happened,
 * and the store (every object, every resourceVersion) is unchanged afterwards.
 */
import { LocalCluster } from '../index';
import { RESOURCE_TYPES } from '../resources';
import {
  deploymentManifest,
  TEST_TOKEN,
  expectStatus,
  startTestCluster,
  waitFor,
} from '../testing/harness';

jest.setTimeout(60000);

let cluster: LocalCluster;

function snapshot(): string {
  const all = RESOURCE_TYPES.filter(r => !r.virtual).map(r => [
    r.resource,
    cluster.store.list(r),
  ]);
  return JSON.stringify([cluster.store.currentResourceVersion(), all]);
}

/** Waits until the controller has nothing left to do (no write for 300 ms). */
async function quiet(): Promise<string> {
  let last = snapshot();
  for (;;) {
    await new Promise(r => setTimeout(r, 300));
    const now = snapshot();
    if (now === last) return now;
    last = now;
  }
}

/**
 * fetch, not the harness's http.request: Node sends no body on a DELETE
 * through http.request without a Content-Length, and kubectl's DeleteOptions
 * travel exactly there.
 */
async function call(
  method: string,
  p: string,
  options: { body?: unknown; contentType?: string } = {},
): Promise<{ status: number; json: any }> {
  const res = await fetch(new URL(p, cluster.url), {
    method,
    headers: {
      Authorization: `Bearer ${TEST_TOKEN}`,
      ...(options.body !== undefined
        ? { 'Content-Type': options.contentType ?? 'application/json' }
        : {}),
    },
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
  });
  const text = await res.text();
  let json: any;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: res.status, json };
}

beforeAll(async () => {
  cluster = await startTestCluster({ readinessDelayMs: 20 });
  await call('POST', '/api/v1/namespaces', {
    body: { metadata: { name: 'holdout' } },
  });
  await call('POST', '/api/v1/namespaces/holdout/configmaps', {
    body: { metadata: { name: 'settings' }, data: { a: '1' } },
  });
  await call('POST', '/apis/apps/v1/namespaces/holdout/deployments', {
    body: deploymentManifest('web', 'holdout', 'nginx:1.27', 2),
  });
  await waitFor(
    () =>
      cluster.store
        .list(RESOURCE_TYPES.find(r => r.kind === 'Pod')!, 'holdout')
        .filter(p => p.status?.phase === 'Running').length === 2,
    { what: 'two running pods' },
  );
});

afterAll(async () => {
  await cluster?.close();
});

const DEPLOY = '/apis/apps/v1/namespaces/holdout/deployments/web';
const CM = '/api/v1/namespaces/holdout/configmaps/settings';

async function podName(): Promise<string> {
  const pods = await call('GET', '/api/v1/namespaces/holdout/pods');
  return pods.json.items[0].metadata.name;
}

describe('dryRun=All leaves the store unchanged', () => {
  const cases: Array<{
    verb: string;
    run: () => Promise<{ status: number; json: any }>;
    status: number;
    check?: (json: any) => void;
  }> = [
    {
      verb: 'create',
      run: () =>
        call('POST', '/api/v1/namespaces/holdout/configmaps?dryRun=All', {
          body: { metadata: { name: 'new' }, data: { b: '2' } },
        }),
      status: 201,
      check: j => {
        expect(j.metadata.uid).toEqual(expect.any(String));
        expect(j.metadata.resourceVersion).toBeUndefined();
      },
    },
    {
      verb: 'create with generateName',
      run: () =>
        call('POST', '/api/v1/namespaces/holdout/configmaps?dryRun=All', {
          body: { metadata: { generateName: 'gen-' } },
        }),
      status: 201,
      check: j => expect(j.metadata.name).toMatch(/^gen-.{5}$/),
    },
    {
      verb: 'update',
      run: async () => {
        const cm = (await call('GET', CM)).json;
        return call('PUT', `${CM}?dryRun=All`, {
          body: { ...cm, data: { a: 'changed' } },
        });
      },
      status: 200,
      check: j => expect(j.data).toEqual({ a: 'changed' }),
    },
    ...(
      [
        [
          'json',
          'application/json-patch+json',
          [{ op: 'replace', path: '/data/a', value: 'j' }],
        ],
        ['merge', 'application/merge-patch+json', { data: { a: 'm' } }],
        [
          'strategic',
          'application/strategic-merge-patch+json',
          { data: { a: 's' } },
        ],
        [
          'apply',
          'application/apply-patch+yaml',
          {
            apiVersion: 'v1',
            kind: 'ConfigMap',
            metadata: { name: 'settings' },
            data: { a: 'p' },
          },
        ],
      ] as const
    ).map(([type, contentType, body]) => ({
      verb: `patch (${type})`,
      run: () =>
        call('PATCH', `${CM}?dryRun=All&fieldManager=t`, {
          body,
          contentType,
        }),
      status: 200,
      check: (j: any) => expect(j.data.a).not.toBe('1'),
    })),
    {
      verb: 'server-side apply that would create',
      run: () =>
        call(
          'PATCH',
          '/api/v1/namespaces/holdout/configmaps/fresh?dryRun=All&fieldManager=t',
          {
            body: {
              apiVersion: 'v1',
              kind: 'ConfigMap',
              metadata: { name: 'fresh' },
            },
            contentType: 'application/apply-patch+yaml',
          },
        ),
      status: 201,
    },
    {
      verb: 'scale (PUT)',
      run: () =>
        call('PUT', `${DEPLOY}/scale?dryRun=All`, {
          body: {
            kind: 'Scale',
            apiVersion: 'autoscaling/v1',
            metadata: { name: 'web', namespace: 'holdout' },
            spec: { replicas: 5 },
          },
        }),
      status: 200,
      check: j => expect(j.spec.replicas).toBe(5),
    },
    {
      verb: 'scale (PATCH)',
      run: () =>
        call('PATCH', `${DEPLOY}/scale?dryRun=All`, {
          body: { spec: { replicas: 0 } },
          contentType: 'application/merge-patch+json',
        }),
      status: 200,
      check: j => expect(j.spec.replicas).toBe(0),
    },
    {
      verb: 'status (PATCH)',
      run: () =>
        call('PATCH', `${DEPLOY}/status?dryRun=All`, {
          body: { status: { replicas: 9 } },
          contentType: 'application/merge-patch+json',
        }),
      status: 200,
      check: j => expect(j.status.replicas).toBe(9),
    },
    {
      verb: 'eviction',
      run: async () =>
        call(
          'POST',
          `/api/v1/namespaces/holdout/pods/${await podName()}/eviction`,
          {
            body: {
              apiVersion: 'policy/v1',
              kind: 'Eviction',
              metadata: {},
              deleteOptions: { dryRun: ['All'] },
            },
          },
        ),
      status: 201,
      check: j =>
        expect(j).toMatchObject({ kind: 'Status', status: 'Success' }),
    },
    {
      verb: 'delete (query)',
      run: () => call('DELETE', `${DEPLOY}?dryRun=All`),
      status: 200,
      check: j =>
        expect(j).toMatchObject({
          kind: 'Status',
          status: 'Success',
          details: { name: 'web', group: 'apps', kind: 'deployments' },
        }),
    },
    {
      verb: 'delete (DeleteOptions body, as kubectl sends it)',
      run: () =>
        call('DELETE', '/api/v1/namespaces/holdout', {
          body: { propagationPolicy: 'Background', dryRun: ['All'] },
        }),
      status: 200,
      check: j => {
        expect(j.kind).toBe('Namespace');
        expect(j.status.phase).toBe('Terminating');
        expect(j.metadata.deletionTimestamp).toEqual(expect.any(String));
      },
    },
    {
      verb: 'delete of a pod',
      run: async () =>
        call(
          'DELETE',
          `/api/v1/namespaces/holdout/pods/${await podName()}?dryRun=All`,
        ),
      status: 200,
      check: j => {
        expect(j.kind).toBe('Pod');
        expect(j.metadata.deletionGracePeriodSeconds).toBe(30);
      },
    },
    {
      verb: 'deletecollection',
      run: () => call('DELETE', '/api/v1/namespaces/holdout/pods?dryRun=All'),
      status: 200,
      check: j => expect(j.items).toHaveLength(2),
    },
  ];

  it.each(cases.map(c => [c.verb, c] as const))('%s', async (_verb, c) => {
    const before = await quiet();
    const res = await c.run();
    expect(res.status).toBe(c.status);
    c.check?.(res.json);
    await new Promise(r => setTimeout(r, 100));
    expect(snapshot()).toBe(before);
  });
});

describe('dry runs that fail answer what the real write would', () => {
  it('refuses unknown dryRun values with the real 422 on every verb', async () => {
    const before = await quiet();
    const bad = [
      call('POST', '/api/v1/namespaces/holdout/configmaps?dryRun=Yes', {
        body: { metadata: { name: 'x' } },
      }),
      call('PUT', `${CM}?dryRun=Yes`, {
        body: { metadata: { name: 'settings' } },
      }),
      call('PATCH', `${CM}?dryRun=Yes`, {
        body: {},
        contentType: 'application/merge-patch+json',
      }),
      call('DELETE', `${CM}?dryRun=Yes`),
      call('DELETE', CM, { body: { dryRun: ['All', 'Nope'] } }),
    ];
    const kinds = [
      'CreateOptions',
      'UpdateOptions',
      'PatchOptions',
      'DeleteOptions',
      'DeleteOptions',
    ];
    const results = await Promise.all(bad);
    results.forEach((res, i) => {
      expectStatus(res, 422, 'Invalid');
      expect(res.json.message).toMatch(
        new RegExp(
          `^${kinds[i]}\\.meta\\.k8s\\.io "" is invalid: dryRun: Unsupported value: \\[\\]string\\{"`,
        ),
      );
    });
    expect(snapshot()).toBe(before);
  });

  it('a dry-run create of an existing object is a 409, of an invalid one a 422', async () => {
    const before = await quiet();
    expectStatus(
      await call('POST', '/api/v1/namespaces/holdout/configmaps?dryRun=All', {
        body: { metadata: { name: 'settings' } },
      }),
      409,
      'AlreadyExists',
    );
    expectStatus(
      await call('PUT', `${DEPLOY}/scale?dryRun=All`, {
        body: { spec: { replicas: -1 } },
      }),
      422,
      'Invalid',
    );
    expect(snapshot()).toBe(before);
  });
});
