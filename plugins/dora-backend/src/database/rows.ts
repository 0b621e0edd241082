import { InputError } from '@backstage/errors';
import {
  Change,
  ChangeKind,
  Deployment,
  DeploymentStatus,
  DeploymentType,
  Incident,
  IncidentLink,
  LinkMethod,
  changeKey,
  deploymentKey,
  normalizeTimestamp,
} from '@internal/plugin-dora-common';

// Row types (snake_case, as stored) and their mapping to the domain types, in one place.

export type DeploymentRow = {
  id: string;
  entity_ref: string;
  environment: string;
  status: string;
  type: string;
  started_at: Timestamp | null;
  finished_at: Timestamp;
  version: string | null;
  change_ids: string | null;
  source: string;
};

export type CommitRow = {
  entity_ref: string;
  source: string;
  deployment_id: string;
  sha: string;
  position: number;
};

/** A parent edge, belonging to the change record that reported it (`entity_ref` '' for none). */
export type ParentRow = {
  sha: string;
  entity_ref: string;
  parent_sha: string;
};

/** A change record; `entity_ref` is '' for the entity-less record of a commit. */
export type ChangeRow = {
  sha: string;
  entity_ref: string;
  authored_at: Timestamp | null;
  committed_at: Timestamp;
  kind: string | null;
  pr_id: string | null;
  pr_created_at: Timestamp | null;
  pr_first_review_at: Timestamp | null;
  pr_merged_at: Timestamp | null;
};

export type IncidentRow = {
  id: string;
  entity_ref: string;
  severity: string | null;
  opened_at: Timestamp;
  resolved_at: Timestamp | null;
  caused_by_deployment_id: string | null;
  caused_by_commit_sha: string | null;
};

/** Every column of each event table, and which of them are timestamps (see isoColumns). */
export const EVENT_COLUMNS = {
  deployments: {
    all: [
      'id',
      'entity_ref',
      'environment',
      'status',
      'type',
      'started_at',
      'finished_at',
      'version',
      'change_ids',
      'source',
    ],
    times: ['started_at', 'finished_at'],
  },
  changes: {
    all: [
      'sha',
      'entity_ref',
      'authored_at',
      'committed_at',
      'kind',
      'pr_id',
      'pr_created_at',
      'pr_first_review_at',
      'pr_merged_at',
    ],
    times: [
      'authored_at',
      'committed_at',
      'pr_created_at',
      'pr_first_review_at',
      'pr_merged_at',
    ],
  },
  incidents: {
    all: [
      'id',
      'entity_ref',
      'severity',
      'opened_at',
      'resolved_at',
      'caused_by_deployment_id',
      'caused_by_commit_sha',
    ],
    times: ['opened_at', 'resolved_at'],
  },
} as const;

export type LinkRow = {
  entity_ref: string;
  incident_id: string;
  deployment_id: string;
  deployment_source: string;
  method: string;
  inferred: boolean | number;
};

/**
 * The key columns of the event tables, the most selective first (look-ups filter on it). A
 * deployment is its source's id for one entity, an incident one entity's id: the same id of two
 * entities is two events (see dora-common's deploymentKey). A change record is one commit's
 * record for one entity, or for none (see dora-common's changeKey).
 */
export const DEPLOYMENT_KEY = ['id', 'entity_ref', 'source'] as const;
export const INCIDENT_KEY = ['id', 'entity_ref'] as const;
export const CHANGE_KEY = ['sha', 'entity_ref'] as const;

/** deploymentKey of a deployments row. */
export function deploymentRowKey(row: {
  id: string;
  entity_ref: string;
  source: string;
}): string {
  return deploymentKey({
    id: row.id,
    entityRef: row.entity_ref,
    source: row.source,
  });
}

/** changeKey of a changes row, or of the record a change_parents row belongs to. */
export function changeRowKey(row: { sha: string; entity_ref: string }): string {
  return changeKey({ sha: row.sha, entityRef: row.entity_ref || undefined });
}

/** deploymentKey of the deployment a deployment_commits row belongs to. */
export function commitDeploymentKey(row: CommitRow): string {
  return deploymentKey({
    id: row.deployment_id,
    entityRef: row.entity_ref,
    source: row.source,
  });
}

/** PostgreSQL returns Date for timestamptz; SQLite returns what was written. */
export type Timestamp = Date | string | number;

export function iso(ms: number): string {
  return new Date(ms).toISOString();
}

// Row mapping: the only place that knows the column names and their types.

