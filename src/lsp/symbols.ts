/**
 * Document symbols (the headings, nested, each spanning its section, blank lines after it left out) and workspace symbols (docs by title, alias
 * and file name: a title that starts with the query first, then one with a word that does, then one that contains
 * it, then one that holds its letters in order).
 *
 * In: `# A\n## B\n## C` → `[{ name: 'A', children: [{ name: 'B' }, { name: 'C' }] }]`
 * In: `workspaceSymbols(state, 'roll')` → `[{ name: 'Rollback', location: { uri: 'file:///…/runbooks/rollback.md', … } }, …]`
 */
import { SymbolKind, type DocumentSymbol, type WorkspaceSymbol } from 'vscode-languageserver';
import { foldName, folderOf, stem } from '../vault/vault-path.ts';
import { headingNodes, openDoc, type NavigationState } from './nav-context.ts';
import { fileUri } from './workspace-edits.ts';

export function documentSymbols(path: string, text: string): DocumentSymbol[] {
  const doc = openDoc(path, text);
  const nodes = headingNodes(doc.parsed);
  const roots: DocumentSymbol[] = [];
  const open: Array<{ depth: number; symbol: DocumentSymbol }> = [];
  nodes.forEach((node, i) => {
    const start = node.position!.start.offset!;
    // A section runs to the next heading of its level or above, else to the end of the text.
    const next = nodes.slice(i + 1).find((other) => other.depth <= node.depth);
    const end = trimEnd(text, next ? next.position!.start.offset! : text.length);
    const symbol: DocumentSymbol = {
      name: doc.parsed.facts.headings[i]?.text || '(empty heading)',
      detail: '#'.repeat(node.depth),
      kind: SymbolKind.String,
      range: doc.positions.rangeOf(start, Math.max(end, node.position!.end.offset!)),
      selectionRange: doc.positions.rangeOf(start, node.position!.end.offset!),
      children: [],
    };
    while (open.length > 0 && open.at(-1)!.depth >= node.depth) open.pop();
    (open.at(-1)?.symbol.children ?? roots).push(symbol);
    open.push({ depth: node.depth, symbol });
  });
  return roots;
}

/** The end of the text before `offset`, its trailing line breaks and blanks left out. */
function trimEnd(text: string, offset: number): number {
  let end = offset;
  while (end > 0 && /\s/.test(text[end - 1]!)) end--;
  return end;
}

/** How well `name` matches `query` (both folded): lower is better, undefined is no match. */
function score(name: string, query: string): number | undefined {
  if (query === '') return 3;
  if (name.startsWith(query)) return 0;
  if (name.split(/[\s\-_/.]+/).some((word) => word.startsWith(query))) return 1;
  if (name.includes(query)) return 2;
  let at = 0;
  for (const char of name) if (char === query[at]) at++;
  return at === query.length ? 4 : undefined;
}

const maxSymbols = 200;

/** Each doc's names (title, aliases, file name), folded once per analysis: the query changes with every key. */
const namesByAnalysis = new WeakMap<NavigationState['analysis'], string[][]>();

export function workspaceSymbols(state: NavigationState, query: string): WorkspaceSymbol[] {
  const wanted = foldName(query.trim());
  let folded = namesByAnalysis.get(state.analysis);
  if (!folded) {
    folded = state.analysis.facts.map((doc) => [doc.title, ...doc.aliases, stem(doc.path)].map(foldName));
    namesByAnalysis.set(state.analysis, folded);
  }
  const found: Array<{ rank: number; symbol: WorkspaceSymbol }> = [];
  for (const [d, doc] of state.analysis.facts.entries()) {
    const names = [doc.title, ...doc.aliases, stem(doc.path)];
    let best: { rank: number; name: string } | undefined;
    for (const [i, name] of names.entries()) {
      const rank = score(folded[d]![i]!, wanted);
      if (rank !== undefined && (!best || rank < best.rank)) best = { rank, name: i === 0 || i === names.length - 1 ? doc.title : `${name} (${doc.title})` };
    }
    if (!best) continue;
    found.push({
      rank: best.rank,
      symbol: {
        name: best.name,
        kind: SymbolKind.File,
        ...(folderOf(doc.path) ? { containerName: folderOf(doc.path) } : {}),
        location: { uri: fileUri(state.config, doc.path), range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } },
      },
    });
  }
  return found
    .sort((a, b) => a.rank - b.rank || (a.symbol.name < b.symbol.name ? -1 : a.symbol.name > b.symbol.name ? 1 : 0))
    .slice(0, maxSymbols)
    .map(({ symbol }) => symbol);
}
