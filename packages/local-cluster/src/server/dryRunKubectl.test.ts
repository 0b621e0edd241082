/**
 * kubectl --dry-run=server against the local cluster: the command says what
 * it would have done, and the store (every object, every resourceVersion) is
 * unchanged afterwards. The same delete without the flag deletes.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { LocalCluster } from '../index';
import { RESOURCE_TYPES } from '../resources';
import {
  TEST_TOKEN,
  deploymentManifest,
  startTestCluster,
  waitFor,
} from '../testing/harness';

jest.setTimeout(60000);

let cluster: LocalCluster;
let tmp: string;

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

function kubectl(...args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(
      'kubectl',
      args,
      { env: { ...process.env, KUBECONFIG: path.join(tmp, 'kubeconfig') } },
      (err, stdout, stderr) =>
        err ? reject(new Error(`${stderr}${stdout}`)) : resolve(stdout),
    );
  });
}

const CM = '/api/v1/namespaces/holdout/configmaps/settings';

beforeAll(async () => {
  cluster = await startTestCluster({ readinessDelayMs: 20 });
  tmp = mkdtempSync(path.join(os.tmpdir(), 'dry-run-kubectl-'));
  writeFileSync(path.join(tmp, 'kubeconfig'), cluster.kubeconfig());
  const post = (p: string, body: unknown) =>
    fetch(new URL(p, cluster.url), {
      method: 'POST',
      headers: {
        authorization: `Bearer ${TEST_TOKEN}`,
        'content-type': 'application/json',
      },
      body: JSON.stringify(body),
    });
  await post('/api/v1/namespaces', { metadata: { name: 'holdout' } });
  await post('/api/v1/namespaces/holdout/configmaps', {
    metadata: { name: 'settings' },
    data: { a: '1' },
  });
  await post(
    '/apis/apps/v1/namespaces/holdout/deployments',
    deploymentManifest('web', 'holdout', 'nginx:1.27', 2),
  );
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
  rmSync(tmp, { recursive: true, force: true });
});

describe('kubectl --dry-run=server changes nothing', () => {
  it.each([
    [
      'delete namespace',
      ['delete', 'namespace', 'holdout', '--dry-run=server'],
      /namespace "holdout" deleted \(server dry run\)/,
    ],
    [
      'delete all pods',
      ['-n', 'holdout', 'delete', 'pods', '--all', '--dry-run=server'],
      /deleted \(server dry run\)/,
    ],
    [
      'scale',
      [
        '-n',
        'holdout',
        'scale',
        'deployment/web',
        '--replicas=7',
        '--dry-run=server',
      ],
      /scaled \(server dry run\)/,
    ],
    [
      'label',
      [
        '-n',
        'holdout',
        'label',
        'configmap',
        'settings',
        'x=y',
        '--dry-run=server',
      ],
      /labeled \(server dry run\)/,
    ],
    [
      'patch',
      [
        '-n',
        'holdout',
        'patch',
        'configmap',
        'settings',
        '--type=merge',
        '-p',
        '{"data":{"a":"k"}}',
        '--dry-run=server',
      ],
      /configmap\/settings patched/,
    ],
    [
      'server-side apply',
      ['apply', '--server-side', '--dry-run=server', '-f', '-'],
      /serverside-applied \(server dry run\)/,
    ],
  ])('%s', async (_what, args, out) => {
    const before = await quiet();
    const file = path.join(tmp, 'cm.yaml');
    writeFileSync(
      file,
      'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\n  namespace: holdout\ndata:\n  a: applied\n',
    );
    const argv = args.map(a => (a === '-' ? file : a));
    expect(await kubectl(...argv)).toMatch(out);
    await new Promise(r => setTimeout(r, 100));
    expect(snapshot()).toBe(before);
  });

  it('the same delete without --dry-run removes the namespace and its contents', async () => {
    await kubectl('delete', 'namespace', 'holdout', '--wait=false');
    expect(
      (
        await fetch(new URL(CM, cluster.url), {
          headers: { authorization: `Bearer ${TEST_TOKEN}` },
        })
      ).status,
    ).toBe(404);
  });
});
