import { TestDatabases, mockServices } from '@backstage/backend-test-utils';
import {
  BucketUnit,
  DAY_MS,
  HistoryProfile,
  analyze,
  generateHistory,
  metricsFor,
} from '@internal/plugin-dora-common';
import { DatabaseDoraStore } from './DoraStore';
import { eventCutOff } from './operations/deleteExpiredEvents';

jest.setTimeout(300_000);

const PROFILES: HistoryProfile[] = ['elite', 'high', 'medium', 'low'];
const json = <T>(value: T): T => JSON.parse(JSON.stringify(value));

const DERIVED: [string, string][] = [
  ['dora_deployment_facts', 'day'],
  ['dora_daily', 'day'],
  ['dora_value_bins', 'day'],
  ['dora_value_octaves', 'day'],
  ['dora_value_bins_weekly', 'week'],
  ['dora_value_octaves_weekly', 'week'],
];

/**
 * The history as pushes describe it: each entity's commits form one linear history and a
 * deployment names only its newest commit, so lead times come from ancestry walks.
 */
function withAncestry(history: ReturnType<typeof generateHistory>) {
  const changes = [...history.changes].sort((a, b) =>
    a.committedAt < b.committedAt ? -1 : 1,
  );
  const previous = new Map<string | undefined, string>();
  const chained = changes.map(c => {
    const parent = previous.get(c.entityRef);
    previous.set(c.entityRef, c.sha);
    return { ...c, ...(parent && { parents: [parent] }) };
  });
  const time = new Map(changes.map(c => [c.sha, c.committedAt]));
  const deployments = history.deployments.map(d => {
    if (d.commitShas.length === 0) return d;
    const head = [...d.commitShas].sort((a, b) =>
      time.get(a)! < time.get(b)! ? 1 : -1,
    )[0];
    return { ...d, commitShas: [head] };
  });
  return { ...history, deployments, changes: chained };
}

