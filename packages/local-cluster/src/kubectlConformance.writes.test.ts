/**
 * kubectl conformance: the everyday write commands — apply (client- and
 * server-side), diff, replace, edit, patch, label, annotate, scale, autoscale
 * and set — against one Deployment and one ConfigMap. Rollouts are in
 * kubectlConformance.rollout.test.ts.
 */
import {
  KubectlSession,
  conformance,
  startKubectlSession,
} from './testing/kubectl';
import { PENDING_KUBECTL_COMMANDS } from './testing/kubectlPending';
import {
  deploymentYaml,
  namespaceYaml,
  yamlDocuments,
} from './testing/manifests';

jest.setTimeout(60000);

const command = conformance(PENDING_KUBECTL_COMMANDS, it);
const NS = 'shop';

let k: KubectlSession;

const deployment = (image: string) =>
  yamlDocuments(
    namespaceYaml(NS),
    deploymentYaml({ namespace: NS, name: 'cart', image }),
  );

const CONFIG = (color: string) => `
apiVersion: v1
kind: ConfigMap
metadata: {name: settings, namespace: ${NS}}
data: {color: ${color}}
`;

async function getJson(...args: string[]) {
  return JSON.parse(await k.ok('-n', NS, 'get', ...args, '-o', 'json'));
}

const rolloutStatus = () =>
  k.ok('-n', NS, 'rollout', 'status', 'deploy/cart', '--timeout=30s');

beforeAll(async () => {
  k = await startKubectlSession();
});

afterAll(async () => {
  await k?.close();
});

describe('kubectl apply, diff, replace, edit', () => {
  command('apply', async () => {
    const out = await k.withInput(
      deployment('ghcr.io/example/cart:1.0.0'),
      'apply',
      '-f',
      '-',
    );
    expect(out).toBe('namespace/shop created\ndeployment.apps/cart created\n');
    expect(await rolloutStatus()).toMatch(/successfully rolled out/);
    const again = await k.withInput(
      deployment('ghcr.io/example/cart:1.0.0'),
      'apply',
      '-f',
      '-',
    );
    expect(again).toBe(
      'namespace/shop unchanged\ndeployment.apps/cart unchanged\n',
    );
    const dep = await getJson('deploy', 'cart');
    expect(
      JSON.parse(
        dep.metadata.annotations[
          'kubectl.kubernetes.io/last-applied-configuration'
        ],
      ).spec.template.spec.containers[0].image,
    ).toBe('ghcr.io/example/cart:1.0.0');
  });

  command('apply --server-side', async () => {
    expect(
      await k.withInput(CONFIG('blue'), 'apply', '--server-side', '-f', '-'),
    ).toBe('configmap/settings serverside-applied\n');
    expect(
      await k.withInput(CONFIG('green'), 'apply', '--server-side', '-f', '-'),
    ).toBe('configmap/settings serverside-applied\n');
    const cm = await getJson('cm', 'settings');
    expect(cm.data).toEqual({ color: 'green' });
  });

  command('diff', async () => {
    const same = await k.run(['diff', '-f', '-'], { stdin: CONFIG('green') });
    expect(same).toMatchObject({ code: 0, stdout: '' });
    const changed = await k.run(['diff', '-f', '-'], { stdin: CONFIG('red') });
    // diff exits 1 when there are differences, and shows only the real change.
    expect(changed.code).toBe(1);
    const lines = changed.stdout.split('\n').filter(l => /^[-+][^-+]/.test(l));
    expect(lines).toEqual(['-  color: green', '+  color: red']);
    expect(
      await k.ok(
        '-n',
        NS,
        'get',
        'cm',
        'settings',
        '-o',
        'jsonpath={.data.color}',
      ),
    ).toBe('green');
  });

  command('replace', async () => {
    expect(await k.withInput(CONFIG('yellow'), 'replace', '-f', '-')).toBe(
      'configmap/settings replaced\n',
    );
    expect(
      await k.ok(
        '-n',
        NS,
        'get',
        'cm',
        'settings',
        '-o',
        'jsonpath={.data.color}',
      ),
    ).toBe('yellow');
  });

  command('edit', async () => {
    const editor = k.script(
      'editor.sh',
      `#!/bin/sh\nsed -i 's/color: yellow/color: purple/' "$1"\n`,
    );
    const r = await k.run(['-n', NS, 'edit', 'configmap', 'settings'], {
      env: { KUBE_EDITOR: editor },
    });
    expect(r).toMatchObject({ code: 0, stdout: 'configmap/settings edited\n' });
    expect(
      await k.ok(
        '-n',
        NS,
        'get',
        'cm',
        'settings',
        '-o',
        'jsonpath={.data.color}',
      ),
    ).toBe('purple');
  });
});

