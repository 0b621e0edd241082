import { DAY_MS } from '@internal/plugin-dora-common';
import { Knex } from 'knex';
import { weekOf } from '../../metrics/valueBins';
import { chunks, compareText } from '../queries';

// The binned duration samples and the org-wide counts a refresh keeps of them; reads are in
// readBinnedValues.ts.

/** A duration sample column whose org-wide distribution dora_value_bins counts. */
export interface BinnedValue {
  metric: string;
  table: string;
  time: string;
  /** undefined: count the rows (all in bin 0), e.g. pull requests. */
  value?: string;
  bin?: string;
}

/** A binned duration column (rather than a row count). */
export type BinnedSample = BinnedValue & { value: string; bin: string };

export const PR_STAGES = ['coding', 'pickup', 'review', 'deploy'] as const;
export type PrStage = (typeof PR_STAGES)[number];

export const LEAD_TIMES: BinnedSample = {
  metric: 'lead_time',
  table: 'dora_lead_times',
  time: 'deployed_ms',
  value: 'lead_time_ms',
  bin: 'bin',
};
export const RECOVERIES: BinnedSample = {
  metric: 'recovery',
  table: 'dora_deployment_facts',
  time: 'finished_ms',
  value: 'recovery_ms',
  bin: 'recovery_bin',
};
export const PULL_REQUESTS: BinnedValue = {
  metric: 'pull_requests',
  table: 'dora_pr_samples',
  time: 'deployed_ms',
};
export const PR_STAGE_VALUES: Record<PrStage, BinnedSample> =
  Object.fromEntries(
    PR_STAGES.map(s => [
      s,
      {
        metric: s,
        table: 'dora_pr_samples',
        time: 'deployed_ms',
        value: `${s}_ms`,
        bin: `${s}_bin`,
      },
    ]),
  ) as Record<PrStage, BinnedSample>;

export const BINNED_VALUES: BinnedValue[] = [
  LEAD_TIMES,
  RECOVERIES,
  PULL_REQUESTS,
  ...Object.values(PR_STAGE_VALUES),
];

export type BinRow = {
  metric: string;
  environment: string;
  day: number;
  bin: number;
  n: number;
};

type Row = Record<string, unknown>;

/** The (metric, environment, day, bin) a sample row counts in, if it counts. */
function binKeyOf(
  source: BinnedValue,
  row: Row,
): Omit<BinRow, 'n'> | undefined {
  let bin = 0;
  if (source.bin) {
    const value = row[source.bin];
    if (value === null || value === undefined) return undefined;
    bin = Number(value);
  }
  return {
    metric: source.metric,
    environment: String(row.environment),
    day: Math.floor(Number(row[source.time]) / DAY_MS),
    bin,
  };
}

/** Sums sample rows into bin counts (the bench's bulk loader uses it as well). */
export function binRowsOf(
  table: string,
  removed: Row[],
  inserted: Row[],
): BinRow[] {
  const counts = new Map<string, BinRow>();
  const add = (rows: Row[], sign: number) => {
    for (const source of BINNED_VALUES.filter(s => s.table === table)) {
      for (const row of rows) {
        const key = binKeyOf(source, row);
        if (!key) continue;
        const id = `${key.metric}\u0000${key.environment}\u0000${key.day}\u0000${key.bin}`;
        const entry = counts.get(id) ?? { ...key, n: 0 };
        entry.n += sign;
        counts.set(id, entry);
      }
    }
  };
  add(removed, -1);
  add(inserted, 1);
  return [...counts.values()].filter(r => r.n !== 0);
}

const compareBinRows = (a: BinRow, b: BinRow) =>
  compareText(a.metric, b.metric) ||
  compareText(a.environment, b.environment) ||
  a.day - b.day ||
  a.bin - b.bin;

/** Adds counts into `table` (daily: dora_value_bins, weekly: dora_value_bins_weekly). */
async function addBinCounts(
  trx: Knex.Transaction,
  table: string,
  period: 'day' | 'week',
  delta: BinRow[],
): Promise<void> {
  const rows = delta.map(r => ({
    metric: r.metric,
    environment: r.environment,
    [period]: r.day,
    bin: r.bin,
    n: r.n,
  }));
  const key = ['metric', 'environment', period, 'bin'];
  for (const part of chunks(rows, 500)) {
    await trx(table)
      .insert(part)
      .onConflict(key)
      .merge({ n: trx.raw('?? + ??', [`${table}.n`, 'excluded.n']) });
  }
  for (const part of chunks(
    rows.filter(r => r.n < 0),
    200,
  )) {
    await trx(table)
      .whereIn(key, part.map(r => key.map(c => r[c])) as any)
      .where('n', '<=', 0)
      .delete();
  }
}

/** Moves the org-wide bin counts by what a refresh removed from and inserted into `table`. */
export async function moveOrgBins(
  trx: Knex.Transaction,
  table: string,
  removed: Row[],
  inserted: Row[],
): Promise<void> {
  // Sorted, so concurrent movers lock the rows in one order.
  const daily = binRowsOf(table, removed, inserted).sort(compareBinRows);
  if (daily.length === 0) return;
  const weekly = new Map<string, BinRow>();
  for (const r of daily) {
    const week = weekOf(r.day);
    const id = `${r.metric}\u0000${r.environment}\u0000${week}\u0000${r.bin}`;
    const entry = weekly.get(id) ?? { ...r, day: week, n: 0 };
    entry.n += r.n;
    weekly.set(id, entry);
  }
  await addBinCounts(trx, 'dora_value_bins', 'day', daily);
  await addBinCounts(
    trx,
    'dora_value_bins_weekly',
    'week',
    [...weekly.values()].filter(r => r.n !== 0).sort(compareBinRows),
  );
}
