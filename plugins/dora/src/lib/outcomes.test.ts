import type { Deployment } from '@internal/plugin-dora-common';
import { completedCount, deploymentsPerWeek } from './outcomes';

function deployment(
  finishedAt: string,
  status: Deployment['status'],
  id = finishedAt,
): Deployment {
  return {
    id,
    entityRef: 'component:default/svc',
    environment: 'production',
    status,
    type: 'normal',
    finishedAt,
    commitShas: [],
    source: 'api',
  };
}

// Wednesday 2025-01-01 to Wednesday 2025-01-15: three ISO weeks (Dec 30, Jan 6, Jan 13).
const window = {
  from: '2025-01-01T00:00:00.000Z',
  to: '2025-01-15T00:00:00.000Z',
};

describe('deploymentsPerWeek', () => {
  it('has one entry per ISO week, empty weeks included', () => {
    expect(deploymentsPerWeek([], window)).toEqual([
      {
        weekStart: '2024-12-30T00:00:00.000Z',
        success: 0,
        failed: 0,
        rolledBack: 0,
      },
      {
        weekStart: '2025-01-06T00:00:00.000Z',
        success: 0,
        failed: 0,
        rolledBack: 0,
      },
      {
        weekStart: '2025-01-13T00:00:00.000Z',
        success: 0,
        failed: 0,
        rolledBack: 0,
      },
    ]);
  });

  it('counts completed deployments by outcome, at the window edges half-open', () => {
    const weeks = deploymentsPerWeek(
      [
        deployment('2025-01-01T00:00:00.000Z', 'success'), // at from: in
        deployment('2024-12-31T23:59:59.999Z', 'success'), // before from: out
        deployment('2025-01-05T23:59:59.999Z', 'failure'), // Sunday: first week
        deployment('2025-01-06T00:00:00.000Z', 'rolled_back'), // Monday: second week
        deployment('2025-01-07T10:00:00.000Z', 'success'),
        deployment('2025-01-08T10:00:00.000Z', 'in_progress'), // never counts
        deployment('2025-01-09T10:00:00.000Z', 'cancelled'), // never counts
        deployment('2025-01-14T23:00:00+02:00', 'failure'), // 21:00Z on the 14th: in
        deployment('2025-01-15T00:00:00.000Z', 'success'), // at to: out
      ],
      window,
    );
    expect(weeks.map(w => [w.success, w.failed, w.rolledBack])).toEqual([
      [1, 1, 0],
      [1, 0, 1],
      [0, 1, 0],
    ]);
    expect(completedCount(weeks)).toBe(5);
  });

  it('gives nothing for an invalid window', () => {
    expect(
      deploymentsPerWeek([deployment('2025-01-02T00:00:00Z', 'success')], {
        from: window.to,
        to: window.from,
      }),
    ).toEqual([]);
    expect(deploymentsPerWeek([], { from: 'x', to: window.to })).toEqual([]);
  });
});
