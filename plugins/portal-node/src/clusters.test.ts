import { ConfigReader } from '@backstage/config';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  clusterCa,
  kubeConfigOptions,
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

describe('kubeConfigOptions', () => {
  const pem = PEM;

  it('gives the client its CA in base64 from PEM, base64 or a file', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'portal-node-ca-'));
    try {
      const file = path.join(dir, 'ca.pem');
      fs.writeFileSync(file, pem);
      const b64 = Buffer.from(pem).toString('base64');
      for (const source of [
        { caData: pem },
        { caData: b64 },
        { caFile: file },
      ]) {
        const options = kubeConfigOptions(
          {
            name: 'prod',
            url: 'https://k8s.example:6443/',
            token: 't',
            ...source,
          },
          'dora',
        );
        expect(options).toEqual({
          clusters: [
            {
              name: 'prod',
              server: 'https://k8s.example:6443',
              caData: b64,
              skipTLSVerify: false,
            },
          ],
          users: [{ name: 'dora', token: 't' }],
          contexts: [{ name: 'prod', cluster: 'prod', user: 'dora' }],
          currentContext: 'prod',
        });
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('skips verification over plain HTTP, and names an unreadable caFile', () => {
    expect(
      kubeConfigOptions({ name: 'local', url: 'http://127.0.0.1:6443' }, 'x')
        .clusters[0],
    ).toMatchObject({ skipTLSVerify: true, caData: undefined });
    expect(() =>
      kubeConfigOptions(
        { name: 'prod', url: 'https://k8s', caFile: '/nonexistent/ca.pem' },
        'x',
      ),
    ).toThrow(/^cluster prod: caFile \/nonexistent\/ca\.pem cannot be read/);
  });
});
