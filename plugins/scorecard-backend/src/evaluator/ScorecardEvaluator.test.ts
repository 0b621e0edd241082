import { TestDatabases, mockServices } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { DEFAULT_LEVELS } from '@internal/plugin-scorecard-common';
import { ConformanceSignal, DoraSignal } from '../checks/signals';
import { DatabaseScorecardStore } from '../database/ScorecardStore';
import { BulkSignals, SignalSource } from './SignalReader';
import { EvaluatorOptions, ScorecardEvaluator } from './ScorecardEvaluator';
import {
  KnownDeployment,
  coverageOf,
  productionDeployments30d,
} from './doraDeployments';

// The other plugins' answers are a fake here (their HTTP APIs are exercised against the booted
// portal in packages/e2e-tests); the catalog is the catalog's own mock, the store real SQLite.

jest.setTimeout(60_000);

const component = (name: string, spec: Record<string, string>): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name, namespace: 'default' },
  spec: { type: 'website', ...spec },
});

/** `count` Components with workloads, svc-0 to svc-(count-1), owned by payments. */
const workloadComponents = (count: number): Entity[] =>
  Array.from({ length: count }, (_, i) => ({
    ...component(`svc-${i}`, { owner: 'payments' }),
    metadata: {
      name: `svc-${i}`,
      namespace: 'default',
      annotations: { 'backstage.io/kubernetes-id': `svc-${i}` },
    },
  }));

const entities: Entity[] = [
  component('a', {
    owner: 'payments',
    system: 'shop',
    lifecycle: 'production',
  }),
  component('b', { owner: 'payments' }),
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'System',
    metadata: { name: 'shop', namespace: 'default' },
    spec: { owner: 'payments', domain: 'commerce' },
  },
];

/** A conformance report's verdicts with every check passing. */
const ALL_PASS: ConformanceSignal['verdicts'] = Object.fromEntries(
  [
    'resource-requests',
    'resource-limits',
    'readiness-probe',
    'liveness-probe',
    'default-deny-network-policy',
    'no-privileged',
    'no-host-namespaces',
    'pinned-image',
    'no-secret-literals',
  ].map(id => [id, 'pass' as const]),
);

class FakeSource implements SignalSource {
  bulkFails = false;
  doraFailsFor = new Set<string>();
  deployments = 0;
  doraCalls = 0;
  conformance = new Map<string, ConformanceSignal>();
  async readBulk(): Promise<BulkSignals> {
    if (this.bulkFails) throw new Error('connect ECONNREFUSED');
    return {
      conformance: this.conformance,
      slos: new Map(),
      sloErrors: new Map(),
    };
  }
  async readDora(
    entityRef: string,
    _now?: Date,
    _deployments?: unknown[],
  ): Promise<DoraSignal> {
    this.doraCalls++;
    if (this.doraFailsFor.has(entityRef)) throw new Error('503');
    return {
      productionDeployments30d: this.deployments,
      coverage: { deployments: 0, ancestryKnown: 0 },
      deployments: [],
    };
  }
}

