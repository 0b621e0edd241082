import { InputError } from '@backstage/errors';
import { KubernetesValidatorFunctions } from '@backstage/catalog-model';
import { normalizeEntityRef } from '../entityRef';
import { normalizeTimestamp } from '../time';

/*
 * Field readers for validation. Each one reads `obj[key]`, reports problems
 * as an InputError whose message starts with the full field path, and
 * returns the normalised value. `null` is treated like an absent field,
 * because JSON clients commonly send `null` for "not set".
 */

/** Longest accepted free-text field (ids, versions, sources, severities). */
export const MAX_STRING_LENGTH = 256;
/** Most entries accepted in one array field (commit SHAs, change ids). */
export const MAX_ARRAY_LENGTH = 10_000;

const SHA = /^(?:[0-9a-f]{40}|[0-9a-f]{64})$/;
const ENVIRONMENT = /^[a-z0-9]([a-z0-9._-]{0,61}[a-z0-9])?$/;

/** Plain JSON object view of a raw value. */
export type RawObject = Record<string, unknown>;

export function fail(path: string, message: string): never {
  throw new InputError(`${path}: ${message}`);
}

export function asObject(raw: unknown, path: string): RawObject {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    return fail(path, 'must be an object');
  }
  return raw as RawObject;
}

/** Rejects unknown fields so a typo like `finished_at` cannot lose data. */
export function rejectUnknown(
  obj: RawObject,
  allowed: readonly string[],
  path: string,
): void {
  for (const key of Object.keys(obj)) {
    if (!allowed.includes(key)) {
      fail(`${path}.${key}`, 'unknown field');
    }
  }
}

export function present(value: unknown): boolean {
  return value !== undefined && value !== null;
}

export function optionalString(
  obj: RawObject,
  key: string,
  path: string,
): string | undefined {
  const value = obj[key];
  return present(value) ? stringItem(value, `${path}.${key}`) : undefined;
}

export function requiredString(
  obj: RawObject,
  key: string,
  path: string,
): string {
  return optionalString(obj, key, path) ?? fail(`${path}.${key}`, 'required');
}

export function optionalTimestamp(
  obj: RawObject,
  key: string,
  path: string,
): string | undefined {
  const value = obj[key];
  if (!present(value)) {
    return undefined;
  }
  const normalized =
    typeof value === 'string' ? normalizeTimestamp(value) : undefined;
  if (normalized === undefined) {
    return fail(`${path}.${key}`, 'must be an ISO 8601 timestamp');
  }
  return normalized;
}

export function requiredTimestamp(
  obj: RawObject,
  key: string,
  path: string,
): string {
  return (
    optionalTimestamp(obj, key, path) ?? fail(`${path}.${key}`, 'required')
  );
}

/** Fails when `later` is before `earlier`; both already normalised. */
export function assertNotBefore(
  later: string | undefined,
  earlier: string | undefined,
  path: string,
  earlierName: string,
): void {
  if (later !== undefined && earlier !== undefined && later < earlier) {
    fail(path, `must not be before ${earlierName}`);
  }
}

export function oneOf<T extends string>(
  obj: RawObject,
  key: string,
  path: string,
  allowed: readonly T[],
  fallback?: T,
): T {
  const value = obj[key];
  if (!present(value) && fallback !== undefined) {
    return fallback;
  }
  if (typeof value !== 'string' || !allowed.includes(value as T)) {
    return fail(`${path}.${key}`, `must be one of ${allowed.join(', ')}`);
  }
  return value as T;
}

/** A full 40- (SHA-1) or 64-character (SHA-256) hex SHA, lowercased. */
export function shaValue(value: unknown, path: string): string {
  const sha = typeof value === 'string' ? value.toLowerCase() : undefined;
  if (sha === undefined || !SHA.test(sha)) {
    return fail(path, 'must be a full 40- or 64-character hex commit SHA');
  }
  return sha;
}

export function optionalSha(
  obj: RawObject,
  key: string,
  path: string,
): string | undefined {
  return present(obj[key]) ? shaValue(obj[key], `${path}.${key}`) : undefined;
}

/** Environment names are lowercased so `Production` and `production` match. */
export function environment(obj: RawObject, key: string, path: string): string {
  const value = requiredString(obj, key, path).toLowerCase();
  if (!ENVIRONMENT.test(value)) {
    return fail(
      `${path}.${key}`,
      'must be 1-63 characters of a-z, 0-9, ".", "_" or "-"',
    );
  }
  return value;
}

/**
 * An array of items read by `item`; duplicates are dropped keeping the first
 * occurrence. Absent means empty.
 */
export function arrayOf<T>(
  obj: RawObject,
  key: string,
  path: string,
  item: (value: unknown, itemPath: string) => T,
): T[] | undefined {
  const value = obj[key];
  if (!present(value)) {
    return undefined;
  }
  if (!Array.isArray(value)) {
    return fail(`${path}.${key}`, 'must be an array');
  }
  if (value.length > MAX_ARRAY_LENGTH) {
    return fail(
      `${path}.${key}`,
      `must have at most ${MAX_ARRAY_LENGTH} entries`,
    );
  }
  const items = value.map((v, i) => item(v, `${path}.${key}[${i}]`));
  return [...new Set(items)];
}

export function stringItem(value: unknown, path: string): string {
  if (typeof value !== 'string' || value.length === 0) {
    return fail(path, 'must be a non-empty string');
  }
  if (value.length > MAX_STRING_LENGTH) {
    return fail(path, `must be at most ${MAX_STRING_LENGTH} characters`);
  }
  return value;
}

/**
 * Entity given as `entityRef` (canonicalised) and/or `kubernetesId` (the
 * `backstage.io/kubernetes-id` value, resolved to a ref later).
 */
export function entityLocator(
  obj: RawObject,
  path: string,
  required: boolean,
): { entityRef?: string; kubernetesId?: string } {
  const rawRef = optionalString(obj, 'entityRef', path);
  const kubernetesId = optionalString(obj, 'kubernetesId', path);
  const entityRef =
    rawRef === undefined ? undefined : normalizeEntityRef(rawRef);
  if (rawRef !== undefined && entityRef === undefined) {
    fail(
      `${path}.entityRef`,
      'must be an entity reference like component:default/name',
    );
  }
  if (
    kubernetesId !== undefined &&
    !KubernetesValidatorFunctions.isValidLabelValue(kubernetesId)
  ) {
    fail(`${path}.kubernetesId`, 'must be a valid Kubernetes label value');
  }
  if (required && entityRef === undefined && kubernetesId === undefined) {
    fail(`${path}.entityRef`, 'required (or give kubernetesId)');
  }
  return {
    ...(entityRef !== undefined && { entityRef }),
    ...(kubernetesId !== undefined && { kubernetesId }),
  };
}
