import { InputError } from '@backstage/errors';
import { linkIncidents } from './linking';
import { OTHER, SVC, at, deployment, incident, sha } from './testUtils';
import { Deployment, Incident, IncidentLink } from './types';

const deployments: Deployment[] = [
  deployment({ id: 'p1', finishedAt: at(1), commitShas: [sha(1)] }),
  deployment({ id: 'p2', finishedAt: at(5), commitShas: [sha(1), sha(2)] }),
  deployment({ id: 'p3', finishedAt: at(10), commitShas: [sha(3)] }),
  deployment({
    id: 'failed',
    finishedAt: at(11),
    status: 'failure',
    commitShas: [sha(4)],
  }),
  deployment({
    id: 'stg',
    environment: 'staging',
    finishedAt: at(0),
    commitShas: [sha(5)],
  }),
  deployment({ id: 'p5', finishedAt: at(12), commitShas: [sha(5)] }),
  deployment({ id: 'other1', entityRef: OTHER, finishedAt: at(11.5) }),
];

const link = (
  incidentId: string,
  deploymentId: string,
  method: IncidentLink['method'],
  entityRef = SVC,
): IncidentLink => ({
  entityRef,
  incidentId,
  deploymentId,
  deploymentSource: 'test',
  method,
  inferred: method === 'time-window',
});

describe('linkIncidents', () => {
  it.each<[string, Partial<Incident>, IncidentLink | undefined]>([
    [
      'explicit deployment id wins over everything',
      { openedAt: at(12), causedBy: { deploymentId: 'p1', commitSha: sha(3) } },
      link('i', 'p1', 'explicit'),
    ],
    [
      'explicit link may point at a failed deployment',
      { openedAt: at(20), causedBy: { deploymentId: 'failed' } },
      link('i', 'failed', 'explicit'),
    ],
    [
      "another entity's deployment id is never named: it falls through",
      { openedAt: at(12.5), causedBy: { deploymentId: 'other1' } },
      link('i', 'p5', 'time-window'),
    ],
    [
      'unknown explicit id falls through to the commit',
      {
        openedAt: at(12),
        causedBy: { deploymentId: 'nope', commitSha: sha(3) },
      },
      link('i', 'p3', 'by-commit'),
    ],
    [
      'by commit: the earliest successful deployment containing it',
      { openedAt: at(12), causedBy: { commitSha: sha(1) } },
      link('i', 'p1', 'by-commit'),
    ],
    [
      'by commit: only deployments finished at or before openedAt',
      { openedAt: at(10), causedBy: { commitSha: sha(3) } },
      link('i', 'p3', 'by-commit'),
    ],
    [
      'by commit: failed deployments and other environments are ignored',
      { openedAt: at(12.5), causedBy: { commitSha: sha(5) } },
      link('i', 'p5', 'by-commit'),
    ],
    [
      'by commit without a match falls back to the time window',
      { openedAt: at(11.5), causedBy: { commitSha: sha(4) } },
      link('i', 'p3', 'time-window'),
    ],
    [
      'time window: last successful deployment of the same entity',
      { openedAt: at(12.5) },
      link('i', 'p5', 'time-window'),
    ],
    [
      'time window: boundary is inclusive (exactly timeWindowHours before)',
      { openedAt: at(14) },
      link('i', 'p5', 'time-window'),
    ],
    [
      'time window: nothing within the look-back means no link',
      { openedAt: at(14.001) },
      undefined,
    ],
    [
      'time window: a deployment finishing exactly at openedAt counts',
      { openedAt: at(5) },
      link('i', 'p2', 'time-window'),
    ],
    [
      'no deployment of the entity before openedAt means no link',
      { openedAt: at(0.5) },
      undefined,
    ],
    [
      'other entity deployments are never inferred',
      { entityRef: OTHER, openedAt: at(20) },
      undefined,
    ],
  ])('%s', (_, fields, expected) => {
    const links = linkIncidents(
      [incident({ id: 'i', ...fields })],
      deployments,
      {
        timeWindowHours: 2,
      },
    );
    expect(links).toEqual(expected ? [expected] : []);
  });

  it('uses the given environment for commit and time-window rules', () => {
    const links = linkIncidents(
      [incident({ id: 'i', openedAt: at(1), causedBy: { commitSha: sha(5) } })],
      deployments,
      { timeWindowHours: 2, environment: 'staging' },
    );
    expect(links).toEqual([link('i', 'stg', 'by-commit')]);
  });

  it('links each incident once, in incident order, deduplicated by id', () => {
    const links = linkIncidents(
      [
        incident({ id: 'b', openedAt: at(12.5) }),
        incident({ id: 'a', causedBy: { deploymentId: 'p1' } }),
        incident({ id: 'b', causedBy: { deploymentId: 'p2' } }),
      ],
      deployments,
      { timeWindowHours: 2 },
    );
    expect(links.map(l => [l.incidentId, l.deploymentId])).toEqual([
      ['b', 'p5'],
      ['a', 'p1'],
    ]);
  });

  it('breaks ties between equal finish times by id', () => {
    const tied = [
      deployment({ id: 'y', finishedAt: at(1), commitShas: [sha(9)] }),
      deployment({ id: 'x', finishedAt: at(1), commitShas: [sha(9)] }),
    ];
    const opened = { openedAt: at(2) };
    expect(
      linkIncidents(
        [
          incident({ id: 'c', ...opened, causedBy: { commitSha: sha(9) } }),
          incident({ id: 't', ...opened }),
        ],
        tied,
        { timeWindowHours: 2 },
      ).map(l => l.deploymentId),
    ).toEqual(['x', 'y']);
  });

  it("resolves an explicit id within the incident's own entity only", () => {
    // Both entities used the id `d1` (one may have sent it first to squat it): each entity's
    // incident names its own deployment.
    const shared = [
      deployment({ id: 'd1', finishedAt: at(1) }),
      deployment({ id: 'd1', entityRef: OTHER, finishedAt: at(2) }),
    ];
    const cause = { openedAt: at(30), causedBy: { deploymentId: 'd1' } };
    expect(
      linkIncidents(
        [
          incident({ id: 'i', ...cause }),
          incident({ id: 'i', entityRef: OTHER, ...cause }),
        ],
        shared,
        { timeWindowHours: 2 },
      ),
    ).toEqual([
      link('i', 'd1', 'explicit'),
      link('i', 'd1', 'explicit', OTHER),
    ]);
  });

  it('names the first by finish time when two sources of the entity used the id', () => {
    const links = linkIncidents(
      [incident({ id: 'i', openedAt: at(9), causedBy: { deploymentId: 'd' } })],
      [
        deployment({ id: 'd', source: 'late', finishedAt: at(2) }),
        deployment({ id: 'd', source: 'early', finishedAt: at(1) }),
      ],
      { timeWindowHours: 2 },
    );
    expect(links.map(l => l.deploymentSource)).toEqual(['early']);
  });

  it('rejects a negative look-back', () => {
    expect(() => linkIncidents([], [], { timeWindowHours: -1 })).toThrow(
      InputError,
    );
  });
});
