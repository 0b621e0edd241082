import { DAY_MS } from '@internal/plugin-dora-common';
import { Knex } from 'knex';
import { weekOf } from '../../metrics/valueBins';
import { iso } from '../rows';
import { BINNED_VALUES } from './binnedValues';
import { dayOf } from './refreshFacts';

/**
 * The longest window GET /metrics names (`180d`) and its previous window, which the trends read:
 * events are never kept for less, so the named windows always lie after the cut-off.
 */
export const MIN_EVENT_DAYS = 2 * 180;

/**
 * Where event retention cuts: the Monday (00:00 UTC) on or before `eventDays` days before `now`.
 * Whole weeks go, so the weekly value bins below the cut-off are dropped whole rather than
 * adjusted by the deleted samples.
 */
export function eventCutOff(now: number, eventDays: number): number {
  return weekOf(dayOf(now) - eventDays) * DAY_MS;
}

/** One transaction of the retention: a week of derived rows and deployments, or a chunk of keys. */
export interface RetentionChunk {
  /** `week <iso date>`, `incidents` or `changes`. */
  part: string;
  rows: number;
  ms: number;
}

export interface EventRetentionResult {
  cutOffMs: number;
  deployments: number;
  incidents: number;
  changes: number;
  /** Facts, lead-time and PR samples, daily rollups, value bins and octaves. */
  derived: number;
  chunks: RetentionChunk[];
}

const METRICS = BINNED_VALUES.map(v => v.metric);

/**
 * Deletes the events before `cutOffMs` (a Monday, see eventCutOff) and every derived row that
 * counts in a UTC day before it, so a read of a window starting at or after the cut-off sums the
 * same rows as before (README "Retention" states what is kept):
 *
 * - per week below the cut-off, one transaction: the derived rows of its days and weeks (facts,
 *   lead-time and PR samples, dora_daily of every scope, value bins and octaves, daily and
 *   weekly) and its deployments with their commits, except a deployment a kept incident names
 *   as its cause (the incident's link would otherwise fall through to another deployment);
 * - incidents resolved before the cut-off, with their links, in chunks of keys;
 * - change records committed before the cut-off that no stored deployment lists, with their
 *   parent edges; a record of a pull request stays while a stored deployment lists any commit
 *   of that PR (PR stage times are minima over all its records).
 *
 * Every statement is a set-based DELETE (or a keyed page of at most `chunkSize` keys), so
 * nothing grows with the history; a run that stops half-way leaves only weeks before the cut-off
 * partly deleted, and the next run finishes them.
 */
export async function deleteExpiredEvents(
  db: Knex,
  cutOffMs: number,
  options: { chunkSize?: number } = {},
): Promise<EventRetentionResult> {
  const cutDay = dayOf(cutOffMs);
  if (cutOffMs !== cutDay * DAY_MS || weekOf(cutDay) !== cutDay) {
    throw new Error(
      `DORA retention: the cut-off must be a Monday 00:00 UTC, not ${iso(
        cutOffMs,
      )}`,
    );
  }
  const chunkSize = options.chunkSize ?? 2000;
  const result: EventRetentionResult = {
    cutOffMs,
    deployments: 0,
    incidents: 0,
    changes: 0,
    derived: 0,
    chunks: [],
  };
  const timed = async (part: string, fn: () => Promise<number>) => {
    const started = Date.now();
    const rows = await fn();
    result.chunks.push({ part, rows, ms: Date.now() - started });
    return rows;
  };

  const environments = (
    await db('dora_daily')
      .distinct('environment')
      .where('scope_ref', '*')
      .where('day', '<', cutDay)
  ).map(r => r.environment as string);
  const firstDay = await oldestDay(db);
  if (firstDay !== undefined) {
    for (let week = weekOf(firstDay); week < cutDay; week += 7) {
      await timed(`week ${iso(week * DAY_MS).slice(0, 10)}`, () =>
        db.transaction(async trx => {
          const { deployments, derived } = await deleteWeek(
            trx,
            week,
            cutOffMs,
            environments,
          );
          result.deployments += deployments;
          result.derived += derived;
          return deployments + derived;
        }),
      );
    }
  }

  // Incidents, then changes: pages in primary-key order, each deleted in its own transaction.
  result.incidents = await deleteInPages(db, {
    table: 'incidents',
    key: ['id', 'entity_ref'],
    dependent: { table: 'incident_links', key: ['incident_id', 'entity_ref'] },
    expired: q =>
      q
        .whereNotNull('x.resolved_at')
        .where('x.resolved_at', '<', iso(cutOffMs)),
    chunkSize,
    timed: fn => timed('incidents', fn),
  });
  result.changes = await deleteInPages(db, {
    table: 'changes',
    key: ['sha', 'entity_ref'],
    dependent: { table: 'change_parents', key: ['sha', 'entity_ref'] },
    expired: (q, k) =>
      q
        .where('x.committed_at', '<', iso(cutOffMs))
        .whereNotExists(
          k('deployment_commits as dc').select(1).whereRaw('dc.sha = x.sha'),
        )
        // Reached through parent edges by a kept deployment, which took its sample.
        .whereNotExists(
          k('dora_lead_times as lt')
            .select(1)
            .whereRaw('lt.sha = x.sha')
            .where('lt.deployed_ms', '>=', cutOffMs),
        )
        .where(pr =>
          pr
            .whereNull('x.pr_id')
            .orWhereNotExists(
              k('changes as other')
                .select(1)
                .join('deployment_commits as odc', 'odc.sha', 'other.sha')
                .whereRaw('other.pr_id = x.pr_id'),
            ),
        ),
    chunkSize,
    timed: fn => timed('changes', fn),
  });
  return result;
}

