/**
 * Does a doc have the heading or block a link's `#anchor` names? Headings match as Obsidian matches them:
 * case-insensitively, with the characters Obsidian drops from heading links (`# | ^ : % [ ]` and `\`) read as
 * spaces, and runs of white space as one. `A#B` names heading B under heading A. Markdown links may also use a
 * GitHub-style slug (`#rollback-steps`).
 *
 * In: `findAnchor(doc, 'Step 1: Deploy')` with a heading `## Step 1 Deploy` → `{ found: true }`
 */
import { suggest } from '../diagnostics/suggest.ts';
import type { DocFacts, HeadingFact } from '../markdown/types.ts';

export interface AnchorResult {
  found: boolean;
  /** For a found heading anchor: the index in `doc.headings` of the heading it names (the last part of `A#B`). */
  heading?: number;
  /** For a missing anchor: the closest headings or block ids, as they would be written after `#`. */
  suggestions: string[];
}

export function normalizeHeading(text: string): string {
  return text
    .normalize('NFC')
    .replace(/[#|^:%[\]\\]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase();
}

/** GitHub's heading slugs: lower case, punctuation dropped, spaces to hyphens. */
export function slugify(text: string): string {
  return text
    .normalize('NFC')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\p{M}\s_-]/gu, '')
    .trim()
    .replace(/\s/g, '-');
}

/** Each doc's headings, normalised once: a doc is the target of many anchored links. */
const normalized = new WeakMap<HeadingFact, string>();

function headingMatches(heading: HeadingFact, wanted: string, slugAllowed: boolean): boolean {
  let text = normalized.get(heading);
  if (text === undefined) {
    text = normalizeHeading(heading.text);
    normalized.set(heading, text);
  }
  return text === wanted || (slugAllowed && slugify(heading.text) === wanted);
}

export function findAnchor(doc: DocFacts, anchor: string, options: { slugs?: boolean } = {}): AnchorResult {
  if (anchor.startsWith('^')) {
    const id = anchor.slice(1).toLowerCase();
    const found = doc.blockIds.some((blockId) => blockId.toLowerCase() === id);
    return { found, suggestions: found ? [] : suggest(id, doc.blockIds).map((b) => `^${b}`) };
  }
  const written = anchor.split('#');
  const parts = written.map(normalizeHeading).filter(Boolean);
  if (parts.length === 0) return { found: true, suggestions: [] };
  // Each part must be found after the previous one, at a deeper level.
  let from = 0;
  let depth = 0;
  for (const part of parts) {
    const index = doc.headings.findIndex(
      (heading, i) => i >= from && heading.depth > depth && headingMatches(heading, part, options.slugs === true),
    );
    if (index === -1) {
      const last = written.findLast((part) => normalizeHeading(part) !== '')!;
      return { found: false, suggestions: suggest(last, doc.headings.map((h) => h.text), { normalize: normalizeHeading }) };
    }
    from = index + 1;
    depth = parts.length > 1 ? doc.headings[index]!.depth : 0;
  }
  return { found: true, heading: from - 1, suggestions: [] };
}
