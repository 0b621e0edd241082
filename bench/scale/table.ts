/**
 * The scale bench's table: each figure for stock and the portal, the ratio portal/stock, and
 * whether it meets the goal (≤ 1.2×; CPU after ingestion within 10 % of stock's). Pure, so the
 * arithmetic is testable apart from the runs.
 */
import { Latency, Window } from './measure';

export interface ScaleRun {
  readyMs: number;
  servedMs: number;
  list: Latency;
  facet: Latency;
  after: Window;
  idle: Window;
}

export interface ReadyRun {
  readyMs: number;
  /** Tree RSS peak during the first window and after it, MB. */
  peakEarlyMb: number;
  peakLateMb: number;
}

export interface AppFigures {
  /** The median of the scale runs, figure by figure (the run itself when there is one). */
  scale: ScaleRun;
  /** Every scale run, in order (stock's and the portal's alternate). */
  scaleRuns?: ScaleRun[];
  ready: ReadyRun[];
}

/** The median of the values (the mean of the middle two for an even count). */
export function median(values: number[]): number {
  const xs = [...values].sort((a, b) => a - b);
  const mid = Math.floor(xs.length / 2);
  return xs.length % 2 ? xs[mid] : (xs[mid - 1] + xs[mid]) / 2;
}

/**
 * Each figure's median over the runs, figure by figure: the 60 s after ingestion and the idle
 * window hold whatever the catalog's own processing does then, which moves between runs of the
 * same code as much as any change does.
 */
export function medianRun(runs: ScaleRun[]): ScaleRun {
  const m = (pick: (r: ScaleRun) => number) => median(runs.map(pick));
  const windowOf = (pick: (r: ScaleRun) => Window): Window => ({
    seconds: pick(runs[0]).seconds,
    machineCpuPct: m(r => pick(r).machineCpuPct),
    backendCpuSeconds: m(r => pick(r).backendCpuSeconds),
    rssMbAtEnd: m(r => pick(r).rssMbAtEnd),
    loadAvg: runs.map(r => pick(r).loadAvg).join('; '),
    // Minute by minute belongs to one run; each run's is in the log.
    perMinuteCpuSeconds: [],
    catalogFileReads: runs.every(r => pick(r).catalogFileReads !== undefined)
      ? m(r => pick(r).catalogFileReads!)
      : undefined,
  });
  return {
    readyMs: m(r => r.readyMs),
    servedMs: m(r => r.servedMs),
    list: { p50: m(r => r.list.p50), p95: m(r => r.list.p95) },
    facet: { p50: m(r => r.facet.p50), p95: m(r => r.facet.p95) },
    after: windowOf(r => r.after),
    idle: windowOf(r => r.idle),
  };
}

const fileReads = (r: ScaleRun) =>
  `${r.after.catalogFileReads ?? '?'} / ${r.idle.catalogFileReads ?? '?'}`;

/** One line per pair of scale runs (stock's run i with the portal's run i): figures and ratios. */
export function renderRuns(stock: ScaleRun[], portal: ScaleRun[]): string {
  const cell = (p: number, s: number, digits: number) =>
    `${fmt(s, digits)} → ${fmt(p, digits)} (${ratioText(ratio(p, s))})`;
  const lines = [
    '| run | served, s | list p50 / p95, ms | facet p50 / p95, ms | RSS after, MB | CPU-s after | CPU-s idle | CPU-s both | file reads after / idle |',
    '|---|---|---|---|---|---|---|---|---|',
  ];
  for (let i = 0; i < Math.min(stock.length, portal.length); i++) {
    const [s, p] = [stock[i], portal[i]];
    lines.push(
      `| ${i + 1} | ${cell(p.servedMs / 1000, s.servedMs / 1000, 0)} | ${cell(
        p.list.p50,
        s.list.p50,
        1,
      )}, ${cell(p.list.p95, s.list.p95, 1)} | ${cell(
        p.facet.p50,
        s.facet.p50,
        1,
      )}, ${cell(p.facet.p95, s.facet.p95, 1)} | ${cell(
        p.after.rssMbAtEnd,
        s.after.rssMbAtEnd,
        0,
      )} | ${cell(
        p.after.backendCpuSeconds,
        s.after.backendCpuSeconds,
        1,
      )} | ${cell(
        p.idle.backendCpuSeconds,
        s.idle.backendCpuSeconds,
        1,
      )} | ${cell(
        p.after.backendCpuSeconds + p.idle.backendCpuSeconds,
        s.after.backendCpuSeconds + s.idle.backendCpuSeconds,
        1,
      )} | ${fileReads(s)} → ${fileReads(p)} |`,
    );
  }
  return lines.join('\n');
}

