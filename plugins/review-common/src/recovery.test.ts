import { EvidenceDeployment } from './bottlenecks';
import { monthRange } from './month';
import { leadTimeChanges, rankRecoveries } from './recovery';

const H = 3_600_000;
const range = monthRange('2026-10');
const at = (hours: number) => new Date(range.start + hours * H).toISOString();

function dep(
  id: string,
  hours: number,
  status: string,
  more: Partial<EvidenceDeployment> = {},
): EvidenceDeployment {
  return {
    id,
    entityRef: 'component:default/a',
    environment: 'production',
    status,
    finishedAt: at(hours),
    failureReasons: status === 'success' ? [] : ['failed'],
    ...more,
  };
}

describe('rankRecoveries', () => {
  it('ranks failed deployments by the time to the next success of the same service and environment', () => {
    const ranked = rankRecoveries(
      [
        dep('f1', 10, 'failure'),
        dep('other-env', 11, 'success', { environment: 'staging' }),
        dep('other-svc', 12, 'success', { entityRef: 'component:default/b' }),
        dep('s1', 16, 'success'), // restores f1 after 6 h
        dep('f2', 100, 'failure'),
        dep('f3', 101, 'rolled_back', { failureReasons: ['rolled-back'] }),
        dep('s2', 130, 'success'), // restores f2 (30 h) and f3 (29 h)
        dep('f4', 200, 'failure'),
        dep('s3', 201, 'success'), // 1 h, fourth: left out
      ],
      range,
    );
    // Total restored 6 + 30 + 29 + 1 = 66 h.
    expect(
      ranked.map(r => [r.id, r.value / H, r.evidence.map(e => e.id)]),
    ).toEqual([
      ['f2', 30, ['f2', 's2']],
      ['f3', 29, ['f3', 's2']],
      ['f1', 6, ['f1', 's1']],
    ]);
    expect(ranked.map(r => r.share)).toEqual([30 / 66, 29 / 66, 6 / 66]);
  });

  it('counts a failure at the month end restored after it, and leaves out unrestored and earlier ones', () => {
    const days = (range.end - range.start) / H;
    const ranked = rankRecoveries(
      [
        dep('before', -5, 'failure'),
        dep('s0', -1, 'success'),
        dep('last', days - 2, 'failure'),
        dep('next-month', days + 3, 'success'),
        dep('open', days + 4, 'failure'),
      ],
      range,
    );
    expect(ranked.map(r => [r.id, r.value / H, r.share])).toEqual([
      ['last', 5, 1],
    ]);
  });

  it('is empty without failed deployments', () => {
    expect(rankRecoveries([dep('s', 1, 'success')], range)).toEqual([]);
    expect(rankRecoveries([dep('f', 1, 'failure')], range)).toEqual([]);
  });
});

describe('leadTimeChanges', () => {
  it('lists the PRs and commits of the month’s successful deployments', () => {
    const changes = leadTimeChanges(
      [
        dep('a', 1, 'success', {
          commitShas: ['c2', 'c1'],
          changeIds: ['r#2'],
        }),
        dep('b', 2, 'success', {
          commitShas: ['c3'],
          changeIds: ['r#1', 'r#2'],
        }),
        dep('f', 3, 'failure', { commitShas: ['c9'], changeIds: ['r#9'] }),
        dep('empty', 4, 'success', { commitShas: [] }),
        dep('prev', -1, 'success', { commitShas: ['c0'], changeIds: ['r#0'] }),
      ],
      range,
    );
    expect(changes).toEqual({
      deployments: 2,
      pullRequests: ['r#1', 'r#2'],
      commits: ['c1', 'c2', 'c3'],
      truncated: false,
    });
    expect(
      leadTimeChanges(
        [dep('a', 1, 'success', { commitShas: ['x', 'y'] })],
        range,
        1,
      ),
    ).toEqual({
      deployments: 1,
      pullRequests: [],
      commits: ['x'],
      truncated: true,
    });
  });
});
