import path from 'node:path';
import { ConfigReader } from '@backstage/config';
import { Entity } from '@backstage/catalog-model';
import { CatalogTrustProcessor } from './CatalogTrustProcessor';

const processor = CatalogTrustProcessor.fromConfig(
  new ConfigReader({
    catalog: {
      locations: [
        { type: 'file', target: '../../catalog/all.yaml' },
        {
          type: 'url',
          target: 'https://github.com/acme/org/blob/main/org.yaml',
        },
      ],
    },
  }),
);
const configFile = {
  type: 'file',
  target: path.resolve('../../catalog/all.yaml'),
};
const configUrl = {
  type: 'url',
  target: 'https://github.com/acme/org/blob/main/org.yaml',
};
const registered = {
  type: 'url',
  target: 'https://github.com/someone/repo/blob/main/catalog-info.yaml',
};
const generatedRepo = {
  type: 'file',
  target: '/data/repositories/new-service/catalog-info.yaml',
};

const entity = (kind: string, spec: Entity['spec'] = {}): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind,
  metadata: { name: 'x' },
  spec,
});

function run(e: Entity, origin: { type: string; target: string }) {
  return processor.preProcessEntity(e, origin, () => {}, origin);
}

describe('CatalogTrustProcessor', () => {
  it.each(['Component', 'API', 'System', 'Resource'])(
    'accepts a %s from a registered location',
    async kind => {
      const e = entity(kind, { type: 'database' });
      await expect(run(e, registered)).resolves.toBe(e);
    },
  );

  it.each([
    ['User', {}],
    ['Group', {}],
    ['Template', {}],
    ['Domain', {}],
    ['Location', { type: 'url', target: 'https://elsewhere/x.yaml' }],
    ['Resource', { type: 'kubernetes-cluster' }],
  ])(
    'refuses a %s from a registered location, naming the rule',
    async (kind, spec) => {
      await expect(run(entity(kind, spec), registered)).rejects.toThrow(
        /only from the portal's configured catalog locations \(catalog.locations\), not from url:https:\/\/github.com\/someone/,
      );
    },
  );

  it('refuses a User from a generated repository on disk', async () => {
    await expect(run(entity('User'), generatedRepo)).rejects.toThrow(
      /^user:default\/x: User entities come only/,
    );
  });

  it.each([
    ['a file', configFile],
    ['a url', configUrl],
  ])(
    'accepts everything from %s location in catalog.locations',
    async (_, origin) => {
      for (const kind of ['User', 'Group', 'Template', 'Location']) {
        await expect(run(entity(kind), origin)).resolves.toBeDefined();
      }
      await expect(
        run(entity('Resource', { type: 'kubernetes-cluster' }), origin),
      ).resolves.toBeDefined();
    },
  );

  it('accepts the Location entity of a registration, which points at itself', async () => {
    const own = entity('Location', { ...registered });
    await expect(run(own, registered)).resolves.toBe(own);
    await expect(
      run(entity('Location', { ...generatedRepo }), generatedRepo),
    ).resolves.toBeDefined();
  });
});