describe('kubectl patch, label, annotate, scale, autoscale, set', () => {
  command('patch --type=json', async () => {
    expect(
      await k.ok(
        '-n',
        NS,
        'patch',
        'deploy',
        'cart',
        '--type=json',
        '-p',
        '[{"op":"replace","path":"/spec/replicas","value":3}]',
      ),
    ).toBe('deployment.apps/cart patched\n');
    expect(await rolloutStatus()).toMatch(/successfully rolled out/);
    expect((await getJson('deploy', 'cart')).status.readyReplicas).toBe(3);
  });

  command('patch --type=merge', async () => {
    expect(
      await k.ok(
        '-n',
        NS,
        'patch',
        'cm',
        'settings',
        '--type=merge',
        '-p',
        '{"data":{"size":"xl"}}',
      ),
    ).toBe('configmap/settings patched\n');
    expect((await getJson('cm', 'settings')).data).toEqual({
      color: 'purple',
      size: 'xl',
    });
    expect(
      await k.ok(
        '-n',
        NS,
        'patch',
        'cm',
        'settings',
        '--type=merge',
        '-p',
        '{"data":{"size":"xl"}}',
      ),
    ).toBe('configmap/settings patched (no change)\n');
  });

  command('patch (strategic)', async () => {
    await k.ok(
      '-n',
      NS,
      'patch',
      'deploy',
      'cart',
      '-p',
      '{"spec":{"template":{"spec":{"containers":[{"name":"cart","env":[{"name":"MODE","value":"fast"}]}]}}}}',
    );
    const c = (await getJson('deploy', 'cart')).spec.template.spec.containers;
    // Merged by container name: the image and ports stay.
    expect(c).toHaveLength(1);
    expect(c[0]).toMatchObject({
      name: 'cart',
      image: 'ghcr.io/example/cart:1.0.0',
      env: [{ name: 'MODE', value: 'fast' }],
    });
    expect(await rolloutStatus()).toMatch(/successfully rolled out/);
  });

  command('label', async () => {
    expect(
      await k.ok('-n', NS, 'label', 'deploy', 'cart', 'team=checkout'),
    ).toBe('deployment.apps/cart labeled\n');
    expect(
      await k.ok(
        '-n',
        NS,
        'get',
        'deploy',
        '-l',
        'team=checkout',
        '-o',
        'name',
      ),
    ).toBe('deployment.apps/cart\n');
    const clash = await k.run([
      '-n',
      NS,
      'label',
      'deploy',
      'cart',
      'team=other',
    ]);
    expect(clash.code).toBe(1);
    expect(clash.stderr).toMatch(
      /'team' already has a value \(checkout\), and --overwrite is false/,
    );
    expect(await k.ok('-n', NS, 'label', 'deploy', 'cart', 'team-')).toBe(
      'deployment.apps/cart unlabeled\n',
    );
  });

  command('annotate', async () => {
    expect(
      await k.ok(
        '-n',
        NS,
        'annotate',
        'deploy',
        'cart',
        'kubernetes.io/change-cause=add MODE env',
      ),
    ).toBe('deployment.apps/cart annotated\n');
    expect(
      (await getJson('deploy', 'cart')).metadata.annotations[
        'kubernetes.io/change-cause'
      ],
    ).toBe('add MODE env');
  });

  command('scale', async () => {
    expect(await k.ok('-n', NS, 'scale', 'deploy/cart', '--replicas=2')).toBe(
      'deployment.apps/cart scaled\n',
    );
    expect(await rolloutStatus()).toMatch(/successfully rolled out/);
    const pods = await getJson('pods', '-l', 'app=cart');
    expect(pods.items).toHaveLength(2);
    const stale = await k.run([
      '-n',
      NS,
      'scale',
      'deploy/cart',
      '--replicas=5',
      '--current-replicas=3',
    ]);
    expect(stale.code).toBe(1);
    expect(stale.stderr).toMatch(/Expected replicas to be 3, was 2/);
  });

  command('autoscale', async () => {
    expect(
      await k.ok(
        '-n',
        NS,
        'autoscale',
        'deploy',
        'cart',
        '--min=2',
        '--max=6',
        '--cpu-percent=70',
      ),
    ).toBe('horizontalpodautoscaler.autoscaling/cart autoscaled\n');
    const hpa = await getJson('hpa', 'cart');
    expect(hpa.apiVersion).toBe('autoscaling/v2');
    expect(hpa.spec).toMatchObject({
      minReplicas: 2,
      maxReplicas: 6,
      scaleTargetRef: {
        kind: 'Deployment',
        name: 'cart',
        apiVersion: 'apps/v1',
      },
      metrics: [
        {
          type: 'Resource',
          resource: {
            name: 'cpu',
            target: { type: 'Utilization', averageUtilization: 70 },
          },
        },
      ],
    });
    // The same object, read back in the v1 shape kubectl autoscale wrote.
    const v1 = JSON.parse(
      await k.ok(
        'get',
        '--raw',
        `/apis/autoscaling/v1/namespaces/${NS}/horizontalpodautoscalers/cart`,
      ),
    );
    expect(v1).toMatchObject({
      apiVersion: 'autoscaling/v1',
      spec: {
        minReplicas: 2,
        maxReplicas: 6,
        targetCPUUtilizationPercentage: 70,
      },
    });
    expect(await k.ok('-n', NS, 'get', 'hpa', 'cart')).toMatch(
      /^cart\s+Deployment\/cart\s+.*\s2\s+6\s/m,
    );
  });

  command('set image', async () => {
    expect(
      await k.ok(
        '-n',
        NS,
        'set',
        'image',
        'deploy/cart',
        'cart=ghcr.io/example/cart:1.1.0',
      ),
    ).toBe('deployment.apps/cart image updated\n');
    expect(await rolloutStatus()).toMatch(/successfully rolled out/);
  });

  command('set env', async () => {
    expect(
      await k.ok('-n', NS, 'set', 'env', 'deploy/cart', 'LOG_LEVEL=debug'),
    ).toBe('deployment.apps/cart env updated\n');
    expect(await k.ok('-n', NS, 'set', 'env', 'deploy/cart', '--list')).toMatch(
      /^MODE=fast\nLOG_LEVEL=debug$/m,
    );
  });

  command('set resources', async () => {
    expect(
      await k.ok(
        '-n',
        NS,
        'set',
        'resources',
        'deploy/cart',
        '--limits=cpu=500m,memory=256Mi',
        '--requests=cpu=100m',
      ),
    ).toBe('deployment.apps/cart resource requirements updated\n');
    const c = (await getJson('deploy', 'cart')).spec.template.spec
      .containers[0];
    expect(c.resources).toEqual({
      limits: { cpu: '500m', memory: '256Mi' },
      requests: { cpu: '100m' },
    });
    expect(await rolloutStatus()).toMatch(/successfully rolled out/);
  });
});