export interface TableOptions {
  components: number;
  cores: number;
  earlyS: number;
  lateS: number;
}

const RATIO_GOAL = 1.2;
const CPU_GOAL = 1.1;

const fmt = (x: number, digits = 1) =>
  x.toLocaleString('en-US', {
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  });
const ratio = (portal: number, stock: number) => portal / stock;
const ratioText = (r: number) => (Number.isFinite(r) ? `${fmt(r, 2)}×` : '—');
const range = (all: number[], digits: number) => {
  const xs = all.filter(Number.isFinite);
  if (xs.length === 0) return '—';
  const lo = Math.min(...xs);
  const hi = Math.max(...xs);
  return lo.toFixed(digits) === hi.toFixed(digits)
    ? fmt(lo, digits)
    : `${fmt(lo, digits)}–${fmt(hi, digits)}`;
};
const verdict = (ratios: number[], goal: number) =>
  ratios.every(r => Number.isFinite(r) && r <= goal) ? 'yes' : 'no';

interface Row {
  label: string;
  stock: string;
  portal: string;
  ratio: string;
  goal: string;
}

/** Ratios of run i of the portal to run i of stock (runs alternate, so pairs share conditions). */
const paired = (p: number[], s: number[]) =>
  p.map((x, i) => ratio(x, s[Math.min(i, s.length - 1)]));

