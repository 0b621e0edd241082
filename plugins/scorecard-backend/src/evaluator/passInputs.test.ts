import { Entity } from '@backstage/catalog-model';
import fc from 'fast-check';
import { applyExemptions } from '../checks/applyExemptions';
import { evaluateChecks } from '../checks/evaluateChecks';
import { PushedSignal } from '../checks/signals';
import { CiResult, Exemption } from '../database/types';
import {
  KnownDeployment,
  coverageOf,
  productionDeployments30d,
} from './doraDeployments';
import {
  JudgedEntity,
  PassInputs,
  entityFingerprints,
  isDue,
  nextTimeChange,
  selectDue,
} from './passInputs';

const NOW = new Date('2026-12-06T10:00:00.000Z');
const DAY = 86_400_000;
const at = (ms: number) => new Date(ms).toISOString();

function inputs(overrides: Partial<PassInputs> = {}): PassInputs {
  return {
    judged: new Map([
      ['component:default/a', '1'],
      ['component:default/b', '7'],
    ]),
    bulk: {
      conformance: new Map([
        [
          'component:default/a',
          {
            workloadCount: 1,
            evaluatedAt: at(NOW.getTime() - 60_000),
            verdicts: { 'readiness-probe': 'pass' as const },
          },
        ],
      ]),
      slos: new Map([
        [
          'component:default/a',
          [{ id: 'avail', hasPolicy: true, status: 'healthy', stale: false }],
        ],
      ]),
      sloErrors: new Map(),
    },
    doraDeployments: new Map([
      [
        'component:default/a',
        [
          {
            id: 'd1',
            environment: 'production',
            status: 'success',
            finishedAt: at(NOW.getTime() - 29 * DAY),
            commitShas: ['abc'],
            ancestryKnown: true,
          },
        ],
      ],
    ]),
    pushed: [],
    exemptions: [],
    ...overrides,
  };
}

describe('entityFingerprints', () => {
  const A = 'component:default/a';
  const B = 'component:default/b';
  const of = (i: PassInputs) => entityFingerprints(i, NOW, 30);

  it('is the same for the same inputs in another order, and ignores when conformance judged', () => {
    const a = inputs();
    const b = inputs({
      judged: new Map([...a.judged].reverse()),
      bulk: {
        ...a.bulk,
        conformance: new Map([
          [
            A,
            {
              workloadCount: 1,
              evaluatedAt: NOW.toISOString(),
              verdicts: { 'readiness-probe': 'pass' },
            },
          ],
        ]),
      },
    });
    expect(of(b)).toEqual(of(a));
  });

  it.each<[string, (i: PassInputs) => void]>([
    ['its etag', i => i.judged.set(A, '2')],
    [
      'a conformance verdict',
      i => (i.bulk.conformance.get(A)!.verdicts['readiness-probe'] = 'fail'),
    ],
    [
      'conformance still judging it',
      i => (i.bulk.conformance.get(A)!.pending = true),
    ],
    ['an SLO status', i => (i.bulk.slos.get(A)![0].status = 'critical')],
    [
      'an SLO file error',
      i => i.bulk.sloErrors.set(A, [{ file: 'slo.yaml', message: 'bad' }]),
    ],
    [
      'a derived deployment fact',
      i => (i.doraDeployments.get(A)![0].ancestryKnown = false),
    ],
    [
      'a pushed result',
      i =>
        i.pushed.push({
          runId: 'r1',
          entityRef: A,
          checkId: 'image-scan',
          state: 'pass',
          reportedAt: NOW.toISOString(),
          reportedBy: 'user:default/ci',
        }),
    ],
    [
      'an exemption',
      i =>
        i.exemptions.push({
          id: 1,
          entityRef: A,
          checkId: 'image-scan',
          reason: 'vendor image',
          expiresAt: at(NOW.getTime() + DAY),
          createdBy: 'user:default/lead',
          createdAt: NOW.toISOString(),
        }),
    ],
  ])('changes with %s, for that entity alone', (_what, change) => {
    const changed = inputs();
    change(changed);
    const before = of(inputs());
    const after = of(changed);
    expect(after.get(A)!.fingerprint).not.toBe(before.get(A)!.fingerprint);
    expect(after.get(B)).toEqual(before.get(B));
  });

  it("holds each entity until its own inputs' next time change", () => {
    const i = inputs();
    const finished = NOW.getTime() - 30 * DAY + 3_600_000;
    i.doraDeployments.get(A)![0].finishedAt = at(finished);
    const f = of(i);
    // a's production deployment leaves the window in an hour; b has nothing that ages before
    // midnight.
    expect(f.get(A)!.validUntil).toBe(finished + 30 * DAY + 1);
    expect(at(f.get(B)!.validUntil)).toBe('2026-12-07T00:00:00.000Z');
  });
});

