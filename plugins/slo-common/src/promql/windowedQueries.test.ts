import { InputError } from '@backstage/errors';
import {
  errorRatioQuery,
  windowedQueries,
  withWindow,
} from './windowedQueries';

describe('withWindow', () => {
  it.each([
    ['sum(rate(x[{{.window}}]))', 'sum(rate(x[5m]))'],
    ['sum(rate(x[{{ .window }}]))', 'sum(rate(x[5m]))'],
    ['sum(rate(x{a="b"}[1m]))', 'sum(rate(x{a="b"}[5m]))'],
    ['sum(increase(x[1h30m]))', 'sum(increase(x[5m]))'],
    // Subqueries keep their own range and resolution.
    ['max_over_time(rate(x[1m])[1h:1m])', 'max_over_time(rate(x[5m])[1h:1m])'],
  ])('%s', (query, expected) => {
    expect(withWindow(query, '5m')).toBe(expected);
  });

  it('rejects a window that is not a duration', () => {
    expect(() => withWindow('x', '5 minutes')).toThrow(InputError);
  });
});

describe('windowedQueries', () => {
  it('counts rates per second and increases as counts', () => {
    expect(
      windowedQueries(
        {
          kind: 'availability',
          badQuery: 'sum(rate(e[{{.window}}]))',
          totalQuery: 'sum(rate(t[{{.window}}]))',
        },
        '1h',
      ),
    ).toEqual({
      bad: 'sum(rate(e[1h]))',
      total: 'sum(rate(t[1h]))',
      perSecond: true,
    });
    expect(
      windowedQueries(
        {
          kind: 'availability',
          goodQuery: 'sum(increase(g[5m]))',
          totalQuery: 'sum(increase(t[5m]))',
        },
        '5m',
      ),
    ).toEqual({
      good: 'sum(increase(g[5m]))',
      total: 'sum(increase(t[5m]))',
      perSecond: false,
    });
  });

  it('wraps raw counters (OpenSLO counter: true) in rate()', () => {
    expect(
      windowedQueries(
        {
          kind: 'availability',
          goodQuery: 'ok_total{job="a"}',
          totalQuery: 'all_total',
          counter: true,
        },
        '5m',
      ),
    ).toEqual({
      good: 'sum(rate(ok_total{job="a"}[5m]))',
      total: 'sum(rate(all_total[5m]))',
      perSecond: true,
    });
    expect(() =>
      windowedQueries(
        {
          kind: 'availability',
          goodQuery: 'sum(ok_total)',
          totalQuery: 'all_total',
          counter: true,
        },
        '5m',
      ),
    ).toThrow(/plain metric selector/);
  });

  it('reads latency from histogram buckets, matching "1" and "1.0" bounds', () => {
    expect(
      windowedQueries(
        {
          kind: 'latency',
          histogramMetric: 'h_seconds',
          thresholdSeconds: 0.25,
          selector: 'job="a"',
        },
        '5m',
      ),
    ).toEqual({
      good: 'sum(rate(h_seconds_bucket{job="a",le="0.25"}[5m]))',
      total: 'sum(rate(h_seconds_count{job="a"}[5m]))',
      perSecond: true,
    });
    expect(
      windowedQueries(
        { kind: 'latency', histogramMetric: 'h', thresholdSeconds: 1 },
        '5m',
      ).good,
    ).toBe('sum(rate(h_bucket{le=~"1|1\\\\.0"}[5m]))');
  });

  it('rejects queries that do not count events', () => {
    expect(() =>
      windowedQueries(
        { kind: 'availability', goodQuery: 'up', totalQuery: 'up' },
        '5m',
      ),
    ).toThrow(InputError);
    expect(() =>
      windowedQueries(
        {
          kind: 'availability',
          goodQuery: 'sum(increase(g[5m]))',
          totalQuery: 'sum(rate(t[5m]))',
        },
        '5m',
      ),
    ).toThrow(/both use rate/);
  });
});

describe('errorRatioQuery', () => {
  it('builds the ratio for each indicator form', () => {
    expect(
      errorRatioQuery(
        { kind: 'availability', errorRatioQuery: 'x[{{.window}}]' },
        '30m',
      ),
    ).toBe('(x[30m])');
    expect(
      errorRatioQuery(
        {
          kind: 'availability',
          goodQuery: 'sum(rate(g[5m]))',
          totalQuery: 'sum(rate(t[5m]))',
        },
        '6h',
      ),
    ).toBe('1 - (\n(sum(rate(g[6h])))\n/\n(sum(rate(t[6h])))\n)');
  });
});
