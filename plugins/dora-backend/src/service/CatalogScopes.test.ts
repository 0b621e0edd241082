import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { NotFoundError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { CatalogScopes } from './CatalogScopes';

const group = (name: string, parent?: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Group',
  metadata: { name, namespace: 'default' },
  spec: { type: 'team', children: [] },
  relations: parent
    ? [{ type: 'childOf', targetRef: `group:default/${parent}` }]
    : [],
});
const component = (name: string, owner: string, system?: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name, namespace: 'default' },
  spec: { owner, type: 'service', lifecycle: 'production' },
  relations: [
    { type: 'ownedBy', targetRef: `group:default/${owner}` },
    ...(system
      ? [{ type: 'partOf', targetRef: `system:default/${system}` }]
      : []),
  ],
});
const system = (name: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'System',
  metadata: { name, namespace: 'default' },
  spec: { owner: 'platform' },
});

/**
 * The in-memory catalog of catalog-node's test utils over a list the test changes, counting
 * the requests and recording whose credentials each was made with.
 */
function countingCatalog(entities: Entity[]) {
  const calls: Array<{ method: string; principal: string }> = [];
  const current = () => catalogServiceMock({ entities: [...entities] });
  const who = (options: unknown) => {
    const principal = (
      options as { credentials?: BackstageCredentials } | undefined
    )?.credentials?.principal as
      | { userEntityRef?: string; subject?: string }
      | undefined;
    return principal?.userEntityRef ?? principal?.subject ?? 'none';
  };
  const catalog = catalogServiceMock.mock({
    getEntityByRef: async (ref, options) => {
      calls.push({ method: 'getEntityByRef', principal: who(options) });
      return current().getEntityByRef(ref, options!);
    },
    getEntities: async (request, options) => {
      calls.push({ method: 'getEntities', principal: who(options) });
      return current().getEntities(request, options!);
    },
  }) as unknown as CatalogService;
  return { catalog, calls };
}

function permissionsDeciding(initial: AuthorizeResult) {
  const asked: string[] = [];
  const policy = { result: initial };
  const permissions = mockServices.permissions.mock({
    authorizeConditional: async queries => {
      queries.forEach(q => asked.push(q.permission.name));
      const result = policy.result;
      return queries.map(() =>
        result === AuthorizeResult.CONDITIONAL
          ? {
              result: AuthorizeResult.CONDITIONAL,
              pluginId: 'catalog',
              resourceType: 'catalog-entity',
              conditions: {
                rule: 'IS_ENTITY_OWNER',
                resourceType: 'catalog-entity',
                params: { claims: ['group:default/payments'] },
              },
            }
          : { result },
      ) as any;
    },
  });
  return { permissions, asked, policy };
}

const USER = mockCredentials.user('user:default/reader');

