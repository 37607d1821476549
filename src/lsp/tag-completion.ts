/**
 * Completion of tags after `#` in the text: every tag of the vault, most used first (the frontmatter's `tags` list
 * takes the same, from `yaml-completion.ts`).
 *
 * In: `Deploy #on` → `oncall` (in 12 docs), `on-prem` (in 3 docs)
 */
import { CompletionItemKind, type CompletionItem } from 'vscode-languageserver';
import { foldName } from '../vault/vault-path.ts';
import { contains, typedRange, type CompletionRequest } from './completion-request.ts';

/** Every tag in the vault (and the document), most used first. */
export function vaultTags(request: CompletionRequest): Array<[string, number]> {
  const counts = new Map<string, [string, number]>();
  const add = (tag: string) => {
    const key = foldName(tag);
    const entry = counts.get(key);
    if (entry) entry[1]++;
    else counts.set(key, [tag, 1]);
  };
  for (const facts of request.state.analysis.facts) if (facts.path !== request.doc.path) facts.tags.forEach(add);
  request.doc.parsed.facts.tags.forEach(add);
  return [...counts.values()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
}

function tagItems(request: CompletionRequest, typed: string): CompletionItem[] {
  const range = typedRange(request, typed.length);
  return vaultTags(request)
    .filter(([tag]) => typed === '' || contains(tag, typed))
    .map(([tag, count], i) => ({
      label: tag,
      kind: CompletionItemKind.Keyword,
      detail: count === 1 ? 'in 1 doc' : `in ${count} docs`,
      filterText: tag,
      sortText: String(i).padStart(6, '0'),
      textEdit: { range, newText: tag },
    }));
}

export function tagCompletion(request: CompletionRequest): CompletionItem[] | undefined {
  const match = /(^|[\s(,;])#([\p{L}\p{N}_\-/]*)$/u.exec(request.before);
  // `#` alone at the start of a line begins a heading, not a tag.
  if (!match || (match.index === 0 && match[1] === '' && match[2] === '')) return undefined;
  return tagItems(request, match[2]!);
}
