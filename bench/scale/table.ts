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
  scale: ScaleRun;
  ready: ReadyRun[];
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
