/**
 * An import file → its JSON documents. The platforms' tools print more than one JSON value: `gh api --paginate`
 * writes each page as it comes (`[…][…]`, `{…}{…}`), `--jq '.[]'` and `jq -c` write NDJSON, one value a line.
 * So the text is read as JSON values back to back, separated by whitespace or nothing; one value is the common case.
 * Each document is named for the error messages: `input` when it is alone, else `input (document 2, line 7)`.
 * Malformed JSON is an ImportError at `file:line:column`.
 *
 * In: `readDocuments('[{"id":1}]\n[{"id":2}]\n', 'runs.json')`
 *   → `[{ value: [{ id: 1 }], where: 'input (document 1, line 1)' }, { value: [{ id: 2 }], where: 'input (document 2, line 2)' }]`
 */
import { lineIndex } from '../../markdown/line-index.ts';
import { ImportError } from './common.ts';

export interface JsonDocument {
  value: unknown;
  /** How error messages name the document: `input`, or `input (document N, line L)` among several. */
  where: string;
}

export function readDocuments(text: string, file: string): JsonDocument[] {
  const spans = documentSpans(text);
  if (spans.length === 0) throw new ImportError(`${file}: no JSON in the file`);
  // One index for every document's line: counting each from the start of the text is quadratic in NDJSON.
  const lines = spans.length === 1 ? undefined : lineIndex(text);
  return spans.map(([start, end], index) => {
    const where = lines === undefined ? 'input' : `input (document ${index + 1}, line ${lines.point(start).line})`;
    try {
      return { value: JSON.parse(text.slice(start, end)), where };
    } catch (error) {
      const message = (error as Error).message;
      // V8 places some errors ("at position 12") and not others ("Unexpected token"): those are placed at the
      // document's start, or at its end when the input stops early.
      const position = message.match(/at position (\d+)/)?.[1];
      const offset = position !== undefined ? start + Number(position) : /end of JSON input/.test(message) ? end : start;
      const { line, column } = (lines ?? lineIndex(text)).point(offset);
      const reason = message.replace(/ (in JSON )?at position \d+( \(line \d+ column \d+\))?/, '');
      throw new ImportError(`${file}:${line}:${column}: not valid JSON: ${reason}`);
    }
  });
}

/**
 * `[start, end)` of each top-level JSON value: an object or array runs to its matching bracket (brackets inside
 * strings do not count), a string to its closing quote, anything else to the next whitespace, bracket or quote.
 * Only the boundaries are found here; `JSON.parse` judges each span.
 */
function documentSpans(text: string): [number, number][] {
  const spans: [number, number][] = [];
  let i = text.startsWith('\uFEFF') ? 1 : 0;
  while (i < text.length) {
    if (/\s/.test(text[i]!)) {
      i++;
      continue;
    }
    const start = i;
    const first = text[i]!;
    if (first === '{' || first === '[') {
      let depth = 0;
      let inString = false;
      for (; i < text.length; i++) {
        const c = text[i];
        if (inString) {
          if (c === '\\') i++;
          else if (c === '"') inString = false;
        } else if (c === '"') inString = true;
        else if (c === '{' || c === '[') depth++;
        else if ((c === '}' || c === ']') && --depth === 0) {
          i++;
          break;
        }
      }
    } else if (first === '"') {
      for (i++; i < text.length && text[i] !== '"'; i++) if (text[i] === '\\') i++;
      i++;
    } else {
      for (i++; i < text.length && !/[\s{}[\]"]/.test(text[i]!); i++);
    }
    spans.push([start, Math.min(i, text.length)]);
  }
  return spans;
}
