import { parseInput } from '@internal/plugin-dora-common';
import { z } from 'zod';
import { SourceBatch, Translation, emptyBatch } from './types';

/**
 * The payload typed as GitHub documents the event, once `fields` check out: the fields the
 * mapping is about to read unguarded. A malformed delivery is an InputError naming the field
 * (`deployment.environment: must be a non-empty string`), never a crash in the mapping.
 */
export function checked<E>(fields: z.ZodType, payload: unknown): E {
  parseInput(fields, payload);
  return payload as E;
}

export const anyObject = z.looseObject({});

export function batch(parts: Partial<SourceBatch>): Translation {
  return { kind: 'batch', batch: { ...emptyBatch(), ...parts } };
}
