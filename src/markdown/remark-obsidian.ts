/**
 * remark plugin: Obsidian syntax as real mdast nodes — `wikiLink` (links and embeds) and `obsidianComment`.
 * Callouts, tags and block ids need no syntax of their own: `remark-callouts.ts` and `facts.ts` read them off the tree.
 *
 * In: `![[flow.svg|300]] %%note%%` → `{type: 'wikiLink', embed: true, target: 'flow.svg', alias: '300'}`, `{type: 'obsidianComment', value: 'note'}`
 */
import type { Literal, Node } from 'mdast';
import type { CompileContext, Extension as FromMarkdownExtension, Token } from 'mdast-util-from-markdown';
import type { Processor } from 'unified';
import { commentSyntax } from './micromark-comment.ts';
import { wikiLinkSyntax } from './micromark-wikilink.ts';

export interface WikiLink extends Node {
  type: 'wikiLink';
  /** `![[…]]`: the target is shown in place. */
  embed: boolean;
  /** The inner text as written, between `[[` and `]]`. */
  value: string;
  /** Path or name, trimmed; '' for links within the same file (`[[#Heading]]`). */
  target: string;
  /** After the first `#`: a heading path (`A#B`) or a block ref (`^id`). */
  anchor?: string;
  /** After the first `|`: display text, or for embeds a size like `300` or `300x200`. */
  alias?: string;
}

export interface ObsidianComment extends Literal {
  type: 'obsidianComment';
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
    obsidianComment(this: CompileContext, token: Token) {
      this.enter({ type: 'obsidianComment', value: '' } as ObsidianComment as never, token);
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
    obsidianCommentValue(this: CompileContext, token: Token) {
      const node = top<ObsidianComment>(this);
      node.value += (node.value ? '\n' : '') + this.sliceSerialize(token);
    },
    obsidianComment(this: CompileContext, token: Token) {
      this.exit(token);
    },
  },
};

export default function remarkObsidian(this: Processor): void {
  const data = this.data();
  (data.micromarkExtensions ??= []).push(wikiLinkSyntax(), commentSyntax());
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