export function toTimestamp(value: Timestamp): string {
  // Already canonical (validated input, times read back through isoColumns, SQLite's stored
  // strings): checked, not re-parsed.
  const canonical =
    typeof value === 'string' ? normalizeTimestamp(value) : undefined;
  if (canonical !== undefined) return canonical;
  // new Date(null) is 1970: a missing time must fail the batch, not be stored as the epoch.
  const date =
    value === null || value === undefined ? undefined : new Date(value);
  if (!date || Number.isNaN(date.getTime())) {
    throw new InputError(`not a timestamp: ${JSON.stringify(value)}`);
  }
  return date.toISOString();
}

export function optionalTimestamp(value: Timestamp | null): string | undefined {
  return value === null || value === undefined ? undefined : toTimestamp(value);
}

export function toDeploymentRow(d: Deployment): DeploymentRow {
  return {
    id: d.id,
    entity_ref: d.entityRef,
    environment: d.environment,
    status: d.status,
    type: d.type,
    started_at: d.startedAt ?? null,
    finished_at: toTimestamp(d.finishedAt),
    version: d.version ?? null,
    change_ids: d.changeIds ? JSON.stringify(d.changeIds) : null,
    source: d.source,
  };
}

export function toDeployment(
  row: DeploymentRow,
  commitShas: string[],
): Deployment {
  const startedAt = optionalTimestamp(row.started_at);
  return {
    id: row.id,
    entityRef: row.entity_ref,
    environment: row.environment,
    status: row.status as DeploymentStatus,
    type: row.type as DeploymentType,
    ...(startedAt !== undefined && { startedAt }),
    finishedAt: toTimestamp(row.finished_at),
    ...(row.version !== null && { version: row.version }),
    commitShas,
    ...(row.change_ids !== null && { changeIds: JSON.parse(row.change_ids) }),
    source: row.source,
  };
}

export function toChangeRow(c: Change): ChangeRow {
  return {
    sha: c.sha,
    entity_ref: c.entityRef ?? '',
    authored_at: c.authoredAt ?? null,
    committed_at: toTimestamp(c.committedAt),
    kind: c.kind ?? null,
    pr_id: c.prId ?? null,
    pr_created_at: c.prCreatedAt ?? null,
    pr_first_review_at: c.prFirstReviewAt ?? null,
    pr_merged_at: c.prMergedAt ?? null,
  };
}

export function toChange(row: ChangeRow, parents: string[] = []): Change {
  const optional = {
    entityRef: row.entity_ref || undefined,
    authoredAt: optionalTimestamp(row.authored_at),
    prId: row.pr_id ?? undefined,
    prCreatedAt: optionalTimestamp(row.pr_created_at),
    prFirstReviewAt: optionalTimestamp(row.pr_first_review_at),
    prMergedAt: optionalTimestamp(row.pr_merged_at),
  };
  const change: Change = {
    sha: row.sha,
    committedAt: toTimestamp(row.committed_at),
    ...(parents.length > 0 && { parents }),
    ...(row.kind !== null &&
      row.kind !== undefined && { kind: row.kind as ChangeKind }),
  };
  for (const [key, value] of Object.entries(optional)) {
    if (value !== undefined) {
      (change as unknown as Record<string, string>)[key] = value;
    }
  }
  return change;
}

export function toIncidentRow(i: Incident): IncidentRow {
  return {
    id: i.id,
    entity_ref: i.entityRef,
    severity: i.severity ?? null,
    opened_at: toTimestamp(i.openedAt),
    resolved_at: i.resolvedAt ?? null,
    caused_by_deployment_id: i.causedBy?.deploymentId ?? null,
    caused_by_commit_sha: i.causedBy?.commitSha ?? null,
  };
}

export function toIncident(row: IncidentRow): Incident {
  const resolvedAt = optionalTimestamp(row.resolved_at);
  const causedBy = {
    ...(row.caused_by_deployment_id !== null && {
      deploymentId: row.caused_by_deployment_id,
    }),
    ...(row.caused_by_commit_sha !== null && {
      commitSha: row.caused_by_commit_sha,
    }),
  };
  return {
    id: row.id,
    entityRef: row.entity_ref,
    ...(row.severity !== null && { severity: row.severity }),
    openedAt: toTimestamp(row.opened_at),
    ...(resolvedAt !== undefined && { resolvedAt }),
    ...(Object.keys(causedBy).length > 0 && { causedBy }),
  };
}

export function toLink(row: LinkRow): IncidentLink {
  return {
    entityRef: row.entity_ref,
    incidentId: row.incident_id,
    deploymentId: row.deployment_id,
    deploymentSource: row.deployment_source,
    method: row.method as LinkMethod,
    inferred: Boolean(row.inferred),
  };
}
