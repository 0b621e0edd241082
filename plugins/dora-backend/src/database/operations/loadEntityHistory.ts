import { DoraEvents, incidentKey } from '@internal/plugin-dora-common';
import { Knex } from 'knex';
import {
  groupCommits,
  isoColumns,
  keyChunks,
  reachableEdges,
  whereAnyOf,
} from '../queries';
import {
  ChangeRow,
  CommitRow,
  DeploymentRow,
  EVENT_COLUMNS,
  IncidentRow,
  deploymentRowKey,
  toChange,
  toDeployment,
  toIncident,
} from '../rows';

/**
 * Everything dora-common's facts of the given entities depend on: all their deployments (every
 * environment, so "next deployment" look-ups see the whole timeline), their incidents (which name
 * only their own entity's deployments), the changes of their commits and the other changes of
 * those PRs (PR stage times are minima over the whole PR).
 */
export async function loadEntityHistory(
  db: Knex | Knex.Transaction,
  entityRefs: string[],
): Promise<DoraEvents> {
  const deploymentRows = () =>
    db('deployments').select<DeploymentRow[]>(
      isoColumns(db, 'deployments', EVENT_COLUMNS.deployments),
    );
  const changeRows = () =>
    db('changes').select<ChangeRow[]>(
      isoColumns(db, 'changes', EVENT_COLUMNS.changes),
    );
  const deployments = new Map<string, DeploymentRow>();
  const incidents = new Map<string, IncidentRow>();
  const commits: CommitRow[] = [];
  const changes = new Map<string, ChangeRow>();
  for (const part of keyChunks(db, entityRefs)) {
    (await whereAnyOf(deploymentRows(), 'entity_ref', part)).forEach(r =>
      deployments.set(deploymentRowKey(r), r),
    );
    commits.push(
      ...(await whereAnyOf(
        db<CommitRow>('deployment_commits'),
        'entity_ref',
        part,
      )),
    );
    (
      await whereAnyOf(
        db('incidents').select<IncidentRow[]>(
          isoColumns(db, 'incidents', EVENT_COLUMNS.incidents),
        ),
        'entity_ref',
        part,
      )
    ).forEach(r =>
      incidents.set(incidentKey({ entityRef: r.entity_ref, id: r.id }), r),
    );
  }
  // The commits come with the deployments loaded above, and every commit reachable from them
  // through the reported parents; their changes by key, then the other changes of the same PRs
  // (an OR of both subqueries made PostgreSQL scan changes).
  const edges = await reachableEdges(db, entityRefs);
  const shas = [
    ...new Set([
      ...commits.map(c => c.sha),
      ...edges.flatMap(e => [e.sha, e.parent_sha]),
    ]),
  ];
  const parentsOf = new Map<string, string[]>();
  for (const edge of edges) {
    const list = parentsOf.get(edge.sha);
    if (list) list.push(edge.parent_sha);
    else parentsOf.set(edge.sha, [edge.parent_sha]);
  }
  for (const shaPart of keyChunks(db, shas)) {
    (await whereAnyOf(changeRows(), 'sha', shaPart)).forEach(r =>
      changes.set(r.sha, r),
    );
  }
  const prIds = [
    ...new Set(
      [...changes.values()]
        .map(c => c.pr_id)
        .filter((id): id is string => !!id),
    ),
  ];
  for (const prPart of keyChunks(db, prIds)) {
    (await whereAnyOf(changeRows(), 'pr_id', prPart)).forEach(r =>
      changes.set(r.sha, r),
    );
  }
  const shasOf = groupCommits(commits);
  return {
    deployments: [...deployments.entries()].map(([key, r]) =>
      toDeployment(r, shasOf.get(key) ?? []),
    ),
    changes: [...changes.values()].map(c =>
      toChange(c, (parentsOf.get(c.sha) ?? []).sort()),
    ),
    incidents: [...incidents.values()].map(toIncident),
  };
}
