/**
 * Stable fingerprints for the formatters that CI services diff between commits (GitLab Code Quality, SARIF's
 * `partialFingerprints`): the same problem keeps its fingerprint when lines are added or removed above it, so a
 * merge request shows only the problems it introduced or fixed.
 *
 * A fingerprint is the SHA-256 of the rule id, the repository-relative path, the message (which quotes the offending
 * text: the wikilink, the heading, the key) with any line numbers in it blanked, the offending text itself when the
 * caller can read the file (the span's text on its first line, whitespace collapsed), and the problem's rank among
 * identical such keys in that file. The line and column are never hashed. As markdownlint-cli2's
 * formatter-codequality, hashed with node:crypto; unlike it, without the line number. The rank keeps two identical
 * problems in one file apart (as eslint-formatter-gitlab does); it moves only when an identical problem is added or
 * removed above.
 *
 * In: `[{ rule: 'broken-link', file: 'a.md', line: 3, message: 'Unresolved wikilink [[x]]', … }]`, `'content/'`
 * Out: `['5b0d…']` (64 hex digits), the same with `line: 30`
 */
import { createHash } from 'node:crypto';
import type { Diagnostic } from './diagnostic.ts';

/** A file's text by its vault path, or undefined when it cannot be read; the caller reads, the formatters stay pure. */
export type ReadSource = (file: string) => string | undefined;

/** One fingerprint per diagnostic, in the order given; `pathPrefix` as the formatters take it. */
export function fingerprints(diagnostics: readonly Diagnostic[], pathPrefix: string, readSource?: ReadSource): string[] {
  const seen = new Map<string, number>();
  const linesOf = readSource && lineReader(readSource);
  return diagnostics.map((d) => {
    const parts = [d.rule, repositoryPath(pathPrefix, d.file), withoutLineNumbers(d.message)];
    const lines = linesOf?.(d.file);
    if (lines !== undefined) parts.push(snippet(lines[d.line - 1] ?? '', d));
    const key = parts.join('\0');
    const rank = seen.get(key) ?? 0;
    seen.set(key, rank + 1);
    return createHash('sha256').update(`${key}\0${rank}`).digest('hex');
  });
}

/** The file as the repository sees it: `content` and `content/` both work; `''` and `.` mean the content dir is the root. */
export function repositoryPath(prefix: string, file: string): string {
  const p = prefix.replaceAll('\\', '/').replace(/^(\.\/)+/, '');
  if (p === '' || p === '.') return file;
  return p.endsWith('/') ? p + file : `${p}/${file}`;
}

/** `(opened at line 1) runs on to line 10` → `(opened at line #) runs on to line #`; whitespace runs → one space. */
export function withoutLineNumbers(message: string): string {
  return message.replace(/\b(lines?) \d+(?:\s*[–-]\s*\d+)?/g, '$1 #').replace(/\s+/g, ' ').trim();
}

/** Lines break where the checker's line index breaks them: at \n, \r\n and a lone \r. */
const lineBreak = /\r\n|\r|\n/;

/**
 * A file's lines as the checker counts their columns, split once however many problems it has: a leading BOM is
 * no column (the checker's first column is the character after it). Undefined for a file that cannot be read.
 */
export function lineReader(readSource: ReadSource): (file: string) => string[] | undefined {
  const linesOf = new Map<string, string[] | undefined>();
  return (file) => {
    if (!linesOf.has(file)) linesOf.set(file, readSource(file)?.replace(/^\uFEFF/, '').split(lineBreak));
    return linesOf.get(file);
  };
}

type Place = Pick<Diagnostic, 'line' | 'column' | 'endLine' | 'endColumn'>;

/** The span's text on its first line, whitespace collapsed: `[[rollbak]]` for a broken link at 7:5–7:16. */
export function offendingText(text: string, d: Place): string {
  return snippet(text.split(lineBreak)[d.line - 1] ?? '', d);
}

/** The span's text on `line` (the text of its first line), whitespace collapsed. */
export function snippet(line: string, d: Place): string {
  const text = d.endLine === d.line ? line.slice(d.column - 1, d.endColumn - 1) : line.slice(d.column - 1);
  return text.replace(/\s+/g, ' ').trim();
}
