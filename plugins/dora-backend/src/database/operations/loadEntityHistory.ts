import { DoraEvents } from '@internal/plugin-dora-common';
import { Knex } from 'knex';
import { chunks, groupCommits } from '../queries';
import {
  ChangeRow,
  CommitRow,
  DeploymentRow,
  IncidentRow,
  toChange,
  toDeployment,
  toIncident,
} from '../rows';

/**
 * Everything dora-common's facts of the given entities depend on: all their deployments (every
 * environment, so "next deployment" look-ups see the whole timeline), their incidents and the
 * incidents naming their deployments, the deployments those incidents name (an explicit cause may
 * point at another entity), the changes of their commits and the other changes of those PRs (PR
 * stage times are minima over the whole PR). Facts of other entities loaded here are not valid.
 */
export async function loadEntityHistory(
  db: Knex | Knex.Transaction,
  entityRefs: string[],
): Promise<DoraEvents> {
  const deployments = new Map<string, DeploymentRow>();
  const incidents = new Map<string, IncidentRow>();
  const commits: CommitRow[] = [];
  const changes = new Map<string, ChangeRow>();
  for (const part of chunks(entityRefs, 500)) {
    const own = () =>
      db('deployments').select('id').whereIn('entity_ref', part);
    (
      await db<DeploymentRow>('deployments').whereIn('entity_ref', part)
    ).forEach(r => deployments.set(r.id, r));
    commits.push(
      ...(await db<CommitRow>('deployment_commits')
        .select('deployment_commits.*')
        .join(
          'deployments',
          'deployments.id',
          'deployment_commits.deployment_id',
        )
        .whereIn('deployments.entity_ref', part)),
    );
    (
      await db<IncidentRow>('incidents')
        .whereIn('entity_ref', part)
        .orWhereIn('caused_by_deployment_id', own())
    ).forEach(r => incidents.set(r.id, r));
    const shas = () =>
      db('deployment_commits')
        .select('deployment_commits.sha')
        .join(
          'deployments',
          'deployments.id',
          'deployment_commits.deployment_id',
        )
        .whereIn('deployments.entity_ref', part);
    (
      await db<ChangeRow>('changes')
        .whereIn('sha', shas())
        .orWhereIn(
          'pr_id',
          db('changes')
            .select('pr_id')
            .whereIn('sha', shas())
            .whereNotNull('pr_id'),
        )
    ).forEach(r => changes.set(r.sha, r));
  }
  const named = [...incidents.values()]
    .map(i => i.caused_by_deployment_id)
    .filter((id): id is string => !!id && !deployments.has(id));
  for (const part of chunks([...new Set(named)])) {
    (await db<DeploymentRow>('deployments').whereIn('id', part)).forEach(r =>
      deployments.set(r.id, r),
    );
  }
  const shasOf = groupCommits(commits);
  return {
    deployments: [...deployments.values()].map(r =>
      toDeployment(r, shasOf.get(r.id) ?? []),
    ),
    changes: [...changes.values()].map(toChange),
    incidents: [...incidents.values()].map(toIncident),
  };
}
