import { WorkloadReport } from './api';
import { conformanceScore, verdictsByCheck } from './score';
import { Severity, Verdict } from './types';

const r = (severity: Severity, verdict: Verdict) => ({ severity, verdict });
const times = <T>(n: number, item: T): T[] =>
  Array.from({ length: n }, () => item);

describe('conformanceScore', () => {
  it.each([
    ['no results', [], null],
    ['all exempt', [r('critical', 'exempt'), r('low', 'exempt')], null],
    [
      'only not-applicable and exempt',
      [r('high', 'not-applicable'), r('low', 'exempt')],
      null,
    ],
    ['all pass', [r('critical', 'pass'), r('low', 'pass')], 100],
    ['all fail', [r('critical', 'fail'), r('low', 'fail')], 0],
    ['one low pass', [r('low', 'pass')], 100],
    // critical pass 4 + medium pass 2 = 6 of 4 + 3 + 2 + 1 = 10; exempt and n/a ignored
    [
      'mixed, with exempt and not-applicable',
      [
        r('critical', 'pass'),
        r('high', 'fail'),
        r('medium', 'pass'),
        r('low', 'fail'),
        r('critical', 'exempt'),
        r('high', 'not-applicable'),
      ],
      60,
    ],
    // 3 + 3 + 1 = 7 of 4 + 3 + 3 + 1 = 11 → 63.6, rounded down
    [
      'critical fail among passes',
      [
        r('critical', 'fail'),
        r('high', 'pass'),
        r('high', 'pass'),
        r('low', 'pass'),
      ],
      63,
    ],
    // 4 of 4 + 1 = 5 → 80
    ['critical pass, low fail', [r('critical', 'pass'), r('low', 'fail')], 80],
    // 1 of 5 → 20
    ['critical fail, low pass', [r('critical', 'fail'), r('low', 'pass')], 20],
    // 200 of 201 → 99.5: 100 is kept for "nothing failed"
    [
      'many passes and one low fail',
      [...times(50, r('critical', 'pass')), r('low', 'fail')],
      99,
    ],
  ])('%s → %s', (_name, results, expected) => {
    expect(conformanceScore(results)).toBe(expected);
  });

  it('returns an integer', () => {
    // 2 of 3 → 66.7
    expect(
      Number.isInteger(
        conformanceScore([r('medium', 'pass'), r('low', 'fail')]),
      ),
    ).toBe(true);
  });
});

describe('verdictsByCheck', () => {
  const workload = (
    name: string,
    verdicts: Record<string, Verdict>,
  ): WorkloadReport => ({
    workload: {
      cluster: 'prod',
      namespace: 'payments',
      kind: 'Deployment',
      name,
    },
    results: Object.entries(verdicts).map(([checkId, verdict]) => ({
      checkId,
      severity: 'high',
      verdict,
      findings: [],
    })),
  });

  it.each<[string, Verdict[], Verdict]>([
    [
      'fail beats everything',
      ['pass', 'exempt', 'fail', 'not-applicable'],
      'fail',
    ],
    ['exempt beats pass', ['pass', 'exempt'], 'exempt'],
    ['exempt beats not-applicable', ['not-applicable', 'exempt'], 'exempt'],
    [
      'pass beats not-applicable',
      ['not-applicable', 'pass', 'not-applicable'],
      'pass',
    ],
    [
      'all not-applicable',
      ['not-applicable', 'not-applicable'],
      'not-applicable',
    ],
    ['a single workload', ['pass'], 'pass'],
  ])('%s', (_name, verdicts, expected) => {
    const report = {
      workloads: verdicts.map((v, i) =>
        workload(`w${i}`, { 'pinned-image': v }),
      ),
    };
    expect(verdictsByCheck(report)).toEqual({ 'pinned-image': expected });
  });

  it('keeps checks apart and omits checks that never ran', () => {
    const report = {
      workloads: [
        workload('api', { 'pinned-image': 'pass', 'no-privileged': 'fail' }),
        workload('worker', { 'pinned-image': 'fail' }),
      ],
    };
    const verdicts = verdictsByCheck(report);
    expect(verdicts).toEqual({
      'pinned-image': 'fail',
      'no-privileged': 'fail',
    });
    expect(verdicts['standard-labels']).toBeUndefined();
  });

  it('is empty without workloads', () => {
    expect(verdictsByCheck({ workloads: [] })).toEqual({});
  });
});
