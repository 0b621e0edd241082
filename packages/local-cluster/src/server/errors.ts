/**
 * Errors carry a full metav1.Status so every failure path, however deep,
 * reaches the client in the exact shape kubectl and client libraries parse.
 */
import { ResourceType, qualifiedKind, qualifiedResource } from '../resources';

export interface StatusCause {
  reason: string;
  message: string;
  field?: string;
}

export interface Status {
  kind: 'Status';
  apiVersion: 'v1';
  metadata: Record<string, unknown>;
  status: 'Failure' | 'Success';
  message: string;
  reason: string;
  details?: {
    name?: string;
    group?: string;
    kind?: string;
    uid?: string;
    causes?: StatusCause[];
    retryAfterSeconds?: number;
  };
  code: number;
}

export class ApiError extends Error {
  constructor(readonly status: Status) {
    super(status.message);
  }
  get code(): number {
    return this.status.code;
  }
}

function make(
  code: number,
  reason: string,
  message: string,
  details?: Status['details'],
): ApiError {
  const status: Status = {
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {},
    status: 'Failure',
    message,
    reason,
    code,
  };
  if (details) status.details = details;
  return new ApiError(status);
}

function detailsFor(rt: ResourceType, name: string): Status['details'] {
  const d: Status['details'] = { name, kind: rt.resource };
  if (rt.group) d.group = rt.group;
  return d;
}

export const errors = {
  notFound(rt: ResourceType, name: string) {
    return make(
      404,
      'NotFound',
      `${qualifiedResource(rt)} "${name}" not found`,
      detailsFor(rt, name),
    );
  },
  namespaceNotFound(name: string) {
    return make(404, 'NotFound', `namespaces "${name}" not found`, {
      name,
      kind: 'namespaces',
    });
  },
  pathNotFound() {
    return make(
      404,
      'NotFound',
      'the server could not find the requested resource',
      {},
    );
  },
  alreadyExists(rt: ResourceType, name: string) {
    return make(
      409,
      'AlreadyExists',
      `${qualifiedResource(rt)} "${name}" already exists`,
      detailsFor(rt, name),
    );
  },
  conflict(rt: ResourceType, name: string) {
    return make(
      409,
      'Conflict',
      `Operation cannot be fulfilled on ${qualifiedResource(
        rt,
      )} "${name}": the object has been modified; please apply your changes to the latest version and try again`,
      detailsFor(rt, name),
    );
  },
  invalid(rt: ResourceType, name: string, causes: StatusCause[]) {
    const summary = causes
      .map(c => (c.field ? `${c.field}: ${c.message}` : c.message))
      .join(', ');
    const joined = causes.length > 1 ? `[${summary}]` : summary;
    return make(
      422,
      'Invalid',
      `${qualifiedKind(rt)} "${name}" is invalid: ${joined}`,
      { name, kind: rt.kind, ...(rt.group ? { group: rt.group } : {}), causes },
    );
  },
  badRequest(message: string) {
    return make(400, 'BadRequest', message);
  },
  methodNotAllowed(verb: string, rt?: ResourceType) {
    const what = rt ? ` on ${qualifiedResource(rt)}` : '';
    return make(
      405,
      'MethodNotAllowed',
      `the server does not allow this method on the requested resource (${verb}${what})`,
      rt ? { kind: rt.resource, ...(rt.group ? { group: rt.group } : {}) } : {},
    );
  },
  unsupportedMediaType(contentType: string) {
    return make(
      415,
      'UnsupportedMediaType',
      `the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml, application/strategic-merge-patch+json (got ${contentType})`,
    );
  },
  unauthorized() {
    return make(401, 'Unauthorized', 'Unauthorized');
  },
  gone(message: string) {
    return make(410, 'Expired', message);
  },
  internal(message: string) {
    return make(500, 'InternalError', `Internal error occurred: ${message}`, {
      causes: [{ reason: 'UnexpectedServerResponse', message }],
    });
  },
};

/** Shorthand for field-level 422 causes, matching apimachinery's field.Error text. */
export const field = {
  required(path: string, detail = '') {
    return {
      reason: 'FieldValueRequired',
      field: path,
      message: `Required value${detail ? `: ${detail}` : ''}`,
    };
  },
  invalid(path: string, value: unknown, detail: string) {
    return {
      reason: 'FieldValueInvalid',
      field: path,
      message: `Invalid value: ${formatValue(value)}: ${detail}`,
    };
  },
  forbidden(path: string, detail: string) {
    return {
      reason: 'FieldValueForbidden',
      field: path,
      message: `Forbidden: ${detail}`,
    };
  },
  notSupported(path: string, value: unknown, allowed: string[]) {
    return {
      reason: 'FieldValueNotSupported',
      field: path,
      message: `Unsupported value: ${formatValue(
        value,
      )}: supported values: ${allowed.map(a => `"${a}"`).join(', ')}`,
    };
  },
};

function formatValue(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    // Mirrors Go's %#v for map[string]string, which is what the real API prints for labels.
    const entries = Object.entries(value as Record<string, unknown>)
      .map(([k, v]) => `${JSON.stringify(k)}:${JSON.stringify(v)}`)
      .join(', ');
    return `map[string]string{${entries}}`;
  }
  return String(JSON.stringify(value));
}