describe('CatalogScopes', () => {
  let entities: Entity[];
  let now: number;

  beforeEach(() => {
    now = 1_000_000;
    entities = [
      group('platform'),
      group('payments', 'platform'),
      group('ledger', 'payments'),
      group('orders'),
      system('checkout'),
      component('gateway', 'platform'),
      component('payment-service', 'payments', 'checkout'),
      component('ledger-service', 'ledger'),
      component('order-service', 'orders', 'checkout'),
    ];
  });

  function scopesWith(result: AuthorizeResult) {
    const { catalog, calls } = countingCatalog(entities);
    const { permissions, asked, policy } = permissionsDeciding(result);
    const scopes = new CatalogScopes({
      catalog,
      auth: mockServices.auth(),
      permissions,
      ttlMs: 30_000,
      now: () => now,
    });
    return { scopes, calls, asked, policy };
  }

  it('gives a group its own entities and those of its sub-teams, transitively', async () => {
    const { scopes } = scopesWith(AuthorizeResult.ALLOW);
    expect(
      (await scopes.groupEntities('group:default/platform', USER)).sort(),
    ).toEqual([
      'component:default/gateway',
      'component:default/ledger-service',
      'component:default/payment-service',
    ]);
    expect(
      (await scopes.systemEntities('system:default/checkout', USER)).sort(),
    ).toEqual([
      'component:default/order-service',
      'component:default/payment-service',
    ]);
  });

  it('keeps an answer for the TTL, asks the policy again after 5 s, and sees a catalog change after it', async () => {
    const { scopes, calls, asked } = scopesWith(AuthorizeResult.ALLOW);
    const first = await scopes.groupEntities('group:default/orders', USER);
    expect(first).toEqual(['component:default/order-service']);
    const reads = calls.length;
    // Read with the plugin's own credentials, since the answer is shared between callers.
    expect(calls.every(c => c.principal === 'plugin:test')).toBe(true);

    entities.push(component('refund-service', 'orders'));
    now += 29_000;
    expect(await scopes.groupEntities('group:default/orders', USER)).toEqual(
      first,
    );
    expect(calls.length).toBe(reads);

    now += 2_000;
    expect(
      (await scopes.groupEntities('group:default/orders', USER)).sort(),
    ).toEqual([
      'component:default/order-service',
      'component:default/refund-service',
    ]);
    expect(calls.length).toBeGreaterThan(reads);
    // Asked at the first call and again 29 s later; the third came 2 s after that.
    expect(asked).toEqual(['catalog.entity.read', 'catalog.entity.read']);
  });

  it('shares one catalog read between concurrent askers', async () => {
    const { scopes, calls } = scopesWith(AuthorizeResult.ALLOW);
    const answers = await Promise.all(
      Array.from({ length: 20 }, () =>
        scopes.groupEntities('group:default/payments', USER),
      ),
    );
    expect(new Set(answers.map(a => a.join()))).toEqual(
      new Set([answers[0].join()]),
    );
    // One existence check, two childOf rounds (payments → ledger → none), one ownedBy read.
    expect(calls.map(c => c.method)).toEqual([
      'getEntityByRef',
      'getEntities',
      'getEntities',
      'getEntities',
    ]);
  });

  it('asks the policy once per principal within 5 s, and follows its new answer after that', async () => {
    const { scopes, calls, asked, policy } = scopesWith(AuthorizeResult.ALLOW);
    const other = mockCredentials.user('user:default/other');
    await scopes.groupEntities('group:default/orders', USER);
    await scopes.groupEntities('group:default/payments', USER);
    now += 4_999;
    await scopes.systemEntities('system:default/checkout', USER);
    expect(asked).toHaveLength(1);
    await scopes.groupEntities('group:default/orders', other);
    expect(asked).toHaveLength(2);

    // The policy now makes the user's catalog reads conditional: after 5 s the kept scope is
    // no longer handed to them, and the catalog is read with their own credentials.
    policy.result = AuthorizeResult.CONDITIONAL;
    now += 1;
    const before = calls.length;
    await scopes.groupEntities('group:default/orders', USER);
    expect(asked).toHaveLength(3);
    expect(calls.length).toBeGreaterThan(before);
    expect(
      calls.slice(before).every(c => c.principal === 'user:default/reader'),
    ).toBe(true);
  });

  it('reads with the caller’s own credentials and keeps nothing when its catalog reads are conditional', async () => {
    const { scopes, calls } = scopesWith(AuthorizeResult.CONDITIONAL);
    await scopes.groupEntities('group:default/orders', USER);
    const reads = calls.length;
    await scopes.groupEntities('group:default/orders', USER);
    expect(calls.length).toBe(2 * reads);
    expect(calls.every(c => c.principal === 'user:default/reader')).toBe(true);
  });

  it('does not keep a missing group: it is found once the catalog has it', async () => {
    const { scopes } = scopesWith(AuthorizeResult.ALLOW);
    await expect(
      scopes.groupEntities('group:default/search', USER),
    ).rejects.toThrow(NotFoundError);
    await expect(
      scopes.groupEntities('group:default/search', USER),
    ).rejects.toThrow('group: no catalog group group:default/search');
    entities.push(group('search'), component('indexer', 'search'));
    expect(await scopes.groupEntities('group:default/search', USER)).toEqual([
      'component:default/indexer',
    ]);
  });

  it('forgets the oldest scope beyond its bound', async () => {
    const { catalog, calls } = countingCatalog(entities);
    const scopes = new CatalogScopes({
      catalog,
      auth: mockServices.auth(),
      permissions: permissionsDeciding(AuthorizeResult.ALLOW).permissions,
      maxEntries: 2,
      now: () => now,
    });
    await scopes.groupEntities('group:default/orders', USER);
    await scopes.groupEntities('group:default/ledger', USER);
    await scopes.groupEntities('group:default/payments', USER);
    const reads = calls.length;
    await scopes.groupEntities('group:default/payments', USER);
    await scopes.groupEntities('group:default/ledger', USER);
    expect(calls.length).toBe(reads);
    await scopes.groupEntities('group:default/orders', USER);
    expect(calls.length).toBeGreaterThan(reads);
  });

  it('gives every team at once from three catalog reads, each as groupEntities gives it', async () => {
    const { scopes, calls } = scopesWith(AuthorizeResult.ALLOW);
    const all = await scopes.teamScopes(USER);
    expect(calls.map(c => c.method)).toEqual([
      'getEntities',
      'getEntities',
      'getEntities',
    ]);
    expect(calls.every(c => c.principal === 'plugin:test')).toBe(true);
    expect(all.map(t => t.ref)).toEqual([
      'group:default/ledger',
      'group:default/orders',
      'group:default/payments',
      'group:default/platform',
    ]);
    for (const team of all) {
      expect([...team.entityRefs].sort()).toEqual(
        (await scopes.groupEntities(team.ref, USER)).sort(),
      );
    }
    // Kept like a scope: the next ask within the TTL reads nothing.
    const reads = calls.length;
    await scopes.teamScopes(USER);
    expect(calls.length).toBe(reads);
  });

  it('reads every team with the caller’s credentials when its catalog reads are conditional', async () => {
    const { scopes, calls } = scopesWith(AuthorizeResult.CONDITIONAL);
    const all = await scopes.teamScopes(USER);
    expect(
      all.find(t => t.ref === 'group:default/payments')?.entityRefs.sort(),
    ).toEqual([
      'component:default/ledger-service',
      'component:default/payment-service',
    ]);
    expect(calls.every(c => c.principal === 'user:default/reader')).toBe(true);
  });

  it('agrees with the walk on generated catalogs: nested teams, two parents, cycles, refs in any case', async () => {
    // A seeded generator, so a failure names a catalog that can be rebuilt.
    // mulberry32: 32-bit integer steps, exact in JavaScript numbers.
    let state = 20261207;
    const random = (n: number) => {
      state = (state + 0x6d2b79f5) | 0;
      let t = Math.imul(state ^ (state >>> 15), 1 | state);
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
      return ((t ^ (t >>> 14)) >>> 0) % n;
    };
    const spell = (ref: string) => (random(3) === 0 ? ref.toUpperCase() : ref);
    for (let round = 0; round < 60; round++) {
      const groups = 1 + random(12);
      const names = Array.from({ length: groups }, (_, i) => `g${i}`);
      entities = [];
      for (const name of names) {
        const parents = Array.from(
          { length: random(3) },
          () => names[random(groups)],
        );
        entities.push({
          ...group(name),
          spec: { type: random(4) === 0 ? 'department' : 'team' },
          relations: parents.map(p => ({
            type: 'childOf',
            targetRef: spell(`group:default/${p}`),
          })),
        });
      }
      for (let c = random(25); c > 0; c--) {
        const owners = Array.from({ length: 1 + random(2) }, () =>
          random(6) === 0
            ? 'user:default/someone'
            : `group:default/${names[random(groups)]}`,
        );
        entities.push({
          ...component(`c${c}`, 'unused'),
          kind: random(5) === 0 ? 'API' : 'Component',
          relations: owners.map(o => ({
            type: 'ownedBy',
            targetRef: spell(o),
          })),
        });
      }
      const bulk = await scopesWith(AuthorizeResult.ALLOW).scopes.teamScopes(
        USER,
      );
      const walk = scopesWith(AuthorizeResult.ALLOW).scopes;
      const teams = entities.filter(
        e => e.kind === 'Group' && e.spec?.type === 'team',
      ).length;
      expect(bulk).toHaveLength(teams);
      for (const team of bulk) {
        expect({
          round,
          team: team.ref,
          refs: [...team.entityRefs].sort(),
        }).toEqual({
          round,
          team: team.ref,
          refs: (await walk.groupEntities(team.ref, USER)).sort(),
        });
      }
    }
  });
});
