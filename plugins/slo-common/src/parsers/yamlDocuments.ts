import { Composer, Document, LineCounter, Parser } from 'yaml';
import type { CST } from 'yaml';

/** The YAML documents of a file that hold something, with their place among all of them. */
export interface YamlDocuments {
  /** Every document, the empty ones included. */
  total: number;
  /** The documents with content (or a YAML error), each with its index among all of them. */
  docs: Array<{ doc: Document.Parsed; index: number }>;
}

// What a document holds when it is only `---`, blank lines and comments.
const BLANK_TOKENS = new Set(['doc-start', 'newline', 'space', 'comment']);

function isBlank(tokens: CST.SourceToken[] | undefined): boolean {
  // A tab where indentation could be is an error yaml reports on the document.
  return (tokens ?? []).every(
    t =>
      BLANK_TOKENS.has(t.type) && !(t.type === 'space' && /\t/.test(t.source)),
  );
}

// Top-level tokens that cannot carry an error or a directive into the document next to them.
const PLAIN_TOP_LEVEL = new Set([
  'document',
  'comment',
  'newline',
  'space',
  'byte-order-mark',
]);

function isPlain(token: CST.Token): boolean {
  return (
    PLAIN_TOP_LEVEL.has(token.type) ||
    (token.type === 'doc-end' && isBlank(token.end))
  );
}

function isEmptyDocument(token: CST.Token): boolean {
  return (
    token.type === 'document' &&
    token.value === undefined &&
    isBlank(token.start) &&
    isBlank(token.end)
  );
}

/**
 * `parseAllDocuments`, without composing the documents that hold nothing: yaml builds a
 * Document and its schema for each `---`, which made a file of 65,536 empty documents take
 * half a second to read. Those documents convert to null, so the spec reader skipped them
 * anyway.
 */
export function parseYamlDocuments(
  content: string,
  options: { lineCounter: LineCounter; merge: boolean },
): YamlDocuments {
  const tokens = Array.from(
    new Parser(options.lineCounter.addNewLine).parse(content),
  );
  // yaml gives a top-level error or directive to the document it composes next or last: with
  // one in the file, every document is composed, so each problem stays with its own document.
  const composeAll = !tokens.every(isPlain);
  const composer = new Composer({ ...options, prettyErrors: false });
  const indices: number[] = [];
  const docs: YamlDocuments['docs'] = [];
  const take = (composed: Iterable<Document.Parsed>) => {
    for (const doc of composed) {
      docs.push({ doc, index: indices.shift()! });
    }
  };
  let total = 0;
  let skippedLast = false;
  for (const token of tokens) {
    if (token.type === 'document') {
      total++;
      skippedLast = !composeAll && isEmptyDocument(token);
      if (skippedLast) continue;
      indices.push(total - 1);
    } else if (token.type === 'doc-end' && skippedLast) {
      // The `...` that closes a skipped document.
      continue;
    }
    take(composer.next(token));
  }
  take(composer.end());
  return { total, docs };
}
