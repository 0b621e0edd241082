import { TestDatabases, mockServices } from '@backstage/backend-test-utils';
import {
  BucketUnit,
  DAY_MS,
  HistoryProfile,
  ResolvedBatch,
  createRandom,
  generateHistory,
  metricsFor,
} from '@internal/plugin-dora-common';
import { DatabaseDoraStore } from './DoraStore';
import { BinRow, binRowsOf } from './operations/binnedValues';
import { weekOf } from '../metrics/valueBins';

jest.setTimeout(300_000);

const PROFILES: HistoryProfile[] = ['elite', 'high', 'medium', 'low'];
const json = <T>(value: T): T => JSON.parse(JSON.stringify(value));

/**
 * Splits a history into batches in a seeded random order, so incidents often arrive before the
 * deployments they name and changes after the deployments that contain them: the late events
 * the rollups must re-derive.
 */
function shuffledBatches(
  history: ReturnType<typeof generateHistory>,
  seed: number,
): ResolvedBatch[] {
  const random = createRandom(`batches:${seed}`);
  type Item = { kind: keyof ResolvedBatch; item: any; order: number };
  const items: Item[] = [
    ...history.deployments.map(item => ({
      kind: 'deployments' as const,
      item,
    })),
    ...history.changes.map(item => ({ kind: 'changes' as const, item })),
    ...history.incidents.map(item => ({ kind: 'incidents' as const, item })),
  ].map(x => ({ ...x, order: random.next() }));
  items.sort((a, b) => a.order - b.order);
  const batches: ResolvedBatch[] = [];
  for (let i = 0; i < items.length; ) {
    const size = random.int(1, 120);
    const batch: ResolvedBatch = {
      deployments: [],
      changes: [],
      incidents: [],
    };
    for (const { kind, item } of items.slice(i, i + size)) {
      (batch[kind] as unknown[]).push(item);
    }
    batches.push(batch);
    i += size;
  }
  return batches;
}

/**
 * The same history as pushes would describe it: each entity's commits form one linear history
 * (parent = the entity's previous commit by time) and a deployment names only its newest commit,
 * so lead times come from ancestry, and a rollback to an earlier head is a rollback inferred from
 * ancestry. Every 7th deployment names a commit no source reported (coverage); a few changes are
 * reverts or hotfixes.
 */
function withAncestry(history: ReturnType<typeof generateHistory>) {
  const changes = [...history.changes].sort((a, b) =>
    a.committedAt < b.committedAt ? -1 : 1,
  );
  const previous = new Map<string | undefined, string>();
  // Some changes carry explicit signals (a revert PR, a hotfix label).
  const kindOf = (i: number) => {
    if (i % 41 === 7) return { kind: 'revert' as const };
    return i % 29 === 5 ? { kind: 'hotfix' as const } : {};
  };
  const chained = changes.map((c, i) => {
    const parent = previous.get(c.entityRef);
    previous.set(c.entityRef, c.sha);
    return { ...c, ...(parent && { parents: [parent] }), ...kindOf(i) };
  });
  const time = new Map(changes.map(c => [c.sha, c.committedAt]));
  const deployments = history.deployments.map((d, i) => {
    if (d.commitShas.length === 0) return d;
    if (i % 7 === 3) return { ...d, commitShas: ['f'.repeat(40)] };
    const head = [...d.commitShas].sort((a, b) =>
      time.get(a)! < time.get(b)! ? 1 : -1,
    )[0];
    return { ...d, commitShas: [head] };
  });
  return { ...history, deployments, changes: chained };
}

