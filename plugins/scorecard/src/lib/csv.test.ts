import { scorecardsToCsv } from './csv';

describe('scorecardsToCsv', () => {
  it('writes one row per entity and one column per check, quoting what needs it', () => {
    const csv = scorecardsToCsv(
      [
        {
          entityRef: 'component:default/a',
          owner: 'group:default/x',
          system: 'system:default/s, "t"',
          level: null,
          score: 50,
          day: '2026-12-06',
          evaluatedAt: '2026-12-06T00:00:00Z',
          results: [
            { checkId: 'owner', state: 'pass', message: '' },
            { checkId: 'system', state: 'fail', message: '' },
          ],
        },
        {
          entityRef: '=cmd',
          level: 'gold',
          score: null,
          day: '2026-12-06',
          evaluatedAt: '2026-12-06T00:00:00Z',
          results: [],
        },
      ],
      ['owner', 'system'],
    );
    expect(csv).toBe(
      [
        'entity,owner,system,level,score,owner,system',
        'component:default/a,group:default/x,"system:default/s, ""t""",none,50,pass,fail',
        "'=cmd,,,gold,,,",
        '',
      ].join('\n'),
    );
  });
});
