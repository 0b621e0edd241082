import { MiddlewareFactory } from '@backstage/backend-defaults/rootHttpRouter';
import {
  TestDatabases,
  mockCredentials,
  mockServices,
} from '@backstage/backend-test-utils';
import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { DEFAULT_LEVELS } from '@internal/plugin-scorecard-common';
import express from 'express';
import request from 'supertest';
import { DatabaseCampaignStore } from '../database/CampaignStore';
import { DatabaseScorecardStore } from '../database/ScorecardStore';
import { ScorecardEvaluator } from '../evaluator/ScorecardEvaluator';
import { SignalSource } from '../evaluator/SignalReader';
import { retentionCutoff } from '../retention/retentionCutoff';
import { createRouter } from './createRouter';

jest.setTimeout(60_000);

const NOW = new Date('2026-12-06T10:00:00Z');

function component(name: string, owner: string): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name, namespace: 'default' },
    spec: { type: 'website', owner, system: 'shop', lifecycle: 'production' },
    relations: [{ type: 'ownedBy', targetRef: owner }],
  };
}

const group = (name: string, children: string[] = []): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Group',
  metadata: { name, namespace: 'default' },
  spec: { type: 'team', children },
  relations: children.map(c => ({
    type: 'parentOf',
    targetRef: `group:default/${c}`,
  })),
});

// The other plugins' answers: nothing deployed, no SLOs, no workloads.
const quietSource: SignalSource = {
  async readBulk() {
    return { conformance: new Map(), slos: new Map(), sloErrors: new Map() };
  },
  async readDora() {
    return {
      productionDeployments30d: 0,
      coverage: { deployments: 0, ancestryKnown: 0 },
      deployments: [],
    };
  },
};

