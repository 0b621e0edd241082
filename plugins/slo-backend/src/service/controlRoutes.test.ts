import { TestDatabases, mockServices } from '@backstage/backend-test-utils';
import { PermissionsService } from '@backstage/backend-plugin-api';
import { MiddlewareFactory } from '@backstage/backend-defaults/rootHttpRouter';
import {
  AuthorizeResult,
  EvaluatePermissionRequest,
} from '@backstage/plugin-permission-common';
import {
  Slo,
  sloCollectPermission,
  sloRulesReadPermission,
} from '@internal/plugin-slo-common';
import express from 'express';
import request from 'supertest';
import { DatabaseSloRollupStore } from '../database/SloRollupStore';
import { SloRegistry } from '../specs/SloRegistry';
import { SloService } from './SloService';
import { CollectNowReport } from './controlRoutes';
import { createRouter } from './createRouter';

jest.setTimeout(60_000);

const OWNED = 'component:default/payment-service';
const OTHER = 'component:default/order-service';

function slo(service: string): Slo {
  return {
    id: `${service}/availability`,
    name: 'availability',
    service,
    objectivePercent: 99,
    target: 0.99,
    window: { kind: 'rolling', seconds: 30 * 86400 },
    indicator: {
      kind: 'availability',
      goodQuery: `sum(rate(http_requests_total{service="${service}",code!~"5.."}[5m]))`,
      totalQuery: `sum(rate(http_requests_total{service="${service}"}[5m]))`,
    },
    budgeting: { method: 'occurrences' },
    source: { format: 'plain', file: 'slos.yaml' },
  };
}

/**
 * The permission backend as the portal's policy answers for a member of payments: owned
 * entities allowed, others denied. The policy itself is tested in its module; here the routes'
 * use of the answers is.
 */
function ownerOf(...refs: string[]) {
  const asked: EvaluatePermissionRequest[] = [];
  const permissions = mockServices.permissions.mock({
    authorize: (async (requests: EvaluatePermissionRequest[]) => {
      asked.push(...requests);
      return requests.map(r => ({
        result: refs.includes((r as { resourceRef: string }).resourceRef)
          ? AuthorizeResult.ALLOW
          : AuthorizeResult.DENY,
      }));
    }) as PermissionsService['authorize'],
  });
  return { permissions, asked };
}

