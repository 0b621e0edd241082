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
import { CheckResult, DEFAULT_LEVELS } from '@internal/plugin-scorecard-common';
import express from 'express';
import request from 'supertest';
import { DatabaseCampaignStore } from '../database/CampaignStore';
import { DatabaseScorecardStore } from '../database/ScorecardStore';
import { ScorecardEvaluator } from '../evaluator/ScorecardEvaluator';
import { createRouter } from './createRouter';

// The store is real SQLite (PostgreSQL in CampaignStore.test.ts); the permission decision is a
// mock deciding allow or deny, the portal policy's admin-only rule is tested in its own module.

jest.setTimeout(60_000);

const NOW = new Date('2026-12-06T10:00:00Z');

const component = (name: string, owner: string, tags: string[] = []) =>
  ({
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name, namespace: 'default', tags },
    spec: { type: 'service', owner },
  } as Entity);

describe('campaign routes', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3'] });

  async function setup(
    options: {
      decision?: AuthorizeResult.ALLOW | AuthorizeResult.DENY;
      credentials?: BackstageCredentials;
    } = {},
  ) {
    const knex = await databases.init('SQLITE_3');
    const database = mockServices.database({
      knex,
      migrations: { skip: false },
    });
    const store = await DatabaseScorecardStore.create({ database });
    const catalog = catalogServiceMock({
      entities: [
        component('a', 'group:default/payments', ['java']),
        component('b', 'group:default/payments'),
        component('c', 'group:default/orders', ['java']),
      ],
    });
    const auth = mockServices.auth();
    const permissions = mockServices.permissions.mock({
      authorize: async requests =>
        requests.map(() => ({
          result: options.decision ?? AuthorizeResult.ALLOW,
        })),
    });
    const router = await createRouter({
      httpAuth: mockServices.httpAuth({
        defaultCredentials:
          options.credentials ?? mockCredentials.user('user:default/admin'),
      }),
      auth,
      permissions,
      catalog,
      store,
      evaluator: {} as ScorecardEvaluator,
      levels: DEFAULT_LEVELS,
      apiClients: new Map(),
      schedule: 'every 2 minutes',
      campaigns: await DatabaseCampaignStore.create({ database }),
      kinds: ['Component'],
      now: () => NOW,
    });
    const errors = MiddlewareFactory.create({
      config: mockServices.rootConfig(),
      logger: mockServices.logger.mock(),
    }).error();
    const app = express().use(express.json()).use(router).use(errors);
    const day = async (
      name: string,
      d: string,
      owner: string,
      states: Record<string, CheckResult['state']>,
    ) =>
      store.saveDay({
        entityRef: `component:default/${name}`,
        day: d,
        owner,
        level: null,
        score: null,
        evaluatedAt: `${d}T12:00:00.000Z`,
        results: Object.entries(states).map(([checkId, state]) => ({
          checkId,
          state,
          message: '',
        })),
        inputsHash: `${name}-${d}-${JSON.stringify(states)}`,
      });
    return { app, day };
  }

  const body = {
    title: 'Runbooks and on-call for payments',
    checkIds: ['runbook-link', 'on-call-link'],
    deadline: '2027-01-31',
    scope: { owner: 'payments' },
  };

  it('creates a campaign and shows its burn-up and the entities left', async () => {
    const { app, day } = await setup();
    const created = await request(app).post('/campaigns').send(body);
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      title: body.title,
      deadline: '2027-01-31',
      scope: { owner: 'group:default/payments' },
      createdBy: 'user:default/admin',
    });
    // History: a passed on the 5th, b still fails one check; c is another team's.
    await day('a', '2026-12-04', 'group:default/payments', {
      'runbook-link': 'fail',
      'on-call-link': 'pass',
    });
    await day('a', '2026-12-05', 'group:default/payments', {
      'runbook-link': 'pass',
      'on-call-link': 'pass',
    });
    await day('b', '2026-12-05', 'group:default/payments', {
      'runbook-link': 'pass',
      'on-call-link': 'fail',
    });
    await day('c', '2026-12-05', 'group:default/orders', {
      'runbook-link': 'fail',
    });
    // The campaign was created "now" (the 6th): its burn-up starts on its first day, carrying
    // each entity's last row over.
    const one = await request(app).get(`/campaigns/${created.body.id}`);
    expect(one.status).toBe(200);
    expect(one.body.burnUp).toEqual([
      { day: '2026-12-06', passing: 1, total: 2 },
    ]);
    expect(one.body.entitiesLeft).toEqual([
      {
        entityRef: 'component:default/b',
        owner: 'group:default/payments',
        checkIds: ['on-call-link'],
      },
    ]);
    const list = await request(app).get('/campaigns');
    expect(list.body.items).toEqual([
      { campaign: created.body, passing: 1, total: 2 },
    ]);
  });

  it('scopes by tag from the catalog', async () => {
    const { app, day } = await setup();
    const created = await request(app)
      .post('/campaigns')
      .send({ ...body, scope: { tag: 'java' } });
    for (const name of ['a', 'b', 'c']) {
      await day(name, '2026-12-06', 'group:default/x', {
        'runbook-link': 'pass',
        'on-call-link': name === 'c' ? 'fail' : 'pass',
      });
    }
    const one = await request(app).get(`/campaigns/${created.body.id}`);
    expect(one.body.burnUp).toEqual([
      { day: '2026-12-06', passing: 1, total: 2 },
    ]);
    expect(one.body.entitiesLeft.map((e: any) => e.entityRef)).toEqual([
      'component:default/c',
    ]);
  });

  it('answers bad input with a 400 naming the field, and a missing campaign with 404', async () => {
    const { app } = await setup();
    const bad = async (patch: object, message: RegExp) => {
      const res = await request(app)
        .post('/campaigns')
        .send({ ...body, ...patch });
      expect([res.status, res.body.error?.message]).toEqual([
        400,
        expect.stringMatching(message),
      ]);
    };
    await bad(
      { checkIds: ['owner', 'nope'] },
      /^checkIds\[1\]: no check "nope"/,
    );
    await bad({ checkIds: [] }, /checkIds/);
    await bad(
      { deadline: '2027-02-30' },
      /^deadline: "2027-02-30" is not a date/,
    );
    await bad({ deadline: '31.01.2027' }, /deadline/);
    await bad({ deadline: '2026-12-05' }, /^deadline: must not be in the past/);
    await bad({ scope: { owner: 'group:default/' } }, /^scope\.owner: /);
    await bad({ scope: { colour: 'red' } }, /scope/);
    await bad({ title: undefined }, /title/);
    expect((await request(app).get('/campaigns/42')).status).toBe(404);
    expect((await request(app).get('/campaigns/x')).status).toBe(400);
  });

  it('lets only those the policy allows create campaigns, and no service', async () => {
    const denied = await setup({ decision: AuthorizeResult.DENY });
    const res = await request(denied.app).post('/campaigns').send(body);
    expect(res.status).toBe(403);
    expect(res.body.error.message).toBe(
      'scorecard.campaign.manage: only admins may create campaigns',
    );
    expect((await request(denied.app).get('/campaigns')).body.items).toEqual(
      [],
    );
    const service = await setup({
      credentials: mockCredentials.service('external:ci'),
    });
    expect(
      (await request(service.app).post('/campaigns').send(body)).status,
    ).toBe(403);
  });
});
