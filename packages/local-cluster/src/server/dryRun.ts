/**
 * The `dryRun` option of every write. The real API server accepts only `All`
 * and refuses anything else before touching the object, with the 422 that
 * apimachinery's ValidateDryRun produces.
 */
import { ApiError } from './errors';

export type OptionsKind =
  | 'CreateOptions'
  | 'UpdateOptions'
  | 'PatchOptions'
  | 'DeleteOptions';

/** `[]string{"a", "b"}`: Go's %#v, which is how the real message prints the values. */
function goStrings(values: string[]): string {
  return `[]string{${values.map(v => JSON.stringify(v)).join(', ')}}`;
}

/** The 422 the real server answers for a bad field of CreateOptions, DeleteOptions… */
export function invalidOptions(
  kind: OptionsKind,
  field: string,
  message: string,
): ApiError {
  return new ApiError({
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {},
    status: 'Failure',
    message: `${kind}.meta.k8s.io "" is invalid: ${field}: ${message}`,
    reason: 'Invalid',
    details: {
      group: 'meta.k8s.io',
      kind,
      causes: [{ reason: 'FieldValueNotSupported', message, field }],
    },
    code: 422,
  });
}

/** True when the request asks for a dry run; throws the real 422 for unknown values. */
export function parseDryRun(values: unknown, kind: OptionsKind): boolean {
  if (values === undefined || values === null) return false;
  const list = Array.isArray(values) ? values : [values];
  const strings = list.map(v => String(v));
  if (strings.some(v => v !== 'All'))
    throw invalidOptions(
      kind,
      'dryRun',
      `Unsupported value: ${goStrings(strings)}: supported values: "All"`,
    );
  return strings.length > 0;
}

/** The dry-run flag of a request from its query string (`?dryRun=All`, repeatable). */
export function dryRunFromQuery(
  q: URLSearchParams,
  kind: OptionsKind,
): boolean {
  const values = q.getAll('dryRun');
  return parseDryRun(values.length ? values : undefined, kind);
}

const OPTIONS_BY_METHOD: Record<string, OptionsKind> = {
  POST: 'CreateOptions',
  PUT: 'UpdateOptions',
  PATCH: 'PatchOptions',
};

/** Dry run of a POST/PUT/PATCH from its query; DELETE reads DeleteOptions instead. */
export function dryRunOf(method: string, q: URLSearchParams): boolean {
  const kind = OPTIONS_BY_METHOD[method];
  return kind ? dryRunFromQuery(q, kind) : false;
}
