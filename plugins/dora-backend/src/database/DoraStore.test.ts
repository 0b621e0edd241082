import { TestDatabases, mockServices } from '@backstage/backend-test-utils';
import {
  Change,
  DAY_MS,
  Deployment,
  Incident,
  ResolvedBatch,
  generateHistory,
  linkIncidents,
  metricsFor,
} from '@internal/plugin-dora-common';
import { DatabaseDoraStore, LOOKBACK_MS } from './DoraStore';

jest.setTimeout(120_000);

const SVC = 'component:default/svc';
const OTHER = 'component:default/other';
const T0 = Date.UTC(2024, 0, 1);
const at = (hours: number) => new Date(T0 + hours * 3_600_000).toISOString();
const sha = (n: number) => n.toString(16).padStart(40, '0');

function deployment(overrides: Partial<Deployment> = {}): Deployment {
  return {
    id: 'd1',
    entityRef: SVC,
    environment: 'production',
    status: 'success',
    type: 'normal',
    finishedAt: at(0),
    commitShas: [],
    source: 'test',
    ...overrides,
  };
}

function batch(overrides: Partial<ResolvedBatch> = {}): ResolvedBatch {
  return { deployments: [], changes: [], incidents: [], ...overrides };
}

const sample: ResolvedBatch = batch({
  deployments: [
    deployment({
      id: 'd1',
      startedAt: at(0),
      finishedAt: at(1),
      version: '1.0.0',
      commitShas: [sha(2), sha(1)],
      changeIds: ['c-1'],
    }),
    deployment({ id: 'd2', finishedAt: at(30), status: 'failure' }),
    deployment({ id: 'd3', finishedAt: at(5), environment: 'staging' }),
    deployment({ id: 'o1', entityRef: OTHER, finishedAt: at(3) }),
  ],
  changes: [
    {
      sha: sha(1),
      entityRef: SVC,
      authoredAt: at(-3),
      committedAt: at(-2),
      prId: 'org/svc#1',
      prCreatedAt: at(-2),
      prFirstReviewAt: at(-1.5),
      prMergedAt: at(-1),
    },
    { sha: sha(2), committedAt: at(-1) },
  ],
  incidents: [
    {
      id: 'i1',
      entityRef: SVC,
      severity: 'sev2',
      openedAt: at(2),
      resolvedAt: at(4),
    },
    {
      id: 'i2',
      entityRef: OTHER,
      openedAt: at(10),
      causedBy: { deploymentId: 'd1' },
    },
  ],
});

