import {
  CHANGE_KINDS,
  Change,
  DEPLOYMENT_STATUSES,
  DEPLOYMENT_TYPES,
  Deployment,
  Incident,
} from '../types';
import {
  arrayOf,
  asObject,
  assertNotBefore,
  entityLocator,
  environment,
  fail,
  oneOf,
  optionalSha,
  optionalString,
  optionalTimestamp,
  present,
  rejectUnknown,
  requiredString,
  requiredTimestamp,
  shaValue,
  stringItem,
} from './fields';

/**
 * Where an entity is identified either by reference or by its
 * `backstage.io/kubernetes-id`; validation guarantees at least one is set
 * where the entity is required.
 *
 * @public
 */
export interface EntityLocator {
  entityRef?: string;
  kubernetesId?: string;
}

/**
 * A validated deployment whose entity may not be resolved yet.
 *
 * @public
 */
export type DeploymentRecord = Omit<Deployment, 'entityRef'> & EntityLocator;

/**
 * A validated incident whose entity may not be resolved yet.
 *
 * @public
 */
export type IncidentRecord = Omit<Incident, 'entityRef'> & EntityLocator;

/**
 * A validated change; its entity is optional in any form.
 *
 * @public
 */
export type ChangeRecord = Change & { kubernetesId?: string };

/**
 * Everything in one ingestion request, all of it validated.
 *
 * @public
 */
export interface ValidatedBatch {
  deployments: DeploymentRecord[];
  changes: ChangeRecord[];
  incidents: IncidentRecord[];
}

const DEPLOYMENT_FIELDS = [
  'id',
  'entityRef',
  'kubernetesId',
  'environment',
  'status',
  'type',
  'startedAt',
  'finishedAt',
  'version',
  'commitShas',
  'changeIds',
  'source',
];

/**
 * Validates and normalises one deployment; throws an InputError naming the
 * first bad field under `path` (e.g. `deployments[3].finishedAt`).
 *
 * @remarks
 * Normalisation: timestamps to UTC ISO strings, entity refs and environment
 * to lowercase canonical form, SHAs to lowercase with duplicates removed.
 * `type` defaults to `normal` and `commitShas` to `[]` when absent.
 *
 * @public
 */
export function validateDeployment(
  raw: unknown,
  path: string,
): DeploymentRecord {
  const obj = asObject(raw, path);
  rejectUnknown(obj, DEPLOYMENT_FIELDS, path);
  const id = requiredString(obj, 'id', path);
  const entity = entityLocator(obj, path, true);
  const env = environment(obj, 'environment', path);
  const status = oneOf(obj, 'status', path, DEPLOYMENT_STATUSES);
  const type = oneOf(obj, 'type', path, DEPLOYMENT_TYPES, 'normal');
  const startedAt = optionalTimestamp(obj, 'startedAt', path);
  const finishedAt = requiredTimestamp(obj, 'finishedAt', path);
  assertNotBefore(finishedAt, startedAt, `${path}.finishedAt`, 'startedAt');
  const version = optionalString(obj, 'version', path);
  const commitShas = arrayOf(obj, 'commitShas', path, shaValue) ?? [];
  const changeIds = arrayOf(obj, 'changeIds', path, stringItem);
  const source = requiredString(obj, 'source', path);
  return {
    id,
    ...entity,
    environment: env,
    status,
    type,
    ...(startedAt !== undefined && { startedAt }),
    finishedAt,
    ...(version !== undefined && { version }),
    commitShas,
    ...(changeIds !== undefined && { changeIds }),
    source,
  };
}

const CHANGE_FIELDS = [
  'sha',
  'entityRef',
  'kubernetesId',
  'authoredAt',
  'committedAt',
  'parents',
  'kind',
  'prId',
  'prCreatedAt',
  'prFirstReviewAt',
  'prMergedAt',
];

/**
 * Validates and normalises one change (commit); see validateDeployment for
 * the error and normalisation conventions. PR timestamps are not checked
 * against each other: post-merge reviews are real, and the breakdown clamps
 * negative stages to zero instead.
 *
 * @public
 */
