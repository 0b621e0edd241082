import { InputError } from '@backstage/errors';
import {
  counterSelectors,
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

describe('counterSelectors', () => {
  const ratio = (good: string, total: string) => ({
    kind: 'availability' as const,
    goodQuery: good,
    totalQuery: total,
  });
  it.each<[string, string, string | undefined]>([
    [
      'a bare selector',
      'http_requests_total{code!~"5.."}',
      'http_requests_total{code!~"5.."}',
    ],
    ['rate in sum', 'sum(rate(x{a="b"}[5m]))', 'x{a="b"}'],
    ['Sloth window', 'sum(rate(x{a="b"}[{{.window}}]))', 'x{a="b"}'],
    ['increase, spaced', ' sum ( increase( x [1h] ) ) ', 'x'],
    ['grouping before', 'sum by (job) (rate(x[5m]))', 'x'],
    ['grouping after', 'sum(rate(x[5m])) without (instance)', 'x'],
    ['rate alone', 'rate(x[5m])', 'x'],
    ['arithmetic', 'sum(rate(a[5m])) - sum(rate(b[5m]))', undefined],
    ['irate is not a count', 'sum(irate(x[5m]))', undefined],
    ['an offset', 'sum(rate(x[5m] offset 1h))', undefined],
    ['a gauge function', 'sum(avg_over_time(x[5m]))', undefined],
    ['unbalanced', 'sum(rate(x[5m])', undefined],
  ])('%s', (_, query, selector) => {
    const got = counterSelectors(ratio(query, 'sum(rate(t[5m]))'));
    expect(got).toEqual(selector ? { good: selector, total: 't' } : undefined);
  });

  it('takes the queries apart only when both are counters', () => {
    expect(
      counterSelectors({
        kind: 'availability',
        badQuery: 'sum(rate(e[5m]))',
        totalQuery: 'sum(rate(a[5m])) + sum(rate(b[5m]))',
      }),
    ).toBeUndefined();
    expect(
      counterSelectors({ kind: 'availability', errorRatioQuery: 'x' }),
    ).toBeUndefined();
  });

  it("reads a histogram's bucket and count", () => {
    expect(
      counterSelectors({
        kind: 'latency',
        histogramMetric: 'http_duration_seconds',
        thresholdSeconds: 0.25,
        selector: 'service="payment"',
      }),
    ).toEqual({
      good: 'http_duration_seconds_bucket{service="payment",le="0.25"}',
      total: 'http_duration_seconds_count{service="payment"}',
    });
  });
});
