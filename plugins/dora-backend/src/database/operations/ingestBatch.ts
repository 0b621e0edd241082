import { InputError } from '@backstage/errors';
import {
  ResolvedBatch,
  dedupeFirstWins,
  deploymentKey,
} from '@internal/plugin-dora-common';
import { Knex } from 'knex';
import type { IngestResult } from '../types';
import { fillStoredRows, mergeByKey } from '../mergeRows';
import {
  bulkInsert,
  by,
  insertNew,
  keyOf,
  storedParentEdges,
} from '../queries';
import {
  CHANGE_KEY,
  CommitRow,
  DEPLOYMENT_KEY,
  INCIDENT_KEY,
  ParentRow,
  Timestamp,
  toChangeRow,
  toDeploymentRow,
  toIncidentRow,
  toTimestamp,
} from '../rows';
import { queueRefresh } from './refreshQueue';
import { touchedEntities } from './touchedEntities';

// Fields a later record of the same key may still fill; every other field keeps its first value.
const CHANGE_FILLABLE = [
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
 * records of one key, each edge belonging to its record's entity or to none) and returns the
 * commits that gained an edge: what their descendants' deployments deliver may have changed.
 */
async function insertParentEdges(
  trx: Knex.Transaction,
  changes: ResolvedBatch['changes'],
): Promise<Set<string>> {
  const edges = new Map<string, ParentRow>();
  const keyOfEdge = (e: ParentRow) =>
    JSON.stringify([e.sha, e.entity_ref, e.parent_sha]);
  for (const c of changes) {
    for (const parent of c.parents ?? []) {
      const edge = {
        sha: c.sha,
        entity_ref: c.entityRef ?? '',
        parent_sha: parent,
      };
      edges.set(keyOfEdge(edge), edge);
    }
  }
  if (edges.size === 0) return new Set();
  const stored = new Set(
    (
      await storedParentEdges(trx, [
        ...new Set([...edges.values()].map(e => e.sha)),
      ])
    ).map(keyOfEdge),
  );
  const fresh = [...edges.entries()]
    .filter(([key]) => !stored.has(key))
    .map(([, edge]) => edge)
    .sort(by(e => [e.sha, e.entity_ref, e.parent_sha]));
  await bulkInsert(trx, 'change_parents', fresh, [
    'sha',
    'entity_ref',
    'parent_sha',
  ]);
  return new Set(fresh.map(e => e.sha));
}

/**
 * Stores a resolved batch inside the caller's transaction: new records are inserted, known
 * changes and incidents only have their empty fields filled, and every entity whose links or
 * derived facts the batch may change is queued for a refresh pass. Deployments are keyed by
 * (source, entity, id), incidents by (entity, id) and changes by (SHA, entity or none): a record
 * with an id or SHA another entity already used is simply that entity's own new record, and
 * changes nothing of the other's.
 */
export async function ingestBatch(
  trx: Knex.Transaction,
  batch: ResolvedBatch,
): Promise<IngestResult> {
  const deployments = dedupeFirstWins(batch.deployments, deploymentKey).map(
    d => ({ d, row: toDeploymentRow(d) }),
  );

  const insertedDeployments = await insertNew(
    trx,
    'deployments',
    deployments.map(d => d.row),
    DEPLOYMENT_KEY,
  );
  const newDeployments = deployments
    .filter(({ row }) => insertedDeployments.has(keyOf(row, DEPLOYMENT_KEY)))
    .map(({ d }) => d);
  await bulkInsert(
    trx,
    'deployment_commits',
    newDeployments.flatMap(d =>
      d.commitShas.map(
        (sha, position): CommitRow => ({
          entity_ref: d.entityRef,
          source: d.source,
          deployment_id: d.id,
          sha,
          position,
        }),
      ),
    ),
    ['entity_ref', 'source', 'deployment_id', 'sha'],
  );

  const changes = mergeByKey(
    batch.changes.map(toChangeRow),
    CHANGE_KEY,
    CHANGE_FILLABLE,
  );
  const insertedChanges = await insertNew(
    trx,
    'changes',
    changes.map(c => c.row),
    CHANGE_KEY,
  );
  const isNewChange = (c: (typeof changes)[number]) =>
    insertedChanges.has(keyOf(c.row, CHANGE_KEY));
  const newChanges = changes.filter(isNewChange);
  const filledChanges = await fillStoredRows(
    trx,
    'changes',
    CHANGE_KEY,
    changes.filter(c => !isNewChange(c)).map(c => c.row),
    CHANGE_FILLABLE,
  );

  const parentShas = await insertParentEdges(trx, batch.changes);

  const incidents = mergeByKey(
    batch.incidents.map(toIncidentRow),
    INCIDENT_KEY,
    INCIDENT_FILLABLE,
  );
  for (const { row, index } of incidents) {
    checkResolution(row.opened_at, row.resolved_at, index);
  }
  const insertedIncidents = await insertNew(
    trx,
    'incidents',
    incidents.map(i => i.row),
    INCIDENT_KEY,
  );
  const isNew = (i: (typeof incidents)[number]) =>
    insertedIncidents.has(keyOf(i.row, INCIDENT_KEY));
  const newIncidents = incidents.filter(isNew);
  const known = incidents.filter(i => !isNew(i));
  const filledIncidents = await fillStoredRows(
    trx,
    'incidents',
    INCIDENT_KEY,
    known.map(i => i.row),
    INCIDENT_FILLABLE,
    (stored, patch, position) =>
      checkResolution(
        stored.opened_at,
        patch.resolved_at ?? null,
        known[position].index,
      ),
  );

  // An incident names (causedBy) only deployments of its own entity, which is touched below.
  const touched = await touchedEntities(trx, {
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
