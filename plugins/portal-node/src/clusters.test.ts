import { ConfigReader } from '@backstage/config';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  clusterCa,
  kubernetesPluginClusters,
  readClusterConnections,
} from './clusters';

const PEM = '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n';

describe('clusters from config', () => {
  const config = new ConfigReader({
    kubernetes: {
      clusterLocatorMethods: [
        { type: 'catalog' },
        {
          type: 'config',
          clusters: [
            {
              name: 'local',
              url: 'https://127.0.0.1:6550',
              authProvider: 'serviceAccount',
              serviceAccountToken: 'tok',
              caData: Buffer.from(PEM).toString('base64'),
            },
          ],
        },
        {
          type: 'config',
          clusters: [
            { name: 'dev', url: 'https://dev:6443', skipTLSVerify: true },
          ],
        },
      ],
    },
  });

  it('reads every config locator, leaving catalog locators out', () => {
    expect(readClusterConnections(kubernetesPluginClusters(config))).toEqual([
      {
        name: 'local',
        url: 'https://127.0.0.1:6550',
        token: 'tok',
        caData: Buffer.from(PEM).toString('base64'),
      },
      { name: 'dev', url: 'https://dev:6443', skipTLSVerify: true },
    ]);
    expect(kubernetesPluginClusters(new ConfigReader({}))).toEqual([]);
  });

  it('takes the CA from caData (base64 or PEM) or from caFile, naming an unreadable file', () => {
    const [local] = readClusterConnections(kubernetesPluginClusters(config));
    expect(clusterCa(local)).toBe(PEM);
    expect(clusterCa({ ...local, caData: PEM })).toBe(PEM);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'portal-node-'));
    const file = path.join(dir, 'ca.pem');
    fs.writeFileSync(file, PEM);
    expect(clusterCa({ name: 'x', url: 'u', caFile: file })).toBe(PEM);
    expect(() =>
      clusterCa({ name: 'x', url: 'u', caFile: path.join(dir, 'nope.pem') }),
    ).toThrow(/^cluster x: caFile .*nope\.pem cannot be read: ENOENT/);
    expect(clusterCa({ name: 'x', url: 'u' })).toBeUndefined();
  });
});
