import { InputError } from '@backstage/errors';
import { ResolvedBatch, dedupeFirstWins } from '@internal/plugin-dora-common';
import { Knex } from 'knex';
import type { IngestResult } from '../DoraStore';
import {
  bulkInsert,
  by,
  fillStoredRows,
  insertNew,
  mergeByKey,
  storedParentEdges,
} from '../queries';
import {
  CommitRow,
  ParentRow,
  Timestamp,
  toChangeRow,
  toDeploymentRow,
  toIncidentRow,
  toTimestamp,
} from '../rows';
import { refuseForeignIds } from './foreignIds';
import { queueRefresh } from './refreshQueue';
import { touchedEntities } from './touchedEntities';

// Fields a later record may still fill; every other field keeps its first value.
const CHANGE_FILLABLE = [
  'entity_ref',
  'kind',
  'authored_at',
  'pr_id',
  'pr_created_at',
  'pr_first_review_at',
  'pr_merged_at',
] as const;
const INCIDENT_FILLABLE = [
  'severity',
  'resolved_at',
  'caused_by_deployment_id',
  'caused_by_commit_sha',
] as const;

function checkResolution(
  openedAt: Timestamp,
  resolvedAt: Timestamp | null,
  index: number,
) {
  if (resolvedAt !== null && new Date(resolvedAt) < new Date(openedAt)) {
    throw new InputError(
      `incidents[${index}].resolvedAt: ${toTimestamp(
        resolvedAt,
      )} is before the incident's openedAt ${toTimestamp(openedAt)}`,
    );
  }
}

/**
 * Stores every parent edge the batch reports that is not stored yet (edges are a union over all
 * records of a commit) and returns the commits that gained an edge: what their descendants'
 * deployments deliver may have changed.
 */
async function insertParentEdges(
  trx: Knex.Transaction,
  changes: ResolvedBatch['changes'],
): Promise<Set<string>> {
  const edges = new Map<string, ParentRow>();
  for (const c of changes) {
    for (const parent of c.parents ?? []) {
      edges.set(`${c.sha} ${parent}`, { sha: c.sha, parent_sha: parent });
    }
  }
  if (edges.size === 0) return new Set();
  const stored = new Set(
    (
      await storedParentEdges(trx, [
        ...new Set([...edges.values()].map(e => e.sha)),
      ])
    ).map(e => `${e.sha} ${e.parent_sha}`),
  );
  const fresh = [...edges.entries()]
    .filter(([key]) => !stored.has(key))
    .map(([, edge]) => edge)
    .sort(by(e => [e.sha, e.parent_sha]));
  await bulkInsert(trx, 'change_parents', fresh, ['sha', 'parent_sha']);
  return new Set(fresh.map(e => e.sha));
}

/**
 * Stores a resolved batch inside the caller's transaction: new records are inserted, known
 * changes and incidents only have their empty fields filled, and every entity whose links or
 * derived facts the batch may change is queued for a refresh pass.
 */
export async function ingestBatch(
  trx: Knex.Transaction,
  batch: ResolvedBatch,
): Promise<IngestResult> {
  const deployments = dedupeFirstWins(batch.deployments, d => d.id);

  const insertedDeployments = await insertNew(
    trx,
    'deployments',
    deployments.map(toDeploymentRow),
    'id',
  );
  const newDeployments = deployments.filter(d => insertedDeployments.has(d.id));
  await refuseForeignIds(
    trx,
    'deployments',
    batch.deployments
      .map((d, index) => ({ id: d.id, entityRef: d.entityRef, index }))
      .filter(d => !insertedDeployments.has(d.id)),
  );
  await bulkInsert(
    trx,
    'deployment_commits',
    newDeployments.flatMap(d =>
      d.commitShas.map(
        (sha, position): CommitRow => ({
          deployment_id: d.id,
          sha,
          position,
        }),
      ),
    ),
    ['deployment_id', 'sha'],
  );

  const changes = mergeByKey(
    batch.changes.map(toChangeRow),
    'sha',
    CHANGE_FILLABLE,
  );
  const insertedChanges = await insertNew(
    trx,
    'changes',
    changes.map(c => c.row),
    'sha',
  );
  const newChanges = changes.filter(c => insertedChanges.has(c.row.sha));
  const filledChanges = await fillStoredRows(
    trx,
    'changes',
    'sha',
    changes.filter(c => !insertedChanges.has(c.row.sha)).map(c => c.row),
    CHANGE_FILLABLE,
  );

  const parentShas = await insertParentEdges(trx, batch.changes);

  const incidents = mergeByKey(
    batch.incidents.map(toIncidentRow),
    'id',
    INCIDENT_FILLABLE,
  );
  for (const { row, index } of incidents) {
    checkResolution(row.opened_at, row.resolved_at, index);
  }
  const insertedIncidents = await insertNew(
    trx,
    'incidents',
    incidents.map(i => i.row),
    'id',
  );
  const newIncidents = incidents.filter(i => insertedIncidents.has(i.row.id));
  const known = incidents.filter(i => !insertedIncidents.has(i.row.id));
  await refuseForeignIds(
    trx,
    'incidents',
    known.map(({ row, index }) => ({
      id: row.id,
      entityRef: row.entity_ref,
      index,
    })),
  );
  const filledIncidents = await fillStoredRows(
    trx,
    'incidents',
    'id',
    known.map(i => i.row),
    INCIDENT_FILLABLE,
    (stored, patch, position) =>
      checkResolution(
        stored.opened_at,
        patch.resolved_at ?? null,
        known[position].index,
      ),
  );

  const touched = await touchedEntities(trx, {
    namedDeploymentIds: [...newIncidents.map(i => i.row), ...filledIncidents]
      .map(i => i.caused_by_deployment_id)
      .filter((id): id is string => !!id),
    newDeploymentIds: newDeployments.map(d => d.id),
    changeShas: [
      ...new Set([
        ...[...newChanges.map(c => c.row), ...filledChanges].map(c => c.sha),
        ...parentShas,
      ]),
    ],
    prIds: [...newChanges.map(c => c.row), ...filledChanges]
      .map(c => c.pr_id)
      .filter((id): id is string => !!id),
  });
  newDeployments.forEach(d => touched.add(d.entityRef));
  [...newIncidents.map(i => i.row), ...filledIncidents].forEach(i =>
    touched.add(i.entity_ref),
  );
  // Incidents naming a deployment only now stored are among the touched entities' incidents.
  await queueRefresh(trx, touched);

  return {
    inserted: {
      deployments: newDeployments.length,
      changes: newChanges.length,
      incidents: newIncidents.length,
    },
    completed: {
      changes: filledChanges.length,
      incidents: filledIncidents.length,
    },
    duplicates: {
      deployments: batch.deployments.length - newDeployments.length,
      changes: batch.changes.length - newChanges.length - filledChanges.length,
      incidents:
        batch.incidents.length - newIncidents.length - filledIncidents.length,
    },
  };
}