describe('SLO control routes', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3'] });

  async function setup(options: {
    owns: string[];
    collect?: (slos: Slo[]) => Promise<CollectNowReport>;
    collectWaitMs?: number;
  }) {
    const knex = await databases.init('SQLITE_3');
    const store = await DatabaseSloRollupStore.create({
      database: mockServices.database({ knex, migrations: { skip: false } }),
    });
    const registry = new SloRegistry();
    registry.replace([
      { entityRef: OWNED, slos: [slo('payment-service')], errors: [] },
      { entityRef: OTHER, slos: [slo('order-service')], errors: [] },
    ]);
    const { permissions, asked } = ownerOf(...options.owns);
    const router = await createRouter({
      httpAuth: mockServices.httpAuth(),
      permissions,
      registry,
      service: new SloService({ registry, store }),
      collect: options.collect,
      collectWaitMs: options.collectWaitMs,
    });
    // The backend's own error middleware, so errors get the codes the portal answers with.
    const errors = MiddlewareFactory.create({
      config: mockServices.rootConfig(),
      logger: mockServices.logger.mock(),
    }).error();
    return { app: express().use(router).use(errors), asked };
  }

  /** The SLO ids a rules file's rules are labelled with (`sloth_id: <id>` lines). */
  const sloIds = (body: string) => [
    ...new Set([...body.matchAll(/sloth_id: ["']?([^"'\s]+)/g)].map(m => m[1])),
  ];

  describe('GET /rules', () => {
    it('exports the rules of an owned entity, asking slo.rules.read on it', async () => {
      const { app, asked } = await setup({ owns: [OWNED] });
      const res = await request(app).get('/rules').query({ entityRef: OWNED });
      expect(res.status).toBe(200);
      expect(sloIds(res.text)).toEqual(['payment-service/availability']);
      expect(asked).toEqual([
        { permission: sloRulesReadPermission, resourceRef: OWNED },
        { permission: sloRulesReadPermission, resourceRef: OWNED },
      ]);
    });

    it.each([
      ['entityRef', { entityRef: OTHER }],
      ['id', { id: 'order-service/availability' }],
    ])(
      'refuses another team entity by %s with 403 naming the permission',
      async (_, query) => {
        const { app } = await setup({ owns: [OWNED] });
        const res = await request(app).get('/rules').query(query);
        expect(res.status).toBe(403);
        expect(res.body.error.message).toBe(
          `slo.rules.read: only members of the owning group of ${OTHER} and admins may export its SLO rules; a team's CI prints them from its own spec with portal-slo validate --rules`,
        );
      },
    );

    it('exports, without a filter, only the entities the caller may export', async () => {
      const owner = await setup({ owns: [OWNED] });
      const mine = await request(owner.app).get('/rules');
      expect(mine.status).toBe(200);
      expect(sloIds(mine.text)).toEqual(['payment-service/availability']);

      const reader = await setup({ owns: [] });
      const none = await request(reader.app).get('/rules');
      expect(none.status).toBe(200);
      expect(sloIds(none.text)).toEqual([]);

      const admin = await setup({ owns: [OWNED, OTHER] });
      const all = await request(admin.app).get('/rules');
      expect(sloIds(all.text).sort()).toEqual([
        'order-service/availability',
        'payment-service/availability',
      ]);
    });
  });

  describe('POST /collect', () => {
    const collected = (slos: Slo[]): CollectNowReport => ({
      collected: slos.map(s => s.id),
      failed: [],
      bucketsWritten: 12,
    });

    it('collects an owned entity now, only its SLOs', async () => {
      const calls: string[][] = [];
      const { app, asked } = await setup({
        owns: [OWNED],
        collect: async slos => {
          calls.push(slos.map(s => s.id));
          return collected(slos);
        },
      });
      const res = await request(app)
        .post('/collect')
        .send({ entityRef: 'payment-service' });
      expect(res.status).toBe(200);
      expect(res.body).toEqual({
        entityRef: OWNED,
        collected: ['payment-service/availability'],
        failed: [],
        bucketsWritten: 12,
      });
      expect(calls).toEqual([['payment-service/availability']]);
      expect(asked).toEqual([
        { permission: sloCollectPermission, resourceRef: OWNED },
      ]);
    });

    it('refuses another team entity before collecting anything', async () => {
      const collect = jest.fn();
      const { app } = await setup({ owns: [OWNED], collect });
      const res = await request(app)
        .post('/collect')
        .send({ entityRef: OTHER });
      expect(res.status).toBe(403);
      expect(res.body.error.message).toMatch(
        /^slo\.collect: only members of the owning group of component:default\/order-service and admins/,
      );
      expect(collect).not.toHaveBeenCalled();
    });

    it('answers bad input with a 400 naming the field', async () => {
      const { app } = await setup({ owns: [OWNED] });
      const missing = await request(app).post('/collect').send({});
      expect(missing.status).toBe(400);
      expect(missing.body.error.message).toMatch(/entityRef/);
      const bad = await request(app)
        .post('/collect')
        .send({ entityRef: 'component:' });
      expect(bad.status).toBe(400);
      expect(bad.body.error.message).toMatch(/^entityRef: /);
    });

    it('says collection is off when Prometheus is not configured', async () => {
      const { app } = await setup({ owns: [OWNED] });
      const res = await request(app)
        .post('/collect')
        .send({ entityRef: OWNED });
      expect(res.status).toBe(503);
      expect(res.body.error.message).toMatch(
        /slo\.prometheus is not configured/,
      );
    });

    it('answers with Prometheus error when every SLO failed, and 503 after the wait', async () => {
      const failing = await setup({
        owns: [OWNED],
        collect: async slos => ({
          collected: [],
          failed: slos.map(s => ({
            sloId: s.id,
            error:
              'Prometheus at http://prom:9090 is unreachable: ECONNREFUSED',
          })),
          bucketsWritten: 0,
        }),
      });
      const failed = await request(failing.app)
        .post('/collect')
        .send({ entityRef: OWNED });
      expect(failed.status).toBe(503);
      expect(failed.body.error.message).toMatch(/ECONNREFUSED/);

      let finish!: () => void;
      let started = 0;
      const slow = await setup({
        owns: [OWNED],
        collectWaitMs: 200,
        collect: slos => {
          started++;
          return new Promise(resolve => {
            finish = () => resolve(collected(slos));
          });
        },
      });
      const [first, second] = await Promise.all([
        request(slow.app).post('/collect').send({ entityRef: OWNED }),
        request(slow.app).post('/collect').send({ entityRef: OWNED }),
      ]);
      expect(first.status).toBe(503);
      expect(first.body.error.message).toMatch(
        /within 200 ms; the collection goes on/,
      );
      expect(second.status).toBe(503);
      // One collection per entity at a time.
      expect(started).toBe(1);
      finish();
    });
  });
});
