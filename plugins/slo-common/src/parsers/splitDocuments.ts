const START = /^---(?=\s|$)/;
const END = /^\.\.\.(?=\s|$)/;
const NOTHING = /^\s*(#.*)?$/;

/** One document's text and the file line (0-based) it starts on. */
export interface YamlDocumentChunk {
  text: string;
  start: number;
}

/**
 * Splits a multi-document YAML file at its `---` markers, so each document
 * can be loaded (and fail) on its own. Each chunk carries its first line, so
 * YAML errors report the line number of the whole file. (Padding each chunk
 * with the lines before it did the same in quadratic time: 18 s for a 256 KiB
 * file of empty documents, six minutes for a validate request of 20 such files.)
 *
 * Markers only count in column 0, where YAML allows nothing else: block
 * scalars and flow collections are indented under their key.
 */
export function splitDocuments(content: string): YamlDocumentChunk[] {
  const lines = content.split(/\r?\n/);
  const chunks: Array<{ start: number; lines: string[] }> = [
    { start: 0, lines: [] },
  ];
  lines.forEach((line, i) => {
    if (START.test(line)) {
      chunks.push({ start: i, lines: [line.slice(3)] });
    } else if (END.test(line)) {
      chunks[chunks.length - 1].lines.push('');
    } else {
      chunks[chunks.length - 1].lines.push(line);
    }
  });
  // Comments or directives before the first marker are not a document of their own.
  if (
    chunks.length > 1 &&
    chunks[0].lines.every(l => NOTHING.test(l) || l.startsWith('%'))
  ) {
    chunks.shift();
  }
  return chunks.map(c => ({ text: c.lines.join('\n'), start: c.start }));
}
