/**
 * Wikilinks in frontmatter values (`related: "[[deployment-strategy]]"`), which Obsidian shows as links and counts
 * as backlinks. The check's facts do not list them as links (`broken-link` reads only file fields there), so the
 * navigation features find them here: in an open document at their exact place, in the others at their key's value.
 *
 * In: `---\nrelated: ["[[a]]", "[[b#Steps]]"]\n---` → `[{ kind: 'wikilink', target: 'a', … }, { target: 'b', anchor: 'Steps', … }]`
 */
import type { LineIndex } from '../markdown/line-index.ts';
import type { DocFacts, Frontmatter, LinkFact } from '../markdown/types.ts';

const wikilink = /(!?)\[\[([^[\]|#]*)(?:#([^[\]|]*))?(?:\|[^[\]]*)?\]\]/g;

function linkOf(match: RegExpMatchArray, span: LinkFact['span']): LinkFact {
  const anchor = match[3]?.trim();
  return { kind: match[1] ? 'embed' : 'wikilink', target: match[2]!.trim(), ...(anchor ? { anchor } : {}), raw: match[0], span };
}

/** The property wikilinks of a text's frontmatter, each at its own place. */
export function frontmatterLinks(frontmatter: Frontmatter | undefined, lines: LineIndex): LinkFact[] {
  if (!frontmatter?.closed) return [];
  return [...frontmatter.yaml.matchAll(wikilink)].map((match) => {
    const start = frontmatter.yamlOffset + match.index;
    return linkOf(match, lines.span(start, start + match[0].length));
  });
}

/** The property wikilinks of a doc from its facts, each at the value of its key (the facts keep no finer place). */
export function factsPropertyLinks(doc: DocFacts): LinkFact[] {
  const links: LinkFact[] = [];
  for (const [key, value] of Object.entries(doc.frontmatter ?? {})) {
    const span = doc.frontmatterSpans?.[key];
    if (!span) continue;
    for (const item of [value].flat()) {
      if (typeof item === 'string' && item.includes('[[')) for (const match of item.matchAll(wikilink)) links.push(linkOf(match, span));
    }
  }
  return links;
}
