import { InputError } from '@backstage/errors';

/**
 * What a source adapter produces: a batch in the shape `POST /events` accepts (validated and
 * stored by the same code path), or the reason an event carries nothing DORA counts.
 */
export type SourceBatch = {
  deployments: Record<string, unknown>[];
  changes: Record<string, unknown>[];
  incidents: Record<string, unknown>[];
};

export type Translation =
  | { kind: 'batch'; batch: SourceBatch }
  | { kind: 'ignored'; reason: string };

export const emptyBatch = (): SourceBatch => ({
  deployments: [],
  changes: [],
  incidents: [],
});

export const ignored = (reason: string): Translation => ({
  kind: 'ignored',
  reason,
});

/**
 * Environment names as the events API accepts them: GitHub and CDEvents allow any text
 * ("Production", "prod eu"), the store wants `[a-z0-9._-]`.
 */
export function normalizeEnvironment(name: string): string {
  return name
    .trim()
    .toLowerCase()
    .replace(/[^a-z0-9._-]+/g, '-')
    .replace(/^[^a-z0-9]+|[^a-z0-9]+$/g, '');
}

const SHA = /^([0-9a-f]{40}|[0-9a-f]{64})$/i;
export const isSha = (value: unknown): value is string =>
  typeof value === 'string' && SHA.test(value);

type Json = Record<string, any>;

// Field readers for payloads: a wrong field is an InputError naming its path.

export function object(value: unknown, field: string): Json {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new InputError(`${field}: must be an object`);
  }
  return value as Json;
}

export function string(obj: Json, key: string, parent: string): string {
  const value = obj[key];
  if (typeof value !== 'string' || value === '') {
    throw new InputError(`${parent}.${key}: must be a non-empty string`);
  }
  return value;
}

export function number(obj: Json, key: string, parent: string): number {
  const value = obj[key];
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new InputError(`${parent}.${key}: must be a number`);
  }
  return value;
}
