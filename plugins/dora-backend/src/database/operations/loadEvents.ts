import {
  DAY_MS,
  incidentKey,
  normalizeEntityRef,
} from '@internal/plugin-dora-common';
import { Knex } from 'knex';
import type { LoadEventsQuery, LoadedEvents } from '../types';
import { by, chunks, commitsOf, groupCommits } from '../queries';
import {
  ChangeRow,
  changeRowKey,
  DeploymentRow,
  IncidentRow,
  deploymentRowKey,
  iso,
  toChange,
  toDeployment,
  toIncident,
} from '../rows';

/**
 * How far before the previous window loadEvents reaches, so that incidents opened shortly
 * before it and restorations by earlier deployments are seen the way the full history sees them.
 */
export const LOOKBACK_MS = 30 * DAY_MS;

/** DoraStore.loadEvents: every event metricsFor needs for a scope, environment and window. */
export async function loadEvents(
  db: Knex,
  query: LoadEventsQuery,
): Promise<LoadedEvents> {
  const environment = (query.environment ?? 'production').toLowerCase();
  const refs = query.entityRefs && [
    ...new Set([...query.entityRefs].map(r => normalizeEntityRef(r) ?? r)),
  ];
  if (refs && refs.length === 0) {
    return { deployments: [], changes: [], incidents: [] };
  }
  const start = iso(query.from - (query.to - query.from) - LOOKBACK_MS);
  const scoped = <T extends {}>(q: Knex.QueryBuilder<T>, column: string) =>
    refs ? q.whereIn(column, refs) : q;

  const rows = new Map<string, DeploymentRow>();
  const add = (list: DeploymentRow[]) =>
    list.forEach(r => rows.set(deploymentRowKey(r), r));
  const joinCommits = (q: Knex.QueryBuilder) =>
    q
      .select('deployments.*')
      .join('deployment_commits', join =>
        join
          .on('deployment_commits.entity_ref', 'deployments.entity_ref')
          .andOn('deployment_commits.source', 'deployments.source')
          .andOn('deployment_commits.deployment_id', 'deployments.id'),
      );

  // 1. The scope's deployments from the start of the look-back onwards.
  add(
    await scoped(
      db<DeploymentRow>('deployments')
        .where('environment', environment)
        .where('finished_at', '>=', start),
      'entity_ref',
    ),
  );
  let commits = await commitsOf(db, [...rows.values()]);

  // 2. Earlier deployments of the same commits: lead time uses a commit's first deployment.
  const shas = [...new Set(commits.map(c => c.sha))];
  for (const part of chunks(shas)) {
    add(
      await scoped(
        joinCommits(db<DeploymentRow>('deployments'))
          .whereIn('deployment_commits.sha', part)
          .where('deployments.environment', environment)
          .where('deployments.finished_at', '<', start),
        'deployments.entity_ref',
      ),
    );
  }

  // 3. Incidents that can fail or be restored by these deployments (a cause names a deployment
  // of the incident's own entity).
  const incidentRows = new Map<string, IncidentRow>();
  const addIncident = (r: IncidentRow) =>
    incidentRows.set(incidentKey({ entityRef: r.entity_ref, id: r.id }), r);
  const byRef = (entityRef: string, id: string) =>
    JSON.stringify([entityRef, id]);
  const loadedRefs = new Set(
    [...rows.values()].map(r => byRef(r.entity_ref, r.id)),
  );
  (
    await scoped(
      db<IncidentRow>('incidents').where(q =>
        q
          .where('opened_at', '>=', start)
          .orWhere('resolved_at', '>=', start)
          .orWhereNull('resolved_at'),
      ),
      'entity_ref',
    )
  ).forEach(addIncident);
  // By (entity, id) pairs: the incidents_entity_caused_by_idx index serves them.
  const pairs = [...rows.values()].map(r => [r.entity_ref, r.id]);
  for (const part of chunks(pairs)) {
    (
      await db<IncidentRow>('incidents').whereIn(
        ['entity_ref', 'caused_by_deployment_id'],
        part,
      )
    ).forEach(addIncident);
  }

  // 4. Deployments the incidents name (their own entity's, any environment) or blame by commit.
  const named = new Set(
    [...incidentRows.values()]
      .filter(i => !!i.caused_by_deployment_id)
      .map(i => byRef(i.entity_ref, i.caused_by_deployment_id!))
      .filter(ref => !loadedRefs.has(ref)),
  );
  const namedIds = [...named].map(ref => JSON.parse(ref)[1] as string);
  for (const part of chunks([...new Set(namedIds)])) {
    add(
      (await db<DeploymentRow>('deployments').whereIn('id', part)).filter(r =>
        named.has(byRef(r.entity_ref, r.id)),
      ),
    );
  }
  const blamed = [...incidentRows.values()]
    .map(i => i.caused_by_commit_sha)
    .filter((sha): sha is string => !!sha);
  for (const part of chunks([...new Set(blamed)])) {
    add(
      await joinCommits(db<DeploymentRow>('deployments'))
        .whereIn('deployment_commits.sha', part)
        .where('deployments.environment', environment),
    );
  }
  const loadedCommits = new Set(groupCommits(commits).keys());
  commits = commits.concat(
    await commitsOf(
      db,
      [...rows.entries()]
        .filter(([key]) => !loadedCommits.has(key))
        .map(([, r]) => r),
    ),
  );

  // 5. Changes of every loaded commit, plus the other commits of their PRs (the lead time
  // breakdown takes each PR timestamp as the minimum over all of the PR's changes).
  const changeRows = new Map<string, ChangeRow>();
  for (const part of chunks([...new Set(commits.map(c => c.sha))])) {
    (await db<ChangeRow>('changes').whereIn('sha', part)).forEach(r =>
      changeRows.set(changeRowKey(r), r),
    );
  }
  const prIds = [...changeRows.values()]
    .map(c => c.pr_id)
    .filter((id): id is string => !!id);
  for (const part of chunks([...new Set(prIds)])) {
    (await db<ChangeRow>('changes').whereIn('pr_id', part)).forEach(r =>
      changeRows.set(changeRowKey(r), r),
    );
  }

  const shasOf = groupCommits(commits);
  return {
    deployments: [...rows.entries()]
      .map(([key, r]) => toDeployment(r, shasOf.get(key) ?? []))
      .sort(by(d => [d.finishedAt, d.id, d.entityRef, d.source])),
    changes: [...changeRows.values()]
      .map(r => toChange(r))
      .sort(by(c => [c.committedAt, c.sha])),
    incidents: [...incidentRows.values()]
      .map(toIncident)
      .sort(by(i => [i.openedAt, i.id, i.entityRef])),
  };
}
