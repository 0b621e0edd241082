import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { T } from './controller/util';
import { findResource } from './resources';
import { startTestCluster, waitFor } from './testing/harness';

const DEMO_DIR = path.resolve(__dirname, '../../../deploy/demo-cluster');

describe('manifest loading', () => {
  it('loads the demo cluster at start and reconciles it', async () => {
    const cluster = await startTestCluster({ manifestsDir: DEMO_DIR });
    try {
      const deployments = cluster.store.list(T.deployments);
      expect(deployments.map(d => d.metadata.name).sort()).toEqual([
        'api-gateway',
        'inventory-service',
        'notification-service',
        'order-service',
        'payment-service',
        'portal',
        'user-service',
        'web-storefront',
      ]);
      for (const kind of [T.deployments, T.pods]) {
        // Every demo object carries the Backstage label, pods included via the template.
        await waitFor(
          () =>
            cluster.store
              .list(kind)
              .filter(o => o.metadata.namespace !== 'default').length > 0,
        );
      }
      await waitFor(
        () =>
          cluster.store
            .list(T.pods, 'payments')
            .filter(p => p.status?.phase === 'Running').length === 3,
        { what: 'payment pods' },
      );
      for (const pod of cluster.store.list(T.pods)) {
        expect(
          pod.metadata.labels?.['backstage.io/kubernetes-id'],
        ).toBeDefined();
      }
    } finally {
      await cluster.close();
    }
  });

  it('accepts multi-document YAML and List kinds, and fails loudly on bad manifests', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'lc-manifests-'));
    try {
      writeFileSync(
        path.join(dir, 'a.yaml'),
        [
          'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: one\n  namespace: team\n',
          'apiVersion: v1\nkind: List\nitems:\n- apiVersion: v1\n  kind: ConfigMap\n  metadata:\n    name: two\n    namespace: team\n',
        ].join('---\n'),
      );
      // The namespace comes later in file order but is created first.
      writeFileSync(
        path.join(dir, 'b.json'),
        JSON.stringify({
          apiVersion: 'v1',
          kind: 'Namespace',
          metadata: { name: 'team' },
        }),
      );
      const cluster = await startTestCluster({ manifestsDir: dir });
      expect(
        cluster.store.list(T.namespaces).map(n => n.metadata.name),
      ).toContain('team');
      expect(
        cluster.store.get(findResource('', 'v1', 'configmaps')!, 'team', 'two'),
      ).toBeDefined();
      await cluster.close();

      writeFileSync(
        path.join(dir, 'c.yaml'),
        'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: broken\n  namespace: team\nspec: {}\n',
      );
      await expect(startTestCluster({ manifestsDir: dir })).rejects.toThrow(
        /Deployment\/broken: Deployment.apps "broken" is invalid: \[spec.selector: Required value, spec.template.spec: Required value\]/,
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('names the file and document of a YAML error and loads nothing of that file; merge keys work', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'lc-manifests-'));
    const configMaps = findResource('', 'v1', 'configmaps')!;
    try {
      writeFileSync(
        path.join(dir, 'a.yaml'),
        'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: merged, namespace: default}\ndata:\n  <<: {region: eu}\n  tier: web\n',
      );
      writeFileSync(
        path.join(dir, 'b.yaml'),
        [
          'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: first, namespace: default}\n',
          'apiVersion: v1\nkind: ConfigMap\nkind: Secret\n',
        ].join('---\n'),
      );
      await expect(startTestCluster({ manifestsDir: dir })).rejects.toThrow(
        /b\.yaml: document 2: Map keys must be unique at line 7, column 1/,
      );

      const cluster = await startTestCluster({
        manifestsDir: dir,
        strictManifests: false,
      });
      try {
        expect(
          cluster.store.get(configMaps, 'default', 'merged')?.data,
        ).toEqual({ region: 'eu', tier: 'web' });
        expect(
          cluster.store.get(configMaps, 'default', 'first'),
        ).toBeUndefined();
      } finally {
        await cluster.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
