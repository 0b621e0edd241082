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
  changeRowKey,
  deploymentRowKey,
  toChange,
  toDeployment,
  toIncident,
} from '../rows';

/**
 * Everything dora-common's facts of the given entities depend on: all their deployments (every
 * environment, so "next deployment" look-ups see the whole timeline), their incidents (which name
 * only their own entity's deployments), the change records of their commits that they may count
 * (their own and the entity-less ones, see dora-common's changesByEntity) and the other records of
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
  const counted = new Set(['', ...entityRefs]);
  const keep = (r: ChangeRow) => {
    if (counted.has(r.entity_ref)) changes.set(changeRowKey(r), r);
  };
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
    const key = changeRowKey(edge);
    const list = parentsOf.get(key);
    if (list) list.push(edge.parent_sha);
    else parentsOf.set(key, [edge.parent_sha]);
  }
  for (const shaPart of keyChunks(db, shas)) {
    (await whereAnyOf(changeRows(), 'sha', shaPart)).forEach(keep);
  }
  const prIds = [
    ...new Set(
      [...changes.values()]
        .map(c => c.pr_id)
        .filter((id): id is string => !!id),
    ),
  ];
  for (const prPart of keyChunks(db, prIds)) {
    (await whereAnyOf(changeRows(), 'pr_id', prPart)).forEach(keep);
  }
  const shasOf = groupCommits(commits);
  return {
    deployments: [...deployments.entries()].map(([key, r]) =>
      toDeployment(r, shasOf.get(key) ?? []),
    ),
    changes: [...changes.values()].map(c =>
      toChange(c, (parentsOf.get(changeRowKey(c)) ?? []).sort()),
    ),
    incidents: [...incidents.values()].map(toIncident),
  };
}