describe('scorecard router', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3'] });

  async function setup(
    options: {
      credentials?: BackstageCredentials;
      decision?: AuthorizeResult.ALLOW | AuthorizeResult.DENY;
      apiClients?: Map<string, string[]>;
    } = {},
  ) {
    const knex = await databases.init('SQLITE_3');
    const store = await DatabaseScorecardStore.create({
      database: mockServices.database({ knex, migrations: { skip: false } }),
    });
    const catalog = catalogServiceMock({
      entities: [
        component('a', 'group:default/payments'),
        component('b', 'group:default/payments-risk'),
        component('c', 'group:default/platform'),
        group('payments', ['payments-risk']),
        group('payments-risk'),
        group('platform'),
      ],
    });
    const auth = mockServices.auth();
    const evaluator = new ScorecardEvaluator({
      catalog,
      auth,
      store,
      source: quietSource,
      logger: mockServices.logger.mock(),
      levels: DEFAULT_LEVELS,
      kinds: ['Component'],
      ciMaxAgeDays: 30,
      now: () => NOW,
    });
    const decision = options.decision ?? AuthorizeResult.ALLOW;
    const asked: string[] = [];
    const permissions = mockServices.permissions.mock({
      authorize: async requests => {
        requests.forEach(r => asked.push(r.permission.name));
        return requests.map(() => ({ result: decision }));
      },
    });
    const router = await createRouter({
      httpAuth: mockServices.httpAuth({
        defaultCredentials:
          options.credentials ?? mockCredentials.user('user:default/aisha'),
      }),
      auth,
      permissions,
      catalog,
      store,
      evaluator,
      levels: DEFAULT_LEVELS,
      apiClients: options.apiClients ?? new Map(),
      schedule: 'every 2 minutes',
      campaigns: await DatabaseCampaignStore.create({
        database: mockServices.database({ knex }),
      }),
      kinds: ['Component'],
      now: () => NOW,
    });
    const errors = MiddlewareFactory.create({
      config: mockServices.rootConfig(),
      logger: mockServices.logger.mock(),
    }).error();
    const app = express().use(express.json()).use(router).use(errors);
    return { app, store, evaluator, asked };
  }

  const scan = (
    runId: string,
    entityRef = 'component:default/a',
    state = 'pass',
  ) => ({
    runId,
    results: [{ entityRef, checkId: 'image-scan', state }],
  });

  it('stores CI results once per run, refuses a changed run, and names bad fields', async () => {
    const { app, asked } = await setup();
    let res = await request(app).post('/results').send(scan('run-1'));
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ inserted: 1, duplicates: 0 });
    expect(asked).toEqual(['scorecard.results.create']);
    res = await request(app).post('/results').send(scan('run-1'));
    expect(res.body).toEqual({ inserted: 0, duplicates: 1 });
    res = await request(app).post('/results').send(scan('run-1', 'a', 'fail'));
    expect(res.status).toBe(409);
    expect(res.body.error.message).toMatch(
      /^runId: run run-1 already reported/,
    );

    res = await request(app)
      .post('/results')
      .send({
        runId: 'x',
        results: [{ entityRef: 'a', checkId: 'owner', state: 'pass' }],
      });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(
      /^results\[0\]\.checkId: "owner" is not a check computed in CI/,
    );
    res = await request(app)
      .post('/results')
      .send(scan('x', 'component:default/none'));
    expect(res.status).toBe(400);
    expect(res.body.error.message).toBe(
      'results[0].entityRef: no entity component:default/none in the catalog',
    );
    res = await request(app).post('/results').send({ results: [] });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(/runId/);
    res = await request(app).post('/results').send(scan('x', 'a', 'maybe'));
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(/state/);
  });

  it('refuses a user without scorecard.results.create and stores nothing', async () => {
    const { app, store } = await setup({ decision: AuthorizeResult.DENY });
    const res = await request(app).post('/results').send(scan('run-1'));
    expect(res.status).toBe(403);
    expect(res.body.error.message).toMatch(
      /may not push results for component:default\/a/,
    );
    expect(await store.latestCiResults()).toEqual([]);
  });

  it('scopes API clients by scorecard.ingest.apiClients: entity refs or owning groups', async () => {
    const { app } = await setup({
      credentials: mockCredentials.service('external:ci'),
      apiClients: new Map([['external:ci', ['group:default/payments']]]),
    });
    expect((await request(app).post('/results').send(scan('r1'))).status).toBe(
      200,
    );
    const res = await request(app)
      .post('/results')
      .send(scan('r2', 'component:default/c'));
    expect(res.status).toBe(403);
    expect(res.body.error.message).toMatch(
      /external:ci may not push results for component:default\/c/,
    );
  });

  it('grants an exemption with a reason and a future expiry, re-evaluates, revokes, keeps both', async () => {
    const { app } = await setup({
      credentials: mockCredentials.user('user:default/admin'),
    });
    const body = {
      entityRef: 'component:default/a',
      checkId: 'golden-path',
      reason: 'chart migration',
      expiresAt: '2026-12-20T00:00:00Z',
    };
    let res = await request(app)
      .post('/exemptions')
      .send({ ...body, reason: '  ' });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toBe('reason: must not be blank');
    res = await request(app)
      .post('/exemptions')
      .send({ ...body, expiresAt: '2026-12-01T00:00:00Z' });
    expect(res.body.error.message).toBe('expiresAt: must be in the future');
    res = await request(app)
      .post('/exemptions')
      .send({ ...body, checkId: 'nope' });
    expect(res.body.error.message).toBe('checkId: no check "nope"');

    res = await request(app).post('/exemptions').send(body);
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      createdBy: 'user:default/admin',
      inForce: true,
    });
    // a passes owner, system, lifecycle; the exemption covers golden-path: Bronze at once.
    let entity = await request(app)
      .get('/entity')
      .query({ entityRef: 'component:default/a' });
    expect(entity.body.scorecard.level).toBe('bronze');
    expect(entity.body.nextLevel.level).toBe('silver');

    res = await request(app).post(`/exemptions/${res.body.id}/revoke`);
    expect(res.body).toMatchObject({
      revokedBy: 'user:default/admin',
      inForce: false,
    });
    entity = await request(app)
      .get('/entity')
      .query({ entityRef: 'component:default/a' });
    expect(entity.body.scorecard.level).toBeNull();
    const list = await request(app)
      .get('/exemptions')
      .query({ entityRef: 'component:default/a' });
    expect(list.body.items).toHaveLength(1);
    expect((await request(app).post('/exemptions/999/revoke')).status).toBe(
      404,
    );
  });

  it('refuses exemptions to non-admins and to API clients', async () => {
    const denied = await setup({ decision: AuthorizeResult.DENY });
    const body = {
      entityRef: 'a',
      checkId: 'owner',
      reason: 'r',
      expiresAt: '2027-01-01T00:00:00Z',
    };
    let res = await request(denied.app).post('/exemptions').send(body);
    expect(res.status).toBe(403);
    expect(res.body.error.message).toBe(
      'scorecard.exemption.manage: only admins may grant exemptions',
    );
    const service = await setup({
      credentials: mockCredentials.service('external:ci'),
    });
    res = await request(service.app).post('/exemptions').send(body);
    expect(res.status).toBe(403);
  });

  it('lists, filters by team with sub-teams, and rolls up', async () => {
    const { app, evaluator } = await setup();
    expect(
      (
        await request(app)
          .get('/entity')
          .query({ entityRef: 'component:default/a' })
      ).status,
    ).toBe(404);
    await evaluator.evaluate();
    const team = await request(app)
      .get('/entities')
      .query({ owner: 'group:default/payments' });
    expect(team.body.items.map((i: any) => i.entityRef)).toEqual([
      'component:default/a',
      'component:default/b',
    ]);
    const roll = await request(app).get('/rollup').query({ group: 'payments' });
    expect(roll.body.scope).toEqual({
      kind: 'group',
      ref: 'group:default/payments',
    });
    expect(roll.body.rollup.entities).toBe(2);
    expect(roll.body.rollup.checks.owner).toEqual({
      pass: 2,
      fail: 0,
      exempt: 0,
      pending: 0,
      passRate: 1,
    });
    expect(
      (await request(app).get('/rollup').query({ group: 'x', system: 'y' }))
        .status,
    ).toBe(400);
    const none = await request(app).get('/entities').query({ level: 'gold' });
    expect(none.body.items).toEqual([]);
    // The levels alone, as the whole list gives them.
    const all = await request(app).get('/entities');
    const levels = await request(app).get('/levels');
    expect(levels.status).toBe(200);
    expect(levels.body.items).toEqual(
      all.body.items.map((i: any) => ({
        entityRef: i.entityRef,
        level: i.level,
      })),
    );
    expect(levels.body.items).toHaveLength(3);
    const checks = await request(app).get('/checks');
    expect(
      checks.body.items.find((c: any) => c.id === 'image-scan').level,
    ).toBe('gold');
    // The UI says how often entities are evaluated from this, not from a default of its own.
    expect(checks.body.schedule).toBe('every 2 minutes');
  });

  it('evaluates now only for those the policy allows', async () => {
    const denied = await setup({ decision: AuthorizeResult.DENY });
    let res = await request(denied.app)
      .post('/evaluate')
      .send({ entityRef: 'component:default/a' });
    expect(res.status).toBe(403);
    const allowed = await setup();
    res = await request(allowed.app)
      .post('/evaluate')
      .send({ entityRef: 'component:default/a' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      entityRef: 'component:default/a',
      day: '2026-12-06',
    });
    res = await request(allowed.app)
      .post('/evaluate')
      .send({ entityRef: 'component:default/none' });
    expect(res.status).toBe(404);
  });
  it('answers trends and rollups of the longest window the same after retention', async () => {
    const { app, store } = await setup();
    const refs = ['a', 'b', 'c'].map(n => `component:default/${n}`);
    const owners = [
      'group:default/payments',
      'group:default/payments-risk',
      'group:default/platform',
    ];
    // 450 days of history, a row every 1, 2 or 3 days per entity, scores that move; b and c
    // have none on the cut-off day, so what /rollup reads for it is a row carried over.
    let rows = 0;
    for (let back = 450; back >= 0; back--) {
      const d = new Date(NOW.getTime() - back * 86400_000)
        .toISOString()
        .slice(0, 10);
      for (const [i, entityRef] of refs.entries()) {
        if ((back + i) % (i + 1) !== 0) continue;
        const score = (back * (i + 3)) % 101;
        await store.saveDay({
          entityRef,
          day: d,
          owner: owners[i],
          level: score >= 50 ? 'silver' : 'bronze',
          score,
          results: [],
          inputsHash: `${d}-${score}`,
          evaluatedAt: `${d}T09:00:00.000Z`,
        });
        rows++;
      }
    }
    const paths = [
      ...refs.map(r => `/entity?entityRef=${r}&days=366`),
      '/entity?entityRef=component:default/b&days=30',
      '/rollup?days=366',
      '/rollup?days=7',
      '/rollup?group=group:default/payments&days=366',
      '/entities',
    ];
    const answers = () =>
      Promise.all(
        paths.map(async p => {
          const res = await request(app).get(p);
          expect(res.status).toBe(200);
          return res.body;
        }),
      );
    const before = await answers();
    // The window reaches back 365 days before today: every entity has a trend there.
    expect(before[0].trend.length).toBe(366);
    expect(before[1].trend.length).toBe(183);
    expect(before[3].trend.length).toBe(15);

    const cutoff = retentionCutoff(NOW.getTime(), 366);
    expect(cutoff).toBe('2025-12-05');
    const deleted = await store.deleteHistoryBefore(cutoff);
    // 84 days before the cut-off (450 back to 367): a has 84 rows there, b 42 (odd), c 28
    // (367, 370, … 448); each keeps its last one.
    expect(deleted).toEqual({ days: 83 + 41 + 27, ciResults: 0 });
    expect(rows).toBe(451 + 225 + 150);
    expect(await answers()).toEqual(before);
  });
});
