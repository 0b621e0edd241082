import { Slo } from '@internal/plugin-slo-common';

/** A raw counter series as a scrape would record it. */
export interface RawSeries {
  name: string;
  labels: Record<string, string>;
  samples: Array<[number, number]>;
}

/** Samples every 100 s: three per 5-minute bucket, aligned to bucket boundaries. */
export const SCRAPE_SECONDS = 100;
export const HISTORY_DAYS = 35;
const HOUR = 3600;
const DAY = 86400;

/** Per-scrape increments; constant within a bucket so any range semantics count it exactly. */
type Increments = (bucketStart: number) => Record<string, number>;

interface Scenario {
  slo: Omit<Slo, 'source' | 'budgeting' | 'window' | 'target'>;
  series: Record<string, { name: string; labels: Record<string, string> }>;
  increments: Increments;
  /** Times a counter restarts from 0 (the process restarted just after the previous scrape). */
  resets?: number[];
  /** (from, to): no samples at all (a scrape outage). */
  gap?: [number, number];
  /**
   * Scrapes this many seconds after each multiple of {@link SCRAPE_SECONDS}, so samples fall
   * neither on bucket edges nor on window bounds; the first is a scrape before the history.
   */
  offset?: number;
}

function req(job: string, code: string) {
  return { name: 'http_requests_total', labels: { job, code } };
}

function scenarios(end: number): Scenario[] {
  const bucketOfDay = (t: number) => Math.floor((t % DAY) / 300);
  // Day/night traffic so buckets differ.
  const traffic = (t: number, base: number) =>
    base + (bucketOfDay(t) < 144 ? base / 2 : 0) + (bucketOfDay(t) % 7);
  const ratio = (
    job: string,
    events: { goodQuery: string } | { badQuery: string },
    objectivePercent: number,
  ) => ({
    id: `${job}/availability`,
    name: 'availability',
    service: job,
    objectivePercent,
    indicator: {
      kind: 'availability' as const,
      ...events,
      totalQuery: `sum(rate(http_requests_total{job="${job}"}[5m]))`,
    },
  });
  const okErr = (ok: number, err: number) => ({ ok, err });
  return [
    {
      slo: ratio(
        'healthy',
        {
          goodQuery:
            'sum(rate(http_requests_total{job="healthy",code!~"5.."}[5m]))',
        },
        99.9,
      ),
      series: { ok: req('healthy', '200'), err: req('healthy', '500') },
      increments: t => {
        const total = traffic(t, 100);
        const err = Math.floor(t / 300) % 40 === 0 ? 2 : 0;
        return okErr(total - err, err);
      },
    },
    {
      // Sloth events form: bad query with {{.window}}; 2% errors for the last 2 hours.
      slo: ratio(
        'fastburn',
        {
          badQuery:
            'sum(rate(http_requests_total{job="fastburn",code=~"5.."}[{{.window}}]))',
        },
        99.9,
      ),
      series: { ok: req('fastburn', '200'), err: req('fastburn', '503') },
      increments: t => {
        const total = 1000;
        let err = 0;
        if (end - t <= 2 * HOUR) err = 20;
        else if (Math.floor(t / 300) % 5 === 0) err = 1;
        return okErr(total - err, err);
      },
    },
    {
      // Latency histogram: 1.5% slow for the last 3 days against a 99% objective.
      slo: {
        id: 'slowburn/latency',
        name: 'latency',
        service: 'slowburn',
        objectivePercent: 99,
        indicator: {
          kind: 'latency',
          histogramMetric: 'request_duration_seconds',
          thresholdSeconds: 0.5,
          selector: 'job="slowburn"',
        },
      },
      series: {
        fast: {
          name: 'request_duration_seconds_bucket',
          labels: { job: 'slowburn', le: '0.5' },
        },
        all: {
          name: 'request_duration_seconds_bucket',
          labels: { job: 'slowburn', le: '+Inf' },
        },
        count: {
          name: 'request_duration_seconds_count',
          labels: { job: 'slowburn' },
        },
      },
      increments: t => {
        const slow = end - t <= 3 * DAY ? 3 : 1;
        return { fast: 200 - slow, all: 200, count: 200 };
      },
    },
    {
      slo: ratio(
        'idle',
        {
          goodQuery:
            'sum(rate(http_requests_total{job="idle",code!~"5.."}[5m]))',
        },
        99,
      ),
      series: { ok: req('idle', '200'), err: req('idle', '500') },
      increments: () => okErr(0, 0),
    },
    {
      // OpenSLO raw counters (counter: true), restarting twice.
      slo: {
        id: 'restarts/availability',
        name: 'availability',
        service: 'restarts',
        objectivePercent: 99.5,
        indicator: {
          kind: 'availability',
          goodQuery: 'http_requests_total{job="restarts",code="200"}',
          totalQuery: 'http_requests_total{job="restarts"}',
          counter: true,
        },
      },
      series: { ok: req('restarts', '200'), err: req('restarts', '500') },
      increments: t =>
        okErr(traffic(t, 50), Math.floor(t / 300) % 3 === 0 ? 1 : 0),
      resets: [end - 20 * DAY + 7 * SCRAPE_SECONDS, end - 90 * 60 + 100],
    },
    {
      slo: ratio(
        'gappy',
        {
          goodQuery:
            'sum(rate(http_requests_total{job="gappy",code!~"5.."}[5m]))',
        },
        99.5,
      ),
      series: { ok: req('gappy', '200'), err: req('gappy', '500') },
      increments: t => okErr(100, Math.floor(t / 300) % 10 === 0 ? 4 : 0),
      gap: [end - 10 * DAY, end - 10 * DAY + 6 * HOUR],
    },
    {
      // Arithmetic between queries cannot be read as one counter: collected by evaluating the
      // queries over each bucket.
      slo: {
        id: 'arith/availability',
        name: 'availability',
        service: 'arith',
        objectivePercent: 99.5,
        indicator: {
          kind: 'availability',
          goodQuery:
            'sum(rate(http_requests_total{job="arith",code="200"}[5m])) + sum(rate(http_requests_total{job="arith",code="201"}[5m]))',
          totalQuery: 'sum(rate(http_requests_total{job="arith"}[5m]))',
        },
      },
      series: {
        ok: req('arith', '200'),
        created: req('arith', '201'),
        err: req('arith', '500'),
      },
      increments: t => ({
        ...okErr(traffic(t, 80), Math.floor(t / 300) % 4 === 0 ? 1 : 0),
        created: 7,
      }),
    },
    {
      // Scraped off the bucket edges, restarting 2 hours before the end.
      slo: ratio(
        'offset',
        {
          goodQuery:
            'sum(rate(http_requests_total{job="offset",code!~"5.."}[5m]))',
        },
        99,
      ),
      series: { ok: req('offset', '200'), err: req('offset', '500') },
      increments: t =>
        okErr(traffic(t, 120), Math.floor(t / 300) % 3 === 0 ? 2 : 0),
      offset: 37,
      resets: [end - 2 * HOUR + 37],
    },
    {
      // Not scraped for 3 hours while the process kept counting, 40% errors meanwhile (a
      // counter selector, as a plain list writes it); then a restart in the last hour. The
      // gap ends 2h05m before `end`, so every window holds all of it or none of it.
      slo: {
        id: 'outage/availability',
        name: 'availability',
        service: 'outage',
        objectivePercent: 99,
        indicator: {
          kind: 'availability',
          goodQuery: 'http_requests_total{job="outage",code!~"5.."}',
          totalQuery: 'http_requests_total{job="outage"}',
        },
      },
      series: { ok: req('outage', '200'), err: req('outage', '500') },
      increments: t => {
        const inGap = t >= end - 5 * HOUR - 300 && t < end - 2 * HOUR - 300;
        return inGap ? okErr(60, 40) : okErr(traffic(t, 100), t % 900 ? 0 : 1);
      },
      gap: [end - 5 * HOUR - 300, end - 2 * HOUR - 300],
      resets: [end - 40 * 60 + 100],
    },
  ];
}

