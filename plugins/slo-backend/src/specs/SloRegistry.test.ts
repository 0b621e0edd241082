import { SloRegistry } from './SloRegistry';

describe('SloRegistry.specErrors', () => {
  const registry = new SloRegistry();
  registry.replace([
    {
      entityRef: 'component:default/a',
      owner: 'group:default/payments',
      system: 'system:default/shop',
      slos: [],
      errors: [
        {
          file: 'slos.yaml',
          document: 2,
          field: 'slos[0].objective',
          slo: 'x',
          message: 'slos.yaml (document 2): slos[0].objective: is required',
        },
      ],
    },
    {
      entityRef: 'component:default/b',
      owner: 'group:default/orders',
      slos: [],
      errors: [{ file: 'b.yaml', message: 'b.yaml: invalid YAML at line 3' }],
    },
  ]);

  it('lists every error with its entity', () => {
    expect(registry.specErrors().map(e => [e.entityRef, e.file])).toEqual([
      ['component:default/a', 'slos.yaml'],
      ['component:default/b', 'b.yaml'],
    ]);
  });

  it('filters by owner and system like the SLO list', () => {
    expect(registry.specErrors({ owners: ['group:default/orders'] })).toEqual([
      {
        entityRef: 'component:default/b',
        owner: 'group:default/orders',
        file: 'b.yaml',
        message: 'b.yaml: invalid YAML at line 3',
      },
    ]);
    expect(
      registry.specErrors({ system: 'system:default/shop' }).map(e => e.slo),
    ).toEqual(['x']);
    expect(registry.specErrors({ system: 'system:default/none' })).toEqual([]);
  });
});
