/**
 * remark plugin: Obsidian's wikilinks and embeds as real mdast nodes, `wikiLink`, and the mdast types of Obsidian's
 * syntax. Comments (`obsidianComment`) are found on the source text for both parsers (`obsidian-comments.ts`);
 * callouts, tags and block ids need no syntax of their own: `remark-callouts.ts` and `facts.ts` read them off the tree.
 *
 * In: `![[flow.svg|300]]` → `{type: 'wikiLink', embed: true, value: 'flow.svg|300', target: 'flow.svg', alias: '300'}`
 */
import type { Node } from 'mdast';
import type { CompileContext, Extension as FromMarkdownExtension, Token } from 'mdast-util-from-markdown';
import type { Processor } from 'unified';
import { wikiLinkSyntax } from './micromark-wikilink.ts';

export interface WikiLink extends Node {
  type: 'wikiLink';
  /** `![[…]]`: the target is shown in place. */
  embed: boolean;
  /** The inner text as written, between `[[` and `]]`, less a `%%` comment in the alias (`obsidian-comments.ts`). */
  value: string;
  /** Path or name, trimmed; '' for links within the same file (`[[#Heading]]`). */
  target: string;
  /** After the first `#`: a heading path (`A#B`) or a block ref (`^id`). */
  anchor?: string;
  /** After the first `|`: display text, or for embeds a size like `300` or `300x200`; without comments. */
  alias?: string;
}

/**
 * Text Obsidian hides, `%% … %%`: one node per piece (a comment across blocks leaves one in each). It keeps no text,
 * so nothing that reads text values can show what it hid; its position says where it was.
 */
export interface ObsidianComment extends Node {
  type: 'obsidianComment';
  /** Never closed: the comment hides the rest of the doc (set on the piece that holds the opening `%%`). */
  unclosed?: true;
  /**
   * Its `%%` and the code around it tangle past telling (backticks pairing across comments, again and again): the
   * rest of the doc is hidden from here rather than guessed.
   */
  unsettled?: true;
}

/** Splits the inner text of a wikilink. `\|` (escaped for GFM tables) separates the alias like `|`. */
export function splitWikiLink(inner: string): Pick<WikiLink, 'target' | 'anchor' | 'alias'> {
  const pipe = inner.search(/\\?\|/);
  const link = pipe === -1 ? inner : inner.slice(0, pipe);
  const alias = pipe === -1 ? undefined : inner.slice(pipe + (inner[pipe] === '\\' ? 2 : 1));
  const hash = link.indexOf('#');
  const target = (hash === -1 ? link : link.slice(0, hash)).trim();
  const anchor = hash === -1 ? undefined : link.slice(hash + 1).trim();
  return {
    target,
    ...(anchor === undefined ? {} : { anchor }),
    ...(alias === undefined ? {} : { alias: alias.trim() }),
  };
}

function top<T>(context: CompileContext): T {
  return context.stack[context.stack.length - 1] as unknown as T;
}

const fromMarkdown: FromMarkdownExtension = {
  enter: {
    wikiLink(this: CompileContext, token: Token) {
      this.enter({ type: 'wikiLink', embed: false, value: '', target: '' } as WikiLink as never, token);
    },
  },
  exit: {
    wikiLinkEmbedMarker(this: CompileContext) {
      top<WikiLink>(this).embed = true;
    },
    wikiLinkContent(this: CompileContext, token: Token) {
      top<WikiLink>(this).value = this.sliceSerialize(token);
    },
    wikiLink(this: CompileContext, token: Token) {
      const node = top<WikiLink>(this);
      Object.assign(node, splitWikiLink(node.value));
      this.exit(token);
    },
  },
};

export default function remarkObsidian(this: Processor): void {
  const data = this.data();
  (data.micromarkExtensions ??= []).push(wikiLinkSyntax());
  (data.fromMarkdownExtensions ??= []).push(fromMarkdown);
}

declare module 'mdast' {
  interface PhrasingContentMap {
    wikiLink: WikiLink;
    obsidianComment: ObsidianComment;
  }
  interface BlockContentMap {
    obsidianComment: ObsidianComment;
  }
  interface RootContentMap {
    wikiLink: WikiLink;
    obsidianComment: ObsidianComment;
  }
}
