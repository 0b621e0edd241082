import { paymentReport } from '../__testUtils__/fixtures';
import {
  compareSeverities,
  compareVerdicts,
  formatScore,
  groupResultsByCheck,
  isSeverity,
  scoreTone,
  worstVerdict,
} from './verdicts';

describe('verdict ordering', () => {
  it('ranks fail, exempt, pass, not-applicable from worst to best', () => {
    expect(
      (['pass', 'not-applicable', 'fail', 'exempt'] as const)
        .slice()
        .sort(compareVerdicts),
    ).toEqual(['fail', 'exempt', 'pass', 'not-applicable']);
  });

  it('finds the worst verdict', () => {
    expect(worstVerdict(['pass', 'exempt', 'not-applicable'])).toBe('exempt');
    expect(worstVerdict(['pass', 'fail'])).toBe('fail');
    expect(worstVerdict([])).toBeUndefined();
  });

  it('ranks severities from critical to low', () => {
    expect(
      (['low', 'critical', 'medium', 'high'] as const)
        .slice()
        .sort(compareSeverities),
    ).toEqual(['critical', 'high', 'medium', 'low']);
  });

  it('recognises severities', () => {
    expect(isSeverity('high')).toBe(true);
    expect(isSeverity('urgent')).toBe(false);
    expect(isSeverity(null)).toBe(false);
  });
});

describe('score presentation', () => {
  it('colours by threshold', () => {
    expect(scoreTone(100)).toBe('success');
    expect(scoreTone(90)).toBe('success');
    expect(scoreTone(89)).toBe('warning');
    expect(scoreTone(70)).toBe('warning');
    expect(scoreTone(69)).toBe('error');
    expect(scoreTone(null)).toBe('default');
  });

  it('formats a missing score as a dash', () => {
    expect(formatScore(null)).toBe('–');
    expect(formatScore(0)).toBe('0');
  });
});

describe('groupResultsByCheck', () => {
  it('collects each verdict per check with the workload it came from', () => {
    const failing = groupResultsByCheck(paymentReport.workloads, 'fail');
    expect([...failing.keys()]).toEqual(['resource-limits']);
    expect(failing.get('resource-limits')!.map(o => o.workload.name)).toEqual([
      'payment-api',
      'payment-reconcile',
    ]);
    const exempt = groupResultsByCheck(paymentReport.workloads, 'exempt');
    expect(exempt.get('liveness-probe')![0].result.exemptionReason).toMatch(
      /PAY-123/,
    );
  });
});