/** The first UTC day holding a deployment or a derived row, if any. */
async function oldestDay(db: Knex): Promise<number | undefined> {
  const [deployment, daily, bins] = await Promise.all([
    db('deployments').min({ t: 'finished_at' }).first(),
    db('dora_daily').min({ day: 'day' }).first(),
    db('dora_value_bins_weekly').min({ week: 'week' }).first(),
  ]);
  const days = [
    deployment?.t ? dayOf(new Date(deployment.t).getTime()) : undefined,
    daily?.day ?? undefined,
    bins?.week ?? undefined,
  ]
    .filter(d => d !== undefined && d !== null)
    .map(Number);
  return days.length > 0 ? Math.min(...days) : undefined;
}

/** One week's derived rows and deployments (see deleteExpiredEvents). */
async function deleteWeek(
  trx: Knex.Transaction,
  week: number,
  cutOffMs: number,
  environments: string[],
): Promise<{ deployments: number; derived: number }> {
  const [fromMs, toMs] = [week * DAY_MS, (week + 7) * DAY_MS];
  const expired = () =>
    trx('deployments as d')
      .select('d.id', 'd.entity_ref', 'd.source')
      .where('d.finished_at', '>=', iso(fromMs))
      .where('d.finished_at', '<', iso(toMs))
      .whereNotExists(
        trx('incidents as i')
          .select(1)
          .whereRaw('i.entity_ref = d.entity_ref')
          .whereRaw('i.caused_by_deployment_id = d.id')
          .where(q =>
            q
              .whereNull('i.resolved_at')
              .orWhere('i.resolved_at', '>=', iso(cutOffMs)),
          ),
      )
      // A successful deployment whose commits a kept deployment of the entity lists again
      // delivered them first: without it the kept one would take their lead-time samples.
      .where(q =>
        q.whereNot('d.status', 'success').orWhereNotExists(
          trx('deployment_commits as dc')
            .select(1)
            .join('deployment_commits as again', join =>
              join
                .on('again.sha', 'dc.sha')
                .andOn('again.entity_ref', 'dc.entity_ref'),
            )
            .join('deployments as kept', join =>
              join
                .on('kept.id', 'again.deployment_id')
                .andOn('kept.entity_ref', 'again.entity_ref')
                .andOn('kept.source', 'again.source'),
            )
            .whereRaw('dc.deployment_id = d.id')
            .whereRaw('dc.entity_ref = d.entity_ref')
            .whereRaw('dc.source = d.source')
            .whereRaw('kept.environment = d.environment')
            .where('kept.finished_at', '>=', iso(cutOffMs)),
        ),
      )
      // Nor one that delivered a commit a kept deployment (of any environment) also delivered:
      // that commit's record stays, and an ancestry walk of this environment would reach it.
      .where(q =>
        q
          .whereNot('d.status', 'success')
          .orWhereNotExists(
            trx('dora_lead_times as lt')
              .select(1)
              .join('dora_lead_times as later', 'later.sha', 'lt.sha')
              .whereRaw('lt.entity_ref = d.entity_ref')
              .whereRaw('lt.environment = d.environment')
              .where('lt.deployed_ms', '>=', fromMs)
              .where('lt.deployed_ms', '<', toMs)
              .whereRaw('lt.deployment_id = d.id')
              .where('later.deployed_ms', '>=', cutOffMs),
          ),
      );
  await trx('deployment_commits')
    .whereIn(['deployment_id', 'entity_ref', 'source'], expired())
    .delete();
  const deployments = await trx('deployments')
    .whereIn(['id', 'entity_ref', 'source'], expired())
    .delete();
  let derived = 0;
  if (environments.length > 0) {
    // The environment lists let each DELETE use the (environment, time) indexes.
    // The samples of a deployment kept above stay: the next run decides on them again.
    derived += await trx('dora_lead_times')
      .whereIn('environment', environments)
      .where('deployed_ms', '>=', fromMs)
      .where('deployed_ms', '<', toMs)
      .whereNotExists(
        trx('deployments as k')
          .select(1)
          .whereRaw('k.id = dora_lead_times.deployment_id')
          .whereRaw('k.entity_ref = dora_lead_times.entity_ref'),
      )
      .delete();
    derived += await trx('dora_pr_samples')
      .whereIn('environment', environments)
      .where('deployed_ms', '>=', fromMs)
      .where('deployed_ms', '<', toMs)
      .delete();
    derived += await trx('dora_deployment_facts')
      .whereIn('environment', environments)
      .where('day', '>=', week)
      .where('day', '<', week + 7)
      .delete();
    derived += await trx('dora_daily')
      .whereIn('environment', environments)
      .where('day', '>=', week)
      .where('day', '<', week + 7)
      .delete();
    for (const table of ['dora_value_bins', 'dora_value_octaves']) {
      derived += await trx(table)
        .whereIn('metric', METRICS)
        .whereIn('environment', environments)
        .where('day', '>=', week)
        .where('day', '<', week + 7)
        .delete();
    }
    for (const table of [
      'dora_value_bins_weekly',
      'dora_value_octaves_weekly',
    ]) {
      derived += await trx(table)
        .whereIn('metric', METRICS)
        .whereIn('environment', environments)
        .where('week', week)
        .delete();
    }
  }
  return { deployments, derived };
}

