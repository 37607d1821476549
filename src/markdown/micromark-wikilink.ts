/**
 * micromark syntax for Obsidian wikilinks and embeds: `[[target]]`, `[[target#heading|alias]]`, `![[image.png|300]]`.
 * The whole link is one token; its inner text is split into target, anchor and alias when the mdast node is built.
 * Wikilinks cannot span lines or nest, and an escaped pipe (`\|`, needed inside GFM tables) separates the alias too.
 *
 * In: `see [[deployment strategy#Rollback|rollback]]` → tokens `wikiLink` > `wikiLinkMarker`, `wikiLinkContent`, `wikiLinkMarker`
 */
import { markdownLineEnding } from 'micromark-util-character';
import type { Code, Construct, Effects, Extension, State, TokenizeContext } from 'micromark-util-types';

declare module 'micromark-util-types' {
  interface TokenTypeMap {
    wikiLink: 'wikiLink';
    wikiLinkEmbedMarker: 'wikiLinkEmbedMarker';
    wikiLinkMarker: 'wikiLinkMarker';
    wikiLinkContent: 'wikiLinkContent';
  }
}

/** Longest inner text we look at: a bound that keeps a line full of `[[` linear. */
const maxContent = 1000;

const leftSquareBracket = 91;
const rightSquareBracket = 93;
const exclamationMark = 33;

const wikiLink: Construct = { name: 'wikiLink', tokenize: tokenizeWikiLink, add: 'before' };

export function wikiLinkSyntax(): Extension {
  return { text: { [leftSquareBracket]: wikiLink, [exclamationMark]: wikiLink } };
}

function tokenizeWikiLink(this: TokenizeContext, effects: Effects, ok: State, nok: State): State {
  let size = 0;
  return start;

  function start(code: Code): State | undefined {
    effects.enter('wikiLink');
    if (code !== exclamationMark) return openFirst(code);
    effects.enter('wikiLinkEmbedMarker');
    effects.consume(code);
    effects.exit('wikiLinkEmbedMarker');
    return openFirst;
  }

  function openFirst(code: Code): State | undefined {
    if (code !== leftSquareBracket) return nok(code);
    effects.enter('wikiLinkMarker');
    effects.consume(code);
    return openSecond;
  }

  function openSecond(code: Code): State | undefined {
    if (code !== leftSquareBracket) return nok(code);
    effects.consume(code);
    effects.exit('wikiLinkMarker');
    return contentStart;
  }

  function contentStart(code: Code): State | undefined {
    if (code === rightSquareBracket || code === leftSquareBracket) return nok(code);
    effects.enter('wikiLinkContent');
    return content(code);
  }

  function content(code: Code): State | undefined {
    if (code === null || markdownLineEnding(code) || code === leftSquareBracket || size > maxContent) return nok(code);
    if (code === rightSquareBracket) {
      effects.exit('wikiLinkContent');
      effects.enter('wikiLinkMarker');
      effects.consume(code);
      return closeSecond;
    }
    size++;
    effects.consume(code);
    return content;
  }

  function closeSecond(code: Code): State | undefined {
    if (code !== rightSquareBracket) return nok(code);
    effects.consume(code);
    effects.exit('wikiLinkMarker');
    effects.exit('wikiLink');
    return ok;
  }
}