describe('DatabaseDoraStore', () => {
  const databases = TestDatabases.create({
    ids: ['SQLITE_3', 'POSTGRES_15'],
  });

  async function createStore(
    databaseId: Parameters<typeof databases.init>[0],
    options: Pick<
      Parameters<typeof DatabaseDoraStore.create>[0],
      'backgroundRefresh'
    > = {},
  ) {
    const knex = await databases.init(databaseId);
    const store = await DatabaseDoraStore.create({
      database: mockServices.database({ knex, migrations: { skip: false } }),
      ...options,
    });
    return { knex, store };
  }

  const everything = { from: T0 - 10 * DAY_MS, to: T0 + 10 * DAY_MS };

  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    it('stores events and reads them back unchanged', async () => {
      const { store } = await createStore(databaseId);
      expect(await store.hasDeployments()).toBe(false);
      expect(await store.ingest(sample)).toEqual({
        inserted: { deployments: 4, changes: 2, incidents: 2 },
        completed: { changes: 0, incidents: 0 },
        duplicates: { deployments: 0, changes: 0, incidents: 0 },
      });
      expect(await store.hasDeployments()).toBe(true);
      const loaded = await store.loadEvents({ ...everything });
      expect(loaded.deployments).toEqual(
        sample.deployments
          .filter(d => d.environment === 'production')
          .sort((a, b) => a.finishedAt.localeCompare(b.finishedAt)),
      );
      expect(loaded.changes).toEqual(sample.changes);
      expect(loaded.incidents).toEqual(sample.incidents);
      expect(await store.listIncidentLinks()).toEqual(
        linkIncidents(sample.incidents, sample.deployments, {
          timeWindowHours: 24,
        }).sort((a, b) => a.incidentId.localeCompare(b.incidentId)),
      );
      expect(
        (await store.listDeployments({ entityRef: SVC, limit: 10 })).map(
          d => d.id,
        ),
      ).toEqual(['d2', 'd3', 'd1']);
      expect(
        (
          await store.listDeployments({
            entityRef: SVC,
            environment: 'production',
            from: Date.parse(at(1)),
            to: Date.parse(at(30)),
            limit: 10,
          })
        ).map(d => d.id),
      ).toEqual(['d1']);
    });

    it('is idempotent: a re-delivered batch changes nothing, first write wins', async () => {
      const { store, knex } = await createStore(databaseId);
      await store.ingest(sample);
      const snapshot = async () => ({
        deployments: await knex('deployments').orderBy('id'),
        commits: await knex('deployment_commits').orderBy([
          'deployment_id',
          'sha',
        ]),
        changes: await knex('changes').orderBy('sha'),
        incidents: await knex('incidents').orderBy('id'),
        links: await knex('incident_links').orderBy('incident_id'),
      });
      const before = await snapshot();
      expect(await store.ingest(sample)).toEqual({
        inserted: { deployments: 0, changes: 0, incidents: 0 },
        completed: { changes: 0, incidents: 0 },
        duplicates: { deployments: 4, changes: 2, incidents: 2 },
      });
      // A later record with a known id is ignored even if it says something else.
      expect(
        await store.ingest(
          batch({
            deployments: [
              deployment({ id: 'd1', status: 'failure', finishedAt: at(99) }),
              deployment({ id: 'd9', finishedAt: at(40) }),
              deployment({ id: 'd9', finishedAt: at(41), status: 'failure' }),
            ],
          }),
        ),
      ).toEqual({
        inserted: { deployments: 1, changes: 0, incidents: 0 },
        completed: { changes: 0, incidents: 0 },
        duplicates: { deployments: 2, changes: 0, incidents: 0 },
      });
      const after = await snapshot();
      expect(after.deployments.filter(d => d.id !== 'd9')).toEqual(
        before.deployments,
      );
      expect(after.changes).toEqual(before.changes);
      expect(after.incidents).toEqual(before.incidents);
      const d9 = (await store.listDeployments({ limit: 10 })).find(
        d => d.id === 'd9',
      );
      expect(d9).toMatchObject({ status: 'success', finishedAt: at(40) });
    });

    it('stores a batch delivered several times at once exactly once', async () => {
      const { store, knex } = await createStore(databaseId);
      // Webhook retries and parallel feeds overlap; each record must be inserted by one of them.
      // In opposite orders too: row locks taken in batch order would deadlock.
      const reversed = batch({
        deployments: [...sample.deployments].reverse(),
        changes: [...sample.changes].reverse(),
        incidents: [...sample.incidents].reverse(),
      });
      const results = await Promise.all(
        [sample, reversed, sample, reversed].map(b => store.ingest(b)),
      );
      const inserted = (kind: 'deployments' | 'changes' | 'incidents') =>
        results.reduce((n, r) => n + r.inserted[kind], 0);
      expect({
        deployments: inserted('deployments'),
        changes: inserted('changes'),
        incidents: inserted('incidents'),
      }).toEqual({ deployments: 4, changes: 2, incidents: 2 });
      const count = async (table: string) =>
        Number((await knex(table).count({ n: '*' }))[0].n);
      expect(await count('deployments')).toBe(4);
      expect(await count('deployment_commits')).toBe(2);
      expect(await count('changes')).toBe(2);
      expect(await count('incidents')).toBe(2);
      const once = await createStore(databaseId);
      await once.store.ingest(sample);
      await store.refresh();
      await once.store.refresh();
      expect(await store.metrics(everything)).toEqual(
        await once.store.metrics(everything),
      );

      // Large enough for the two deliveries' inserts to overlap.
      const many = Array.from({ length: 3000 }, (_, i) =>
        deployment({ id: `m${i}`, finishedAt: at(100 + i / 60) }),
      );
      for (let round = 0; round < 3; round++) {
        const part = many.slice(round * 1000, round * 1000 + 2000);
        await Promise.all([
          store.ingest(batch({ deployments: part })),
          store.ingest(batch({ deployments: [...part].reverse() })),
        ]);
      }
      expect(await count('deployments')).toBe(4 + 3000);
    });

    it('completes a known incident or change with fields it lacked, never overwriting one', async () => {
      const { store, knex } = await createStore(databaseId);
      await store.ingest(sample);
      const result = await store.ingest(
        batch({
          incidents: [
            // i2 resolved later, with its severity; a different openedAt is ignored.
            {
              id: 'i2',
              entityRef: OTHER,
              openedAt: at(11),
              resolvedAt: at(12),
              severity: 'sev1',
            },
            // i1 already has a resolution: a different one changes nothing.
            { id: 'i1', entityRef: SVC, openedAt: at(2), resolvedAt: at(9) },
          ],
          changes: [
            // The PR of a commit first seen in a push.
            {
              sha: sha(2),
              committedAt: at(-1),
              prId: 'org/svc#2',
              prCreatedAt: at(-0.9),
              prMergedAt: at(-0.5),
            },
          ],
        }),
      );
      expect(result).toEqual({
        inserted: { deployments: 0, changes: 0, incidents: 0 },
        completed: { changes: 1, incidents: 1 },
        duplicates: { deployments: 0, changes: 0, incidents: 1 },
      });
      const loaded = await store.loadEvents({ ...everything });
      expect(loaded.incidents.find(i => i.id === 'i2')).toEqual({
        id: 'i2',
        entityRef: OTHER,
        openedAt: at(10),
        resolvedAt: at(12),
        severity: 'sev1',
        causedBy: { deploymentId: 'd1' },
      });
      expect(loaded.incidents.find(i => i.id === 'i1')?.resolvedAt).toBe(at(4));
      expect(loaded.changes.find(c => c.sha === sha(2))).toEqual({
        sha: sha(2),
        committedAt: at(-1),
        prId: 'org/svc#2',
        prCreatedAt: at(-0.9),
        prMergedAt: at(-0.5),
      });

      // Re-delivering the completion changes nothing.
      const before = await knex('incidents').orderBy('id');
      expect(
        (
          await store.ingest(
            batch({
              incidents: [
                {
                  id: 'i2',
                  entityRef: OTHER,
                  openedAt: at(11),
                  resolvedAt: at(12),
                },
              ],
            }),
          )
        ).completed,
      ).toEqual({ changes: 0, incidents: 0 });
      expect(await knex('incidents').orderBy('id')).toEqual(before);
    });

    it('merges an incident opened and resolved in one batch, and refuses a resolution before the stored opening', async () => {
      const { store, knex } = await createStore(databaseId);
      await store.ingest(
        batch({
          incidents: [
            { id: 'i7', entityRef: SVC, openedAt: at(5) },
            { id: 'i7', entityRef: SVC, openedAt: at(6), resolvedAt: at(8) },
          ],
        }),
      );
      expect((await store.loadEvents({ ...everything })).incidents).toEqual([
        { id: 'i7', entityRef: SVC, openedAt: at(5), resolvedAt: at(8) },
      ]);

      await store.ingest(
        batch({ incidents: [{ id: 'i8', entityRef: SVC, openedAt: at(20) }] }),
      );
      const before = await knex('incidents').orderBy('id');
      await expect(
        store.ingest(
          batch({
            deployments: [deployment({ id: 'd42', finishedAt: at(21) })],
            incidents: [
              {
                id: 'i8',
                entityRef: SVC,
                openedAt: at(10),
                resolvedAt: at(15),
              },
            ],
          }),
        ),
      ).rejects.toThrow(
        /^incidents\[0\]\.resolvedAt: .* before the incident's openedAt/,
      );
      // All or nothing: the deployment of the refused batch is not stored either.
      expect(await knex('incidents').orderBy('id')).toEqual(before);
      expect(await knex('deployments').where('id', 'd42')).toEqual([]);
    });

    it('stores nothing when any record of a batch fails', async () => {
      const { store, knex } = await createStore(databaseId);
      // The second deployment violates NOT NULL on finished_at.
      await expect(
        store.ingest(
          batch({
            deployments: [
              deployment({ id: 'ok' }),
              deployment({
                id: 'bad',
                finishedAt: null as unknown as string,
              }),
            ],
            changes: [{ sha: sha(1), committedAt: at(0) }],
          }),
        ),
      ).rejects.toThrow();
      // The deployments are written before the incidents, whose second one is bad.
      await expect(
        store.ingest(
          batch({
            deployments: [deployment({ id: 'ok' })],
            changes: [{ sha: sha(1), committedAt: at(0) }],
            incidents: [
              { id: 'i1', entityRef: SVC, openedAt: at(1) },
              {
                id: 'i2',
                entityRef: SVC,
                openedAt: null as unknown as string,
              },
            ],
          }),
        ),
      ).rejects.toThrow();
      for (const table of [
        'deployments',
        'deployment_commits',
        'changes',
        'incidents',
        'incident_links',
      ]) {
        expect(await knex(table).count({ n: '*' })).toEqual([
          { n: expect.anything() },
        ]);
        expect(Number((await knex(table).count({ n: '*' }))[0].n)).toBe(0);
      }
    });

    it('derives facts in refresh passes: ingest queues, refresh drains, events stored during a pass stay queued', async () => {
      const { store, knex } = await createStore(databaseId);
      const history = generateHistory({
        seed: 4,
        days: 60,
        services: [
          { entityRef: SVC, profile: 'elite' },
          { entityRef: OTHER, profile: 'medium' },
        ],
      });
      const first = batch({
        deployments: history.deployments.filter((_, i) => i % 2 === 0),
        changes: history.changes,
        incidents: history.incidents,
      });
      await store.ingest(first);
      const queued = async () =>
        (await knex('dora_refresh_queue').orderBy('entity_ref')).map(r => [
          r.entity_ref,
          Number(r.generation),
        ]);
      expect(await knex('dora_deployment_facts').first()).toBeUndefined();
      expect((await queued()).map(([ref]) => ref)).toEqual([OTHER, SVC]);
      // A re-delivery stores nothing, so it queues nothing either.
      await store.ingest(first);
      expect(await queued()).toEqual([
        [OTHER, 1],
        [SVC, 1],
      ]);
      // A new event of a queued entity moves its generation on.
      await store.ingest(batch({ deployments: [history.deployments[1]] }));
      expect(await queued()).toEqual([
        [OTHER, 1],
        [SVC, 2],
      ]);
      expect(await store.refresh()).toBe(2);
      expect(await queued()).toEqual([]);
      expect(await store.refresh()).toBe(0);

      // The other half lands while a pass runs; whatever the interleaving, the next drain
      // derives every event, as the reference computes it.
      const pass = store.refresh();
      await store.ingest(
        batch({
          deployments: history.deployments.filter(
            (_, i) => i % 2 === 1 && i > 1,
          ),
        }),
      );
      await pass;
      await store.refresh();
      const window = history.window;
      const metrics = await store.metrics({ ...window, bucket: 'day' });
      expect(await queued()).toEqual([]);
      const json = (v: unknown) => JSON.parse(JSON.stringify(v));
      expect(json(metrics)).toEqual(
        json(
          metricsFor(new Set([SVC, OTHER]), history, window, 'production', {
            bucket: 'day',
          }),
        ),
      );
      expect(metrics.deploymentFrequency.count).toBeGreaterThan(0);
    });

    it('forgets delivery ids and daily source counts past their retention, nothing newer', async () => {
      const { store } = await createStore(databaseId);
      const now = Date.UTC(2026, 5, 15, 12);
      const today = Math.floor(now / DAY_MS);
      for (const [id, daysAgo] of [
        ['old', 31],
        ['edge', 30],
        ['new', 1],
      ] as const) {
        await store.recordGitHubDelivery(id, now - daysAgo * DAY_MS - 1);
      }
      for (const daysAgo of [401, 400, 399, 0]) {
        await store.countSourceEvents(
          [{ source: 'github', outcome: 'attributed', n: 1 + daysAgo }],
          now - daysAgo * DAY_MS,
        );
      }
      expect(
        await store.deleteExpired({
          deliveryDays: 30,
          sourceEventDays: 400,
          now,
        }),
      ).toEqual({ deliveries: 2, sourceEventDays: 1 });
      expect(await store.hasGitHubDelivery('old')).toBe(false);
      expect(await store.hasGitHubDelivery('edge')).toBe(false);
      expect(await store.hasGitHubDelivery('new')).toBe(true);
      // Kept: the days from 400 days before today on.
      expect(await store.sourceEvents(today - 1000, today)).toEqual([
        { source: 'github', outcome: 'attributed', n: 401 + 400 + 1 },
      ]);
      expect(
        await store.deleteExpired({
          deliveryDays: 30,
          sourceEventDays: 400,
          now,
        }),
      ).toEqual({ deliveries: 0, sourceEventDays: 0 });
    });

    it('answers metrics from what is derived, without draining the queue, and counts what is queued per scope', async () => {
      const { store, knex } = await createStore(databaseId);
      const history = generateHistory({
        seed: 5,
        days: 30,
        services: [
          { entityRef: SVC, profile: 'elite' },
          { entityRef: OTHER, profile: 'medium' },
        ],
      });
      const window = history.window;
      await store.ingest(batch(history));
      const read = await store.metrics(window);
      // Nothing derived yet: the read counts no deployment and leaves the queue as it was.
      expect(read.deploymentFrequency.count).toBe(0);
      expect(
        (await knex('dora_refresh_queue').orderBy('entity_ref')).map(
          r => r.entity_ref,
        ),
      ).toEqual([OTHER, SVC]);
      expect(await store.queued()).toBe(2);
      expect(await store.queued([SVC])).toBe(1);
      // Any reference form, repeated, and entities never seen.
      expect(
        await store.queued(['Component:default/SVC', SVC, 'component:x/none']),
      ).toBe(1);
      expect(await store.queued([])).toBe(0);

      expect(await store.refresh()).toBe(2);
      expect(await store.queued()).toBe(0);
      expect(await store.queued([SVC])).toBe(0);
      const json = (v: unknown) => JSON.parse(JSON.stringify(v));
      expect(json(await store.metrics(window))).toEqual(
        json(metricsFor(new Set([SVC, OTHER]), history, window)),
      );
    });

    it('refreshes in the background after an ingest when asked to', async () => {
      const errors: Error[] = [];
      const { store } = await createStore(databaseId, {
        backgroundRefresh: { onError: e => errors.push(e) },
      });
      const history = generateHistory({
        seed: 6,
        days: 30,
        services: [{ entityRef: SVC, profile: 'high' }],
      });
      const window = history.window;
      // Two ingests in a row: the second's entities are queued while the first's pass runs.
      await store.ingest(
        batch({ ...history, deployments: history.deployments.slice(0, 5) }),
      );
      await store.ingest(
        batch({ ...history, deployments: history.deployments.slice(5) }),
      );
      const deadline = Date.now() + 30_000;
      while ((await store.queued()) > 0 && Date.now() < deadline) {
        await new Promise(r => setTimeout(r, 20));
      }
      expect(await store.queued()).toBe(0);
      // Nothing was left for the scheduled drain.
      expect(await store.refresh()).toBe(0);
      const json = (v: unknown) => JSON.parse(JSON.stringify(v));
      expect(json(await store.metrics(window))).toEqual(
        json(metricsFor(new Set([SVC]), history, window)),
      );
      expect(errors).toEqual([]);
    });

    it('re-derives lead times and rollbacks when ancestry arrives after the deployments', async () => {
      const { store } = await createStore(databaseId);
      await store.ingest(
        batch({
          deployments: [
            deployment({ id: 'a', finishedAt: at(10), commitShas: [sha(3)] }),
            deployment({ id: 'b', finishedAt: at(20), commitShas: [sha(5)] }),
            deployment({ id: 'c', finishedAt: at(22), commitShas: [sha(3)] }),
          ],
        }),
      );
      const window = { from: T0, to: T0 + 7 * DAY_MS };
      await store.refresh();
      const before = await store.metrics(window);
      expect(before.changeLeadTime.coverage).toEqual({
        deployments: 3,
        ancestryKnown: 0,
      });
      expect(before.changeFailureRate.count).toBe(0);
      // The pushes arrive late, newest first, one parent edge per record.
      const changes: Change[] = [5, 4, 3, 2, 1].map(n => ({
        sha: sha(n),
        entityRef: SVC,
        committedAt: at(n),
        ...(n > 1 && { parents: [sha(n - 1)] }),
      }));
      for (const change of changes) {
        await store.ingest(batch({ changes: [change] }));
      }
      await store.refresh();
      const after = await store.metrics(window);
      expect(after).toEqual(
        metricsFor(
          new Set([SVC]),
          {
            deployments: (await store.listDeployments({ limit: 10 })).map(
              ({ failureReasons, reworkReasons, ...d }) => d,
            ),
            changes,
          },
          window,
        ),
      );
      expect(after.changeLeadTime.count).toBe(5);
      expect(after.changeLeadTime.coverage.ancestryKnown).toBe(3);
      expect(after.changeFailureRate.reasons.replacedByAncestor).toBe(1);
      const listed = await store.listDeployments({ limit: 10 });
      expect(listed.map(d => [d.id, d.failureReasons])).toEqual([
        ['c', []],
        ['b', ['replaced-by-ancestor']],
        ['a', []],
      ]);
    });

    it('loads the window, the previous window and the look-back, half-open', async () => {
      const { store } = await createStore(databaseId);
      const from = T0 + 60 * DAY_MS;
      const to = T0 + 67 * DAY_MS;
      const edge = from - 7 * DAY_MS - LOOKBACK_MS;
      const iso = (ms: number) => new Date(ms).toISOString();
      await store.ingest(
        batch({
          deployments: [
            deployment({ id: 'before-edge', finishedAt: iso(edge - 1) }),
            deployment({ id: 'at-edge', finishedAt: iso(edge) }),
            deployment({ id: 'at-from', finishedAt: iso(from) }),
            deployment({ id: 'at-to', finishedAt: iso(to) }),
            deployment({ id: 'later', finishedAt: iso(to + 5 * DAY_MS) }),
            deployment({
              id: 'staging',
              environment: 'staging',
              finishedAt: iso(from),
            }),
            deployment({
              id: 'other',
              entityRef: OTHER,
              finishedAt: iso(from),
            }),
          ],
        }),
      );
      const ids = async (environment?: string) =>
        (
          await store.loadEvents({ entityRefs: ['svc'], from, to, environment })
        ).deployments.map(d => d.id);
      expect(await ids()).toEqual(['at-edge', 'at-from', 'at-to', 'later']);
      expect(await ids('staging')).toEqual(['staging']);
      expect(
        (await store.loadEvents({ entityRefs: [], from, to })).deployments,
      ).toEqual([]);
      expect(
        (await store.loadEvents({ from, to })).deployments.map(d => d.id),
      ).toEqual(['at-edge', 'at-from', 'other', 'at-to', 'later']);
    });

    it('loads the first deployment of a commit, PR siblings and blaming incidents before the look-back', async () => {
      const { store } = await createStore(databaseId);
      const from = T0 + 200 * DAY_MS;
      const to = T0 + 207 * DAY_MS;
      const changes: Change[] = [
        {
          sha: sha(1),
          committedAt: at(0),
          prId: 'org/svc#1',
          prMergedAt: at(1),
        },
        {
          sha: sha(2),
          committedAt: at(0),
          prId: 'org/svc#1',
          prCreatedAt: at(0),
        },
      ];
      const incidents: Incident[] = [
        {
          id: 'blames-old',
          entityRef: SVC,
          openedAt: at(3),
          resolvedAt: at(4),
          causedBy: { deploymentId: 'recent' },
        },
      ];
      // Another entity's incident naming the same id is about its own deployments, not SVC's.
      const foreign: Incident = { ...incidents[0], entityRef: OTHER };
      await store.ingest(
        batch({
          deployments: [
            deployment({ id: 'old', finishedAt: at(2), commitShas: [sha(1)] }),
            deployment({
              id: 'recent',
              finishedAt: new Date(from + DAY_MS).toISOString(),
              commitShas: [sha(1)],
            }),
          ],
          changes,
          incidents: [...incidents, foreign],
        }),
      );
      const loaded = await store.loadEvents({ entityRefs: [SVC], from, to });
      expect(loaded.deployments.map(d => d.id)).toEqual(['old', 'recent']);
      expect(loaded.changes).toEqual(changes);
      expect(loaded.incidents).toEqual(incidents);
    });

    it('migrates down and up again over real rows', async () => {
      const { knex, store } = await createStore(databaseId);
      const history = generateHistory({
        seed: 1,
        days: 14,
        services: [{ entityRef: SVC, profile: 'high' }],
      });
      await store.ingest(history);
      const migrations = { directory: `${__dirname}/../../migrations` };
      await knex.migrate.rollback(migrations, true);
      for (const table of ['deployments', 'deployment_commits', 'changes']) {
        expect(await knex.schema.hasTable(table)).toBe(false);
      }
      expect(await knex.schema.hasTable('incident_links')).toBe(false);
      await knex.migrate.latest(migrations);
      expect(await knex.schema.hasTable('incident_links')).toBe(true);
      expect(await store.hasDeployments()).toBe(false);
      expect((await store.ingest(history)).inserted.deployments).toBe(
        history.deployments.length,
      );
    });
  });
});
