import { InputError } from '@backstage/errors';

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

  /** Requires a mapping; mostly for better messages than "x.y is required". */
  mapping(): SpecNode {
    if (!isMapping(this.value)) {
      this.fail(this.present ? 'must be a mapping' : 'is required');
    }
    return this;
  }

  items(options: { nonEmpty?: boolean } = {}): SpecNode[] {
    if (!Array.isArray(this.value)) {
      this.fail(this.present ? 'must be a list' : 'is required');
    }
    if (options.nonEmpty && this.value.length === 0) {
      this.fail('must be a non-empty list');
    }
    return this.value.map(
      (v, i) => new SpecNode(v, `${this.path}[${i}]`, this.origin),
    );
  }

  optionalItems(): SpecNode[] | undefined {
    return this.present ? this.items() : undefined;
  }

  string(): string {
    if (!this.present) {
      this.fail('is required');
    }
    if (typeof this.value !== 'string' || this.value.trim() === '') {
      this.fail('must be a non-empty string');
    }
    return this.value.trim();
  }

  optionalString(): string | undefined {
    return this.present ? this.string() : undefined;
  }

  number(): number {
    if (!this.present) {
      this.fail('is required');
    }
    if (typeof this.value !== 'number' || !Number.isFinite(this.value)) {
      this.fail('must be a number');
    }
    return this.value;
  }

  optionalNumber(): number | undefined {
    return this.present ? this.number() : undefined;
  }

  /** A number in (min, max]; the message is the one users see for bad objectives. */
  numberInRange(min: number, max: number): number {
    if (!this.present) {
      this.fail('is required');
    }
    const n = this.value;
    if (typeof n !== 'number' || !Number.isFinite(n) || n <= min || n > max) {
      this.fail(`must be a number between ${min} and ${max}`);
    }
    return n;
  }

  optionalBoolean(): boolean | undefined {
    if (!this.present) {
      return undefined;
    }
    if (typeof this.value !== 'boolean') {
      this.fail('must be true or false');
    }
    return this.value;
  }

  /**
   * Labels as strings. Scalars are stringified because YAML turns `tier: 2`
   * into a number although every label system treats it as text.
   */
  optionalLabels(): Record<string, string> | undefined {
    if (!this.present) {
      return undefined;
    }
    if (!isMapping(this.value)) {
      this.fail('must be a mapping of label names to values');
    }
    const labels: Record<string, string> = {};
    for (const [key, v] of Object.entries(this.value)) {
      if (Array.isArray(v) && v.every(isScalar)) {
        labels[key] = v.map(String).join(',');
      } else if (isScalar(v)) {
        labels[key] = String(v);
      } else {
        this.field(key).fail('must be a string');
      }
    }
    return labels;
  }
}

function isMapping(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function isScalar(v: unknown): v is string | number | boolean {
  return (
    typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean'
  );
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