export function validateChange(raw: unknown, path: string): ChangeRecord {
  const obj = asObject(raw, path);
  rejectUnknown(obj, CHANGE_FIELDS, path);
  const sha = shaValue(obj.sha, `${path}.sha`);
  const entity = entityLocator(obj, path, false);
  const authoredAt = optionalTimestamp(obj, 'authoredAt', path);
  const committedAt = requiredTimestamp(obj, 'committedAt', path);
  const parents = arrayOf(obj, 'parents', path, shaValue);
  const kind = present(obj.kind)
    ? oneOf(obj, 'kind', path, CHANGE_KINDS)
    : undefined;
  const prId = optionalString(obj, 'prId', path);
  const prCreatedAt = optionalTimestamp(obj, 'prCreatedAt', path);
  const prFirstReviewAt = optionalTimestamp(obj, 'prFirstReviewAt', path);
  const prMergedAt = optionalTimestamp(obj, 'prMergedAt', path);
  if (prId === undefined && (prCreatedAt || prFirstReviewAt || prMergedAt)) {
    fail(`${path}.prId`, 'required when PR timestamps are given');
  }
  return {
    sha,
    ...entity,
    ...(authoredAt !== undefined && { authoredAt }),
    committedAt,
    ...(parents !== undefined && parents.length > 0 && { parents }),
    ...(kind !== undefined && { kind }),
    ...(prId !== undefined && { prId }),
    ...(prCreatedAt !== undefined && { prCreatedAt }),
    ...(prFirstReviewAt !== undefined && { prFirstReviewAt }),
    ...(prMergedAt !== undefined && { prMergedAt }),
  };
}

const INCIDENT_FIELDS = [
  'id',
  'entityRef',
  'kubernetesId',
  'severity',
  'openedAt',
  'resolvedAt',
  'causedBy',
];

/**
 * Validates and normalises one incident; see validateDeployment for the
 * error and normalisation conventions. An empty `causedBy` is dropped.
 *
 * @public
 */
export function validateIncident(raw: unknown, path: string): IncidentRecord {
  const obj = asObject(raw, path);
  rejectUnknown(obj, INCIDENT_FIELDS, path);
  const id = requiredString(obj, 'id', path);
  const entity = entityLocator(obj, path, true);
  const severity = optionalString(obj, 'severity', path);
  const openedAt = requiredTimestamp(obj, 'openedAt', path);
  const resolvedAt = optionalTimestamp(obj, 'resolvedAt', path);
  assertNotBefore(resolvedAt, openedAt, `${path}.resolvedAt`, 'openedAt');
  let causedBy: Incident['causedBy'];
  if (obj.causedBy !== undefined && obj.causedBy !== null) {
    const causePath = `${path}.causedBy`;
    const cause = asObject(obj.causedBy, causePath);
    rejectUnknown(cause, ['deploymentId', 'commitSha'], causePath);
    const deploymentId = optionalString(cause, 'deploymentId', causePath);
    const commitSha = optionalSha(cause, 'commitSha', causePath);
    if (deploymentId !== undefined || commitSha !== undefined) {
      causedBy = {
        ...(deploymentId !== undefined && { deploymentId }),
        ...(commitSha !== undefined && { commitSha }),
      };
    }
  }
  return {
    id,
    ...entity,
    ...(severity !== undefined && { severity }),
    openedAt,
    ...(resolvedAt !== undefined && { resolvedAt }),
    ...(causedBy !== undefined && { causedBy }),
  };
}

function validateList<T>(
  obj: Record<string, unknown>,
  key: string,
  validate: (raw: unknown, path: string) => T,
): T[] {
  const list = obj[key];
  if (list === undefined || list === null) {
    return [];
  }
  if (!Array.isArray(list)) {
    return fail(key, 'must be an array');
  }
  return list.map((item, i) => validate(item, `${key}[${i}]`));
}

/**
 * Validates a whole ingestion request before anything is stored: every item
 * of `deployments`, `changes` and `incidents` (in that order) is checked,
 * and the first problem is thrown as one InputError naming its field path.
 * Nothing partial is ever returned.
 *
 * @remarks
 * Duplicate ids inside a batch are not an error: the first occurrence wins
 * downstream exactly as for re-delivered events.
 *
 * @public
 */
export function validateBatch(raw: unknown): ValidatedBatch {
  const obj = asObject(raw, 'body');
  rejectUnknown(obj, ['deployments', 'changes', 'incidents'], 'body');
  return {
    deployments: validateList(obj, 'deployments', validateDeployment),
    changes: validateList(obj, 'changes', validateChange),
    incidents: validateList(obj, 'incidents', validateIncident),
  };
}
