import { TestDatabases, mockServices } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { DatabaseSloRollupStore } from '../database/SloRollupStore';
import { SloService } from '../service/SloService';
import { SloRegistry } from '../specs/SloRegistry';
import { SloSpecProvider } from '../specs/SloSpecProvider';
import { demoEntities } from '../testUtils';
import {
  DEMO_CHUNK_BUCKETS,
  DEMO_DAYS,
  demoBuckets,
  seedDemoRollups,
} from './demoRollups';

jest.setTimeout(120_000);

const NOW = 1_795_000_123;

// The demo story end to end on SQLite: real spec files → registry → seeded rollups →
// budget state and gate, through the same upsertBuckets the collector uses.
describe('demo rollups', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3'] });
  let service: SloService;
  let store: DatabaseSloRollupStore;
  let registry: SloRegistry;
  let seeded: { written: number; expected: number };
  const writeSizes: number[] = [];

  beforeAll(async () => {
    const knex = await databases.init('SQLITE_3');
    store = await DatabaseSloRollupStore.create({
      database: mockServices.database({ knex, migrations: { skip: false } }),
    });
    registry = new SloRegistry();
    registry.replace(
      await new SloSpecProvider({
        catalog: catalogServiceMock({ entities: demoEntities() }),
        auth: mockServices.auth(),
        urlReader: mockServices.urlReader.mock(),
        logger: mockServices.logger.mock(),
      }).readAll(),
    );
    const slos = registry.list().map(s => s.slo);
    const save = store.saveCollection.bind(store);
    jest.spyOn(store, 'saveCollection').mockImplementation(async writes => {
      writeSizes.push(writes.buckets.reduce((n, b) => n + b.buckets.length, 0));
      return save(writes);
    });
    seeded = {
      written: await seedDemoRollups(store, slos, NOW),
      expected: slos.length * DEMO_DAYS * 288,
    };
    service = new SloService({ registry, store, now: () => NOW });
  });

  it('seeds every 5-minute bucket of every SLO', () => {
    expect(seeded.written).toBe(seeded.expected);
  });

  it('writes the seed in steps of at most DEMO_CHUNK_BUCKETS buckets', () => {
    expect(Math.max(...writeSizes)).toBe(DEMO_CHUNK_BUCKETS);
    expect(writeSizes.reduce((a, b) => a + b, 0)).toBe(seeded.expected);
  });

  it('writes complete buckets only, and budgets are evaluated where they end', async () => {
    // NOW − 60 s lag, floored to a bucket: the bucket holding NOW is never written.
    const end = Math.floor((NOW - 60) / 300) * 300;
    const id = 'order-service/order-availability';
    expect(await store.lastBucket(id)).toBe(end - 300);
    const { state } = await service.get(id, 3600);
    expect(state.evaluatedAt).toBe(end);
    expect(state.window).toEqual({ from: end - 30 * 86400, to: end });
    // The 5-minute window holds the newest bucket: the fast burn is visible there too.
    const fiveMinutes = state.burnRates.find(b => b.windowSeconds === 300)!;
    expect(fiveMinutes.burnRate).toBeGreaterThan(14.4);
    expect(state.stale).toBe(false);
  });

  it('is deterministic', () => {
    const slo = registry.get('order-service/order-availability')!.slo;
    expect(demoBuckets(slo, NOW - 86400, NOW, NOW)).toEqual(
      demoBuckets(slo, NOW - 86400, NOW, NOW),
    );
  });

  it('writes the counts it always wrote (the seeded sequence is pinned)', () => {
    const slo = registry.get('order-service/order-availability')!.slo;
    expect(slo.target).toBe(0.995);
    expect(demoBuckets(slo, NOW - 900, NOW, NOW)).toEqual([
      { start: 1794999300, good: 2927, total: 3252 },
      { start: 1794999600, good: 2915, total: 3239 },
      { start: 1794999900, good: 3037, total: 3375 },
    ]);
  });

  it('tells the demo story', async () => {
    const items = await service.list({ sort: 'budget' });
    const summary = Object.fromEntries(
      items.map(s => [
        s.slo.id,
        {
          status: s.state.status,
          alert: s.state.alert.severity,
          step: s.state.policyStep?.action,
        },
      ]),
    );
    expect(summary).toEqual({
      'payment-service/requests-availability': {
        status: 'healthy',
        alert: 'none',
        step: undefined,
      },
      'payment-service/requests-latency': {
        status: 'healthy',
        alert: 'none',
        step: undefined,
      },
      'order-service/order-availability': {
        status: 'critical',
        alert: 'page',
        step: undefined,
      },
      'user-service/api-availability': {
        status: 'warning',
        alert: 'ticket',
        step: 'freeze',
      },
      'user-service/api-latency': {
        status: 'healthy',
        alert: 'none',
        step: undefined,
      },
      'notification-service/delivery-availability': {
        status: 'no-data',
        alert: 'no-data',
        step: undefined,
      },
    });
    // Least budget first, no data last.
    expect(items[0].slo.id).toBe('user-service/api-availability');
    expect(items[items.length - 1].slo.id).toBe(
      'notification-service/delivery-availability',
    );

    const user = items[0].state;
    expect(user.budgetConsumed).toBeGreaterThan(0.6);
    expect(user.budgetConsumed).toBeLessThan(0.8);
    const payment = items.find(
      s => s.slo.id === 'payment-service/requests-availability',
    )!.state;
    expect(1 - payment.sli!).toBeGreaterThan(0.00015);
    expect(1 - payment.sli!).toBeLessThan(0.00025);
    expect(items.every(s => !s.state.stale)).toBe(true);
  });

  it('denies user-service deploys unless the change is a security patch', async () => {
    const denied = await service.gate('component:default/user-service');
    expect(denied.allowed).toBe(false);
    expect(denied.policyStep?.action).toBe('freeze');
    expect(denied.reasons.join('\n')).toMatch(
      /user-service\/api-availability has consumed .*"freeze".* blocks deploys/,
    );

    const patch = await service.gate(
      'component:default/user-service',
      'security_patch',
    );
    expect(patch.allowed).toBe(true);
    expect(patch.reasons.join('\n')).toMatch(
      /"security_patch" changes are exempt/,
    );

    expect(
      (await service.gate('component:default/payment-service')).allowed,
    ).toBe(true);
    // No data never blocks; an entity without SLOs is allowed.
    expect(
      (await service.gate('component:default/notification-service')).allowed,
    ).toBe(true);
    expect((await service.gate('component:default/unknown')).reasons).toEqual([
      'No SLOs apply to this deploy.',
    ]);
  });

  it('tops up to now without rewriting history, and is a no-op when current', async () => {
    const slos = registry.list().map(s => s.slo);
    expect(await seedDemoRollups(store, slos, NOW)).toBe(0);
    expect(await seedDemoRollups(store, slos, NOW + 900)).toBe(slos.length * 3);
  });
});
