import { mockCredentials } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { InMemoryCatalogClient } from '@backstage/catalog-client/testUtils';
import { GroupCatalog, groupWithSubTeams } from './groups';

// The catalog computes childOf from spec.parent; the in-memory catalog filters on the
// relations it is given, so each group states its parent both ways.
function group(name: string, parent?: string): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Group',
    metadata: { name, namespace: 'default' },
    spec: { type: 'team', children: [], ...(parent ? { parent } : {}) },
    relations: parent
      ? [{ type: 'childOf', targetRef: `group:default/${parent}` }]
      : [],
  };
}

function catalogOf(entities: Entity[]) {
  const client = new InMemoryCatalogClient({ entities });
  const requests: unknown[] = [];
  const catalog: GroupCatalog = {
    async getEntities(request) {
      requests.push(request.filter);
      return client.getEntities(request);
    },
  };
  return { catalog, requests };
}

describe('groupWithSubTeams', () => {
  const entities = [
    group('engineering'),
    group('payments', 'engineering'),
    group('payments-api', 'payments'),
    group('payments-web', 'payments'),
    group('checkout-ui', 'payments-web'),
    group('platform', 'engineering'),
    group('loner'),
    // A hand-written cycle must not loop.
    group('a', 'b'),
    group('b', 'a'),
  ];

  it('walks every level below the group, one catalog read per level', async () => {
    const { catalog, requests } = catalogOf(entities);
    const refs = await groupWithSubTeams(
      catalog,
      'group:default/payments',
      mockCredentials.user(),
    );
    expect(refs).toEqual([
      'group:default/payments',
      'group:default/payments-api',
      'group:default/payments-web',
      'group:default/checkout-ui',
    ]);
    // payments, then its two children, then checkout-ui's (none).
    expect(requests).toHaveLength(3);
  });

  it('gives the organisation root every group under it, and a leaf only itself', async () => {
    const { catalog } = catalogOf(entities);
    const all = await groupWithSubTeams(
      catalog,
      'group:default/engineering',
      mockCredentials.user(),
    );
    expect([...all].sort()).toEqual(
      [
        'engineering',
        'payments',
        'payments-api',
        'payments-web',
        'checkout-ui',
        'platform',
      ]
        .map(n => `group:default/${n}`)
        .sort(),
    );
    expect(
      await groupWithSubTeams(
        catalog,
        'group:default/loner',
        mockCredentials.user(),
      ),
    ).toEqual(['group:default/loner']);
  });

  it('visits each group of a cycle once', async () => {
    const { catalog } = catalogOf(entities);
    expect(
      await groupWithSubTeams(
        catalog,
        'group:default/a',
        mockCredentials.user(),
      ),
    ).toEqual(['group:default/a', 'group:default/b']);
  });
});
