import {
  DAY_MS,
  DEFAULT_TIME_WINDOW_HOURS,
  analyze,
  linkIncidents,
} from '@internal/plugin-dora-common';
import { Knex } from 'knex';
import { LINK_ENVIRONMENT, chunks, compareText } from '../queries';
import { binOf } from '../../metrics/valueBins';
import { moveOrgBins } from './binnedValues';
import { syncRows } from './syncRows';
import { loadEntityHistory } from './loadEntityHistory';

/** Counters of dora_daily (see migrations/202611230900_facts.js). */
export const DAILY_COUNTS = [
  'completed',
  'successes',
  'failed',
  'failed_status',
  'rolled_back',
  'followed_by_rollback',
  'replaced_by_ancestor',
  'caused_incident',
  'inferred_only',
  'rework',
  'hotfixes',
  'restored_incident',
  'ancestry_known',
] as const;

export type DailyCount = (typeof DAILY_COUNTS)[number];
export type DailyRow = {
  scope_ref: string;
  environment: string;
  day: number;
} & Record<DailyCount, number>;

/** The whole organisation's rows in dora_daily. */
export const ORG_SCOPE = '*';

export type FactRow = {
  deployment_id: string;
  entity_ref: string;
  /** The deployment's source: with entity_ref and deployment_id, its key. */
  source: string;
  environment: string;
  finished_ms: number;
  day: number;
  success: boolean;
  failed: boolean;
  failed_status: boolean;
  rolled_back: boolean;
  followed_by_rollback: boolean;
  replaced_by_ancestor: boolean;
  caused_incident: boolean;
  inferred_only: boolean;
  rework: boolean;
  hotfix: boolean;
  restored_incident: boolean;
  /** Successful, and every commit it deployed is known to a source. */
  ancestry_known: boolean;
  recovery_ms: number | null;
  recovery_bin: number | null;
};

export type LeadTimeRow = {
  sha: string;
  entity_ref: string;
  environment: string;
  deployment_id: string;
  deployed_ms: number;
  lead_time_ms: number;
  bin: number;
};

export type PrSampleRow = {
  pr_id: string;
  entity_ref: string;
  environment: string;
  deployed_ms: number;
  coding_ms: number | null;
  pickup_ms: number | null;
  review_ms: number | null;
  deploy_ms: number | null;
  coding_bin: number | null;
  pickup_bin: number | null;
  review_bin: number | null;
  deploy_bin: number | null;
};

export const dayOf = (ms: number) => Math.floor(ms / DAY_MS);

const binOrNull = (v: number | null | undefined) =>
  v === null || v === undefined ? null : binOf(v);

/** Which daily counters one fact adds 1 to; also used by the bench's bulk loader. */
export function countsOf(f: FactRow): Record<DailyCount, number> {
  const n = (b: boolean) => (b ? 1 : 0);
  return {
    completed: 1,
    successes: n(f.success),
    failed: n(f.failed),
    failed_status: n(f.failed_status),
    rolled_back: n(f.rolled_back),
    followed_by_rollback: n(f.followed_by_rollback),
    replaced_by_ancestor: n(f.replaced_by_ancestor),
    caused_incident: n(f.caused_incident),
    inferred_only: n(f.inferred_only),
    rework: n(f.rework),
    hotfixes: n(f.hotfix),
    restored_incident: n(f.restored_incident),
    ancestry_known: n(f.ancestry_known),
  };
}

function emptyDailyRow(scope: string, environment: string, day: number) {
  const row = { scope_ref: scope, environment, day } as DailyRow;
  for (const c of DAILY_COUNTS) row[c] = 0;
  return row;
}

/** Sums facts into per-(scope, environment, day) rows. */
export function dailyRowsOf(
  facts: FactRow[],
  scopeOf: (f: FactRow) => string,
): DailyRow[] {
  const rows = new Map<string, DailyRow>();
  for (const f of facts) {
    const scope = scopeOf(f);
    const key = `${scope}\u0000${f.environment}\u0000${f.day}`;
    let row = rows.get(key);
    if (!row) {
      row = emptyDailyRow(scope, f.environment, f.day);
      rows.set(key, row);
    }
    const add = countsOf(f);
    for (const c of DAILY_COUNTS) row[c] += add[c];
  }
  return [...rows.values()];
}

/**
 * Derives the facts of the given entities with dora-common (the reference), so stored facts
 * are exactly what metricsFor would compute over the whole history.
 */
