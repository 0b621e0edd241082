import { mockCredentials } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { ReviewScope } from '@internal/plugin-review-common';
import fc from 'fast-check';
import { scopeRows, scopeRowsOfRun } from './scopeRows';

// The month-end run's rows from two catalog reads must be the rows each scope's own catalog
// queries give (the catalog's relation filters, matched by the in-memory catalog): generated
// trees of teams with sub-teams and departments, components owned anywhere in them, in systems
// or not, names in the case teams write them.

interface World {
  /** Each group's parent (an index of an earlier group), or null; and whether it is a team. */
  groups: { parent: number | null; team: boolean; title: boolean }[];
  /** Each component's owner (a group index, or -1 for none) and system (an index, or -1). */
  components: { owner: number; system: number; title: boolean }[];
  systems: number;
}

const world: fc.Arbitrary<World> = fc
  .record({
    groupCount: fc.integer({ min: 1, max: 12 }),
    systems: fc.integer({ min: 1, max: 4 }),
  })
  .chain(({ groupCount, systems }) =>
    fc.record({
      groups: fc.tuple(
        ...Array.from({ length: groupCount }, (_, i) =>
          fc.record({
            parent:
              i === 0
                ? fc.constant(null)
                : fc.option(fc.integer({ min: 0, max: i - 1 })),
            team: fc.boolean(),
            title: fc.boolean(),
          }),
        ),
      ),
      components: fc.array(
        fc.record({
          owner: fc.integer({ min: -1, max: groupCount - 1 }),
          system: fc.integer({ min: -1, max: systems - 1 }),
          title: fc.boolean(),
        }),
        { maxLength: 30 },
      ),
      systems: fc.constant(systems),
    }),
  );

const groupName = (i: number) => `Team-${i}`;
const systemName = (i: number) => `Shop-${i}`;
const ref = (kind: string, name: string) =>
  `${kind}:default/${name}`.toLocaleLowerCase('en-US');

/** Entities as the catalog serves them after processing: with their relations. */
function entitiesOf(w: World): Entity[] {
  const groups = w.groups.map(
    (g, i): Entity => ({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Group',
      metadata: {
        name: groupName(i),
        namespace: 'default',
        ...(g.title ? { title: `Group ${i}` } : {}),
      },
      spec: { type: g.team ? 'team' : 'department', children: [] },
      relations:
        g.parent === null
          ? []
          : [{ type: 'childOf', targetRef: ref('group', groupName(g.parent)) }],
    }),
  );
  const systems = Array.from(
    { length: w.systems },
    (_, i): Entity => ({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'System',
      metadata: { name: systemName(i), namespace: 'default' },
      spec: { owner: groupName(0) },
    }),
  );
  const components = w.components.map(
    (c, i): Entity => ({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: {
        name: `svc-${i}`,
        namespace: 'default',
        ...(c.title ? { title: `Service ${i % 3}` } : {}),
      },
      spec: {
        type: 'service',
        ...(c.owner >= 0 ? { owner: groupName(c.owner) } : {}),
        ...(c.system >= 0 ? { system: systemName(c.system) } : {}),
      },
      relations: [
        ...(c.owner >= 0
          ? [{ type: 'ownedBy', targetRef: ref('group', groupName(c.owner)) }]
          : []),
        ...(c.system >= 0
          ? [{ type: 'partOf', targetRef: ref('system', systemName(c.system)) }]
          : []),
      ],
    }),
  );
  return [...groups, ...systems, ...components];
}

function scopesOf(w: World): ReviewScope[] {
  return [
    { kind: 'organization' },
    ...w.groups.map((_, i) => ({
      kind: 'group' as const,
      ref: ref('group', groupName(i)),
    })),
    ...Array.from({ length: w.systems }, (_, i) => ({
      kind: 'system' as const,
      ref: ref('system', systemName(i)),
    })),
  ];
}

/** The catalog, counting the requests made through it. */
function countingCatalog(entities: Entity[]) {
  const catalog = catalogServiceMock({ entities });
  const calls = { count: 0 };
  const counting = new Proxy(catalog, {
    get(target, key, receiver) {
      const value = Reflect.get(target, key, receiver);
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        calls.count++;
        return value.apply(target, args);
      };
    },
  }) as CatalogService;
  return { catalog: counting, calls };
}

describe('scopeRowsOfRun', () => {
  const credentials = mockCredentials.service();

  it("gives every scope the rows of that scope's own catalog queries, from two reads", async () => {
    await fc.assert(
      fc.asyncProperty(world, async w => {
        const { catalog, calls } = countingCatalog(entitiesOf(w));
        const scopes = scopesOf(w);
        const rowsOf = scopeRowsOfRun(catalog, scopes, credentials);
        for (const scope of scopes) {
          expect(await rowsOf(scope)).toEqual(
            await scopeRows(
              catalogServiceMock({ entities: entitiesOf(w) }),
              scope,
              credentials,
            ),
          );
        }
        expect(calls.count).toBe(2);
      }),
      { numRuns: 60 },
    );
  });

  it('a team counts the components of its sub-teams, transitively, and of no other', async () => {
    const w: World = {
      groups: [
        { parent: null, team: true, title: false },
        { parent: 0, team: true, title: false },
        { parent: 1, team: false, title: false },
        { parent: null, team: true, title: false },
      ],
      components: [
        { owner: 2, system: 0, title: false },
        { owner: 3, system: -1, title: false },
      ],
      systems: 1,
    };
    const { catalog } = countingCatalog(entitiesOf(w));
    const rowsOf = scopeRowsOfRun(catalog, scopesOf(w), credentials);
    const refs = async (scope: ReviewScope) =>
      (await rowsOf(scope)).map(r => r.ref);
    expect(await refs({ kind: 'group', ref: 'group:default/team-0' })).toEqual([
      'component:default/svc-0',
    ]);
    expect(await refs({ kind: 'group', ref: 'group:default/team-3' })).toEqual([
      'component:default/svc-1',
    ]);
    expect(await refs({ kind: 'organization' })).toEqual([
      'group:default/team-0',
      'group:default/team-1',
      'group:default/team-3',
    ]);
    // A scope the run did not list is read on its own: missing, it is not found.
    await expect(
      rowsOf({ kind: 'system', ref: 'system:default/gone' }),
    ).rejects.toThrow('scope: no catalog system system:default/gone');
  });
});
