import { InputError } from '@backstage/errors';

/**
 * The message of the InputError `fn` throws, so tests can assert the exact
 * text with a plain `expect`; anything else yields a message that fails it.
 */
export function inputErrorMessage(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    return e instanceof InputError
      ? e.message
      : `threw ${String(e)} instead of an InputError`;
  }
  return 'did not throw';
}

/**
 * Rounds to 9 decimals for exact table comparisons of float results;
 * undefined and infinities pass through, so "no data" stays distinguishable.
 */
export function round(value: number | undefined): number | undefined {
  return value === undefined || !Number.isFinite(value)
    ? value
    : Number(value.toFixed(9));
}
