/**
 * Label selector parsing and matching with the semantics of
 * k8s.io/apimachinery/pkg/labels: the same operators, the same validation of
 * keys and values, and a parse error for anything the real server rejects.
 */
export type Operator =
  | '='
  | '!='
  | 'in'
  | 'notin'
  | 'exists'
  | '!exists'
  | 'gt'
  | 'lt';

export interface Requirement {
  key: string;
  operator: Operator;
  values: string[];
}

export type LabelSelector = Requirement[];

export class SelectorParseError extends Error {}

const NAME = /^[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$/;
const DNS_SUBDOMAIN =
  /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

export function validateLabelKey(key: string): string | undefined {
  const parts = key.split('/');
  if (parts.length > 2)
    return `invalid label key "${key}": a qualified name must consist of alphanumeric characters, '-', '_' or '.'`;
  const name = parts[parts.length - 1];
  if (parts.length === 2) {
    const prefix = parts[0];
    if (!prefix || prefix.length > 253 || !DNS_SUBDOMAIN.test(prefix)) {
      return `invalid label key "${key}": prefix part must be a lowercase RFC 1123 subdomain`;
    }
  }
  if (!name || name.length > 63 || !NAME.test(name)) {
    return `invalid label key "${key}": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character`;
  }
  return undefined;
}

export function validateLabelValue(value: string): string | undefined {
  if (value === '') return undefined;
  if (value.length > 63 || !NAME.test(value)) {
    return `invalid label value: "${value}": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character`;
  }
  return undefined;
}

type Token =
  | { kind: 'id'; text: string }
  | { kind: 'op'; text: string }
  | { kind: 'eos' };

const OP_TOKENS = ['==', '!=', '=', '!', '(', ')', ',', '>', '<'];

function tokenize(input: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < input.length) {
    const c = input[i];
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r') {
      i++;
      continue;
    }
    const at = i;
    const op = OP_TOKENS.find(o => input.startsWith(o, at));
    if (op) {
      tokens.push({ kind: 'op', text: op });
      i += op.length;
      continue;
    }
    const isBoundary = (pos: number) =>
      ' \t\n\r'.includes(input[pos]) ||
      OP_TOKENS.some(o => input.startsWith(o, pos));
    let j = i;
    while (j < input.length && !isBoundary(j)) j++;
    tokens.push({ kind: 'id', text: input.slice(i, j) });
    i = j;
  }
  tokens.push({ kind: 'eos' });
  return tokens;
}

function describe(tok: Token): string {
  return tok.kind === 'eos' ? 'end of string' : `'${tok.text}'`;
}

/** Parses a selector string; an empty string selects everything. */
export function parseLabelSelector(input: string): LabelSelector {
  const tokens = tokenize(input);
  let pos = 0;
  const peek = () => tokens[pos];
  const next = () => tokens[pos++];
  const reqs: Requirement[] = [];

  if (peek().kind === 'eos') return reqs;

  for (;;) {
    let negated = false;
    if (peek().kind === 'op' && (peek() as { text: string }).text === '!') {
      negated = true;
      next();
    }
    const keyTok = next();
    if (
      keyTok.kind !== 'id' ||
      keyTok.text === 'in' ||
      keyTok.text === 'notin'
    ) {
      throw new SelectorParseError(
        `unable to parse requirement: found ${describe(
          keyTok,
        )}, expected: identifier`,
      );
    }
    const key = keyTok.text;
    const keyErr = validateLabelKey(key);
    if (keyErr)
      throw new SelectorParseError(`unable to parse requirement: ${keyErr}`);

    const after = peek();
    if (negated) {
      reqs.push({ key, operator: '!exists', values: [] });
    } else if (
      after.kind === 'eos' ||
      (after.kind === 'op' && after.text === ',')
    ) {
      reqs.push({ key, operator: 'exists', values: [] });
    } else {
      const opTok = next();
      let operator: Operator;
      if (opTok.kind === 'op' && (opTok.text === '=' || opTok.text === '=='))
        operator = '=';
      else if (opTok.kind === 'op' && opTok.text === '!=') operator = '!=';
      else if (opTok.kind === 'op' && opTok.text === '>') operator = 'gt';
      else if (opTok.kind === 'op' && opTok.text === '<') operator = 'lt';
      else if (opTok.kind === 'id' && opTok.text === 'in') operator = 'in';
      else if (opTok.kind === 'id' && opTok.text === 'notin')
        operator = 'notin';
      else {
        throw new SelectorParseError(
          `found ${describe(opTok)}, expected: in, notin, =, ==, !=, gt, lt`,
        );
      }
      let values: string[];
      if (operator === 'in' || operator === 'notin') {
        values = parseSet(
          () => next(),
          () => peek(),
        );
      } else {
        const v = peek();
        if (v.kind === 'id') {
          next();
          values = [v.text];
        } else if (v.kind === 'eos' || (v.kind === 'op' && v.text === ',')) {
          values = [''];
        } else {
          throw new SelectorParseError(
            `found ${describe(v)}, expected: identifier for value`,
          );
        }
        if (
          (operator === 'gt' || operator === 'lt') &&
          !/^-?\d+$/.test(values[0])
        ) {
          throw new SelectorParseError(
            `unable to parse requirement: for 'Gt', 'Lt' operators, the value must be an integer`,
          );
        }
      }
      if (operator !== 'gt' && operator !== 'lt') {
        for (const v of values) {
          const err = validateLabelValue(v);
          if (err)
            throw new SelectorParseError(`unable to parse requirement: ${err}`);
        }
      }
      reqs.push({ key, operator, values });
    }

    const sep = next();
    if (sep.kind === 'eos') break;
    if (sep.kind === 'op' && sep.text === ',') {
      if (peek().kind === 'eos') {
        throw new SelectorParseError(
          `found 'end of string', expected: identifier after ','`,
        );
      }
      continue;
    }
    throw new SelectorParseError(
      `found ${describe(sep)}, expected: ',' or 'end of string'`,
    );
  }
  return reqs;
}

