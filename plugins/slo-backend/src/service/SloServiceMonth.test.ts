import { TestDatabases, mockServices } from '@backstage/backend-test-utils';
import { RollupBucket, Slo } from '@internal/plugin-slo-common';
import { DatabaseSloRollupStore } from '../database/SloRollupStore';
import { SloRegistry } from '../specs/SloRegistry';
import { SloService } from './SloService';

jest.setTimeout(180_000);

// November 2026 in UTC, written out rather than derived by the code under test.
const NOV_START = Date.parse('2026-11-01T00:00:00Z') / 1000;
const DEC_START = Date.parse('2026-12-01T00:00:00Z') / 1000;
const DAY = 86400;

/** Park–Miller, so a failure reproduces from its seed. */
function prng(seed: number) {
  let s = seed;
  return () => (s = (s * 16807) % 2147483647) / 2147483647;
}

function slo(id: string, target: number): Slo {
  return {
    id,
    name: id.split('/')[1],
    service: id.split('/')[0],
    objectivePercent: target * 100,
    target,
    window: { kind: 'rolling', seconds: 30 * DAY },
    indicator: { kind: 'availability', goodQuery: 'g', totalQuery: 't' },
    budgeting: { method: 'occurrences' },
    source: { format: 'plain', file: 'slos.yaml' },
  };
}

/** 5-minute buckets from `from` to `to` with random integer counts and some gaps. */
function buckets(
  random: () => number,
  from: number,
  to: number,
  badShare: number,
) {
  const out: RollupBucket[] = [];
  for (let start = from; start < to; start += 300) {
    if (random() < 0.1) continue;
    const total = Math.floor(random() * 500);
    const bad = Math.floor(random() * total * badShare);
    out.push({ start, good: total - bad, total });
  }
  return out;
}

describe('SloService.month', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    it("sums exactly the calendar month's buckets, as a plain sum over the inserted ones", async () => {
      const knex = await databases.init(databaseId);
      const store = await DatabaseSloRollupStore.create({
        database: mockServices.database({ knex, migrations: { skip: false } }),
      });
      const random = prng(2026_11);
      const slos = [
        slo('pay/availability', 0.999),
        slo('pay/lenient', 0.9),
        slo('ship/availability', 0.99),
        slo('ship/no-buckets', 0.99),
      ];
      const inserted = new Map<string, RollupBucket[]>();
      // Three days either side of November, so the month edges cut through the stored
      // hourly and daily rollups; the buckets at the edges themselves are always present.
      for (const [i, s] of slos.slice(0, 3).entries()) {
        const b = buckets(
          random,
          NOV_START - 3 * DAY,
          DEC_START + 3 * DAY,
          [0.0005, 0.3, 0.03][i],
        );
        for (const edge of [
          NOV_START - 300,
          NOV_START,
          DEC_START - 300,
          DEC_START,
        ]) {
          if (!b.some(x => x.start === edge))
            b.push({ start: edge, good: 7, total: 9 });
        }
        inserted.set(s.id, b);
        for (let k = 0; k < b.length; k += 1000) {
          await store.saveCollection({
            buckets: [{ sloId: s.id, buckets: b.slice(k, k + 1000) }],
            states: [],
          });
        }
      }
      const registry = new SloRegistry();
      registry.replace([
        {
          entityRef: 'component:default/pay',
          owner: 'group:default/payments',
          slos: slos.slice(0, 2),
          errors: [],
        },
        {
          entityRef: 'component:default/ship',
          owner: 'group:default/shipping',
          system: 'system:default/logistics',
          slos: slos.slice(2),
          errors: [],
        },
      ]);
      const service = new SloService({
        registry,
        store,
        now: () => DEC_START + 5 * DAY,
      });

      const answer = await service.month('2026-11');
      expect(answer).toMatchObject({
        month: '2026-11',
        from: NOV_START,
        to: DEC_START,
        complete: true,
      });
      expect(answer.items.map(i => i.slo.id)).toEqual([
        'pay/availability',
        'pay/lenient',
        'ship/availability',
        'ship/no-buckets',
      ]);
      const round = (n: number | null | undefined) =>
        typeof n === 'number' ? Number(n.toFixed(9)) : n;
      for (const item of answer.items) {
        const month = (inserted.get(item.slo.id) ?? []).filter(
          b => b.start >= NOV_START && b.start < DEC_START,
        );
        const good = month.reduce((s, b) => s + b.good, 0);
        const total = month.reduce((s, b) => s + b.total, 0);
        const attained = total > 0 ? good / total : null;
        const left =
          attained === null ? null : 1 - (1 - attained) / (1 - item.slo.target);
        expect({
          id: item.slo.id,
          good: item.good,
          total: item.total,
          sli: round(item.sli),
          met: item.met,
          budgetRemaining: round(item.budgetRemaining),
          budgetConsumed: round(item.budgetConsumed),
          lastBucket: item.lastBucket,
        }).toEqual({
          id: item.slo.id,
          good,
          total,
          sli: round(attained),
          met: attained === null ? null : attained >= item.slo.target,
          budgetRemaining: round(left),
          budgetConsumed: left === null ? null : round(1 - left),
          lastBucket: total > 0 ? DEC_START - 300 : undefined,
        });
      }
      // The constructed histories give both verdicts.
      expect(answer.items.map(i => i.met)).toEqual([true, false, false, null]);

      const payments = await service.month('2026-11', {
        owners: ['group:default/payments'],
      });
      expect(payments.items.map(i => i.slo.id)).toEqual([
        'pay/availability',
        'pay/lenient',
      ]);
      const logistics = await service.month('2026-11', {
        system: 'system:default/logistics',
      });
      expect(logistics.items.map(i => i.slo.id)).toEqual([
        'ship/availability',
        'ship/no-buckets',
      ]);

      // December has only its first three days so far: not complete, and only those buckets.
      const december = await service.month('2026-12');
      expect(december.complete).toBe(false);
      const dec = inserted
        .get('pay/availability')!
        .filter(b => b.start >= DEC_START);
      expect(december.items[0].total).toBe(
        dec.reduce((s, b) => s + b.total, 0),
      );

      await expect(service.month('2026-13')).rejects.toThrow(
        /^month: expected YYYY-MM/,
      );
    });
  });
});