/**
 * Deletes the rows of `table` (aliased `x` in `expired`) that `expired` selects, with the rows of
 * `dependent` they key, a page of at most `chunkSize` keys per transaction. A page is the key
 * range after the previous page's last key: the delete re-evaluates `expired` over that range
 * inside its transaction, so a row that stopped being expired meanwhile stays, and no page reads
 * the rows kept before it again.
 */
async function deleteInPages(
  db: Knex,
  spec: {
    table: string;
    key: [string, string];
    dependent: { table: string; key: [string, string] };
    expired: (
      q: Knex.QueryBuilder,
      k: Knex | Knex.Transaction,
    ) => Knex.QueryBuilder;
    chunkSize: number;
    timed: (fn: () => Promise<number>) => Promise<number>;
  },
): Promise<number> {
  const [k0, k1] = spec.key;
  const inRange = (
    k: Knex | Knex.Transaction,
    after: string[] | undefined,
    last?: string[],
  ) => {
    const q = k(`${spec.table} as x`);
    if (after) q.whereRaw(`(x.${k0}, x.${k1}) > (?, ?)`, after);
    if (last) q.whereRaw(`(x.${k0}, x.${k1}) <= (?, ?)`, last);
    return spec.expired(q, k);
  };
  let deleted = 0;
  let after: string[] | undefined;
  for (;;) {
    const page: Record<string, string>[] = await inRange(db, after)
      .select(`x.${k0}`, `x.${k1}`)
      .orderBy(`x.${k0}`)
      .orderBy(`x.${k1}`)
      .limit(spec.chunkSize);
    if (page.length === 0) return deleted;
    const from = after;
    const last = [page[page.length - 1][k0], page[page.length - 1][k1]];
    deleted += await spec.timed(() =>
      db.transaction(async trx => {
        const keys = () =>
          inRange(trx, from, last).select(`x.${k0}`, `x.${k1}`);
        await trx(spec.dependent.table)
          .whereIn(spec.dependent.key, keys())
          .delete();
        return Number(await trx(spec.table).whereIn(spec.key, keys()).delete());
      }),
    );
    after = last;
  }
}