describe('isDue', () => {
  const current = { fingerprint: 'f1', validUntil: NOW.getTime() + DAY };
  const versions = new Map([
    ['system:default/shop', 's1'],
    ['api:default/pay', 'p1'],
  ]);
  const last: JudgedEntity = {
    ...current,
    reads: [
      ['system:default/shop', 's1'],
      ['api:default/pay', 'p1'],
    ],
    pending: false,
  };

  it('is false while the entity, what it read and the clock are as they were', () => {
    expect(isDue(last, current, versions, NOW)).toBe(false);
  });

  it.each<[string, Parameters<typeof isDue>]>([
    ['never judged', [undefined, current, versions, NOW]],
    [
      'its own inputs changed',
      [last, { ...current, fingerprint: 'f2' }, versions, NOW],
    ],
    [
      'its results could have aged',
      [last, current, versions, new Date(current.validUntil)],
    ],
    [
      'a System it read changed',
      [
        last,
        current,
        new Map([...versions, ['system:default/shop', 's2']]),
        NOW,
      ],
    ],
    [
      'an API it read left the catalog',
      [last, current, new Map([['system:default/shop', 's1']]), NOW],
    ],
    [
      'a System it named, missing then, arrived',
      [
        { ...last, reads: [['system:default/web', undefined]] },
        current,
        new Map([...versions, ['system:default/web', 'w1']]),
        NOW,
      ],
    ],
  ])('is true when %s', (_what, args) => {
    expect(isDue(...args)).toBe(true);
  });
});

describe('selectDue', () => {
  const f = (fingerprint: string) => ({
    fingerprint,
    validUntil: NOW.getTime() + DAY,
  });
  const judged = (fingerprint: string, pending = false): JudgedEntity => ({
    ...f(fingerprint),
    reads: [],
    pending,
  });
  // a: unchanged; b: changed; c: unchanged, pending as last judged; d, e: never judged.
  const fingerprints = new Map(
    ['a', 'b2', 'c', 'd', 'e'].map((x, i) => [`component:default/${i}`, f(x)]),
  );
  const last = new Map([
    ['component:default/0', judged('a')],
    ['component:default/1', judged('b1')],
    ['component:default/2', judged('c', true)],
  ]);

  it('judges the changed and the arrivals, and counts the pending it leaves', () => {
    expect(
      selectDue(fingerprints, last, {
        shared: new Map(),
        now: NOW,
        waits: () => false,
      }),
    ).toEqual({
      due: [
        'component:default/1',
        'component:default/3',
        'component:default/4',
      ],
      arrived: 2,
      pending: 1,
      deferred: 0,
    });
  });

  it('leaves the arrivals that wait, never an entity judged before', () => {
    expect(
      selectDue(fingerprints, last, {
        shared: new Map(),
        now: NOW,
        // Waiting is asked of every entity; only arrivals may be held back.
        waits: ref => ref !== 'component:default/4',
      }),
    ).toEqual({
      due: ['component:default/1', 'component:default/4'],
      arrived: 2,
      pending: 2,
      deferred: 1,
    });
  });
});

describe('nextTimeChange', () => {
  const none = { doraDeployments: new Map(), pushed: [], exemptions: [] };

  it('is the next UTC midnight when nothing in the inputs ages', () => {
    expect(at(nextTimeChange(none, NOW, 30))).toBe('2026-12-07T00:00:00.000Z');
  });

  /** nextTimeChange of one successful production deployment of entity a. */
  const nextAfterDeployment = (finishedAt: string) =>
    nextTimeChange(
      {
        ...none,
        doraDeployments: new Map([
          [
            'component:default/a',
            [
              {
                id: 'd1',
                environment: 'production',
                status: 'success',
                finishedAt,
                commitShas: ['abc'],
                ancestryKnown: false,
              },
            ],
          ],
        ]),
      },
      NOW,
      30,
    );

  it('is when a production deployment leaves the 30-day window', () => {
    const finished = NOW.getTime() - 30 * DAY + 3_600_000;
    expect(nextAfterDeployment(at(finished))).toBe(finished + 30 * DAY + 1);
  });

  it('is 1 ms after a deployment that finished now, when the coverage starts counting it', () => {
    expect(nextAfterDeployment(NOW.toISOString())).toBe(NOW.getTime() + 1);
  });

  it('is when an exemption expires or a pushed result grows too old', () => {
    const reported = NOW.getTime() - 30 * DAY + 7_200_000;
    const pushed: CiResult[] = [
      {
        runId: 'r1',
        entityRef: 'component:default/a',
        checkId: 'image-scan',
        state: 'pass',
        reportedAt: at(reported),
        reportedBy: 'user:default/ci',
      },
    ];
    expect(nextTimeChange({ ...none, pushed }, NOW, 30)).toBe(
      reported + 30 * DAY + 1,
    );
    const exemption: Exemption = {
      id: 1,
      entityRef: 'component:default/a',
      checkId: 'image-scan',
      reason: 'vendor image',
      expiresAt: at(NOW.getTime() + 3_600_000),
      createdBy: 'user:default/lead',
      createdAt: at(NOW.getTime() - DAY),
    };
    expect(
      nextTimeChange({ ...none, pushed, exemptions: [exemption] }, NOW, 30),
    ).toBe(NOW.getTime() + 3_600_000);
    // A revoked exemption no longer counts.
    expect(
      nextTimeChange(
        {
          ...none,
          exemptions: [{ ...exemption, revokedAt: NOW.toISOString() }],
        },
        NOW,
        30,
      ),
    ).toBe(Date.parse('2026-12-07T00:00:00.000Z'));
  });
});

