import { DAY_MS } from '@internal/plugin-dora-common';
import { Knex } from 'knex';
import { octaveOf, weekOf } from '../../metrics/valueBins';
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

/**
 * Adds counts into `table`: dora_value_bins or dora_value_octaves (daily), or their weekly
 * sums; `bin` of a delta row is an octave for the octave tables.
 */
async function addBinCounts(
  trx: Knex.Transaction,
  table: string,
  period: 'day' | 'week',
  column: 'bin' | 'octave',
  delta: BinRow[],
): Promise<void> {
  const rows = delta.map(r => ({
    metric: r.metric,
    environment: r.environment,
    [period]: r.day,
    [column]: r.bin,
    n: r.n,
  }));
  const key = ['metric', 'environment', period, column];
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

/**
 * Sums bin rows into coarser keys: the Monday-start week of the day, and/or the octave of the
 * bin. Sorted, so concurrent movers lock the rows in one order; rows that cancel out are left out.
 */
export function rollUpBins(
  rows: BinRow[],
  { weekly, octaves }: { weekly: boolean; octaves: boolean },
): BinRow[] {
  const sums = new Map<string, BinRow>();
  for (const r of rows) {
    const day = weekly ? weekOf(r.day) : r.day;
    const bin = octaves ? octaveOf(r.bin) : r.bin;
    const id = `${r.metric}\u0000${r.environment}\u0000${day}\u0000${bin}`;
    const entry = sums.get(id) ?? { ...r, day, bin, n: 0 };
    entry.n += r.n;
    sums.set(id, entry);
  }
  return [...sums.values()].filter(r => r.n !== 0).sort(compareBinRows);
}

/** Moves the org-wide bin counts by what a refresh removed from and inserted into `table`. */
export async function moveOrgBins(
  trx: Knex.Transaction,
  table: string,
  removed: Row[],
  inserted: Row[],
): Promise<void> {
  const daily = rollUpBins(binRowsOf(table, removed, inserted), {
    weekly: false,
    octaves: false,
  });
  if (daily.length === 0) return;
  const at = (weekly: boolean, octaves: boolean) =>
    rollUpBins(daily, { weekly, octaves });
  await addBinCounts(trx, 'dora_value_bins', 'day', 'bin', daily);
  await addBinCounts(
    trx,
    'dora_value_bins_weekly',
    'week',
    'bin',
    at(true, false),
  );
  await addBinCounts(
    trx,
    'dora_value_octaves',
    'day',
    'octave',
    at(false, true),
  );
  await addBinCounts(
    trx,
    'dora_value_octaves_weekly',
    'week',
    'octave',
    at(true, true),
  );
}
