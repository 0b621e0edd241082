import { InputError } from '@backstage/errors';
import { z } from 'zod';

/**
 * Parses `value` with a zod schema, or throws one InputError naming the first problem by its
 * field path under `root`: `deployments[3].finishedAt: must be an ISO 8601 timestamp`. An unnamed
 * root is called `body`. zod's generic issues read in the API's own words (see `wording`); a
 * schema's own message (a SHA, a timestamp, an entity reference) is kept as the schema says it.
 *
 * @public
 */
export function parseInput<S extends z.ZodType>(
  schema: S,
  value: unknown,
  root = '',
): z.output<S> {
  const result = schema.safeParse(value, { error: wording });
  if (result.success) {
    return result.data;
  }
  const issue = firstIssue(result.error.issues);
  const at = fieldPath(root, issue.path);
  throw new InputError(
    issue.code === 'unrecognized_keys'
      ? `${at}.${issue.keys[0]}: ${issue.message}`
      : `${at}: ${issue.message}`,
  );
}

const TYPE_WORDING: Record<string, string> = {
  object: 'must be an object',
  array: 'must be an array',
  string: 'must be a non-empty string',
  number: 'must be a number',
};

/** zod's generic issues in the words the events API has always used. */
function wording(issue: z.core.$ZodRawIssue): string | undefined {
  switch (issue.code) {
    case 'invalid_type':
      return TYPE_WORDING[issue.expected];
    case 'too_small':
      return issue.origin === 'string' ? TYPE_WORDING.string : undefined;
    case 'too_big':
      return issue.origin === 'array'
        ? `must have at most ${issue.maximum} entries`
        : `must be at most ${issue.maximum} characters`;
    case 'invalid_value':
      return `must be one of ${issue.values.join(', ')}`;
    case 'unrecognized_keys':
      return 'unknown field';
    default:
      return undefined;
  }
}

/**
 * The first issue, except that zod reports an object's unknown keys after its fields: those are
 * named first, so a typo (`finished_at`) is reported as such rather than as the field it misses.
 */
function firstIssue(issues: z.core.$ZodIssue[]): z.core.$ZodIssue {
  const [first] = issues;
  const within = (outer: PropertyKey[]) =>
    outer.every((key, i) => first.path[i] === key);
  return (
    issues
      .filter(i => i.code === 'unrecognized_keys' && within(i.path))
      .sort((a, b) => a.path.length - b.path.length)[0] ?? first
  );
}

function fieldPath(root: string, path: PropertyKey[]): string {
  const named = path.reduce<string>((at, key) => {
    if (typeof key === 'number') return `${at}[${key}]`;
    return at ? `${at}.${String(key)}` : String(key);
  }, root);
  return named || 'body';
}
