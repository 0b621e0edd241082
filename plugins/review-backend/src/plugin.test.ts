import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import request from 'supertest';
import { reviewPlugin } from './plugin';
import {
  PAYMENTS,
  PAYMENT_SERVICE,
  fixtureEntities,
} from './__testUtils__/portalFixture';

// Routes, input checks and authorization of the review plugin alone: no dora, slo or
// conformance backend is installed here (their figures are tested in snapshotEqualsLive).

jest.setTimeout(60_000);

async function start(
  result: AuthorizeResult.ALLOW | AuthorizeResult.DENY = AuthorizeResult.ALLOW,
) {
  return startTestBackend({
    features: [
      reviewPlugin,
      catalogServiceMock.factory({ entities: fixtureEntities }),
      mockServices.permissions.factory({ result }),
      mockServices.rootConfig.factory({
        data: { review: { snapshots: { enabled: false } } },
      }),
    ],
  });
}

describe('review routes', () => {
  it('refuses to start with a snapshot spread outside 0 to 300 minutes, naming the key', async () => {
    await expect(
      startTestBackend({
        features: [
          reviewPlugin,
          catalogServiceMock.factory({ entities: fixtureEntities }),
          mockServices.rootLogger.factory({ level: 'error' }),
          mockServices.rootConfig.factory({
            data: { review: { snapshots: { spreadMinutes: -1 } } },
          }),
        ],
      }),
    ).rejects.toThrow(/review\.snapshots\.spreadMinutes: must be between 0/);
  });

  it('refuses callers without credentials', async () => {
    const backend = await start();
    try {
      const res = await request(backend.server)
        .get('/api/review?month=2026-10')
        .set('authorization', mockCredentials.none.header());
      expect(res.status).toBe(401);
    } finally {
      await backend.stop();
    }
  });

  it('answers bad input with a 400 naming the field', async () => {
    const backend = await start();
    try {
      const cases: [string, string, object | undefined, RegExp][] = [
        ['get', '/api/review?month=2026-13', undefined, /month/],
        ['get', '/api/review?month=2026-10&scope=a%20b', undefined, /^scope: /],
        [
          'post',
          '/api/review/items',
          { month: '2026-10', rowRef: PAYMENTS, kind: 'action', text: 'x' },
          /^owner: /,
        ],
        [
          'post',
          '/api/review/items',
          { month: '2026-10', rowRef: PAYMENTS, kind: 'note', text: '' },
          /text/,
        ],
        [
          'post',
          '/api/review/items',
          { month: '2026-10', rowRef: PAYMENTS, kind: 'todo', text: 'x' },
          /kind/,
        ],
        [
          'post',
          '/api/review/items',
          {
            month: '2026-10',
            rowRef: PAYMENTS,
            kind: 'note',
            text: 'x',
            dueDate: '2026-11-01',
          },
          /^dueDate: /,
        ],
        ['post', '/api/review/snapshots', { month: '2026/10' }, /month/],
        [
          'post',
          '/api/review/snapshots',
          { month: '2099-01' },
          /^month: 2099-01 has not ended/,
        ],
      ];
      for (const [method, path, body, message] of cases) {
        const req =
          method === 'get'
            ? request(backend.server).get(path)
            : request(backend.server).post(path).send(body);
        const res = await req;
        expect([path, res.status]).toEqual([path, 400]);
        expect(res.body.error.message).toMatch(message);
      }
      const unknown = await request(backend.server).get(
        '/api/review?month=2026-10&scope=group:default/none-such',
      );
      expect(unknown.status).toBe(404);
      expect(unknown.body.error.message).toMatch(/^scope: no catalog group/);
    } finally {
      await backend.stop();
    }
  });

  it('stores a note on a service row under its owner team, and refuses a state on a note', async () => {
    const backend = await start();
    try {
      const created = await request(backend.server)
        .post('/api/review/items')
        .send({
          month: '2026-10',
          rowRef: PAYMENT_SERVICE,
          kind: 'note',
          text: 'Slow pickup',
        });
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({
        team: PAYMENTS,
        rowRef: PAYMENT_SERVICE,
        kind: 'note',
        createdBy: 'user:default/mock',
      });
      const patched = await request(backend.server)
        .patch(`/api/review/items/${created.body.id}`)
        .send({ state: 'done' });
      expect(patched.status).toBe(400);
      expect(patched.body.error.message).toMatch(/^state: /);
      const missing = await request(backend.server)
        .patch('/api/review/items/none-such')
        .send({ text: 'x' });
      expect(missing.status).toBe(404);
    } finally {
      await backend.stop();
    }
  });

  it('says which peer is missing instead of failing with a 500', async () => {
    const backend = await start();
    try {
      const res = await request(backend.server).get(
        '/api/review?month=2026-10',
      );
      expect(res.status).toBe(503);
      expect(res.body.error.message).toMatch(/^dora: \/metrics /);
    } finally {
      await backend.stop();
    }
  });

  it('refuses writes the policy denies', async () => {
    const backend = await start(AuthorizeResult.DENY);
    try {
      const item = await request(backend.server)
        .post('/api/review/items')
        .send({ month: '2026-10', rowRef: PAYMENTS, kind: 'note', text: 'x' });
      expect(item.status).toBe(403);
      const snapshot = await request(backend.server)
        .post('/api/review/snapshots')
        .send({ month: '2026-09' });
      expect(snapshot.status).toBe(403);
      const read = await request(backend.server).get(
        '/api/review?month=2026-10',
      );
      expect(read.status).toBe(403);
    } finally {
      await backend.stop();
    }
  });
});