export function deriveFacts(
  events: Parameters<typeof analyze>[0],
  entityRefs: ReadonlySet<string>,
): { facts: FactRow[]; leadTimes: LeadTimeRow[]; prs: PrSampleRow[] } {
  const environments = new Set(
    events.deployments
      .filter(d => entityRefs.has(d.entityRef))
      .map(d => d.environment),
  );
  const facts: FactRow[] = [];
  const leadTimes: LeadTimeRow[] = [];
  const prs: PrSampleRow[] = [];
  for (const environment of environments) {
    const analysis = analyze(events, { environment, entityRefs });
    for (const f of analysis.deployments) {
      const d = f.deployment;
      if (!entityRefs.has(d.entityRef)) continue;
      const reasons = new Set(f.failureReasons);
      const recovery =
        reasons.size > 0 && f.restoredAt !== undefined
          ? f.restoredAt - d.t
          : null;
      facts.push({
        deployment_id: d.id,
        entity_ref: d.entityRef,
        source: d.source,
        environment,
        finished_ms: d.t,
        day: dayOf(d.t),
        success: d.status === 'success',
        failed: reasons.size > 0,
        failed_status: reasons.has('failed'),
        rolled_back: reasons.has('rolled-back'),
        followed_by_rollback: reasons.has('followed-by-rollback'),
        replaced_by_ancestor: reasons.has('replaced-by-ancestor'),
        caused_incident: reasons.has('caused-incident'),
        inferred_only: f.inferredOnly,
        rework: f.reworkReasons.length > 0,
        hotfix: f.reworkReasons.includes('hotfix'),
        restored_incident: f.reworkReasons.includes('restored-incident'),
        ancestry_known: d.status === 'success' && f.ancestryKnown,
        recovery_ms: recovery,
        recovery_bin: binOrNull(recovery),
      });
    }
    for (const s of analysis.leadTimes) {
      if (!entityRefs.has(s.entityRef)) continue;
      leadTimes.push({
        sha: s.sha,
        entity_ref: s.entityRef,
        environment,
        deployment_id: s.deploymentId,
        deployed_ms: s.deployedAt,
        lead_time_ms: s.leadTimeMs,
        bin: binOf(s.leadTimeMs),
      });
    }
    for (const p of analysis.prs) {
      if (!entityRefs.has(p.entityRef)) continue;
      prs.push({
        pr_id: p.prId,
        entity_ref: p.entityRef,
        environment,
        deployed_ms: p.deployedAt,
        coding_ms: p.coding ?? null,
        pickup_ms: p.pickup ?? null,
        review_ms: p.review ?? null,
        deploy_ms: p.deploy ?? null,
        coding_bin: binOrNull(p.coding),
        pickup_bin: binOrNull(p.pickup),
        review_bin: binOrNull(p.review),
        deploy_bin: binOrNull(p.deploy),
      });
    }
  }
  return { facts, leadTimes, prs };
}

const num = (v: unknown) => Number(v);

/**
 * Recomputes every derived row of the given entities (and the incident links of their incidents)
 * inside the caller's transaction and moves
 * the org-wide daily rows by the difference, so a late event (an incident linked afterwards, a
 * change completed with its PR) re-derives exactly what it changes.
 */
export async function refreshFacts(
  trx: Knex.Transaction,
  entityRefs: Set<string>,
): Promise<void> {
  if (entityRefs.size === 0) return;
  const refs = [...entityRefs].sort();
  if (trx.client.config.client === 'pg') {
    // Two batches refreshing the same entity must not both apply their org-wide delta computed
    // from the same old rows; sorted locks cannot deadlock between refreshers.
    for (const ref of refs) {
      await trx.raw('SELECT pg_advisory_xact_lock(hashtext(?))', [ref]);
    }
  }
  const history = await loadEntityHistory(trx, refs);
  const { facts, leadTimes, prs } = deriveFacts(history, entityRefs);

  // The stored links of the entities' incidents, from the same history (a link never leaves the
  // incident's entity).
  const incidents = history.incidents ?? [];
  await syncRows(
    trx,
    {
      table: 'incident_links',
      key: ['entity_ref', 'incident_id'],
      scope: 'entity_ref',
    },
    refs,
    linkIncidents(
      incidents,
      history.deployments,
      {
        timeWindowHours: DEFAULT_TIME_WINDOW_HOURS,
        environment: LINK_ENVIRONMENT,
      },
      history.changes,
    ).map(l => ({
      entity_ref: l.entityRef,
      incident_id: l.incidentId,
      deployment_id: l.deploymentId,
      deployment_source: l.deploymentSource,
      method: l.method,
      inferred: l.inferred,
    })),
  );

  const delta = new Map<string, DailyRow>();
  const addDelta = (row: DailyRow, sign: number) => {
    const key = `${row.environment}\u0000${row.day}`;
    let d = delta.get(key);
    if (!d) {
      d = emptyDailyRow(ORG_SCOPE, row.environment, row.day);
      delta.set(key, d);
    }
    for (const c of DAILY_COUNTS) d[c] += sign * num(row[c]);
  };
  const sync = async (
    table: string,
    key: string[],
    scope: string,
    rows: any[],
  ) => {
    const synced = await syncRows(trx, { table, key, scope }, refs, rows);
    await moveOrgBins(trx, table, synced.removed, synced.inserted);
    return synced;
  };
  await sync(
    'dora_deployment_facts',
    ['entity_ref', 'source', 'deployment_id'],
    'entity_ref',
    facts,
  );
  await sync(
    'dora_lead_times',
    ['sha', 'entity_ref', 'environment'],
    'entity_ref',
    leadTimes,
  );
  await sync(
    'dora_pr_samples',
    ['pr_id', 'entity_ref', 'environment'],
    'entity_ref',
    prs,
  );
  const daily = await sync(
    'dora_daily',
    ['scope_ref', 'environment', 'day'],
    'scope_ref',
    dailyRowsOf(facts, f => f.entity_ref),
  );
  daily.removed.forEach(r => addDelta(r, -1));
  daily.inserted.forEach(r => addDelta(r, 1));
  const changed = [...delta.values()]
    .filter(d => DAILY_COUNTS.some(c => d[c] !== 0))
    .sort((a, b) => compareText(a.environment, b.environment) || a.day - b.day);
  for (const part of chunks(changed, 500)) {
    const merge: Record<string, Knex.Raw> = {};
    for (const c of DAILY_COUNTS) {
      merge[c] = trx.raw('?? + ??', [`dora_daily.${c}`, `excluded.${c}`]);
    }
    await trx('dora_daily')
      .insert(part)
      .onConflict(['scope_ref', 'environment', 'day'])
      .merge(merge);
  }
}
