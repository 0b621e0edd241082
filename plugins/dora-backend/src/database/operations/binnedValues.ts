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

/**
 * Counts by (metric, environment, day, bin) in nested maps: a refresh sums tens of thousands of
 * rows, and a string key per row made 83 MB of garbage while the demo history was derived at
 * start-up, the largest part of the derivation's.
 */
class BinCounts {
  private readonly bySeries = new Map<
    string,
    Map<number, Map<number, BinRow>>
  >();

  add(
    metric: string,
    environment: string,
    day: number,
    bin: number,
    n: number,
  ) {
    const series = `${metric}\u0000${environment}`;
    let days = this.bySeries.get(series);
    if (!days) {
      days = new Map();
      this.bySeries.set(series, days);
    }
    let bins = days.get(day);
    if (!bins) {
      bins = new Map();
      days.set(day, bins);
    }
    const entry = bins.get(bin);
    if (entry) entry.n += n;
    else bins.set(bin, { metric, environment, day, bin, n });
  }

  /** The non-zero counts. */
  rows(): BinRow[] {
    const out: BinRow[] = [];
    for (const days of this.bySeries.values()) {
      for (const bins of days.values()) {
        for (const row of bins.values()) if (row.n !== 0) out.push(row);
      }
    }
    return out;
  }
}

/** Sums sample rows into bin counts (the bench's bulk loader uses it as well). */
export function binRowsOf(
  table: string,
  removed: Row[],
  inserted: Row[],
): BinRow[] {
  const counts = new BinCounts();
  const add = (rows: Row[], sign: number) => {
    for (const source of BINNED_VALUES.filter(s => s.table === table)) {
      for (const row of rows) {
        const key = binKeyOf(source, row);
        if (key) {
          counts.add(key.metric, key.environment, key.day, key.bin, sign);
        }
      }
    }
  };
  add(removed, -1);
  add(inserted, 1);
  return counts.rows();
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
  const sums = new BinCounts();
  for (const r of rows) {
    sums.add(
      r.metric,
      r.environment,
      weekly ? weekOf(r.day) : r.day,
      octaves ? octaveOf(r.bin) : r.bin,
      r.n,
    );
  }
  return sums.rows().sort(compareBinRows);
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
