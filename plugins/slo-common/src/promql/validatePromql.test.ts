import { inspectPromql } from './validatePromql';

describe('inspectPromql', () => {
  it.each([
    ['http_requests_total{code!~"5.."}', true, false],
    ['(http_requests_total)', true, false],
    ['sum(rate(http_requests_total{code!~"5.."}[5m]))', false, true],
    ['sum(increase(http_requests_total[{{.window}}]))', false, true],
    ['sum(rate(x[{{ .window }}])) / sum(irate(y[1m]))', false, true],
    [
      'sum_over_time((count(x < 0.75))[{{.window}}:]) OR on() vector(0)',
      false,
      false,
    ],
    ['1 - avg(avg_over_time(ratio[{{.window}}]))', false, false],
    ['sum(http_requests_total)', false, false],
  ])(
    '%s parses (selector %s, counts events %s)',
    (expr, selector, countsEvents) => {
      expect(inspectPromql(expr)).toEqual({
        problem: undefined,
        selector,
        countsEvents,
      });
    },
  );

  it.each([
    [
      'sum(rate(x[5m])',
      'invalid PromQL: unexpected end of expression at line 1, column 16',
    ],
    [
      'sum(rate(x[{{.window}}])',
      'invalid PromQL: unexpected end of expression at line 1, column 25',
    ],
    ['foo{a=}', 'invalid PromQL: unexpected "}" at line 1, column 7'],
    [
      'sum(rate(x))',
      'invalid PromQL: rate() needs a range such as [5m] after its selector (line 1, column 10)',
    ],
    [
      'increase(x{a="b"})',
      'invalid PromQL: increase() needs a range such as [5m] after its selector (line 1, column 10)',
    ],
    [
      'sum by (job) (\n  rate(x[5m]) +\n)',
      'invalid PromQL: unexpected ")" at line 3, column 1',
    ],
    [
      'rate(x[{{.range}}])',
      'unknown template variable {{.range}}: only {{.window}} is substituted',
    ],
    ['   ', 'must be a PromQL expression'],
  ])('%j is refused: %s', (expr, problem) => {
    expect(inspectPromql(expr).problem).toBe(problem);
  });
});
