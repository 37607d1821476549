/**
 * Frontmatter: the YAML between a first line `---` and the next `---` (or `...`), parsed once with the `yaml`
 * package so that every key and value keeps its offset. Problems are recorded, not thrown; `yaml-syntax` reports them.
 *
 * In: `---\ntitle: A\n---\n# A` → `{ yamlOffset: 4, yaml: 'title: A\n', data: { title: 'A' }, closed: true }`
 */
import { isAlias, parseDocument, visit } from 'yaml';
import type { Span } from '../diagnostics/diagnostic.ts';
import type { LineIndex } from './line-index.ts';
import type { Frontmatter, FrontmatterProblem } from './types.ts';

export interface FrontmatterResult {
  frontmatter?: Frontmatter;
  problems: FrontmatterProblem[];
}

/** YAML aliases a document may expand before we call it an attack (the `yaml` package's own default). */
const maxAliasCount = 100;

const fence = /^---[ \t]*$/;
const closingFence = /^(?:---|\.\.\.)[ \t]*$/;

export function readFrontmatter(text: string, lines: LineIndex): FrontmatterResult {
  const first = lines.lineText(1).replace(/^\uFEFF/, '');
  if (!fence.test(first)) return { problems: [] };
  const lineCount = lines.starts.length;
  let closingLine = 0;
  for (let line = 2; line <= lineCount; line++) {
    if (closingFence.test(lines.lineText(line))) {
      closingLine = line;
      break;
    }
  }
  const start = lines.starts[0]!;
  const yamlOffset = lines.starts[1] ?? text.length;
  if (closingLine === 0) {
    const span = lines.span(start, start + lines.lineText(1).length);
    return {
      frontmatter: { span, yamlOffset, yaml: '', closed: false },
      problems: [{ kind: 'unclosed', message: 'Unexpected end of file in frontmatter, expected a closing `---` line', span }],
    };
  }
  const yamlEnd = lines.starts[closingLine - 1]!;
  const yaml = text.slice(yamlOffset, yamlEnd);
  const blockEnd = yamlEnd + lines.lineText(closingLine).length;
  const frontmatter: Frontmatter = { span: lines.span(start, blockEnd), yamlOffset, yaml, closed: true };
  const problems: FrontmatterProblem[] = [];
  const at = (pos: readonly [number, number] | undefined): Span =>
    pos ? lines.span(yamlOffset + pos[0], yamlOffset + Math.max(pos[1], pos[0] + 1)) : frontmatter.span;

  const document = parseDocument(yaml, { uniqueKeys: true, prettyErrors: false });
  frontmatter.document = document;
  for (const error of document.errors) {
    problems.push({
      kind: error.code === 'DUPLICATE_KEY' ? 'duplicate-key' : 'syntax',
      message: firstLine(error.message),
      span: at(error.pos),
    });
  }
  if (document.errors.length > 0) return { frontmatter, problems };

  let data: unknown;
  try {
    data = document.toJS({ maxAliasCount });
  } catch (error) {
    if (!(error instanceof ReferenceError)) throw error;
    let firstAlias: readonly [number, number] | undefined;
    visit(document, {
      Alias(_, node) {
        if (isAlias(node) && node.range) firstAlias = [node.range[0], node.range[1]];
        return visit.BREAK;
      },
    });
    problems.push({
      kind: 'alias-bomb',
      message: `Unexpected YAML alias expansion beyond ${maxAliasCount} aliases, expected a small document (alias bomb)`,
      span: at(firstAlias),
    });
    return { frontmatter, problems };
  }
  if (data === null || data === undefined) {
    frontmatter.data = {};
  } else if (typeof data === 'object' && !Array.isArray(data)) {
    frontmatter.data = data as Record<string, unknown>;
  } else {
    problems.push({
      kind: 'not-a-mapping',
      message: `Unexpected ${Array.isArray(data) ? 'list' : typeof data} as frontmatter, expected a mapping of keys to values`,
      span: at(document.contents?.range ? [document.contents.range[0], document.contents.range[1]] : undefined),
    });
  }
  return { frontmatter, problems };
}

function firstLine(message: string): string {
  return message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
}
