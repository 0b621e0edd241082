import fc from 'fast-check';
import { computeReview } from './computeReview';
import { Peers } from './doraReads';
import { RowSubject } from './scopeRows';

// A team row's conformance score and scorecard level, computed by computeReview from the peers'
// whole lists, against a reference written here from the definitions in the README: the mean of
// the team's scored entities, rounded; the count of its entities with a report; the most common
// level, the first in alphabetical order on a tie.

interface World {
  teams: string[][];
  conformance: { entityRef: string; score: number | null }[];
  scorecard: { entityRef: string; level: string | null }[];
}

const refs = Array.from({ length: 40 }, (_, i) => `component:default/svc-${i}`);

const world: fc.Arbitrary<World> = fc.record({
  teams: fc.array(fc.subarray(refs, { maxLength: 12 }), {
    minLength: 1,
    maxLength: 6,
  }),
  // Every entity at most once in a list, in any order, some absent.
  conformance: fc.shuffledSubarray(refs).chain(rs =>
    fc.tuple(
      ...rs.map(entityRef =>
        fc.record({
          entityRef: fc.constant(entityRef),
          score: fc.option(fc.integer({ min: 0, max: 100 })),
        }),
      ),
    ),
  ),
  scorecard: fc.shuffledSubarray(refs).chain(rs =>
    fc.tuple(
      ...rs.map(entityRef =>
        fc.record({
          entityRef: fc.constant(entityRef),
          level: fc.option(fc.constantFrom('bronze', 'gold', 'silver')),
        }),
      ),
    ),
  ),
});

function peersOf(w: World): Peers {
  const get = async (pluginId: string, path: string, query: any = {}) => {
    if (pluginId === 'dora' && path === '/metrics') {
      const team = Number(String(query.group).split('-')[1]);
      return {
        environment: 'production',
        entityRefs: w.teams[team],
        metrics: {},
      };
    }
    if (pluginId === 'conformance') return { items: w.conformance };
    if (pluginId === 'scorecard') return { items: w.scorecard };
    return { items: [] };
  };
  return { get, getJson: get } as unknown as Peers;
}

function reference(w: World, team: string[]) {
  const members = new Set(team);
  const reports = w.conformance.filter(c => members.has(c.entityRef));
  const scored = reports.flatMap(c => (c.score === null ? [] : [c.score]));
  let sum = 0;
  for (const s of scored) sum += s;
  const counts: Record<string, number> = {};
  for (const s of w.scorecard) {
    if (members.has(s.entityRef) && s.level) {
      counts[s.level] = (counts[s.level] ?? 0) + 1;
    }
  }
  const best = Object.keys(counts)
    .sort()
    .reduce<string | null>(
      (b, l) => (b === null || counts[l] > counts[b] ? l : b),
      null,
    );
  return {
    conformance: {
      score: scored.length ? Math.round(sum / scored.length) : null,
      entities: reports.length,
    },
    scorecardLevel: best,
  };
}

describe('a team row of the review', () => {
  it("equals the reference for the team's conformance score and scorecard level", async () => {
    await fc.assert(
      fc.asyncProperty(world, async w => {
        const rows: RowSubject[] = w.teams.map((_, i) => ({
          ref: `group:default/team-${i}`,
          kind: 'team',
          title: `team-${i}`,
          team: null,
          doraQuery: { group: `group:default/team-${i}` },
        }));
        const review = await computeReview({
          peers: peersOf(w),
          month: '2026-11',
          scope: { kind: 'organization' },
          rows,
          scorecardPath: '/levels',
        });
        review.rows.forEach((row, i) => {
          const expected = reference(w, w.teams[i]);
          expect(row.conformance).toEqual(expected.conformance);
          expect(row.scorecardLevel).toBe(expected.scorecardLevel);
        });
      }),
      { numRuns: 300 },
    );
  });
});