export function tableRows(
  stock: AppFigures,
  portal: AppFigures,
  o: TableOptions,
): Row[] {
  const s = stock.scale;
  const p = portal.scale;
  const rows: Row[] = [];
  const push = (
    label: string,
    sv: string,
    pv: string,
    ratios: number[],
    goal: number | undefined,
  ) =>
    rows.push({
      label,
      stock: sv,
      portal: pv,
      ratio: ratios.length ? ratios.map(ratioText).join(' / ') : '—',
      goal: goal === undefined ? '—' : `${verdict(ratios, goal)} (≤ ${goal}×)`,
    });

  push(
    `all ${o.components.toLocaleString('en-US')} components served after start`,
    `${fmt(s.servedMs / 1000, 0)} s`,
    `${fmt(p.servedMs / 1000, 0)} s`,
    [ratio(p.servedMs, s.servedMs)],
    RATIO_GOAL,
  );
  for (const [label, key] of [
    ['catalog list, first page (20 by name), p50 / p95', 'list'],
    ['owner facet, p50 / p95', 'facet'],
  ] as const) {
    push(
      label,
      `${fmt(s[key].p50)} / ${fmt(s[key].p95)} ms`,
      `${fmt(p[key].p50)} / ${fmt(p[key].p95)} ms`,
      [ratio(p[key].p50, s[key].p50), ratio(p[key].p95, s[key].p95)],
      RATIO_GOAL,
    );
  }
  push(
    `backend RSS, ${s.after.seconds} s after that`,
    `${fmt(s.after.rssMbAtEnd, 0)} MB`,
    `${fmt(p.after.rssMbAtEnd, 0)} MB`,
    [ratio(p.after.rssMbAtEnd, s.after.rssMbAtEnd)],
    RATIO_GOAL,
  );
  push(
    `CPU of the machine, ${s.after.seconds} s after that`,
    `${fmt(s.after.machineCpuPct, 0)} % (of ${o.cores * 100} %)`,
    `${fmt(p.after.machineCpuPct, 0)} % (of ${o.cores * 100} %)`,
    [],
    undefined,
  );
  push(
    `backend CPU-seconds, ${s.after.seconds} s after that`,
    `${fmt(s.after.backendCpuSeconds)} s`,
    `${fmt(p.after.backendCpuSeconds)} s`,
    [ratio(p.after.backendCpuSeconds, s.after.backendCpuSeconds)],
    CPU_GOAL,
  );
  push(
    `backend CPU-seconds, the ${s.idle.seconds} s after that (nothing changes)`,
    `${fmt(s.idle.backendCpuSeconds)} s`,
    `${fmt(p.idle.backendCpuSeconds)} s`,
    [ratio(p.idle.backendCpuSeconds, s.idle.backendCpuSeconds)],
    CPU_GOAL,
  );
  // Where the catalog's own second round of processing falls (in the 60 s window or in the
  // next) depends on when ingestion ended; both windows together compare the same work.
  const both = (r: ScaleRun) =>
    r.after.backendCpuSeconds + r.idle.backendCpuSeconds;
  push(
    `backend CPU-seconds, both windows (${s.after.seconds} s + ${s.idle.seconds} s)`,
    `${fmt(both(s))} s`,
    `${fmt(both(p))} s`,
    [ratio(both(p), both(s))],
    undefined,
  );
  // Each read of the 10,000-component file costs either app the same few CPU-seconds, and how
  // many fall in a window is chance (every 100–200 s): compare the CPU rows with these.
  const reads = (w: Window) =>
    w.catalogFileReads === undefined ? '?' : fmt(w.catalogFileReads, 0);
  push(
    `times the catalog read its ${fmt(o.components, 0)}-component file, ${
      s.after.seconds
    } s / ${s.idle.seconds} s windows`,
    `${reads(s.after)} / ${reads(s.idle)}`,
    `${reads(p.after)} / ${reads(p.idle)}`,
    [],
    undefined,
  );
  const sr = stock.ready;
  const pr = portal.ready;
  const readyRatios = paired(
    pr.map(r => r.readyMs),
    sr.map(r => r.readyMs),
  );
  push(
    `backend ready, demo config, no extra catalog (${sr.length} runs each, alternating)`,
    `${range(
      sr.map(r => r.readyMs / 1000),
      1,
    )} s`,
    `${range(
      pr.map(r => r.readyMs / 1000),
      1,
    )} s`,
    [],
    undefined,
  );
  rows[rows.length - 1].ratio = `${range(readyRatios, 2)}×`;
  rows[rows.length - 1].goal = `${verdict(readyRatios, RATIO_GOAL)} (≤ 1.2×)`;
  const early = paired(
    pr.map(r => r.peakEarlyMb),
    sr.map(r => r.peakEarlyMb),
  );
  const late = paired(
    pr.map(r => r.peakLateMb),
    sr.map(r => r.peakLateMb),
  );
  rows.push({
    label: `backend RSS peak during the first ${o.earlyS} s / the ${o.lateS} s after`,
    stock: `${range(
      sr.map(r => r.peakEarlyMb),
      0,
    )} / ${range(
      sr.map(r => r.peakLateMb),
      0,
    )} MB`,
    portal: `${range(
      pr.map(r => r.peakEarlyMb),
      0,
    )} / ${range(
      pr.map(r => r.peakLateMb),
      0,
    )} MB`,
    ratio: `${range(early, 2)}× / ${range(late, 2)}×`,
    goal: `${verdict([...early, ...late], RATIO_GOAL)} (≤ 1.2×)`,
  });
  return rows;
}

export function renderTable(
  stock: AppFigures,
  portal: AppFigures,
  o: TableOptions,
): string {
  const lines = [
    '| | stock | the portal | ratio | meets goal |',
    '|---|---|---|---|---|',
    ...tableRows(stock, portal, o).map(
      r => `| ${r.label} | ${r.stock} | ${r.portal} | ${r.ratio} | ${r.goal} |`,
    ),
  ];
  return lines.join('\n');
}