describe('DORA event retention', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

  it('cuts at the Monday on or before the retained days', () => {
    // 2025-01-01 is a Wednesday; 360 days before it is Friday 2024-01-07... the Monday before.
    const now = Date.UTC(2025, 0, 1, 13, 5);
    expect(new Date(eventCutOff(now, 360)).toISOString()).toBe(
      '2024-01-01T00:00:00.000Z',
    );
    // A Monday cuts at itself.
    expect(
      new Date(eventCutOff(Date.UTC(2025, 0, 6) + 360 * DAY_MS, 360)),
    ).toEqual(new Date(Date.UTC(2025, 0, 6)));
  });

  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    it.each([false, true])(
      'keeps every figure of the windows after the cut-off, before and after a re-derivation (ancestry %p)',
      async ancestry => {
        const knex = await databases.init(databaseId);
        const store = await DatabaseDoraStore.create({
          database: mockServices.database({
            knex,
            migrations: { skip: false },
          }),
        });
        const services = Array.from({ length: 6 }, (_, i) => ({
          entityRef: `component:default/keep-${i}`,
          profile: PROFILES[i % PROFILES.length],
        }));
        const generated = generateHistory({ seed: 7, days: 460, services });
        const history = ancestry ? withAncestry(generated) : generated;
        for (let i = 0; i < history.deployments.length; i += 400) {
          await store.ingest({
            deployments: history.deployments.slice(i, i + 400),
            changes: [],
            incidents: [],
          });
        }
        for (let i = 0; i < history.changes.length; i += 400) {
          await store.ingest({
            deployments: [],
            changes: history.changes.slice(i, i + 400),
            incidents: [],
          });
        }
        await store.ingest({
          deployments: [],
          changes: [],
          incidents: history.incidents,
        });
        await store.refresh();

        const now = history.window.to;
        const cut = eventCutOff(now, 360);
        // Windows whose previous window (the trends') starts at or after the cut-off; one starts
        // its previous window exactly there, one cuts days in half.
        const windows: [number, number][] = [
          [now - 90 * DAY_MS, now],
          [now - 180 * DAY_MS, now],
          [cut + 30 * DAY_MS, cut + 60 * DAY_MS],
          [Math.round(cut + 100.3 * DAY_MS), Math.round(cut + 170.8 * DAY_MS)],
        ];
        const all = new Set(services.map(s => s.entityRef));
        const team = services.slice(0, 2).map(s => s.entityRef);
        const figures = async () => {
          const out: unknown[] = [];
          for (const [from, to] of windows) {
            for (const bucket of ['day', 'week', 'month'] as BucketUnit[]) {
              out.push(json(await store.metrics({ from, to, bucket })));
              out.push(
                json(
                  await store.metrics({ from, to, bucket, entityRefs: team }),
                ),
              );
            }
            out.push(
              json(
                await store.metrics({
                  from,
                  to,
                  environment: 'staging',
                  entityRefs: [services[3].entityRef],
                }),
              ),
            );
          }
          return out;
        };
        // The reference: dora-common over the whole generated history, computed without the store.
        const expected: unknown[] = [];
        for (const [from, to] of windows) {
          for (const bucket of ['day', 'week', 'month'] as BucketUnit[]) {
            expected.push(
              json(
                metricsFor(all, history, { from, to }, 'production', {
                  bucket,
                }),
              ),
            );
            expected.push(
              json(
                metricsFor(new Set(team), history, { from, to }, 'production', {
                  bucket,
                }),
              ),
            );
          }
          expected.push(
            json(
              metricsFor(
                new Set([services[3].entityRef]),
                history,
                { from, to },
                'staging',
              ),
            ),
          );
        }
        expect(await figures()).toEqual(expected);

        // What the cut removes, counted from the generated history: deployments finished before
        // it, but for those a kept incident (resolved at or after it, or open) names.
        const keptIncident = (i: (typeof history.incidents)[number]) =>
          i.resolvedAt === undefined || Date.parse(i.resolvedAt) >= cut;
        const named = new Set(
          history.incidents
            .filter(keptIncident)
            .map(i => `${i.entityRef} ${i.causedBy?.deploymentId}`),
        );
        // Nor successful ones whose commits a kept deployment of the entity and environment lists
        // again (they delivered them first).
        const listedLater = new Set(
          history.deployments
            .filter(d => Date.parse(d.finishedAt) >= cut)
            .flatMap(d =>
              d.commitShas.map(sha => `${d.entityRef} ${d.environment} ${sha}`),
            ),
        );
        // Nor successful ones that delivered a commit a kept deployment also delivered
        // (dora-common's lead-time samples, any environment).
        const samples = ['production', 'staging'].flatMap(environment =>
          analyze(history, { environment }).leadTimes.map(t => ({
            ...t,
            environment,
          })),
        );
        const deliveredLater = new Set(
          samples.filter(t => t.deployedAt >= cut).map(t => t.sha),
        );
        const firstDelivery = new Set(
          samples
            .filter(t => t.deployedAt < cut && deliveredLater.has(t.sha))
            .map(t => `${t.entityRef} ${t.environment} ${t.deploymentId}`),
        );
        const expired = history.deployments.filter(
          d =>
            Date.parse(d.finishedAt) < cut &&
            !named.has(`${d.entityRef} ${d.id}`) &&
            !(
              d.status === 'success' &&
              d.commitShas.some(sha =>
                listedLater.has(`${d.entityRef} ${d.environment} ${sha}`),
              )
            ) &&
            !firstDelivery.has(`${d.entityRef} ${d.environment} ${d.id}`),
        );
        expect(expired.length).toBeGreaterThan(100);
        const result = await store.deleteExpiredEvents({
          eventDays: 360,
          now,
          chunkSize: 50,
        });
        expect(result.cutOffMs).toBe(cut);
        expect(result.deployments).toBe(expired.length);
        expect(result.incidents).toBe(
          history.incidents.filter(i => !keptIncident(i)).length,
        );
        expect(result.changes).toBeGreaterThan(100);
        expect(result.chunks.filter(c => c.part === 'changes').length).toBe(
          Math.ceil(result.changes / 50),
        );
        const [{ n: left }] = await knex('deployments')
          .where('finished_at', '<', new Date(cut).toISOString())
          .count({ n: '*' });
        expect(Number(left)).toBe(
          history.deployments.filter(d => Date.parse(d.finishedAt) < cut)
            .length - expired.length,
        );
        for (const [table, period] of DERIVED) {
          const [{ n }] = await knex(table)
            .where(period, '<', cut / DAY_MS)
            .count({ n: '*' });
          expect([table, Number(n)]).toEqual([table, 0]);
        }
        expect(await figures()).toEqual(expected);

        // Idempotent.
        const again = await store.deleteExpiredEvents({ eventDays: 360, now });
        expect([again.deployments, again.incidents, again.changes]).toEqual([
          0, 0, 0,
        ]);
        expect(again.derived).toBe(0);

        // Every entity re-derived from the events left: still the same figures.
        await knex('dora_refresh_queue').insert(
          [...all].map(entity_ref => ({ entity_ref })),
        );
        await store.refresh();
        expect(await figures()).toEqual(expected);
      },
    );

    it('refuses a window whose previous window starts before the cut-off, naming from', async () => {
      const knex = await databases.init(databaseId);
      const store = await DatabaseDoraStore.create({
        database: mockServices.database({ knex, migrations: { skip: false } }),
        retainedEventDays: 400,
      });
      const now = Date.now();
      const deployment = (id: string, t: number) => ({
        id,
        entityRef: 'component:default/refused',
        environment: 'production',
        status: 'success' as const,
        type: 'normal' as const,
        finishedAt: new Date(t).toISOString(),
        commitShas: [],
        source: 'test',
      });
      // Nothing stored yet: nothing to refuse.
      await expect(
        store.metrics({ from: now - 300 * DAY_MS, to: now - 100 * DAY_MS }),
      ).resolves.toMatchObject({ deploymentFrequency: { count: 0 } });
      await store.ingest({
        deployments: [deployment('recent', now - 10 * DAY_MS)],
        changes: [],
        incidents: [],
      });
      await store.refresh();
      await expect(
        store.metrics({ from: now - 300 * DAY_MS, to: now - 100 * DAY_MS }),
      ).rejects.toMatchObject({
        name: 'InputError',
        message: expect.stringMatching(/^from: .*retention cut-off/),
      });
      // The longest named window (180d) with its previous window is accepted.
      await expect(
        store.metrics({ from: now - 180 * DAY_MS, to: now }),
      ).resolves.toMatchObject({ deploymentFrequency: { count: 1 } });
      // History before the cut-off still stored (retention has not run): answered from it.
      await store.ingest({
        deployments: [deployment('old', now - 500 * DAY_MS)],
        changes: [],
        incidents: [],
      });
      await store.refresh();
      await expect(
        store.metrics({ from: now - 520 * DAY_MS, to: now - 480 * DAY_MS }),
      ).resolves.toMatchObject({ deploymentFrequency: { count: 1 } });
    });
  });
});
