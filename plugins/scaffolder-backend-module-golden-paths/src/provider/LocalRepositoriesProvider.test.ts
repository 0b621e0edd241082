import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { mockServices } from '@backstage/backend-test-utils';
import { LocalRepositoriesProvider } from './LocalRepositoriesProvider';

describe('LocalRepositoriesProvider', () => {
  let root: string;
  beforeEach(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'gp-root-'));
  });
  afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

  function repo(name: string) {
    fs.mkdirSync(path.join(root, name));
    fs.writeFileSync(
      path.join(root, name, 'catalog-info.yaml'),
      'kind: Component\n',
    );
  }

  it('registers each repository as a file location, never staging folders, and only on change', async () => {
    repo('b-api');
    repo('a-api');
    repo('.staging-c-api-1234');
    fs.mkdirSync(path.join(root, 'empty'));
    const applyMutation = jest.fn();
    const provider = new LocalRepositoriesProvider(
      root,
      mockServices.logger.mock(),
    );
    await provider.connect({ applyMutation, refresh: jest.fn() });

    expect(applyMutation).toHaveBeenCalledTimes(1);
    const { entities } = applyMutation.mock.calls[0][0];
    expect(entities.map((e: any) => e.entity.spec)).toEqual([
      { type: 'file', target: path.join(root, 'a-api/catalog-info.yaml') },
      { type: 'file', target: path.join(root, 'b-api/catalog-info.yaml') },
    ]);
    expect(entities[0].entity.kind).toBe('Location');

    await provider.scan();
    expect(applyMutation).toHaveBeenCalledTimes(1);

    fs.rmSync(path.join(root, 'b-api'), { recursive: true });
    await provider.scan();
    expect(applyMutation.mock.calls[1][0].entities).toHaveLength(1);
  });

  it('sees a repository renamed into the root without waiting for the schedule', async () => {
    const applyMutation = jest.fn();
    const provider = new LocalRepositoriesProvider(
      root,
      mockServices.logger.mock(),
    );
    await provider.connect({ applyMutation, refresh: jest.fn() });
    const unwatch = provider.watch();
    try {
      repo('.staging-x');
      fs.renameSync(path.join(root, '.staging-x'), path.join(root, 'x-api'));
      const deadline = Date.now() + 5000;
      while (applyMutation.mock.calls.length < 2 && Date.now() < deadline) {
        await new Promise(r => setTimeout(r, 50));
      }
      expect(
        applyMutation.mock.calls[1][0].entities[0].entity.spec.target,
      ).toBe(path.join(root, 'x-api/catalog-info.yaml'));
    } finally {
      unwatch();
    }
  });
});
