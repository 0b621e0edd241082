import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  AuthorizeResult,
  isResourcePermission,
} from '@backstage/plugin-permission-common';
import {
  ResolvedBatch,
  doraEventsCreatePermission,
} from '@internal/plugin-dora-common';
import {
  batchEntities,
  createIngestAuthorizer,
  readIngestScopes,
} from './authorizeIngest';

const PAYMENTS = 'component:default/payment-service';
const ORDERS = 'component:default/order-service';

const deployment = (entityRef: string) => ({
  id: `d-${entityRef}`,
  entityRef,
  environment: 'production',
  status: 'success' as const,
  type: 'normal' as const,
  finishedAt: '2026-03-02T12:00:00.000Z',
  commitShas: [],
  source: 'ci',
});
const batch = (
  refs: string[],
  changes: ResolvedBatch['changes'] = [],
): ResolvedBatch => ({
  deployments: refs.map(deployment),
  changes,
  incidents: [],
});

const catalog = catalogServiceMock({
  entities: [
    {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: { name: 'payment-service', namespace: 'default' },
      spec: { owner: 'group:default/payments' },
      relations: [{ type: 'ownedBy', targetRef: 'group:default/payments' }],
    },
    {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: { name: 'order-service', namespace: 'default' },
      spec: { owner: 'group:default/orders' },
      relations: [{ type: 'ownedBy', targetRef: 'group:default/orders' }],
    },
  ],
});

function authorizerFor(apiClients: Record<string, string[]>) {
  const requests: string[] = [];
  // The policy's decision for users is stood in for here (members of payments own
  // payment-service); the real policy and catalog decide it in e2e securityDoraIngest.
  const permissions = mockServices.permissions.mock({
    authorize: async queries =>
      queries.map(q => {
        const query = q as { permission: any; resourceRef?: string };
        expect(isResourcePermission(query.permission)).toBe(true);
        expect(query.permission.name).toBe(doraEventsCreatePermission.name);
        requests.push(query.resourceRef!);
        return {
          result:
            query.resourceRef === PAYMENTS
              ? AuthorizeResult.ALLOW
              : AuthorizeResult.DENY,
        };
      }),
  });
  const authorize = createIngestAuthorizer({
    auth: mockServices.auth(),
    permissions,
    catalog,
    scopes: readIngestScopes(
      mockServices.rootConfig({ data: { dora: { ingest: { apiClients } } } }),
    ),
  });
  return { authorize, requests };
}

const client = (subject: string) => mockCredentials.service(subject);
const member = mockCredentials.user('user:default/priya.raman');

describe('createIngestAuthorizer', () => {
  it('asks dora.events.create once per entity of a user batch, all or nothing', async () => {
    const { authorize, requests } = authorizerFor({});
    await expect(
      authorize(batch([PAYMENTS, PAYMENTS]), member),
    ).resolves.toBeUndefined();
    await expect(authorize(batch([PAYMENTS, ORDERS]), member)).rejects.toThrow(
      `dora.events.create: user:default/priya.raman may not post events for ${ORDERS}: only members of its owning group and admins may`,
    );
    expect(requests).toEqual([PAYMENTS, ORDERS, PAYMENTS]);
  });

  it('refuses a user change without an entity, naming it', async () => {
    const { authorize } = authorizerFor({});
    const change = { sha: 'a'.repeat(40), committedAt: '2026-03-02T10:00Z' };
    await expect(
      authorize(
        batch([PAYMENTS], [{ ...change, entityRef: PAYMENTS }, change]),
        member,
      ),
    ).rejects.toThrow(/^changes\[1\]\.entityRef: required when a user posts/);
  });

  it('scopes API clients by dora.ingest.apiClients', async () => {
    const { authorize, requests } = authorizerFor({
      all: ['*'],
      listed: ['payment-service'],
      team: ['group:default/orders'],
    });
    const unscoped = batch(
      [],
      [{ sha: 'b'.repeat(40), committedAt: '2026-03-02T10:00Z' }],
    );
    await expect(
      authorize(batch([PAYMENTS, ORDERS]), client('all')),
    ).resolves.toBeUndefined();
    await expect(authorize(unscoped, client('all'))).resolves.toBeUndefined();
    await expect(
      authorize(batch([PAYMENTS]), client('listed')),
    ).resolves.toBeUndefined();
    await expect(
      authorize(batch([PAYMENTS, ORDERS]), client('listed')),
    ).rejects.toThrow(
      `dora.events.create: the API client listed may not post events for ${ORDERS} (dora.ingest.apiClients.listed: ${PAYMENTS})`,
    );
    await expect(
      authorize(batch([ORDERS]), client('team')),
    ).resolves.toBeUndefined();
    await expect(authorize(batch([PAYMENTS]), client('team'))).rejects.toThrow(
      /may not post events for component:default\/payment-service/,
    );
    await expect(authorize(unscoped, client('listed'))).rejects.toThrow(
      /^changes\[0\]\.entityRef: the API client listed may post changes only with an entityRef/,
    );
    await expect(
      authorize(batch([PAYMENTS]), client('plugin:other')),
    ).rejects.toThrow(/apiClients\.plugin:other: none/);
    // Service principals never reach the permission policy (Backstage lets them through).
    expect(requests).toEqual([]);
  });

  it('refuses a config entry that is not an entity ref', () => {
    expect(() =>
      readIngestScopes(
        mockServices.rootConfig({
          data: { dora: { ingest: { apiClients: { ci: ['group:'] } } } },
        }),
      ),
    ).toThrow(/apiClients\.ci: "group:" is not kind:namespace\/name or \*/);
  });

  it('lists the entities of a batch once each', () => {
    expect(
      batchEntities({
        ...batch([ORDERS, PAYMENTS, ORDERS]),
        changes: [
          { sha: 'c'.repeat(40), committedAt: '2026-03-02T10:00Z' },
          { sha: 'd'.repeat(40), committedAt: '2026-03-02T10:00Z' },
        ],
      }),
    ).toEqual({ refs: [ORDERS, PAYMENTS], unscopedChange: 0 });
  });
});
