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
          message: expect.stringMatching(
            /^\.\.\/slos\/missing\.yaml: cannot read .*catalog\/slos\/missing\.yaml/,
          ),
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
});
