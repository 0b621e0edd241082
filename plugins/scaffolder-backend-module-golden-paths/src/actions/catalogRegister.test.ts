import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import {
  createCatalogRegisterAction,
  mainEntityRef,
  parseEntities,
} from './catalogRegister';

const CATALOG_INFO = `apiVersion: backstage.io/v1alpha1
kind: API
metadata:
  name: invoice-openapi
---
apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: invoice-api
spec:
  type: service
  owner: payments
  lifecycle: experimental
`;

/** The in-memory catalog does not implement validation; these entities are valid. */
function catalogWith(entities: any[] = []) {
  const catalog = catalogServiceMock({ entities });
  catalog.validateEntity = jest.fn(async () => ({ valid: true as const }));
  return catalog;
}

describe('portal:catalog:register', () => {
  let root: string;
  let repo: string;

  beforeEach(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'gp-root-'));
    repo = path.join(root, 'invoice-api');
    fs.mkdirSync(repo);
    fs.writeFileSync(path.join(repo, 'catalog-info.yaml'), CATALOG_INFO);
  });
  afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

  // Each test sets repositoryRoot to its own temporary root.
  const config = {
    repositoryRoot: '',
    defaultAuthor: { name: 'P', email: 'p@example.com' },
    publisher: 'local' as const,
    github: { host: 'github.com' },
  };
  const invoiceApi = {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name: 'invoice-api', namespace: 'default' },
    spec: {},
  };

  it('waits until the component is in the catalog and outputs its ref', async () => {
    // The real catalog service's in-memory stand-in, seeded with what the provider would add.
    const catalog = catalogWith([invoiceApi]);
    const ctx = createMockActionContext({ input: { repoPath: repo } });
    await createCatalogRegisterAction({
      config: { ...config, repositoryRoot: root },
      catalog,
    }).handler(ctx);
    expect(ctx.output).toHaveBeenCalledWith(
      'entityRef',
      'component:default/invoice-api',
    );
    expect(ctx.output).toHaveBeenCalledWith(
      'catalogInfoUrl',
      `file:${path.join(repo, 'catalog-info.yaml')}`,
    );
  });

  it('fails with the path when the entity never appears', async () => {
    const ctx = createMockActionContext({
      input: { repoPath: repo, timeoutSeconds: 1 },
    });
    await expect(
      createCatalogRegisterAction({
        config: { ...config, repositoryRoot: root },
        catalog: catalogWith(),
      }).handler(ctx),
    ).rejects.toThrow(
      /component:default\/invoice-api did not appear in the catalog within 1000 ms/,
    );
  });

  it('fails at once with the catalog validation message, naming the field', async () => {
    const catalog = catalogWith();
    catalog.validateEntity = jest.fn(async (entity: any) =>
      entity.kind === 'Component'
        ? {
            valid: false as const,
            errors: [
              {
                name: 'TypeError',
                message: '/spec/lifecycle must be string',
              },
            ],
          }
        : { valid: true as const },
    );
    const started = Date.now();
    await expect(
      createCatalogRegisterAction({
        config: { ...config, repositoryRoot: root },
        catalog,
      }).handler(createMockActionContext({ input: { repoPath: repo } })),
    ).rejects.toMatchObject({
      name: 'InputError',
      message:
        'catalogInfoPath: Component invoice-api in catalog-info.yaml is invalid: /spec/lifecycle must be string',
    });
    expect(Date.now() - started).toBeLessThan(5000);
    expect(catalog.validateEntity).toHaveBeenCalledWith(
      expect.objectContaining({ kind: 'API' }),
      `url:file://${path.join(repo, 'catalog-info.yaml')}`,
      expect.anything(),
    );
  });

  it('refuses a repository outside the repository root, naming the field', async () => {
    const ctx = createMockActionContext({ input: { repoPath: os.tmpdir() } });
    await expect(
      createCatalogRegisterAction({
        config: { ...config, repositoryRoot: root },
        catalog: catalogWith(),
      }).handler(ctx),
    ).rejects.toMatchObject({
      name: 'InputError',
      message: expect.stringMatching(/^repoPath: /),
    });
  });

  it('reads the workspace in a dry run and does not wait for the catalog', async () => {
    const workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'gp-ws-'));
    fs.writeFileSync(path.join(workspace, 'catalog-info.yaml'), CATALOG_INFO);
    const ctx = {
      // createMockActionContext drops isDryRun, so set it on the result.
      ...createMockActionContext({
        workspacePath: workspace,
        input: { repoPath: path.join(root, 'not-yet') },
      }),
      isDryRun: true,
    };
    await createCatalogRegisterAction({
      config: { ...config, repositoryRoot: root },
      catalog: catalogWith(),
    }).handler(ctx);
    expect(ctx.output).toHaveBeenCalledWith(
      'entityRef',
      'component:default/invoice-api',
    );
    fs.rmSync(workspace, { recursive: true, force: true });
  });

  it('takes the catalogInfoUrl of portal:publish for a local repository', async () => {
    const catalog = catalogWith([invoiceApi]);
    const file = path.join(repo, 'catalog-info.yaml');
    const ctx = createMockActionContext({
      input: { catalogInfoUrl: pathToFileURL(file).href },
    });
    await createCatalogRegisterAction({
      config: { ...config, repositoryRoot: root },
      catalog,
    }).handler(ctx);
    expect(ctx.output).toHaveBeenCalledWith(
      'entityRef',
      'component:default/invoice-api',
    );
    expect(catalog.validateEntity).toHaveBeenCalledWith(
      expect.objectContaining({ kind: 'Component' }),
      `url:${pathToFileURL(file).href}`,
      expect.anything(),
    );
  });

  it.each([
    ['outside the root', () => pathToFileURL('/etc/passwd').href],
    [
      'in a staging folder',
      () => pathToFileURL(path.join(root, '.staging-x/catalog-info.yaml')).href,
    ],
    ['the root itself', () => pathToFileURL(path.join(root, 'c.yaml')).href],
    ['another scheme', () => 'ftp://example.com/catalog-info.yaml'],
    ['not a URL', () => 'catalog-info.yaml'],
  ])('refuses a catalogInfoUrl %s, naming the field', async (_, url) => {
    await expect(
      createCatalogRegisterAction({
        config: { ...config, repositoryRoot: root },
        catalog: catalogWith(),
      }).handler(createMockActionContext({ input: { catalogInfoUrl: url() } })),
    ).rejects.toMatchObject({
      name: 'InputError',
      message: expect.stringMatching(/^catalogInfoUrl: /),
    });
  });

  describe('a GitHub URL (the github publisher)', () => {
    const url =
      'https://github.com/acme/invoice-api/blob/main/catalog-info.yaml';
    let workspace: string;
    beforeEach(() => {
      workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'gp-ws-'));
      fs.writeFileSync(path.join(workspace, 'catalog-info.yaml'), CATALOG_INFO);
    });
    afterEach(() => fs.rmSync(workspace, { recursive: true, force: true }));

    /**
     * The in-memory catalog does not implement locations; this stand-in adds the entity as the
     * catalog would once it has read the URL (GitHub is not reachable from the tests).
     */
    function catalogReadingUrls() {
      const catalog = catalogWith();
      const added: any[] = [];
      catalog.addLocation = jest.fn(async (location: any) => {
        added.push(location);
        catalog.getEntityByRef = jest.fn(async () => invoiceApi);
        return { location: { id: '1', ...location }, entities: [] };
      });
      return { catalog, added };
    }

    it('validates the published descriptor, registers the URL and waits for the entity', async () => {
      const { catalog, added } = catalogReadingUrls();
      const ctx = createMockActionContext({
        workspacePath: workspace,
        input: { catalogInfoUrl: url },
      });
      await createCatalogRegisterAction({
        config: { ...config, repositoryRoot: root },
        catalog,
      }).handler(ctx);
      expect(catalog.validateEntity).toHaveBeenCalledWith(
        expect.objectContaining({ kind: 'Component' }),
        `url:${url}`,
        expect.anything(),
      );
      expect(added).toEqual([{ type: 'url', target: url }]);
      expect(ctx.output).toHaveBeenCalledWith('catalogInfoUrl', url);
      expect(ctx.output).toHaveBeenCalledWith(
        'entityRef',
        'component:default/invoice-api',
      );
    });

    it('goes on when a retried task registered the URL already', async () => {
      const { catalog } = catalogReadingUrls();
      catalog.addLocation = jest.fn(async () => {
        catalog.getEntityByRef = jest.fn(async () => invoiceApi);
        throw Object.assign(new Error('Location already exists'), {
          name: 'ConflictError',
        });
      });
      await createCatalogRegisterAction({
        config: { ...config, repositoryRoot: root },
        catalog,
      }).handler(
        createMockActionContext({
          workspacePath: workspace,
          input: { catalogInfoUrl: url },
        }),
      );
      expect(catalog.addLocation).toHaveBeenCalledTimes(1);
    });

    it('refuses an entity of that name registered from another location first', async () => {
      const { catalog } = catalogReadingUrls();
      const taken = {
        ...invoiceApi,
        metadata: {
          ...invoiceApi.metadata,
          annotations: {
            'backstage.io/managed-by-location':
              'url:https://github.com/someone/else/blob/main/catalog-info.yaml',
          },
        },
      };
      catalog.addLocation = jest.fn(async (location: any) => {
        catalog.getEntityByRef = jest.fn(async () => taken);
        return { location: { id: '1', ...location }, entities: [] };
      });
      await expect(
        createCatalogRegisterAction({
          config: { ...config, repositoryRoot: root },
          catalog,
        }).handler(
          createMockActionContext({
            workspacePath: workspace,
            input: { catalogInfoUrl: url },
          }),
        ),
      ).rejects.toMatchObject({
        name: 'ConflictError',
        message: `component:default/invoice-api is already in the catalog from url:https://github.com/someone/else/blob/main/catalog-info.yaml, not from url:${url}; give the new service another name`,
      });
      // Its own location's entity is accepted.
      taken.metadata.annotations[
        'backstage.io/managed-by-location'
      ] = `url:${url}`;
      await createCatalogRegisterAction({
        config: { ...config, repositoryRoot: root },
        catalog,
      }).handler(
        createMockActionContext({
          workspacePath: workspace,
          input: { catalogInfoUrl: url },
        }),
      );
    });

    it('registers nothing in a dry run', async () => {
      const { catalog, added } = catalogReadingUrls();
      const ctx = {
        ...createMockActionContext({
          workspacePath: workspace,
          input: { catalogInfoUrl: url },
        }),
        isDryRun: true,
      };
      await createCatalogRegisterAction({
        config: { ...config, repositoryRoot: root },
        catalog,
      }).handler(ctx);
      expect(added).toEqual([]);
      expect(ctx.output).toHaveBeenCalledWith(
        'entityRef',
        'component:default/invoice-api',
      );
    });
  });

  it('picks the first entity when there is no Component, and rejects broken YAML', () => {
    expect(
      mainEntityRef(
        parseEntities('kind: Resource\nmetadata:\n  name: Orders-DB\n', 'f'),
        'f',
      ),
    ).toBe('resource:default/orders-db');
    expect(() => parseEntities('kind: [', 'f')).toThrow(/catalogInfoPath: f: /);
    expect(() => parseEntities('# nothing\n', 'f')).toThrow(/holds no entity/);
  });
});
