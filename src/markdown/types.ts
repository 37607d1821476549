/**
 * What parsing one file yields. `ParsedDoc` lives only while the file is being checked (it holds the tree);
 * `DocFacts` is the small, serialisable summary that the cross-file pass and the cache keep.
 */
import type { Code, Root } from 'mdast';
import type { Parent } from 'unist';
import type { Document } from 'yaml';
import type { Span, SpanProblem } from '../diagnostics/diagnostic.ts';
import type { LineIndex } from './line-index.ts';
import type { Unparseable } from './parse-guard.ts';

export interface SourceFile {
  /** Vault-relative path, forward slashes, e.g. `runbooks/rollback.md`. */
  path: string;
  /** Raw bytes as read from disk (for encoding checks). */
  bytes: Uint8Array;
  /** Decoded text (invalid UTF-8 sequences replaced by U+FFFD, a BOM kept as U+FEFF at offset 0). */
  text: string;
  lines: LineIndex;
  /** Inside a templates folder: parsed and checked, but not published and exempt from placeholder rules. */
  isTemplate: boolean;
}

export interface Frontmatter {
  /** The whole block, fences included. */
  span: Span;
  /** Offset of the first YAML character in the file text. */
  yamlOffset: number;
  yaml: string;
  /** False when the opening `---` has no closing `---`/`...`: then there is no document and no data. */
  closed: boolean;
  document?: Document.Parsed;
  /** The YAML as plain data, when it parsed without errors into a mapping. */
  data?: Record<string, unknown>;
}

export interface ParsedDoc {
  source: SourceFile;
  /** mdast with GFM and Obsidian nodes (`wikiLink`, `obsidianComment`); callouts are blockquotes with `data.callout`. */
  tree: Root;
  frontmatter?: Frontmatter;
  /** Set when the body was not parsed, being nested too deep or having too long a line (see `parse-guard.ts`); the tree is then empty. */
  unparsed?: Unparseable;
  /** Every code block with its ancestors, in document order: several rules look only at code. */
  code: CodeBlock[];
  /** What was wrong with the frontmatter as YAML; `yaml-syntax` reports these. */
  frontmatterProblems: FrontmatterProblem[];
  facts: DocFacts;
}

export interface FrontmatterProblem extends SpanProblem {
  kind: 'syntax' | 'duplicate-key' | 'alias-bomb' | 'unclosed' | 'not-a-mapping';
}

export interface CodeBlock {
  node: Code;
  /** Root first; the containers (list items, quotes) whose prefixes the block's lines carry. */
  ancestors: readonly Parent[];
}

export type LinkKind = 'wikilink' | 'embed' | 'markdown' | 'image';

export interface LinkFact {
  kind: LinkKind;
  /** The path part as written (URL-decoded for Markdown links), '' for same-file links like `[[#Heading]]`. */
  target: string;
  /** Heading path (`A#B`) or block ref (`^id`), without the leading `#`. */
  anchor?: string;
  /** The link's source text, e.g. `[[deployment strategy|strategy]]`. */
  raw: string;
  span: Span;
}

export interface HeadingFact {
  text: string;
  depth: number;
}

/** A task list item (`- [x] Run the smoke tests`). */
export interface TaskFact {
  /** Its first paragraph, as written. */
  text: string;
  completed: boolean;
  line: number;
}

export interface DocFacts {
  path: string;
  isTemplate: boolean;
  /** Frontmatter `title`, else the first level-1 heading, else the file name. */
  title: string;
  /** Frontmatter `type` (selects the schema). */
  type?: string;
  aliases: string[];
  /** Tags from the frontmatter and the text, without `#`, as written. */
  tags: string[];
  headings: HeadingFact[];
  blockIds: string[];
  links: LinkFact[];
  /** Frontmatter as JSON-safe data (for vault rules and the site). */
  frontmatter?: Record<string, unknown>;
  /** Span of each top-level frontmatter value, for rules that report on a key after parsing. */
  frontmatterSpans?: Record<string, Span>;
  /** Where `%% comments %%` hide text: the site must not quote a problem found there. */
  comments?: Span[];
  /** Task list items, in document order (Dataview's `TASK`, `file.tasks`). */
  tasks?: TaskFact[];
  // Each fenced-block type adds the facts it reads (`declare module '../markdown/types.ts'` in src/blocks/<type>.ts).
}