// The skip is safe only if every check the scorecard runs, with its own clock comparisons,
// answers the same at any instant before nextTimeChange. Judged here by the real check code
// (evaluateChecks, applyExemptions, and the DORA counts the signal source makes), not by a
// restatement of the thresholds above.
describe('results hold until nextTimeChange', () => {
  const entity: Entity = {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name: 'a', namespace: 'default' },
    spec: { type: 'service', owner: 'payments', lifecycle: 'production' },
  };
  // Instants on the checks' own boundaries come up often, not once in billions of draws.
  const offset = fc.oneof(
    fc.integer({ min: -70 * DAY, max: 10 * DAY }),
    fc.constantFrom(0, -1, 1, -30 * DAY, -30 * DAY - 1, -30 * DAY + 1),
  );

  const deployment: fc.Arbitrary<KnownDeployment> = fc.record({
    id: fc.constantFrom('d1', 'd2', 'd3', 'd4'),
    environment: fc.constantFrom('production', 'staging'),
    status: fc.constantFrom('success', 'failure'),
    finishedAt: offset.map(o => at(NOW.getTime() + o)),
    commitShas: fc
      .constantFrom(['abc'], ['def'], ['abc', 'def'])
      .map(c => [...c]),
    ancestryKnown: fc.boolean(),
  });
  const pushed = fc.record({
    state: fc.constantFrom<'pass' | 'fail'>('pass', 'fail'),
    reportedAt: fc
      .integer({ min: -40 * DAY, max: 0 })
      .map(o => at(NOW.getTime() + o)),
  });
  const exemption = fc.record({
    checkId: fc.constantFrom('image-scan', 'dora-deployed', 'lifecycle'),
    expiresAt: fc
      .integer({ min: -DAY, max: 3 * DAY })
      .map(o => at(NOW.getTime() + o)),
    revoked: fc.boolean(),
  });

  function judge(
    deployments: KnownDeployment[],
    scan: CiResult | undefined,
    exemptions: Exemption[],
    now: Date,
  ) {
    const pushedSignals = new Map<string, PushedSignal>();
    if (scan) pushedSignals.set('image-scan', { ...scan });
    return applyExemptions(
      evaluateChecks(
        {
          entity,
          providedApis: new Map(),
          slos: [],
          sloErrors: [],
          dora: {
            productionDeployments30d: productionDeployments30d(
              deployments,
              now,
            ),
            coverage: coverageOf(deployments, now) ?? {
              deployments: 0,
              ancestryKnown: 0,
            },
            deployments,
          },
          pushed: pushedSignals,
        },
        { ciMaxAgeDays: 30, now },
      ),
      exemptions,
      now,
    );
  }

  it('for any deployments, pushed scan and exemptions', () => {
    fc.assert(
      fc.property(
        fc.array(deployment, { maxLength: 6 }),
        fc.option(pushed, { nil: undefined }),
        fc.array(exemption, { maxLength: 3 }),
        fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
        (deployments, scanIn, exemptionsIn, fraction) => {
          const scan: CiResult | undefined = scanIn && {
            runId: 'r1',
            entityRef: 'component:default/a',
            checkId: 'image-scan',
            reportedBy: 'user:default/ci',
            ...scanIn,
          };
          const exemptions: Exemption[] = exemptionsIn.map((e, i) => ({
            id: i + 1,
            entityRef: 'component:default/a',
            checkId: e.checkId,
            reason: 'r',
            expiresAt: e.expiresAt,
            createdBy: 'user:default/lead',
            createdAt: at(NOW.getTime() - DAY),
            ...(e.revoked && { revokedAt: at(NOW.getTime() - 1) }),
          }));
          const next = nextTimeChange(
            {
              doraDeployments: new Map([['component:default/a', deployments]]),
              pushed: scan ? [scan] : [],
              exemptions,
            },
            NOW,
            30,
          );
          const later = new Date(
            NOW.getTime() + Math.floor(fraction * (next - NOW.getTime())),
          );
          expect(judge(deployments, scan, exemptions, later)).toEqual(
            judge(deployments, scan, exemptions, NOW),
          );
        },
      ),
      {
        numRuns: 2000,
        // Found by CI: a deployment finished at the very instant of the pass.
        examples: [
          [
            [
              {
                id: 'd1',
                environment: 'production',
                status: 'success',
                finishedAt: NOW.toISOString(),
                commitShas: ['abc'],
                ancestryKnown: false,
              },
            ],
            undefined,
            [],
            1.9841269841269843e-8,
          ],
        ],
      },
    );
  });
});