function parseSet(next: () => Token, peek: () => Token): string[] {
  const open = next();
  if (!(open.kind === 'op' && open.text === '(')) {
    throw new SelectorParseError(`found ${describe(open)}, expected: '('`);
  }
  const values: string[] = [];
  for (;;) {
    const tok = next();
    if (tok.kind === 'id') {
      values.push(tok.text);
      const sep = next();
      if (sep.kind === 'op' && sep.text === ',') continue;
      if (sep.kind === 'op' && sep.text === ')') break;
      throw new SelectorParseError(
        `found ${describe(sep)}, expected: ',' or ')'`,
      );
    } else if (tok.kind === 'op' && tok.text === ')' && values.length === 0) {
      throw new SelectorParseError(
        `for 'in', 'notin' operators, values set can't be empty`,
      );
    } else {
      throw new SelectorParseError(
        `found ${describe(tok)}, expected: identifier in set`,
      );
    }
  }
  void peek;
  return values;
}

export function matchesLabels(
  selector: LabelSelector,
  labels: Record<string, string> | undefined,
): boolean {
  const l = labels ?? {};
  return selector.every(req => {
    const has = Object.prototype.hasOwnProperty.call(l, req.key);
    const v = l[req.key];
    switch (req.operator) {
      case '=':
        return has && v === req.values[0];
      case '!=':
        return !has || v !== req.values[0];
      case 'in':
        return has && req.values.includes(v);
      case 'notin':
        return !has || !req.values.includes(v);
      case 'exists':
        return has;
      case '!exists':
        return !has;
      case 'gt':
        return has && /^-?\d+$/.test(v) && Number(v) > Number(req.values[0]);
      case 'lt':
        return has && /^-?\d+$/.test(v) && Number(v) < Number(req.values[0]);
      default:
        return false;
    }
  });
}

/** Converts a metav1.LabelSelector (matchLabels/matchExpressions) into requirements. */
export function fromLabelSelectorObject(
  sel:
    | {
        matchLabels?: Record<string, string>;
        matchExpressions?: Array<{
          key: string;
          operator: string;
          values?: string[];
        }>;
      }
    | undefined,
): LabelSelector {
  if (!sel) return [];
  const reqs: Requirement[] = Object.entries(sel.matchLabels ?? {}).map(
    ([key, value]) => ({ key, operator: '=' as const, values: [value] }),
  );
  for (const e of sel.matchExpressions ?? []) {
    const op = e.operator.toLowerCase();
    const byName: Record<string, Operator> = {
      in: 'in',
      notin: 'notin',
      exists: 'exists',
    };
    const operator: Operator = byName[op] ?? '!exists';
    reqs.push({ key: e.key, operator, values: e.values ?? [] });
  }
  return reqs;
}

/** Renders requirements back into the string form (used by the Scale subresource). */
export function formatLabelSelector(sel: LabelSelector): string {
  return sel
    .map(r => {
      switch (r.operator) {
        case '=':
          return `${r.key}=${r.values[0]}`;
        case '!=':
          return `${r.key}!=${r.values[0]}`;
        case 'in':
          return `${r.key} in (${r.values.join(',')})`;
        case 'notin':
          return `${r.key} notin (${r.values.join(',')})`;
        case 'exists':
          return r.key;
        case '!exists':
          return `!${r.key}`;
        case 'gt':
          return `${r.key}>${r.values[0]}`;
        default:
          return `${r.key}<${r.values[0]}`;
      }
    })
    .join(',');
}
