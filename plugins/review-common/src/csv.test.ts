import { DORA_KEYS } from './change';
import { reviewToCsv } from './csv';
import { Review, ReviewRow } from './types';

function row(overrides: Partial<ReviewRow> = {}): ReviewRow {
  const key = {
    value: 1.5,
    unit: 'deployments-per-day',
    tier: 'high',
    count: 3,
    change: {
      previous: 1,
      delta: 0.5,
      relative: 0.5,
      direction: 'better' as const,
    },
  };
  return {
    ref: 'group:default/payments',
    kind: 'team',
    title: 'Payments, "core"',
    team: 'group:default/payments',
    dora: Object.fromEntries(DORA_KEYS.map(k => [k, key])) as ReviewRow['dora'],
    slo: {
      slos: 2,
      met: 1,
      judged: 2,
      lowestBudgetLeft: 0.25,
      alertsFired: 3,
      freezeHours: 4,
    },
    conformance: { score: 80, entities: 2 },
    bottlenecks: {
      leadTime: [{ id: 'pickup', value: 1, share: 1, count: 1, evidence: [] }],
      failures: [],
    },
    ...overrides,
  };
}

function review(overrides: Partial<Review> = {}): Review {
  return {
    month: '2026-11',
    previousMonth: '2026-10',
    scope: 'organization',
    source: 'snapshot',
    hasScorecard: false,
    rows: [
      row(),
      row({ title: '=HYPERLINK("x")', slo: null, conformance: null }),
    ],
    warnings: [],
    ...overrides,
  };
}

describe('reviewToCsv', () => {
  it('writes one quoted line per row with raw values', () => {
    const lines = reviewToCsv(review()).split('\r\n');
    expect(lines).toHaveLength(4); // header, two rows, final empty
    const header = lines[0].split(',');
    expect(header).not.toContain('scorecardLevel');
    expect(header.indexOf('conformanceScore')).toBeGreaterThan(0);
    expect(lines[1]).toContain('"Payments, ""core"""');
    expect(lines[1]).toContain(',1.5,high,1,');
    expect(lines[1]).toContain(',2,1,0.25,3,4,80,pickup,');
    // A title a spreadsheet would run as a formula is written as text.
    expect(lines[2]).toContain(`"'=HYPERLINK(""x"")"`);
    expect(lines[3]).toBe('');
  });

  it('has the scorecard column only when the review has it', () => {
    const csv = reviewToCsv(
      review({
        hasScorecard: true,
        rows: [row({ title: 'Payments', scorecardLevel: 'gold' })],
      }),
    );
    const [header, line] = csv.split('\r\n');
    const column = header.split(',').indexOf('scorecardLevel');
    expect(column).toBeGreaterThan(0);
    expect(line.split(',')[column]).toBe('gold');
  });

  it('writes recovery, the PRs behind lead time and the gate, empty where a row has none', () => {
    const csv = reviewToCsv(
      review({
        rows: [
          row({
            title: 'Payments',
            bottlenecks: {
              leadTime: [],
              failures: [],
              recovery: [
                { id: 'dep-1', value: 2, share: 0.5, count: 1, evidence: [] },
                { id: 'dep-2', value: 2, share: 0.5, count: 1, evidence: [] },
              ],
            },
            leadTimeChanges: {
              deployments: 2,
              pullRequests: ['org/pay#1', 'org/pay#2'],
              commits: ['a', 'b'],
              truncated: false,
            },
            gate: { decisions: 5, denials: 2, denialsByEntity: [] },
          }),
          row({ title: 'Identity' }),
        ],
      }),
    );
    const [header, withAll, without] = csv.split('\r\n');
    expect(header.split(',').slice(-4)).toEqual([
      'recoveryBottlenecks',
      'leadTimePullRequests',
      'gateDecisions',
      'gateDenials',
    ]);
    expect(withAll.split(',').slice(-4)).toEqual([
      'dep-1 dep-2',
      'org/pay#1 org/pay#2',
      '5',
      '2',
    ]);
    expect(without.split(',').slice(-4)).toEqual(['', '', '', '']);
  });
});