/** Synthetic SLOs with 35 days of raw samples ending at `end` (a multiple of 300). */
export function syntheticHistory(end: number): {
  slos: Slo[];
  series: RawSeries[];
} {
  const start = end - HISTORY_DAYS * DAY;
  const slos: Slo[] = [];
  const series: RawSeries[] = [];
  for (const s of scenarios(end)) {
    slos.push({
      ...s.slo,
      target: s.slo.objectivePercent / 100,
      window: { kind: 'rolling', seconds: 30 * DAY },
      budgeting: { method: 'occurrences' },
      source: { format: 'plain', file: 'synthetic' },
    } as Slo);
    for (const [key, def] of Object.entries(s.series)) {
      const samples: Array<[number, number]> = [];
      // Counters do not start at 0: the process has been up before the history begins.
      let value = 1_000_000;
      const first = s.offset ? start - SCRAPE_SECONDS + s.offset : start;
      for (let t = first; t <= end; t += SCRAPE_SECONDS) {
        if (t > start) {
          const bucketStart = Math.floor((t - 1) / 300) * 300;
          const inc = s.increments(bucketStart)[key];
          value = s.resets?.includes(t) ? inc : value + inc;
        }
        if (s.gap && t > s.gap[0] && t < s.gap[1]) continue;
        samples.push([t, value]);
      }
      series.push({ ...def, samples });
    }
  }
  return { slos, series };
}

/** The series as an OpenMetrics file for `promtool tsdb create-blocks-from openmetrics`. */
export function toOpenMetrics(series: RawSeries[]): string {
  const lines: string[] = [];
  for (const s of series) {
    const labels = Object.entries(s.labels)
      .map(([k, v]) => `${k}="${v}"`)
      .join(',');
    for (const [t, v] of s.samples) {
      lines.push(`${s.name}{${labels}} ${v} ${t}`);
    }
  }
  lines.push('# EOF', '');
  return lines.join('\n');
}
