import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { mockServices } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { demoEntities } from '../testUtils';
import { SloSpecProvider } from './SloSpecProvider';

// An in-memory catalog holding the demo components; the spec files are the real ones in
// catalog/slos, read through file: locations.

function provider(
  entities: Entity[],
  urlReader = mockServices.urlReader.mock(),
) {
  return new SloSpecProvider({
    catalog: catalogServiceMock({ entities }),
    auth: mockServices.auth(),
    urlReader,
    logger: mockServices.logger.mock(),
  });
}

const other: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'inventory-service', namespace: 'default' },
  spec: { type: 'service', owner: 'orders' },
};

describe('SloSpecProvider', () => {
  it('reads every demo spec format from the real catalog files', async () => {
    const result = await provider([...demoEntities(), other]).readAll();
    expect(
      result.map(e => ({
        entityRef: e.entityRef,
        owner: e.owner,
        system: e.system,
        slos: e.slos.map(
          s => `${s.id} (${s.source.format}, ${s.indicator.kind})`,
        ),
        errors: e.errors,
      })),
    ).toEqual([
      {
        entityRef: 'component:default/notification-service',
        owner: 'group:default/notifications',
        system: 'system:default/e-commerce',
        slos: [
          'notification-service/delivery-availability (plain, availability)',
        ],
        errors: [],
      },
      {
        entityRef: 'component:default/order-service',
        owner: 'group:default/orders',
        system: 'system:default/e-commerce',
        slos: ['order-service/order-availability (openslo-v1, availability)'],
        errors: [],
      },
      {
        entityRef: 'component:default/payment-service',
        owner: 'group:default/payments',
        system: 'system:default/payment-platform',
        slos: [
          'payment-service/requests-availability (sloth-v1, availability)',
          'payment-service/requests-latency (sloth-v1, latency)',
        ],
        errors: [],
      },
      {
        entityRef: 'component:default/user-service',
        owner: 'group:default/identity',
        system: 'system:default/e-commerce',
        slos: [
          'user-service/api-availability (plain, availability)',
          'user-service/api-latency (plain, latency)',
        ],
        errors: [],
      },
    ]);
    const user = result.find(e => e.entityRef.endsWith('user-service'))!;
    expect(user.slos[0].policy?.steps.map(s => s.action)).toEqual([
      'notify',
      'review',
      'freeze',
      'halt',
    ]);
    expect(user.slos[0].source.file).toBe('../slos/user-service.yaml');
  });

  it('reports unreadable and invalid specs per file without hiding other entities', async () => {
    const result = await provider(
      demoEntities({
        'order-service': { 'portal.io/slo-spec': '../slos/missing.yaml' },
        'user-service': {
          // The component file itself is YAML but not an SLO spec.
          'portal.io/slo-spec': '../components/user-service.yaml',
        },
      }),
    ).readAll();
    const byRef = Object.fromEntries(result.map(e => [e.entityRef, e]));
    expect(byRef['component:default/order-service']).toMatchObject({
      slos: [],
      errors: [
        {
          file: '../slos/missing.yaml',
          // The path as written, not where it resolved to on the server.
          message: '../slos/missing.yaml: cannot read the file (ENOENT)',
        },
      ],
    });
    expect(byRef['component:default/user-service']).toMatchObject({
      slos: [],
      errors: [
        {
          file: '../components/user-service.yaml',
          message: expect.stringMatching(
            /^..\/components\/user-service.yaml: apiVersion: unsupported apiVersion/,
          ),
        },
      ],
    });
    expect(byRef['component:default/payment-service'].slos).toHaveLength(2);
  });

  it('reads url: locations through the UrlReader, resolved relative to the entity file', async () => {
    const urlReader = mockServices.urlReader.mock({
      readUrl: async (url: string) => {
        expect(url).toBe(
          'https://git.example.com/org/repo/blob/main/slos/x.yaml',
        );
        return {
          buffer: async () =>
            Buffer.from(
              'service: x\nslos:\n  - name: a\n    objective: 99\n    indicator:\n      type: availability\n      good_events: g\n      total_events: t\n',
            ),
        } as any;
      },
    });
    const entity: Entity = {
      ...other,
      metadata: {
        name: 'x',
        namespace: 'default',
        annotations: {
          'backstage.io/managed-by-location':
            'url:https://git.example.com/org/repo/blob/main/catalog/catalog-info.yaml',
          'portal.io/slo-spec': '../slos/x.yaml',
        },
      },
    };
    const [result] = await provider([entity], urlReader).readAll();
    expect(result.slos.map(s => s.id)).toEqual(['x/a']);
    expect(result.errors).toEqual([]);
  });

  it('keeps the valid SLOs of an entity whose spec has a broken document and a broken SLO', async () => {
    const spec = [
      'service: x\nslos:\n  - name: ok\n    objective: 99\n    indicator: {type: availability, good_events: ok_total, total_events: all_total}\n  - name: typo\n    objective: 99\n    indicator: {type: availability, good_events: "rate(ok_total[5m]", total_events: all_total}',
      'slos: [unclosed',
      'version: prometheus/v1\nservice: x\nslos:\n  - name: sloth\n    objective: 99.9\n    sli: {events: {errorQuery: "sum(rate(e[{{.window}}]))", total_query: "sum(rate(t[{{.window}}]))"}}',
    ].join('\n---\n');
    const urlReader = mockServices.urlReader.mock({
      readUrl: async () => ({ buffer: async () => Buffer.from(spec) } as any),
    });
    const entity: Entity = {
      ...other,
      metadata: {
        name: 'x',
        namespace: 'default',
        annotations: {
          'backstage.io/managed-by-location':
            'url:https://git.example.com/org/repo/blob/main/catalog-info.yaml',
          'portal.io/slo-spec': 'slos.yaml',
        },
      },
    };
    const [result] = await provider([entity], urlReader).readAll();
    expect(result.slos.map(s => s.id)).toEqual(['x/ok', 'x/sloth']);
    expect(result.errors).toEqual([
      {
        file: 'slos.yaml',
        document: 2,
        message: expect.stringMatching(
          /^slos\.yaml \(document 2\): invalid YAML at line 11/,
        ),
      },
      {
        file: 'slos.yaml',
        document: 1,
        field: 'slos[1].indicator.good_events',
        slo: 'typo',
        message:
          'slos.yaml (document 1): slos[1].indicator.good_events: invalid PromQL: unexpected end of expression at line 1, column 18',
      },
    ]);
  });

  describe("spec paths stay in the entity's own place", () => {
    let root: string;
    const VALID =
      'service: x\nslos:\n  - name: a\n    objective: 99\n    indicator: {type: availability, good_events: ok_total, total_events: all_total}\n';
    beforeAll(() => {
      root = fs.mkdtempSync(path.join(os.tmpdir(), 'slo-spec-paths-'));
      fs.mkdirSync(path.join(root, 'catalog/components'), { recursive: true });
      fs.writeFileSync(path.join(root, 'outside.yaml'), VALID);
      fs.writeFileSync(path.join(root, 'catalog/ok.yaml'), VALID);
      fs.writeFileSync(
        path.join(root, 'catalog/big.yaml'),
        `${VALID}#${'x'.repeat(300 * 1024)}\n`,
      );
      fs.symlinkSync(
        path.join(root, 'outside.yaml'),
        path.join(root, 'catalog/link.yaml'),
      );
      fs.symlinkSync('/dev/zero', path.join(root, 'catalog/zero.yaml'));
      execFileSync('mkfifo', [path.join(root, 'catalog/fifo.yaml')]);
    });
    afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

    const read = async (spec: string) => {
      const entity: Entity = {
        ...other,
        metadata: {
          name: 'x',
          namespace: 'default',
          annotations: {
            'backstage.io/managed-by-location': `file:${root}/catalog/components/x.yaml`,
            'backstage.io/managed-by-origin-location': `file:${root}/catalog/all.yaml`,
            'portal.io/slo-spec': spec,
          },
        },
      };
      const [result] = await provider([entity]).readAll();
      return result;
    };

    it('reads a spec next to the registering location', async () => {
      const result = await read('../ok.yaml');
      expect(result.errors).toEqual([]);
      expect(result.slos.map(s => s.id)).toEqual(['x/a']);
    });

    it.each([
      [
        '../../outside.yaml',
        "must stay inside the folder of the entity's catalog location",
      ],
      [
        '../link.yaml',
        "must stay inside the folder of the entity's catalog location",
      ],
      [
        '../zero.yaml',
        "must stay inside the folder of the entity's catalog location",
      ],
      ['../fifo.yaml', 'must be a regular file'],
      ['../big.yaml', 'is larger than 256 KiB'],
      ['/etc/passwd', "must be a path relative to the entity's catalog file"],
      [
        'https://example.com/x.yaml',
        "must be a path relative to the entity's catalog file",
      ],
    ])('refuses %s, without echoing where it points', async (spec, reason) => {
      const result = await read(spec);
      expect(result.slos).toEqual([]);
      expect(result.errors).toEqual([
        { file: spec, message: `${spec}: ${reason}` },
      ]);
      expect(JSON.stringify(result.errors)).not.toContain(root);
    });
  });

  it('never echoes the URL a reader error names', async () => {
    const urlReader = mockServices.urlReader.mock({
      readUrl: async (url: string) => {
        throw Object.assign(new Error(`404 for ${url}?token=secret`), {
          name: 'NotFoundError',
        });
      },
    });
    const entity: Entity = {
      ...other,
      metadata: {
        name: 'x',
        namespace: 'default',
        annotations: {
          'backstage.io/managed-by-location':
            'url:https://git.example.com/org/repo/blob/main/catalog-info.yaml',
          'portal.io/slo-spec': 'slo.yaml,https://other.example.com/slo.yaml',
        },
      },
    };
    const [result] = await provider([entity], urlReader).readAll();
    expect(result.errors).toEqual([
      {
        file: 'slo.yaml',
        message: 'slo.yaml: cannot read the file (NotFoundError)',
      },
      {
        file: 'https://other.example.com/slo.yaml',
        message:
          "https://other.example.com/slo.yaml: must be on the host of the entity's repository (git.example.com)",
      },
    ]);
    expect(urlReader.readUrl).toHaveBeenCalledTimes(1);
  });

  it('keeps SLO ids unique across entities', async () => {
    const [payment] = demoEntities();
    const copy: Entity = {
      ...payment,
      metadata: { ...payment.metadata, name: 'payment-service-copy' },
    };
    const result = await provider([payment, copy]).readAll();
    expect(result[0].slos).toHaveLength(2);
    expect(result[1].slos).toEqual([]);
    expect(result[1].errors[0].message).toMatch(
      /duplicate SLO id "payment-service\/requests-availability", already defined by component:default\/payment-service/,
    );
  });

  it('reads spec files again only for new or changed entities, or after their maximum age', async () => {
    const entities = demoEntities().map(e => ({
      ...e,
      metadata: { ...e.metadata, etag: 'e1' },
    }));
    const specs = provider([...entities, other]);
    const all = await specs.readAll();

    const first = await specs.readChanged(60_000, 1_000);
    expect(first.reread).toBe(entities.length);
    expect(first.entities).toEqual(all);

    // Nothing changed: nothing is read, the answer is the same.
    const again = await specs.readChanged(60_000, 2_000);
    expect(again).toEqual({ entities: all, reread: 0 });

    // Past the maximum age every file is read again.
    expect((await specs.readChanged(60_000, 62_000)).reread).toBe(
      entities.length,
    );
  });

  it('re-reads an entity whose etag changed and forgets removed ones', async () => {
    const [payment, ...rest] = demoEntities();
    // One provider keeps its cache while the catalog behind it changes.
    let catalog = catalogServiceMock({ entities: [payment, ...rest] });
    const catalogOf = (list: Entity[]) => {
      catalog = catalogServiceMock({ entities: list });
    };
    const specs = new SloSpecProvider({
      catalog: {
        streamEntities: (...args: Parameters<typeof catalog.streamEntities>) =>
          catalog.streamEntities(...args),
      } as typeof catalog,
      auth: mockServices.auth(),
      urlReader: mockServices.urlReader.mock(),
      logger: mockServices.logger.mock(),
    });
    await specs.readChanged(60_000, 0);

    catalogOf([
      { ...payment, metadata: { ...payment.metadata, etag: 'changed' } },
      ...rest,
    ]);
    expect((await specs.readChanged(60_000, 1)).reread).toBe(1);

    catalogOf(rest);
    const { entities, reread } = await specs.readChanged(60_000, 2);
    expect(reread).toBe(0);
    expect(entities.map(e => e.entityRef)).not.toContain(
      `component:default/${payment.metadata.name}`,
    );
    expect(entities).toHaveLength(rest.length);
  });
});