describe('ScorecardEvaluator', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3'] });

  async function setup(
    now = new Date('2026-12-06T10:00:00Z'),
    catalogEntities = entities,
    pacing: Pick<EvaluatorOptions, 'dutyCycle' | 'sleep'> = {},
  ) {
    const knex = await databases.init('SQLITE_3');
    const store = await DatabaseScorecardStore.create({
      database: mockServices.database({ knex, migrations: { skip: false } }),
    });
    const source = new FakeSource();
    let clock = now;
    /** An evaluator over this store and source; each remembers its own last pass. */
    const evaluatorAt = (at: () => Date) =>
      new ScorecardEvaluator({
        catalog: catalogServiceMock({ entities: catalogEntities }),
        auth: mockServices.auth(),
        store,
        source,
        logger: mockServices.logger.mock(),
        levels: DEFAULT_LEVELS,
        kinds: ['Component'],
        ciMaxAgeDays: 30,
        now: at,
        ...pacing,
      });
    const evaluator = evaluatorAt(() => clock);
    return {
      store,
      source,
      evaluator,
      evaluatorAt,
      setNow: (d: Date) => (clock = d),
    };
  }

  it('writes a day only when results change, and a new row each new day', async () => {
    const { store, source, evaluator, setNow } = await setup();
    expect(await evaluator.evaluate()).toEqual({
      entities: 2,
      judged: 2,
      written: 2,
      unchanged: 0,
      pending: 0,
      deferred: 0,
      arrived: 0,
      skipped: [],
      notified: 0,
      passSkipped: false,
    });
    const [a] = await store.listLatest({ entityRefs: ['component:default/a'] });
    expect(a).toMatchObject({
      owner: 'group:default/payments',
      system: 'system:default/shop',
      domain: 'domain:default/commerce',
      day: '2026-12-06',
      // owner, system, lifecycle pass; golden-path fails: below Bronze.
      level: null,
    });
    expect(a.results.find(r => r.checkId === 'lifecycle')?.state).toBe('pass');

    // Nothing changed: nothing written.
    expect(await evaluator.evaluate()).toMatchObject({
      written: 0,
      unchanged: 2,
    });
    // A deployment appears: both entities' dora-deployed turns to pass.
    source.deployments = 1;
    expect(await evaluator.evaluate()).toMatchObject({ written: 2 });
    expect(
      (await store.history('component:default/a', '2026-01-01')).length,
    ).toBe(1);
    // The next day gets its own row; the previous day's stays as it was.
    setNow(new Date('2026-12-07T00:05:00Z'));
    expect(await evaluator.evaluate()).toMatchObject({ written: 2 });
    expect(
      (await store.history('component:default/a', '2026-01-01')).map(
        h => h.day,
      ),
    ).toEqual(['2026-12-06', '2026-12-07']);
  });

  it('writes nothing when the conformance or SLO API is down, and skips an entity whose DORA call fails', async () => {
    const { store, source, evaluator } = await setup();
    source.bulkFails = true;
    const down = await evaluator.evaluate();
    expect(down.written).toBe(0);
    expect(down.skipped.map(s => s.entityRef)).toEqual([
      'component:default/a',
      'component:default/b',
    ]);
    expect(source.doraCalls).toBe(0);
    expect(await store.listLatest()).toEqual([]);

    source.bulkFails = false;
    source.doraFailsFor.add('component:default/b');
    const partial = await evaluator.evaluate();
    expect(partial).toMatchObject({ written: 1 });
    expect(partial.skipped).toEqual([
      { entityRef: 'component:default/b', reason: 'DORA API: 503' },
    ]);
  });

  it('evaluates only the entities asked for', async () => {
    const { store, evaluator } = await setup();
    expect(await evaluator.evaluate(['component:default/b'])).toMatchObject({
      entities: 1,
      written: 1,
    });
    expect((await store.listLatest()).map(r => r.entityRef)).toEqual([
      'component:default/b',
    ]);
  });

  it('applies an exemption in force and drops it once expired', async () => {
    const { store, evaluator, setNow } = await setup();
    await store.addExemption({
      entityRef: 'component:default/a',
      checkId: 'golden-path',
      reason: 'migrating from the legacy chart',
      expiresAt: '2026-12-08T00:00:00.000Z',
      createdBy: 'user:default/admin',
      createdAt: '2026-12-01T00:00:00.000Z',
    });
    await evaluator.evaluate();
    let [a] = await store.listLatest({ entityRefs: ['component:default/a'] });
    expect(a.level).toBe('bronze');
    setNow(new Date('2026-12-08T00:00:00Z'));
    await evaluator.evaluate();
    [a] = await store.listLatest({ entityRefs: ['component:default/a'] });
    expect(a.results.find(r => r.checkId === 'golden-path')?.state).toBe(
      'fail',
    );
    expect(a.level).toBeNull();
  });

  it('keeps conformance checks pending, out of the score, until the first report, then judges them', async () => {
    const k8s: Entity = {
      ...component('k', { owner: 'payments', lifecycle: 'production' }),
      metadata: {
        name: 'k',
        namespace: 'default',
        annotations: { 'backstage.io/kubernetes-id': 'k' },
      },
    };
    const { store, source, evaluator } = await setup(undefined, [k8s]);
    const conformanceOf = async () => {
      const [row] = await store.listLatest();
      return {
        score: row.score,
        states: row.results
          .filter(r => r.checkId.startsWith('conformance-'))
          .map(r => r.state),
      };
    };
    // The conformance plugin lists the entity as pending: nothing judged yet.
    source.conformance.set('component:default/k', {
      pending: true,
      workloadCount: 0,
      verdicts: {},
    });
    expect(await evaluator.evaluate()).toMatchObject({ pending: 1 });
    const before = await conformanceOf();
    expect(new Set(before.states)).toEqual(new Set(['pending']));

    const verdicts: ConformanceSignal['verdicts'] = {
      'resource-requests': 'pass',
      'resource-limits': 'pass',
      'readiness-probe': 'pass',
      'liveness-probe': 'pass',
      'default-deny-network-policy': 'fail',
      'no-privileged': 'pass',
      'no-host-namespaces': 'pass',
      'pinned-image': 'pass',
      'no-secret-literals': 'pass',
    };
    source.conformance.set('component:default/k', {
      workloadCount: 1,
      verdicts,
    });
    expect(await evaluator.evaluate()).toMatchObject({
      pending: 0,
      written: 1,
    });
    const after = await conformanceOf();
    expect(after.states).toEqual([
      'pass',
      'pass',
      'fail',
      'pass',
      'pass',
      'pass',
    ]);
    // Five passes and one failure joined the score; while pending they counted on neither side.
    const [row] = await store.listLatest();
    const pass = row.results.filter(r => r.state === 'pass').length;
    const fail = row.results.filter(r => r.state === 'fail').length;
    expect(after.score).toBe(Math.floor((pass * 100) / (pass + fail)));
    expect(before.score).toBe(
      Math.floor(((pass - 5) * 100) / (pass - 5 + fail - 1)),
    );
  });

  it('judges a small catalog whole each pass, pending entities until conformance judges them', async () => {
    // Conformance checks apply to entities with workloads: both carry a kubernetes-id.
    const workload = (name: string): Entity => ({
      ...component(name, { owner: 'payments' }),
      metadata: {
        name,
        namespace: 'default',
        annotations: { 'backstage.io/kubernetes-id': name },
      },
    });
    const { source, evaluator } = await setup(undefined, [
      workload('a'),
      workload('b'),
    ]);
    const pending = { pending: true, workloadCount: 0, verdicts: {} };
    source.conformance.set('component:default/a', pending);
    source.conformance.set('component:default/b', pending);
    expect(await evaluator.evaluate()).toMatchObject({
      judged: 2,
      pending: 2,
    });
    expect(source.doraCalls).toBe(2);

    // Conformance judged b meanwhile: both are judged (no fingerprints without the DORA pages
    // of a larger pass), b's row alone changes, a stays pending.
    source.conformance.set('component:default/b', {
      workloadCount: 1,
      verdicts: ALL_PASS,
    });
    expect(await evaluator.evaluate()).toMatchObject({
      entities: 2,
      judged: 2,
      written: 1,
      unchanged: 1,
      pending: 1,
    });
    expect(source.doraCalls).toBe(4);
  });

  it('reads DORA deployments in pages for a large pass, and per entity when paging fails', async () => {
    const many = Array.from({ length: 60 }, (_, i) =>
      component(`svc-${i}`, { owner: 'payments' }),
    );
    const { source, evaluator } = await setup(undefined, many);
    const given: (unknown[] | undefined)[] = [];
    const readDora = source.readDora.bind(source);
    source.readDora = async (
      ref: string,
      now?: Date,
      deployments?: unknown[],
    ) => {
      given.push(deployments);
      return readDora(ref, now);
    };
    let pagedReads = 0;
    const one = {
      id: 'd1',
      environment: 'production',
      status: 'success',
      finishedAt: '2026-12-05T10:00:00Z',
      commitShas: [],
    };
    (source as SignalSource).readDoraDeployments = async () => {
      pagedReads++;
      return new Map([['component:default/svc-3', [one]]]);
    };
    await evaluator.evaluate();
    expect(pagedReads).toBe(1);
    expect(given).toHaveLength(60);
    // Each entity gets its own list from the pages: svc-3 its deployment, the others none.
    expect(given.filter(g => g?.length === 1)).toEqual([[one]]);
    expect(given.filter(g => Array.isArray(g) && g.length === 0)).toHaveLength(
      59,
    );

    given.length = 0;
    (source as SignalSource).readDoraDeployments = async () => {
      throw new Error('503');
    };
    const summary = await evaluator.evaluate();
    expect(summary.skipped).toEqual([]);
    expect(given).toHaveLength(60);
    expect(given.every(g => g === undefined)).toBe(true);
  });
  it('skips a whole pass whose inputs are unchanged, until one changes or a time in them ages', async () => {
    const many = Array.from({ length: 60 }, (_, i) =>
      component(`svc-${i}`, { owner: 'payments', lifecycle: 'production' }),
    );
    const start = new Date('2026-12-06T10:00:00Z');
    const { store, source, evaluator, evaluatorAt, setNow } = await setup(
      start,
      many,
    );
    const pages = new Map([
      [
        'component:default/svc-3',
        [
          {
            id: 'd1',
            environment: 'production',
            status: 'success',
            finishedAt: '2026-12-05T10:00:00Z',
            commitShas: [],
          },
        ],
      ],
    ]);
    (source as SignalSource).readDoraDeployments = async () => pages;
    // As the HTTP source does with the paged deployments it is given.
    source.readDora = async (_ref, now, given) => {
      source.doraCalls++;
      const list = (given ?? []) as KnownDeployment[];
      return {
        productionDeployments30d: productionDeployments30d(list, now!),
        coverage: coverageOf(list, now!) ?? {
          deployments: 0,
          ancestryKnown: 0,
        },
        deployments: list,
      };
    };
    expect(await evaluator.evaluate()).toMatchObject({
      written: 60,
      passSkipped: false,
    });
    // Same inputs: nothing judged, and no DORA read per entity.
    source.doraCalls = 0;
    expect(await evaluator.evaluate()).toMatchObject({
      entities: 60,
      written: 0,
      unchanged: 60,
      passSkipped: true,
    });
    expect(source.doraCalls).toBe(0);

    // One entity deploys: the pass judges again and writes that one.
    pages.set('component:default/svc-5', [
      {
        id: 'd2',
        environment: 'production',
        status: 'success',
        finishedAt: '2026-12-06T09:00:00Z',
        commitShas: [],
      },
    ]);
    source.doraCalls = 0;
    expect(await evaluator.evaluate()).toMatchObject({
      entities: 60,
      judged: 1,
      written: 1,
      unchanged: 59,
      passSkipped: false,
    });
    expect(source.doraCalls).toBe(1);
    expect(await evaluator.evaluate()).toMatchObject({ passSkipped: true });

    // An exemption granted, then its expiry passes with no other change: judged again.
    await store.addExemption({
      entityRef: 'component:default/svc-7',
      checkId: 'image-scan',
      reason: 'vendor image',
      expiresAt: '2026-12-06T12:00:00.000Z',
      createdBy: 'user:default/lead',
      createdAt: start.toISOString(),
    });
    expect(await evaluator.evaluate()).toMatchObject({
      written: 1,
      passSkipped: false,
    });
    setNow(new Date('2026-12-06T11:59:59.999Z'));
    expect(await evaluator.evaluate()).toMatchObject({ passSkipped: true });
    setNow(new Date('2026-12-06T12:00:00.000Z'));
    expect(await evaluator.evaluate()).toMatchObject({
      written: 1,
      passSkipped: false,
    });

    // Whatever the skipped passes left is what a pass judging everything writes: an evaluator
    // with no memory of earlier passes finds every row as it would write it.
    const fresh = evaluatorAt(() => new Date('2026-12-06T12:30:00.000Z'));
    expect(await fresh.evaluate()).toMatchObject({
      written: 0,
      unchanged: 60,
      passSkipped: false,
    });

    // A new day has rows of its own.
    setNow(new Date('2026-12-07T00:00:01.000Z'));
    expect(await evaluator.evaluate()).toMatchObject({
      written: 60,
      passSkipped: false,
    });
  });

  it('judges only the entities whose inputs changed: those conformance settled, and one a retry wrote', async () => {
    const many = workloadComponents(60);
    const { store, source, evaluator, evaluatorAt } = await setup(
      undefined,
      many,
    );
    (source as SignalSource).readDoraDeployments = async () => new Map();
    const settled: ConformanceSignal = {
      workloadCount: 1,
      verdicts: ALL_PASS,
    };
    const pending = { pending: true, workloadCount: 0, verdicts: {} };
    const ref = (i: number) => `component:default/svc-${i}`;
    // Conformance has judged the first 20 of a catalog that just arrived.
    many.forEach((_, i) =>
      source.conformance.set(ref(i), i < 20 ? settled : pending),
    );
    expect(await evaluator.evaluate()).toMatchObject({
      judged: 60,
      arrived: 60,
      written: 60,
      pending: 40,
    });

    // It judges 30 more: those alone are read and judged again.
    for (let i = 20; i < 50; i++) source.conformance.set(ref(i), settled);
    source.doraCalls = 0;
    expect(await evaluator.evaluate()).toMatchObject({
      entities: 60,
      judged: 30,
      arrived: 0,
      written: 30,
      unchanged: 30,
      pending: 10,
    });
    expect(source.doraCalls).toBe(30);

    // svc-55 is evaluated on request once settled; then conformance finds it pending again (a
    // new workload): the row written on request is not the one those inputs give, so svc-55
    // is judged.
    source.conformance.set(ref(55), settled);
    expect(await evaluator.evaluate([ref(55)])).toMatchObject({
      judged: 1,
      written: 1,
    });
    source.conformance.set(ref(55), pending);
    expect(await evaluator.evaluate()).toMatchObject({
      judged: 1,
      written: 1,
      pending: 10,
    });
    const [row55] = await store.listLatest({ entityRefs: [ref(55)] });
    expect(
      row55.results
        .filter(r => r.checkId.startsWith('conformance-'))
        .map(r => r.state),
    ).toContain('pending');
    expect(await evaluator.evaluate()).toMatchObject({ passSkipped: true });

    // Every row stands as a pass judging everything from these inputs writes it.
    expect(
      await evaluatorAt(() => new Date('2026-12-06T10:00:00Z')).evaluate(),
    ).toMatchObject({
      judged: 60,
      written: 0,
      unchanged: 60,
    });
  });

  it('leaves arrivals conformance has not judged for a pass that follows, judging each entity once', async () => {
    const many = workloadComponents(60);
    const { store, source, evaluator } = await setup(undefined, many);
    (source as SignalSource).readDoraDeployments = async () => new Map();
    const settled: ConformanceSignal = { workloadCount: 1, verdicts: ALL_PASS };
    const pending = { pending: true, workloadCount: 0, verdicts: {} };
    const ref = (i: number) => `component:default/svc-${i}`;
    const rowCount = async () =>
      (await store.listLatest({ entityRefs: many.map((_, i) => ref(i)) }))
        .length;
    many.forEach((_, i) =>
      source.conformance.set(ref(i), i < 20 ? settled : pending),
    );

    // Another pass follows: the 40 conformance has not judged wait for it.
    expect(
      await evaluator.evaluate(undefined, { deferPending: true }),
    ).toMatchObject({
      entities: 60,
      judged: 20,
      arrived: 60,
      deferred: 40,
      pending: 40,
      written: 20,
      unchanged: 0,
      passSkipped: false,
    });
    expect(await rowCount()).toBe(20);

    // Nothing settled since: nothing is judged, and the 40 still wait.
    expect(
      await evaluator.evaluate(undefined, { deferPending: true }),
    ).toMatchObject({
      judged: 0,
      deferred: 40,
      pending: 40,
      unchanged: 20,
      passSkipped: true,
    });

    for (let i = 20; i < 50; i++) source.conformance.set(ref(i), settled);
    expect(
      await evaluator.evaluate(undefined, { deferPending: true }),
    ).toMatchObject({
      judged: 30,
      arrived: 40,
      deferred: 10,
      pending: 10,
      written: 30,
      unchanged: 20,
    });

    // The last pass of a row waits no longer: the 10 are judged pending.
    expect(await evaluator.evaluate()).toMatchObject({
      judged: 10,
      arrived: 10,
      deferred: 0,
      pending: 10,
      written: 10,
      unchanged: 50,
    });
    expect(await rowCount()).toBe(60);
    // 60 entities, 60 judgements: none was judged twice.
    expect(source.doraCalls).toBe(60);
    const [row55] = await store.listLatest({ entityRefs: [ref(55)] });
    expect(
      row55.results
        .filter(r => r.checkId.startsWith('conformance-'))
        .map(r => r.state),
    ).toContain('pending');
  });

  it('judges again only the entities of a System that changed', async () => {
    const system = (name: string, domain: string): Entity => ({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'System',
      metadata: { name, namespace: 'default', etag: `${name}-1` },
      spec: { owner: 'payments', domain },
    });
    const shop = system('shop', 'commerce');
    const web = system('web', 'frontend');
    const many = Array.from({ length: 60 }, (_, i) =>
      component(`svc-${i}`, {
        owner: 'payments',
        // Written as teams write it, in any case: refs compare without it.
        system: i % 2 ? 'Shop' : 'web',
      }),
    );
    const { store, source, evaluator } = await setup(undefined, [
      ...many,
      shop,
      web,
    ]);
    (source as SignalSource).readDoraDeployments = async () => new Map();
    expect(await evaluator.evaluate()).toMatchObject({ judged: 60 });
    expect(await evaluator.evaluate()).toMatchObject({ passSkipped: true });

    // The shop moves to another domain: its 30 entities are judged, their rows name it.
    shop.spec!.domain = 'retail';
    shop.metadata.etag = 'shop-2';
    source.doraCalls = 0;
    expect(await evaluator.evaluate()).toMatchObject({
      judged: 30,
      written: 30,
      unchanged: 30,
    });
    expect(source.doraCalls).toBe(30);
    const rows = await store.listLatest();
    expect(
      new Set(
        rows.filter(r => r.system === 'system:default/shop').map(r => r.domain),
      ),
    ).toEqual(new Set(['domain:default/retail']));
    expect(
      new Set(
        rows.filter(r => r.system === 'system:default/web').map(r => r.domain),
      ),
    ).toEqual(new Set(['domain:default/frontend']));
    expect(await evaluator.evaluate()).toMatchObject({ passSkipped: true });
  });

  it('rests between pages of a scheduled pass for its duty cycle, never on request', async () => {
    const many = Array.from({ length: 1100 }, (_, i) =>
      component(`svc-${i}`, { owner: 'payments' }),
    );
    const rests: number[] = [];
    const { evaluator } = await setup(undefined, many, {
      dutyCycle: 0.25,
      sleep: async ms => {
        rests.push(ms);
      },
    });
    const started = performance.now();
    expect(await evaluator.evaluate()).toMatchObject({
      judged: 1100,
      written: 1100,
    });
    const took = performance.now() - started;
    // Three pages of at most 500, each followed by three times its working time at rest.
    expect(rests).toHaveLength(3);
    expect(rests.every(ms => ms > 0)).toBe(true);
    const rested = rests.reduce((a, b) => a + b, 0);
    expect(rested).toBeLessThanOrEqual(3 * took);

    rests.length = 0;
    await evaluator.evaluate(
      many.map(e => `component:default/${e.metadata.name}`),
    );
    expect(rests).toEqual([]);
  });
});
