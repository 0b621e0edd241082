import {
  TestDatabaseId,
  TestDatabases,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
// The real dora backend is the peer under test here, booted beside the review as in the portal.
// eslint-disable-next-line @backstage/no-mixed-plugin-imports
import doraPlugin from '@internal/plugin-dora-backend';
import knexFactory from 'knex';
import { randomBytes } from 'node:crypto';
import request from 'supertest';
import { reviewPlugin } from '../plugin';
import {
  PAYMENTS,
  PAYMENT_SERVICE,
  fixtureEntities,
} from '../__testUtils__/portalFixture';

// The review against the real dora backend, booted in one test backend on each database: the
// snapshot's figures equal what the dora API (the /dora page's source) says for the same month
// and scope, and both equal numbers computed here by hand from the history posted.

jest.setTimeout(180_000);

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** The month before the last full month, so a snapshot of it is allowed (UTC, by hand). */
function testMonths() {
  const now = new Date();
  const y = now.getUTCFullYear();
  const m = now.getUTCMonth();
  const start = Date.UTC(y, m - 2, 1);
  const end = Date.UTC(y, m - 1, 1);
  const prevStart = Date.UTC(y, m - 3, 1);
  const label = (t: number) => new Date(t).toISOString().slice(0, 7);
  return { month: label(start), start, end, prevStart, prevEnd: start };
}

function sha(n: number): string {
  return n.toString(16).padStart(40, 'a');
}

/**
 * The month: ten deployments of the payment service, on days 2..11 at noon (the 5th at 18:00 the
 * day before, 6 h after the 4th); the 4th fails, the 8th is rolled back. Each delivers its own commit, authored and committed 20 h before, in a PR
 * created 18 h before, first reviewed 8 h before and merged 5 h before the deployment.
 * The previous month: five successful deployments with a 30 h lead time.
 */
function history(start: number, prevStart: number, idBase = 0) {
  const deployments = [];
  const changes = [];
  for (let i = 0; i < 10; i++) {
    const at = start + (1 + i) * DAY + 12 * HOUR - (i === 4 ? 18 * HOUR : 0);
    const status =
      ({ 3: 'failure', 7: 'rolled_back' } as Record<number, string>)[i] ??
      'success';
    const commit = sha(idBase + i + 1);
    deployments.push({
      id: `pay-${idBase + i}`,
      entityRef: PAYMENT_SERVICE,
      environment: 'production',
      status,
      finishedAt: new Date(at).toISOString(),
      commitShas: [commit],
      changeIds: [`org/pay#${idBase + i}`],
      source: 'api',
    });
    changes.push({
      sha: commit,
      entityRef: PAYMENT_SERVICE,
      authoredAt: new Date(at - 20 * HOUR).toISOString(),
      committedAt: new Date(at - 20 * HOUR).toISOString(),
      prId: `org/pay#${idBase + i}`,
      prCreatedAt: new Date(at - 18 * HOUR).toISOString(),
      prFirstReviewAt: new Date(at - 8 * HOUR).toISOString(),
      prMergedAt: new Date(at - 5 * HOUR).toISOString(),
    });
  }
  for (let i = 0; i < 5; i++) {
    const at = prevStart + (3 + i) * DAY;
    const commit = sha(500 + idBase + i);
    deployments.push({
      id: `pay-prev-${idBase + i}`,
      entityRef: PAYMENT_SERVICE,
      environment: 'production',
      status: 'success',
      finishedAt: new Date(at).toISOString(),
      commitShas: [commit],
      source: 'api',
    });
    changes.push({
      sha: commit,
      entityRef: PAYMENT_SERVICE,
      committedAt: new Date(at - 30 * HOUR).toISOString(),
    });
  }
  // Staging: a failure on day 3 restored an hour later, delivering the first commit. The keys
  // are about production, so neither the ranking nor the PR and commit lists may show them.
  deployments.push(
    {
      id: `pay-stg-${idBase}`,
      entityRef: PAYMENT_SERVICE,
      environment: 'staging',
      status: 'failure',
      finishedAt: new Date(start + 2 * DAY).toISOString(),
      commitShas: [sha(idBase + 1)],
      source: 'api',
    },
    {
      id: `pay-stg-${idBase + 1}`,
      entityRef: PAYMENT_SERVICE,
      environment: 'staging',
      status: 'success',
      finishedAt: new Date(start + 2 * DAY + HOUR).toISOString(),
      commitShas: [sha(idBase + 1)],
      source: 'api',
    },
  );
  return { deployments, changes };
}

/** The month as the /dora page asks the dora API for it. */
function monthQuery(start: number, end: number): string {
  return new URLSearchParams({
    from: new Date(start).toISOString(),
    to: new Date(end).toISOString(),
  }).toString();
}

async function waitForDora(server: Parameters<typeof request>[0]) {
  // A dora backend that derives in the background reports `queued`; one that derives while
  // ingesting does not, and is ready at once.
  for (let i = 0; i < 600; i++) {
    const res = await request(server).get('/api/dora/metrics');
    expect(res.status).toBe(200);
    if (!res.body.queued) return;
    await new Promise(r => setTimeout(r, 50));
  }
  throw new Error('dora still deriving');
}

const databases = TestDatabases.create({
  ids: ['SQLITE_3', 'POSTGRES_15'],
});

const PG = process.env.BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING;
// One database per plugin, under a prefix of this run's own, dropped after the run.
const PREFIX = `review_t${randomBytes(4).toString('hex')}_`;

function databaseConfig(id: TestDatabaseId) {
  if (id === 'SQLITE_3') {
    return { client: 'better-sqlite3', connection: ':memory:' };
  }
  return { client: 'pg', connection: PG, prefix: PREFIX };
}

afterAll(async () => {
  if (!PG) return;
  const admin = knexFactory({ client: 'pg', connection: PG });
  try {
    const { rows } = await admin.raw(
      'select datname from pg_database where datname like ?',
      [`${PREFIX}%`],
    );
    for (const { datname } of rows) {
      // The plugins' pools may still hold idle connections for a moment after stop().
      await admin.raw(
        'select pg_terminate_backend(pid) from pg_stat_activity where datname = ?',
        [datname],
      );
      await admin.raw('drop database if exists ??', [datname]);
    }
  } finally {
    await admin.destroy();
  }
});

describe.each(databases.eachSupportedId())('review snapshot on %s', id => {
  it('equals the live dora figures, and late events move live figures but not the snapshot', async () => {
    const { month, start, end, prevStart, prevEnd } = testMonths();
    const backend = await startTestBackend({
      features: [
        doraPlugin,
        reviewPlugin,
        catalogServiceMock.factory({ entities: fixtureEntities }),
        mockServices.rootConfig.factory({
          data: {
            backend: { database: databaseConfig(id) },
            review: { snapshots: { enabled: false } },
          },
        }),
      ],
    });
    const { server } = backend;
    try {
      const posted = await request(server)
        .post('/api/dora/events')
        .send(history(start, prevStart));
      expect(posted.status).toBe(200);
      await waitForDora(server);

      // By hand: 8 successful of 10 completed, 2 failed (one failure, one rollback); lead time
      // 20 h for every delivered commit; the previous month 5 deployments at 30 h.
      const days = (end - start) / DAY;
      const prevDays = (prevEnd - prevStart) / DAY;
      const expected = {
        deploymentFrequency: 8 / days,
        previousFrequency: 5 / prevDays,
        changeLeadTime: 20 * HOUR,
        previousLeadTime: 30 * HOUR,
        changeFailureRate: 2 / 10,
      };

      const created = await request(server)
        .post('/api/review/snapshots')
        .send({ month, scope: 'organization' });
      expect(created.status).toBe(201);

      const read = await request(server).get(
        `/api/review?month=${month}&scope=organization`,
      );
      expect(read.status).toBe(200);
      expect(read.body.source).toBe('snapshot');
      expect(read.body.lateEvents).toBe(0);
      expect(read.body.hasScorecard).toBe(false);
      const payments = read.body.rows.find((r: any) => r.ref === PAYMENTS);
      expect(payments.kind).toBe('team');
      expect(payments.dora.deploymentFrequency.value).toBeCloseTo(
        expected.deploymentFrequency,
        12,
      );
      expect(payments.dora.deploymentFrequency.count).toBe(8);
      expect(payments.dora.deploymentFrequency.change.previous).toBeCloseTo(
        expected.previousFrequency,
        12,
      );
      expect(payments.dora.deploymentFrequency.change.direction).toBe('better');
      expect(payments.dora.changeLeadTime.value).toBe(expected.changeLeadTime);
      expect(payments.dora.changeLeadTime.change.previous).toBe(
        expected.previousLeadTime,
      );
      expect(payments.dora.changeLeadTime.change.direction).toBe('better');
      expect(payments.dora.changeFailureRate.value).toBeCloseTo(
        expected.changeFailureRate,
        12,
      );

      // The same month and scope on the dora API, as the /dora page asks for it.
      const live = await request(server).get(
        `/api/dora/metrics?group=${PAYMENTS}&${monthQuery(start, end)}`,
      );
      expect([live.status, live.body.error?.message]).toEqual([200, undefined]);
      for (const key of [
        'deploymentFrequency',
        'changeLeadTime',
        'changeFailureRate',
        'failedDeploymentRecoveryTime',
        'deploymentReworkRate',
      ]) {
        expect(payments.dora[key].value).toBe(
          live.body.metrics[key].value ?? null,
        );
        expect(payments.dora[key].tier).toBe(
          live.body.metrics[key].tier ?? null,
        );
      }

      // Bottlenecks from the constructed PRs: pickup 10 h, deploy 5 h, review 3 h (coding 2 h
      // is fourth); failures: one failed and one rolled back, each with its deployment.
      expect(
        payments.bottlenecks.leadTime.map((b: any) => [b.id, b.value]),
      ).toEqual([
        ['pickup', 10 * HOUR],
        ['deploy', 5 * HOUR],
        ['review', 3 * HOUR],
      ]);
      expect(
        payments.bottlenecks.failures.map((b: any) => [
          b.id,
          b.count,
          b.evidence.map((d: any) => d.id),
        ]),
      ).toEqual([
        ['failed', 1, ['pay-3']],
        ['rolledBack', 1, ['pay-7']],
      ]);
      expect(payments.bottlenecks.leadTime[0].evidence).toHaveLength(8);

      // Recovery, by hand: pay-3 failed at day 5 12:00 and pay-4 succeeded 6 h later; pay-7 was
      // rolled back at day 9 12:00 and pay-8 succeeded a day later. 30 h restored in all.
      expect(
        payments.bottlenecks.recovery.map((b: any) => [
          b.id,
          b.value,
          b.share,
          b.evidence.map((d: any) => d.id),
        ]),
      ).toEqual([
        ['pay-7', 24 * HOUR, 24 / 30, ['pay-7', 'pay-8']],
        ['pay-3', 6 * HOUR, 6 / 30, ['pay-3', 'pay-4']],
      ]);

      // The PRs and commits behind the lead time: those of the eight successful deployments.
      const delivered = [0, 1, 2, 4, 5, 6, 8, 9];
      expect(payments.leadTimeChanges).toEqual({
        deployments: 8,
        pullRequests: delivered.map(i => `org/pay#${i}`).sort(),
        commits: delivered.map(i => sha(i + 1)).sort(),
        truncated: false,
      });
      expect(payments.leadTimeChanges.commits).toHaveLength(
        payments.dora.changeLeadTime.count,
      );

      // Late events: two more successful deployments with their commits and one more failure.
      const late = history(start, prevStart, 100);
      const lateBatch = {
        deployments: late.deployments.filter((_, i) => [0, 1, 3].includes(i)),
        changes: late.changes.filter((_, i) => [0, 1, 3].includes(i)),
      };
      expect(
        (await request(server).post('/api/dora/events').send(lateBatch)).status,
      ).toBe(200);
      await waitForDora(server);

      const liveAfter = await request(server).get(
        `/api/dora/metrics?group=${PAYMENTS}&${monthQuery(start, end)}`,
      );
      expect(liveAfter.body.metrics.deploymentFrequency.count).toBe(10);
      expect(liveAfter.body.metrics.changeFailureRate.value).toBeCloseTo(
        3 / 13,
        12,
      );

      const again = await request(server).get(
        `/api/review?month=${month}&scope=organization`,
      );
      expect(again.status).toBe(200);
      const paymentsAgain = again.body.rows.find(
        (r: any) => r.ref === PAYMENTS,
      );
      expect(paymentsAgain.dora).toEqual(payments.dora);
      // 2 deployments, 2 lead-time samples and 1 failed deployment the snapshot did not count.
      expect(again.body.lateEvents).toBe(5);

      // A second snapshot of the same month is refused; the month in progress cannot be frozen.
      const twice = await request(server)
        .post('/api/review/snapshots')
        .send({ month, scope: 'organization' });
      expect(twice.status).toBe(409);
      const current = new Date().toISOString().slice(0, 7);
      const early = await request(server)
        .post('/api/review/snapshots')
        .send({ month: current });
      expect(early.status).toBe(400);
      expect(early.body.error.message).toMatch(/^month: /);

      // A month without a snapshot is live and sees the late events.
      const team = await request(server).get(
        `/api/review?month=${month}&scope=${PAYMENTS}`,
      );
      expect(team.body.source).toBe('live');
      expect(team.body.rows.map((r: any) => r.ref)).toEqual([PAYMENT_SERVICE]);
      expect(team.body.rows[0].dora.deploymentFrequency.count).toBe(10);
      // The service row's keys come from the dora backend's bulk read: each equals what
      // GET /metrics says for that entity alone.
      const own = await request(server).get(
        `/api/dora/metrics?entityRef=${PAYMENT_SERVICE}&${monthQuery(
          start,
          end,
        )}&bucket=month`,
      );
      for (const key of Object.keys(own.body.metrics)) {
        expect({ key, value: team.body.rows[0].dora[key].value }).toEqual({
          key,
          value: own.body.metrics[key].value ?? null,
        });
        expect(team.body.rows[0].dora[key].count).toBe(
          own.body.metrics[key].count,
        );
      }
    } finally {
      await backend.stop();
    }
  });
});
