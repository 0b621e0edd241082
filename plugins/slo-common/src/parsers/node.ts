import { InputError } from '@backstage/errors';
import { z } from 'zod';

/** Where a spec document came from. */
export interface SpecOrigin {
  file: string;
  /** 1-based document number, set only in files with several documents. */
  document?: number;
}

/**
 * One problem in an SLO spec: the file, document and field it is about, and
 * the SLO it cost (when it is inside one SLO, the others still load).
 */
export interface SloSpecProblem {
  file: string;
  /** 1-based document number in multi-document files. */
  document?: number;
  /** Path of the field, e.g. `slos[1].sli.events.error_query`. */
  field?: string;
  /** Name of the SLO the problem is in, when it is inside one. */
  slo?: string;
  /** The full message, starting with file, document and field. */
  message: string;
}

/** The InputError of a spec field; `problem` says where, for error rows and the CLI. */
export class SloSpecError extends InputError {
  constructor(readonly problem: SloSpecProblem) {
    super(problem.message);
  }
}

/** The where-prefix of messages: the file, plus the document number in multi-document files. */
export function describeOrigin(origin: SpecOrigin): string {
  return origin.document
    ? `${origin.file} (document ${origin.document})`
    : origin.file;
}

/** The message of a missing value, or `message` for a present one of the wrong shape. */
const orRequired = (message: string) => ({
  error: (issue: { input?: unknown }) =>
    issue.input === undefined || issue.input === null ? 'is required' : message,
});

const scalar = z.union([z.string(), z.number(), z.boolean()]);

/**
 * What spec fields may hold. Each message is the one users see after the field path; a
 * missing value is "is required". YAML turns `tier: 2` into a number although every label
 * system treats it as text, so label scalars (and lists of them) are read as strings.
 */
export const specSchemas = {
  string: z
    .string(orRequired('must be a non-empty string'))
    .trim()
    .min(1, 'must be a non-empty string'),
  number: z.number(orRequired('must be a number')),
  positiveNumber: z
    .number(orRequired('must be a number'))
    .gt(0, 'must be a number greater than 0'),
  boolean: z.boolean({ error: 'must be true or false' }),
  mapping: z.looseObject({}, orRequired('must be a mapping')),
  list: z.array(z.unknown(), orRequired('must be a list')),
  listOf: <T extends z.ZodType>(item: T) =>
    z.array(item, orRequired('must be a list')),
  mappingOf: <T extends z.core.$ZodLooseShape>(shape: T) =>
    z.object(shape, orRequired('must be a mapping')),
  labels: z.record(
    z.string(),
    z.union(
      [
        scalar.transform(String),
        z.array(scalar).transform(v => v.map(String).join(',')),
      ],
      { error: 'must be a string' },
    ),
    { error: 'must be a mapping of label names to values' },
  ),
  /** A number in (min, max]; the message is the one users see for bad objectives. */
  numberInRange: (min: number, max: number) => {
    const message = `must be a number between ${min} and ${max}`;
    return z.number(orRequired(message)).gt(min, message).lte(max, message);
  },
};

/** A value, or undefined when the field is absent (YAML's empty value, `null`, included). */
export function optional<T extends z.ZodType>(schema: T) {
  return z.preprocess(
    v => (v === null ? undefined : v),
    schema.optional(),
  ) as unknown as z.ZodType<z.output<T> | undefined>;
}

/**
 * A value inside a parsed spec document together with where it came from,
 * so every validation error can name the file and the field path.
 */
export class SpecNode {
  constructor(
    readonly value: unknown,
    readonly path: string,
    readonly origin: SpecOrigin,
  ) {}

  /** Starts at a document root. */
  static root(value: unknown, origin: SpecOrigin): SpecNode {
    return new SpecNode(value, '', origin);
  }

  /** The file, plus the document number in multi-document files. */
  get where(): string {
    return describeOrigin(this.origin);
  }

  fail(message: string): never {
    const prefix = this.path ? `${this.where}: ${this.path}` : this.where;
    throw new SloSpecError({
      ...this.origin,
      ...(this.path ? { field: this.path } : {}),
      message: `${prefix}: ${message}`,
    });
  }

  get present(): boolean {
    return this.value !== undefined && this.value !== null;
  }

  field(name: string): SpecNode {
    const container = isMapping(this.value) ? this.value : {};
    const path = this.path ? `${this.path}.${name}` : name;
    return new SpecNode(container[name], path, this.origin);
  }

  /** The node at a path below this one, as zod issues give it. */
  private at(path: readonly PropertyKey[]): SpecNode {
    return path.reduce<SpecNode>(
      (node, key) =>
        typeof key === 'number'
          ? new SpecNode(undefined, `${node.path}[${key}]`, node.origin)
          : node.field(String(key)),
      this,
    );
  }

  /** The value as `schema` reads it; the first problem fails with its field path. */
  read<T>(schema: z.ZodType<T>): T {
    const result = schema.safeParse(this.value);
    if (result.success) {
      return result.data;
    }
    const [issue] = result.error.issues;
    return this.at(issue.path).fail(issue.message);
  }

  /** Requires a mapping; mostly for better messages than "x.y is required". */
  mapping(): SpecNode {
    this.read(specSchemas.mapping);
    return this;
  }

  items(options: { nonEmpty?: boolean } = {}): SpecNode[] {
    const list = this.read(
      options.nonEmpty
        ? specSchemas.list.min(1, 'must be a non-empty list')
        : specSchemas.list,
    );
    return list.map(
      (v, i) => new SpecNode(v, `${this.path}[${i}]`, this.origin),
    );
  }

  string(): string {
    return this.read(specSchemas.string);
  }

  optionalString(): string | undefined {
    return this.read(optional(specSchemas.string));
  }

  number(): number {
    return this.read(specSchemas.number);
  }

  numberInRange(min: number, max: number): number {
    return this.read(specSchemas.numberInRange(min, max));
  }

  optionalBoolean(): boolean | undefined {
    return this.read(optional(specSchemas.boolean));
  }

  optionalLabels(): Record<string, string> | undefined {
    return this.read(optional(specSchemas.labels));
  }
}

function isMapping(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Merges label sets, later ones winning; undefined when there are none. */
export function mergeLabels(
  ...sets: Array<Record<string, string> | undefined>
): Record<string, string> | undefined {
  const merged = Object.assign({}, ...sets.filter(Boolean));
  return Object.keys(merged).length > 0 ? merged : undefined;
}

/** Lowercase slug for SLO ids: stable across formats and safe in URLs. */
export function slugify(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9._-]+/g, '-')
    .replace(/-{2,}/g, '-')
    .replace(/^-+|-+$/g, '');
}

/** Converts an objective percentage to a ratio without float noise (99.9 → 0.999). */
export function percentToRatio(percent: number): number {
  return Number((percent / 100).toPrecision(12));
}

/** Converts a ratio to a percentage without float noise (0.999 → 99.9). */
export function ratioToPercent(ratio: number): number {
  return Number((ratio * 100).toPrecision(12));
}
