import { PromotionDeployment, checkPromotion } from './promotion';

let n = 0;
function dep(
  environment: string,
  finishedAt: string,
  commitShas: string[],
  status = 'success',
): PromotionDeployment {
  n++;
  return { id: `d${n}`, environment, status, finishedAt, commitShas };
}

describe('checkPromotion', () => {
  it('has nothing to judge without production deployments', () => {
    expect(
      checkPromotion([dep('staging', '2026-12-01T00:00:00Z', ['aaa'])]),
    ).toEqual({ production: 0, promoted: 0, notPromoted: [] });
  });

  it('counts a production SHA seen in staging before, at the same instant, never, or only after', () => {
    const deployments = [
      dep('staging', '2026-12-01T10:00:00Z', ['AAA']),
      dep('staging', '2026-12-01T12:00:00Z', ['bbb']),
      // A failed staging deploy is not a promotion source.
      dep('staging', '2026-12-01T09:00:00Z', ['ccc'], 'failure'),
      dep('staging', '2026-12-03T00:00:00Z', ['ddd']),
      dep('production', '2026-12-01T11:00:00Z', ['aaa']), // promoted (case differs)
      dep('production', '2026-12-01T12:00:00Z', ['bbb']), // same instant: promoted
      dep('production', '2026-12-02T00:00:00Z', ['ccc']), // only a failed staging run
      dep('production', '2026-12-02T00:00:00Z', ['ddd']), // staging only later
      dep('production', '2026-12-02T01:00:00Z', []), // no SHA: cannot be shown
      // Failed production deploys are not judged.
      dep('production', '2026-12-02T02:00:00Z', ['zzz'], 'failure'),
    ];
    const r = checkPromotion(deployments);
    expect(r.production).toBe(5);
    expect(r.promoted).toBe(2);
    expect(r.notPromoted.map(p => [p.finishedAt, p.shas])).toEqual([
      ['2026-12-02T01:00:00Z', []],
      ['2026-12-02T00:00:00Z', ['ccc']],
      ['2026-12-02T00:00:00Z', ['ddd']],
    ]);
  });

  it('needs every SHA of a multi-SHA deployment, and honours other environment names', () => {
    const r = checkPromotion(
      [
        dep('pre', '2026-12-01T00:00:00Z', ['a']),
        dep('prod', '2026-12-02T00:00:00Z', ['a', 'b']),
      ],
      { production: 'prod', staging: 'pre' },
    );
    expect(r).toMatchObject({ production: 1, promoted: 0 });
    expect(r.notPromoted[0].shas).toEqual(['b']);
  });
});