describe('DoraStore.metrics equals metricsFor', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    it.each([
      [1, false],
      [2, false],
      [3, false],
      [4, true],
    ])('on random histories (seed %i, ancestry %p)', async (seed, ancestry) => {
      const knex = await databases.init(databaseId);
      const store = await DatabaseDoraStore.create({
        database: mockServices.database({ knex, migrations: { skip: false } }),
      });
      const random = createRandom(`services:${seed}`);
      const services = Array.from({ length: 5 }, (_, i) => ({
        entityRef: `component:default/svc-${seed}-${i}`,
        profile: PROFILES[(seed + i) % PROFILES.length],
      }));
      const generated = generateHistory({ seed, days: 150, services });
      const history = ancestry ? withAncestry(generated) : generated;
      for (const batch of shuffledBatches(history, seed)) {
        await store.ingest(batch);
        // Refresh passes between some batches: late events then re-derive and move the org
        // rollups by differences, rather than everything being derived once at the end.
        if (random.next() < 0.3) await store.refresh();
      }
      // Re-delivery changes nothing.
      await store.ingest({
        deployments: history.deployments.slice(0, 50),
        changes: history.changes.slice(0, 50),
        incidents: history.incidents.slice(0, 5),
      });

      await store.refresh();
      // The org-wide bin counts, moved by differences, equal a count over the samples.
      const stored = await knex('dora_value_bins').select(
        'metric',
        'environment',
        'day',
        'bin',
        'n',
      );
      const recount = [];
      for (const table of [
        'dora_deployment_facts',
        'dora_lead_times',
        'dora_pr_samples',
      ]) {
        recount.push(...binRowsOf(table, [], await knex(table)));
      }
      const sorted = (rows: BinRow[]) =>
        rows
          .map(r => [r.metric, r.environment, r.day, r.bin, Number(r.n)].join())
          .sort();
      expect(sorted(stored)).toEqual(sorted(recount));
      expect(recount.length).toBeGreaterThan(100);
      const weekly = new Map<string, BinRow>();
      for (const r of recount) {
        const week = weekOf(r.day);
        const key = [r.metric, r.environment, week, r.bin].join();
        const sum = weekly.get(key) ?? { ...r, day: week, n: 0 };
        sum.n += r.n;
        weekly.set(key, sum);
      }
      const storedWeekly = await knex('dora_value_bins_weekly').select(
        'metric',
        'environment',
        knex.raw('week as day'),
        'bin',
        'n',
      );
      expect(sorted(storedWeekly)).toEqual(sorted([...weekly.values()]));
      // The octave rollups: 16 bins per octave, signed like the bin.
      for (const [table, period, rows] of [
        ['dora_value_octaves', 'day', recount],
        ['dora_value_octaves_weekly', 'week', [...weekly.values()]],
      ] as const) {
        const octaves = new Map<string, BinRow>();
        for (const r of rows) {
          const octave = Math.sign(r.bin) * Math.ceil(Math.abs(r.bin) / 16);
          const key = [r.metric, r.environment, r.day, octave].join();
          const sum = octaves.get(key) ?? { ...r, bin: octave, n: 0 };
          sum.n += r.n;
          octaves.set(key, sum);
        }
        const storedOctaves = await knex(table).select(
          'metric',
          'environment',
          knex.raw('?? as day', [period]),
          knex.raw('octave as bin'),
          'n',
        );
        expect(sorted(storedOctaves)).toEqual(sorted([...octaves.values()]));
      }

      const { from, to } = history.window;
      const deploymentTimes = history.deployments.map(d =>
        Date.parse(d.finishedAt),
      );
      const edge = deploymentTimes[random.int(10, deploymentTimes.length - 10)];
      const windows: [number, number][] = [
        [to - 90 * DAY_MS, to],
        // A deployment exactly at `from` is in and exactly at `to` is out.
        [edge, edge + 30 * DAY_MS],
        [edge - 45 * DAY_MS, edge],
        // Not at midnight: the rollups' partial days.
        [
          Math.round(from + 7.3 * DAY_MS),
          Math.round(from + (7.3 + random.between(3, 80)) * DAY_MS),
        ],
      ];
      const all = new Set(services.map(s => s.entityRef));
      // The ancestry variant does exercise inferred rollbacks and incomplete coverage.
      const whole = metricsFor(all, history, history.window);
      expect(whole.changeFailureRate.reasons.replacedByAncestor > 0).toBe(
        ancestry,
      );
      const { coverage } = whole.changeLeadTime;
      expect(coverage.ancestryKnown / coverage.deployments < 0.9).toBe(
        ancestry,
      );
      const team = services.slice(0, 2).map(s => s.entityRef);
      for (const [wFrom, wTo] of windows) {
        for (const bucket of ['day', 'week', 'month'] as BucketUnit[]) {
          const window = { from: wFrom, to: wTo };
          const org = await store.metrics({ ...window, bucket });
          expect(json(org)).toEqual(
            json(metricsFor(all, history, window, 'production', { bucket })),
          );
          expect(org.deploymentFrequency.count).toBeGreaterThan(0);
          const scoped = await store.metrics({
            ...window,
            bucket,
            entityRefs: team,
          });
          expect(json(scoped)).toEqual(
            json(
              metricsFor(new Set(team), history, window, 'production', {
                bucket,
              }),
            ),
          );
          // Each entity alone from one grouped read, as GET /metrics/entities answers, an
          // entity with no events included.
          const unknown = 'component:default/never-deployed';
          const perEntity = await store.metricsPerEntity({
            ...window,
            bucket,
            entityRefs: [...all, unknown],
          });
          expect([...perEntity.keys()].sort()).toEqual(
            [...all, unknown].sort(),
          );
          for (const ref of [...all, unknown]) {
            expect(json(perEntity.get(ref))).toEqual(
              json(
                metricsFor(new Set([ref]), history, window, 'production', {
                  bucket,
                }),
              ),
            );
          }
        }
        const staging = await store.metrics({
          from: wFrom,
          to: wTo,
          environment: 'staging',
          entityRefs: [services[4].entityRef],
        });
        expect(json(staging)).toEqual(
          json(
            metricsFor(
              new Set([services[4].entityRef]),
              history,
              { from: wFrom, to: wTo },
              'staging',
            ),
          ),
        );
      }
    });
  });
});
