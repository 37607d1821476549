/**
 * The two parsers behind `parseDoc` must give the same tree (every node, field and position) and the same facts:
 * satteri (the default, native and fast) is held to micromark with our extensions (the reference) on every Markdown
 * file of the project's vaults and fixtures, and on a list of edge cases — comments, wikilinks, containers, CRLF, BOM.
 * Where the two differ by design, the case is listed below with what each gives.
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Node } from 'unist';
import { describe, expect, it } from 'vitest';
import { lineIndex } from '../../src/markdown/line-index.ts';
import { parseDocMicromark } from '../../src/markdown/parse-micromark.ts';
import { parseDocSatteri } from '../../src/markdown/parse-satteri.ts';

const root = join(import.meta.dirname, '../..');

function markdownFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? markdownFiles(path) : path.endsWith('.md') ? [path] : [];
  });
}

/** One line per node: its path in the tree, position, and fields (children apart), keys sorted. */
function lines(node: Node & { children?: Node[]; data?: { callout?: unknown } }, path = 'root', out: string[] = []): string[] {
  const { children, position, data, ...fields } = node;
  const at = position ? `${position.start.line}:${position.start.column}(${position.start.offset})-${position.end.line}:${position.end.column}(${position.end.offset})` : '-';
  out.push(`${path} ${at} ${JSON.stringify(Object.fromEntries(Object.entries(fields).sort()))} ${JSON.stringify(data?.callout ?? null)}`);
  children?.forEach((child, i) => lines(child, `${path}/${child.type}[${i}]`, out));
  return out;
}

function both(text: string) {
  const source = { path: 'doc.md', bytes: new TextEncoder().encode(text), text, lines: lineIndex(text), isTemplate: false };
  const [reference, fast] = [parseDocMicromark(source), parseDocSatteri(source)];
  return {
    reference: { tree: lines(reference.tree), facts: reference.facts },
    fast: { tree: lines(fast.tree), facts: fast.facts },
  };
}

/** Inputs where satteri's grammar wins by design, with what micromark makes of them. */
const knownDifferences = new Set([
  // A wikilink inside a Markdown link's text: micromark nests it, satteri leaves the outer link as text.
  '[x [[a]]](u)',
  // An escaped bracket before `]]`: satteri applies the escape first, so there is no wikilink.
  '[[a\\]]',
]);

describe('satteri and micromark parse alike', () => {
  const files = [...markdownFiles(join(root, 'content')), ...markdownFiles(join(root, 'test/fixtures'))];

  it.each(files.map((file) => [file.slice(root.length + 1), file]))('%s', (_, file) => {
    const { reference, fast } = both(readFileSync(file, 'utf8'));
    expect(fast.tree).toEqual(reference.tree);
    expect(fast.facts).toEqual(reference.facts);
  });

  const snippets = (JSON.parse(readFileSync(join(root, 'test/fixtures/parser/snippets.json'), 'utf8')) as string[]).filter(
    (snippet) => !knownDifferences.has(snippet),
  );
  it.each(snippets.map((snippet) => [JSON.stringify(snippet).slice(0, 60), snippet]))('%s', (_, snippet) => {
    const { reference, fast } = both(snippet);
    expect(fast.tree).toEqual(reference.tree);
    expect(fast.facts).toEqual(reference.facts);
  });
});
