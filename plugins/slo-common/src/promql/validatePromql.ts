import { parser } from '@prometheus-io/lezer-promql';

type Tree = ReturnType<typeof parser.parse>;

// Sloth's only template variable; anything else between {{ }} would reach Prometheus verbatim.
const TEMPLATE = /\{\{\s*([^}]*?)\s*\}\}/g;
const WINDOW_VAR = '.window';

// Functions that need a range vector; the grammar alone accepts `rate(x)`, Prometheus does not.
const RANGE_FUNCTIONS = new Set(['rate', 'irate', 'increase']);

/** What {@link inspectPromql} found in an expression. */
export interface PromqlInspection {
  /** Why Prometheus would refuse the expression; undefined when it parses. */
  problem?: string;
  /**
   * True when the whole expression is one instant vector selector such as
   * `http_requests_total{code!~"5.."}`: a raw counter the collector takes the increase of.
   */
  selector: boolean;
  /** True when it calls `rate()`, `irate()` or `increase()`, i.e. counts events over a range. */
  countsEvents: boolean;
}

function lineColumn(text: string, offset: number): string {
  const before = text.slice(0, offset).split('\n');
  return `line ${before.length}, column ${
    before[before.length - 1].length + 1
  }`;
}

function describeAt(text: string, offset: number): string {
  const rest = text.slice(offset).trim();
  const found = rest
    ? `"${rest.slice(0, 20)}${rest.length > 20 ? '…' : ''}"`
    : 'end of expression';
  return `unexpected ${found} at ${lineColumn(text, offset)}`;
}

function syntaxProblem(text: string, tree: Tree): string | undefined {
  let problem: string | undefined;
  tree.iterate({
    enter: node => {
      if (problem) return false;
      if (node.type.isError) {
        problem = `invalid PromQL: ${describeAt(text, node.from)}`;
        return false;
      }
      if (node.name === 'FunctionCall') {
        const name = text
          .slice(node.from, node.to)
          .match(/^[a-zA-Z_]+/)?.[0]
          ?.toLowerCase();
        const body = node.node.getChild('FunctionCallBody');
        const arg = body?.firstChild;
        if (
          name &&
          RANGE_FUNCTIONS.has(name) &&
          arg &&
          arg.name !== 'MatrixSelector' &&
          arg.name !== 'SubqueryExpr'
        ) {
          problem = `invalid PromQL: ${name}() needs a range such as [5m] after its selector (${lineColumn(
            text,
            arg.from,
          )})`;
          return false;
        }
      }
      return undefined;
    },
  });
  return problem;
}

function unwrap(tree: Tree) {
  let node = tree.topNode.firstChild;
  while (node && node.name === 'ParenExpr') {
    node = node.firstChild;
  }
  return node;
}

/**
 * Parses a PromQL expression with Prometheus' own grammar (`@prometheus-io/lezer-promql`), after
 * substituting Sloth's `{{.window}}` with a sample range. Also tells whether the expression is a
 * bare selector or counts events with `rate()`/`increase()`.
 */
export function inspectPromql(expr: string): PromqlInspection {
  let unknownVariable: string | undefined;
  // Padded to the variable's length, so positions in messages match the text as written.
  const text = expr.replace(TEMPLATE, (variable: string, name: string) => {
    if (name !== WINDOW_VAR && !unknownVariable) unknownVariable = name;
    return '5m'.padEnd(variable.length);
  });
  if (unknownVariable !== undefined) {
    return {
      problem: `unknown template variable {{${unknownVariable}}}: only {{.window}} is substituted`,
      selector: false,
      countsEvents: false,
    };
  }
  if (text.trim() === '') {
    return {
      problem: 'must be a PromQL expression',
      selector: false,
      countsEvents: false,
    };
  }
  const tree = parser.parse(text);
  let countsEvents = false;
  tree.iterate({
    enter: node => {
      if (
        node.name === 'Rate' ||
        node.name === 'Irate' ||
        node.name === 'Increase'
      ) {
        countsEvents = true;
      }
    },
  });
  return {
    problem: syntaxProblem(text, tree),
    selector: unwrap(tree)?.name === 'VectorSelector',
    countsEvents,
  };
}

/** The reason Prometheus would refuse `expr`, or undefined when it parses. */
export function promqlProblem(expr: string): string | undefined {
  return inspectPromql(expr).problem;
}
