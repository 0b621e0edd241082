import {
  EvidenceDeployment,
  failureEvidence,
  leadTimeEvidence,
  rankFailureReasons,
  rankLeadTimeStages,
} from './bottlenecks';

const H = 3_600_000;

describe('rankLeadTimeStages', () => {
  it('ranks the three longest stage medians with their share of the four', () => {
    const ranked = rankLeadTimeStages({
      coding: { median: 10 * H, count: 4 },
      pickup: { median: 30 * H, count: 4 },
      review: { median: 5 * H, count: 3 },
      deploy: { median: 15 * H, count: 4 },
    });
    // Sum 60 h: pickup 30/60, deploy 15/60, coding 10/60; review is fourth and left out.
    expect(ranked.map(r => [r.id, r.value, r.count])).toEqual([
      ['pickup', 30 * H, 4],
      ['deploy', 15 * H, 4],
      ['coding', 10 * H, 4],
    ]);
    expect(ranked.map(r => r.share)).toEqual([0.5, 0.25, 10 / 60]);
  });

  it('keeps pipeline order on ties and leaves out stages without a median', () => {
    const ranked = rankLeadTimeStages({
      coding: { median: null, count: 0 },
      pickup: { median: 2 * H, count: 1 },
      review: { median: 2 * H, count: 1 },
      deploy: { median: 0, count: 1 },
    });
    expect(ranked.map(r => r.id)).toEqual(['pickup', 'review']);
    expect(ranked.map(r => r.share)).toEqual([0.5, 0.5]);
  });

  it('is empty for a month without pull requests', () => {
    expect(rankLeadTimeStages(undefined)).toEqual([]);
    expect(rankLeadTimeStages({})).toEqual([]);
  });
});

describe('rankFailureReasons', () => {
  it('ranks the three most frequent reasons, shares of the failed deployments', () => {
    const ranked = rankFailureReasons(
      {
        failed: 2,
        rolledBack: 5,
        followedByRollback: 1,
        replacedByAncestor: 0,
        causedIncident: 3,
      },
      8,
    );
    expect(ranked).toEqual([
      { id: 'rolledBack', value: 5, count: 5, share: 5 / 8 },
      { id: 'causedIncident', value: 3, count: 3, share: 3 / 8 },
      { id: 'failed', value: 2, count: 2, share: 2 / 8 },
    ]);
  });

  it('breaks ties by the reasons order and has no share without failures', () => {
    expect(
      rankFailureReasons({ causedIncident: 1, failed: 1 }, 0).map(r => [
        r.id,
        r.share,
      ]),
    ).toEqual([
      ['failed', 0],
      ['causedIncident', 0],
    ]);
    expect(rankFailureReasons(undefined, 0)).toEqual([]);
  });
});

describe('evidence', () => {
  const deployments: EvidenceDeployment[] = [
    {
      id: 'd1',
      entityRef: 'component:default/a',
      status: 'success',
      finishedAt: '2026-11-02T10:00:00.000Z',
      changeIds: ['org/a#1'],
      failureReasons: ['caused-incident'],
    },
    {
      id: 'd2',
      entityRef: 'component:default/a',
      status: 'rolled_back',
      finishedAt: '2026-11-03T10:00:00.000Z',
      failureReasons: ['rolled-back'],
    },
    {
      id: 'd3',
      entityRef: 'component:default/b',
      status: 'success',
      finishedAt: '2026-11-04T10:00:00.000Z',
      changeIds: ['org/b#7'],
      failureReasons: [],
    },
    {
      id: 'd4',
      entityRef: 'component:default/b',
      status: 'success',
      finishedAt: '2026-11-05T10:00:00.000Z',
      changeIds: [],
    },
  ];

  it('lists the deployments flagged with a reason, newest first', () => {
    expect(failureEvidence(deployments, 'rolledBack').map(d => d.id)).toEqual([
      'd2',
    ]);
    expect(
      failureEvidence(deployments, 'causedIncident').map(d => d.id),
    ).toEqual(['d1']);
    expect(failureEvidence(deployments, 'failed')).toEqual([]);
  });

  it('lists the successful deployments that delivered pull requests, newest first', () => {
    expect(leadTimeEvidence(deployments).map(d => d.id)).toEqual(['d3', 'd1']);
    expect(leadTimeEvidence(deployments, 1).map(d => d.id)).toEqual(['d3']);
  });
});
