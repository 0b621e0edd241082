import { KubernetesValidatorFunctions } from '@backstage/catalog-model';
import { z } from 'zod';
import { normalizeEntityRef } from '../entityRef';
import { normalizeTimestamp } from '../time';
import {
  CHANGE_KINDS,
  Change,
  DEPLOYMENT_STATUSES,
  DEPLOYMENT_TYPES,
  Deployment,
  Incident,
} from '../types';
import { parseInput } from './parseInput';

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

/** Longest accepted free-text field (ids, versions, sources, severities). */
const MAX_STRING_LENGTH = 256;
/** Most entries accepted in one array field (commit SHAs, change ids). */
const MAX_ARRAY_LENGTH = 10_000;

const SHA = /^(?:[0-9a-f]{40}|[0-9a-f]{64})$/;
const ENVIRONMENT = /^[a-z0-9]([a-z0-9._-]{0,61}[a-z0-9])?$/;
const TIMESTAMP = 'must be an ISO 8601 timestamp';

/** An absent field is `required`; any other problem is worded by parseInput. */
const required = (issue: { input?: unknown }) =>
  issue.input === undefined ? 'required' : undefined;

const text = z.string({ error: required }).min(1).max(MAX_STRING_LENGTH);

const timestamp = z
  .string({ error: issue => required(issue) ?? TIMESTAMP })
  .transform((value, ctx) => {
    const normalized = normalizeTimestamp(value);
    if (normalized === undefined) ctx.addIssue(TIMESTAMP);
    return normalized as string;
  });

/** A full 40- (SHA-1) or 64-character (SHA-256) hex SHA, lowercased. */
const sha = z
  .string({ error: 'must be a full 40- or 64-character hex commit SHA' })
  .toLowerCase()
  .regex(SHA);

/** Environment names are lowercased so `Production` and `production` match. */
const environment = text
  .toLowerCase()
  .regex(ENVIRONMENT, 'must be 1-63 characters of a-z, 0-9, ".", "_" or "-"');

const entityRef = text.transform((value, ctx) => {
  const ref = normalizeEntityRef(value);
  if (ref === undefined) {
    ctx.addIssue('must be an entity reference like component:default/name');
  }
  return ref as string;
});

/** The `backstage.io/kubernetes-id` value, resolved to a ref later (resolveBatch). */
const kubernetesId = text.refine(
  KubernetesValidatorFunctions.isValidLabelValue,
  'must be a valid Kubernetes label value',
);

/** Duplicates are dropped keeping the first occurrence. */
const uniqueList = <T extends z.ZodType>(item: T) =>
  z
    .array(item)
    .max(MAX_ARRAY_LENGTH)
    .transform(items => [...new Set(items)]);

/**
 * A JSON object with exactly these fields. `null` counts as absent, because JSON clients commonly
 * send it for "not set"; absent fields are left out of the result rather than set `undefined`.
 */
const record = <S extends z.ZodRawShape>(shape: S) =>
  z
    .preprocess(value => withoutNulls(value, shape), z.strictObject(shape))
    .transform(withoutUndefined);

const locator = {
  entityRef: entityRef.optional(),
  kubernetesId: kubernetesId.optional(),
};

function entityRequired(value: EntityLocator, ctx: z.core.$RefinementCtx) {
  if (value.entityRef === undefined && value.kubernetesId === undefined) {
    ctx.addIssue({
      code: 'custom',
      path: ['entityRef'],
      message: 'required (or give kubernetesId)',
    });
  }
}

/** Fails when `later` is before `earlier`; both already normalised. */
const notBefore =
  <K extends string>(later: K, earlier: K) =>
  (value: Partial<Record<K, string>>, ctx: z.core.$RefinementCtx) => {
    const [l, e] = [value[later], value[earlier]];
    if (l !== undefined && e !== undefined && l < e) {
      ctx.addIssue({
        code: 'custom',
        path: [later],
        message: `must not be before ${earlier}`,
      });
    }
  };

const deployment = record({
  id: text,
  ...locator,
  environment,
  status: z.enum(DEPLOYMENT_STATUSES),
  type: z.enum(DEPLOYMENT_TYPES).default('normal'),
  startedAt: timestamp.optional(),
  finishedAt: timestamp,
  version: text.optional(),
  commitShas: uniqueList(sha).default(() => []),
  changeIds: uniqueList(text).optional(),
  source: text,
})
  .superRefine(entityRequired)
  .superRefine(notBefore('finishedAt', 'startedAt'));

const change = record({
  sha,
  ...locator,
  authoredAt: timestamp.optional(),
  committedAt: timestamp,
  parents: uniqueList(sha)
    .transform(parents => (parents.length > 0 ? parents : undefined))
    .optional(),
  kind: z.enum(CHANGE_KINDS).optional(),
  prId: text.optional(),
  prCreatedAt: timestamp.optional(),
  prFirstReviewAt: timestamp.optional(),
  prMergedAt: timestamp.optional(),
}).superRefine((value, ctx) => {
  const { prId, prCreatedAt, prFirstReviewAt, prMergedAt } = value;
  if (prId === undefined && (prCreatedAt || prFirstReviewAt || prMergedAt)) {
    ctx.addIssue({
      code: 'custom',
      path: ['prId'],
      message: 'required when PR timestamps are given',
    });
  }
});

const cause = record({
  deploymentId: text.optional(),
  commitSha: sha.optional(),
}).transform(c => (Object.keys(c).length > 0 ? c : undefined));

const incident = record({
  id: text,
  ...locator,
  severity: text.optional(),
  openedAt: timestamp,
  resolvedAt: timestamp.optional(),
  causedBy: cause.optional(),
})
  .superRefine(entityRequired)
  .superRefine(notBefore('resolvedAt', 'openedAt'));

const list = <T extends z.ZodType>(item: T) => z.array(item).default(() => []);

const batch = record({
  deployments: list(deployment),
  changes: list(change),
  incidents: list(incident),
});

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
  return parseInput(deployment, raw, path);
}

/**
 * Validates and normalises one change (commit); see validateDeployment for
 * the error and normalisation conventions. PR timestamps are not checked
 * against each other: post-merge reviews are real, and the breakdown clamps
 * negative stages to zero instead.
 *
 * @public
 */
export function validateChange(raw: unknown, path: string): ChangeRecord {
  return parseInput(change, raw, path);
}

/**
 * Validates and normalises one incident; see validateDeployment for the
 * error and normalisation conventions. An empty `causedBy` is dropped.
 *
 * @public
 */
export function validateIncident(raw: unknown, path: string): IncidentRecord {
  return parseInput(incident, raw, path);
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
  return parseInput(batch, raw);
}

/** The object without its `null` fields; an unknown field stays, to be named as unknown. */
function withoutNulls(value: unknown, shape: object): unknown {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return value;
  }
  return Object.fromEntries(
    Object.entries(value).filter(
      ([k, v]) => v !== null || !Object.hasOwn(shape, k),
    ),
  );
}

function withoutUndefined<T extends object>(value: T): T {
  for (const key of Object.keys(value) as (keyof T)[]) {
    if (value[key] === undefined) delete value[key];
  }
  return value;
}
