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

  // Incidents, then changes: keyed pages in primary-key order, each deleted in its own
  // transaction; the page after a key never rereads the rows kept before it.
  let after: string[] | undefined;
  for (;;) {
    const keys: { id: string; entity_ref: string }[] = await page(
      db('incidents')
        .select('id', 'entity_ref')
        .whereNotNull('resolved_at')
        .where('resolved_at', '<', iso(cutOffMs)),
      ['id', 'entity_ref'],
      after,
      chunkSize,
    );
    if (keys.length === 0) break;
    after = [keys[keys.length - 1].id, keys[keys.length - 1].entity_ref];
    result.incidents += await timed('incidents', () =>
      db.transaction(async trx => {
        const pairs = keys.map(k => [k.id, k.entity_ref]);
        await deleteByKeys(
          trx,
          'incident_links',
          ['incident_id', 'entity_ref'],
          pairs,
        );
        return deleteByKeys(trx, 'incidents', ['id', 'entity_ref'], pairs);
      }),
    );
  }

  after = undefined;
  for (;;) {
    const keys: { sha: string; entity_ref: string }[] = await page(
      db('changes as c')
        .select('c.sha', 'c.entity_ref')
        .where('c.committed_at', '<', iso(cutOffMs))
        .whereNotExists(
          db('deployment_commits as dc').select(1).whereRaw('dc.sha = c.sha'),
        )
        // Reached through parent edges by a kept deployment, which took its sample.
        .whereNotExists(
          db('dora_lead_times as lt')
            .select(1)
            .whereRaw('lt.sha = c.sha')
            .where('lt.deployed_ms', '>=', cutOffMs),
        )
        .where(q =>
          q
            .whereNull('c.pr_id')
            .orWhereNotExists(
              db('changes as pr')
                .select(1)
                .join('deployment_commits as pdc', 'pdc.sha', 'pr.sha')
                .whereRaw('pr.pr_id = c.pr_id'),
            ),
        ),
      ['c.sha', 'c.entity_ref'],
      after,
      chunkSize,
    );
    if (keys.length === 0) break;
    after = [keys[keys.length - 1].sha, keys[keys.length - 1].entity_ref];
    result.changes += await timed('changes', () =>
      db.transaction(async trx => {
        const pairs = keys.map(k => [k.sha, k.entity_ref]);
        await deleteByKeys(trx, 'change_parents', ['sha', 'entity_ref'], pairs);
        return deleteByKeys(trx, 'changes', ['sha', 'entity_ref'], pairs);
      }),
    );
  }
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
  let derived = 0;
  if (environments.length > 0) {
    // The environment lists let each DELETE use the (environment, time) indexes.
    for (const table of ['dora_lead_times', 'dora_pr_samples']) {
      derived += await trx(table)
        .whereIn('environment', environments)
        .where('deployed_ms', '>=', fromMs)
        .where('deployed_ms', '<', toMs)
        .delete();
    }
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
      );
  await trx('deployment_commits')
    .whereIn(['deployment_id', 'entity_ref', 'source'], expired())
    .delete();
  const deployments = await trx('deployments')
    .whereIn(['id', 'entity_ref', 'source'], expired())
    .delete();
  return { deployments, derived };
}

/** The next `limit` rows of `query` after the key `after`, in key order. */
function page<T>(
  query: Knex.QueryBuilder,
  key: [string, string],
  after: string[] | undefined,
  limit: number,
): Promise<T[]> {
  if (after) {
    query.where(q =>
      q
        .where(key[0], '>', after[0])
        .orWhere(q2 => q2.where(key[0], after[0]).where(key[1], '>', after[1])),
    );
  }
  return query.orderBy(key[0]).orderBy(key[1]).limit(limit);
}

async function deleteByKeys(
  trx: Knex.Transaction,
  table: string,
  columns: [string, string],
  keys: string[][],
): Promise<number> {
  let deleted = 0;
  // SQLite allows 999 bound parameters per statement.
  for (let i = 0; i < keys.length; i += 400) {
    deleted += await trx(table)
      .whereIn(columns, keys.slice(i, i + 400))
      .delete();
  }
  return deleted;
}
