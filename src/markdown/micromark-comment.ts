/**
 * micromark syntax for Obsidian comments, `%% hidden %%`. Inline comments may span lines inside a paragraph;
 * a comment that starts a block runs to the line holding the closing `%%` (or, like Obsidian, to the end of
 * the file when never closed). Nothing inside a comment is parsed: links there are not links.
 *
 * In: `a %%b [[c]]%% d` → text `a `, obsidianComment `b [[c]]`, text ` d`
 */
import { markdownLineEnding, markdownSpace } from 'micromark-util-character';
import type { Code, Construct, Effects, Extension, State, TokenizeContext } from 'micromark-util-types';

declare module 'micromark-util-types' {
  interface TokenTypeMap {
    obsidianComment: 'obsidianComment';
    obsidianCommentMarker: 'obsidianCommentMarker';
    obsidianCommentValue: 'obsidianCommentValue';
  }
}

const percentSign = 37;
/** Inline comments longer than this are not looked for: keeps adversarial `%%` runs linear. */
const maxInline = 20_000;

const commentText: Construct = { name: 'obsidianComment', tokenize: tokenizeCommentText };
const commentFlow: Construct = { name: 'obsidianComment', tokenize: tokenizeCommentFlow, concrete: true };
const nonLazyContinuation: Construct = { tokenize: tokenizeNonLazyContinuation, partial: true };

export function commentSyntax(): Extension {
  return { text: { [percentSign]: commentText }, flow: { [percentSign]: commentFlow } };
}

function tokenizeCommentText(this: TokenizeContext, effects: Effects, ok: State, nok: State): State {
  let size = 0;
  let inValue = false;
  return start;

  function start(code: Code): State | undefined {
    effects.enter('obsidianComment');
    effects.enter('obsidianCommentMarker');
    effects.consume(code);
    return openSecond;
  }

  function openSecond(code: Code): State | undefined {
    if (code !== percentSign) return nok(code);
    effects.consume(code);
    effects.exit('obsidianCommentMarker');
    return value;
  }

  function value(code: Code): State | undefined {
    if (code === null || size > maxInline) return nok(code);
    if (code === percentSign) return effects.check(closingMarker, close, valueConsume)(code);
    return valueConsume(code);
  }

  function valueConsume(code: Code): State | undefined {
    // Entered on the first character: micromark tokens may not be empty (`%%%%` has no value).
    if (!inValue) {
      effects.enter('obsidianCommentValue');
      inValue = true;
    }
    size++;
    effects.consume(code);
    return value;
  }

  function close(code: Code): State | undefined {
    if (inValue) effects.exit('obsidianCommentValue');
    effects.enter('obsidianCommentMarker');
    effects.consume(code);
    return closeSecond;
  }

  function closeSecond(code: Code): State | undefined {
    effects.consume(code);
    effects.exit('obsidianCommentMarker');
    effects.exit('obsidianComment');
    return ok;
  }
}

const closingMarker: Construct = {
  partial: true,
  tokenize(effects, ok, nok) {
    return (code) => {
      effects.enter('obsidianCommentMarker');
      effects.consume(code);
      return (next) => {
        if (next !== percentSign) return nok(next);
        effects.consume(next);
        effects.exit('obsidianCommentMarker');
        return ok;
      };
    };
  },
};

function tokenizeCommentFlow(this: TokenizeContext, effects: Effects, ok: State, nok: State): State {
  let openingLine = true;
  return start;

  function start(code: Code): State | undefined {
    if (code !== percentSign) return nok(code);
    effects.enter('obsidianComment');
    effects.enter('obsidianCommentMarker');
    effects.consume(code);
    return openSecond;
  }

  function openSecond(code: Code): State | undefined {
    if (code !== percentSign) return nok(code);
    effects.consume(code);
    effects.exit('obsidianCommentMarker');
    return lineStart;
  }

  function lineStart(code: Code): State | undefined {
    if (code === null) return after(code);
    if (markdownLineEnding(code)) {
      openingLine = false;
      return effects.check(nonLazyContinuation, lineEnding, after)(code);
    }
    if (code === percentSign) return effects.check(closingMarker, closeEmpty, startValue)(code);
    return startValue(code);
  }

  function startValue(code: Code): State | undefined {
    effects.enter('obsidianCommentValue');
    return value(code);
  }

  // A line that starts with the closing `%%`: no value token on it.
  function closeEmpty(code: Code): State | undefined {
    effects.enter('obsidianCommentMarker');
    effects.consume(code);
    return closeSecond;
  }

  function lineEnding(code: Code): State | undefined {
    effects.enter('lineEnding');
    effects.consume(code);
    effects.exit('lineEnding');
    return lineStart;
  }

  function value(code: Code): State | undefined {
    if (code === null || markdownLineEnding(code)) {
      effects.exit('obsidianCommentValue');
      return lineStart(code);
    }
    if (code === percentSign) return effects.check(closingMarker, close, valueConsume)(code);
    return valueConsume(code);
  }

  function valueConsume(code: Code): State | undefined {
    effects.consume(code);
    return value;
  }

  function close(code: Code): State | undefined {
    effects.exit('obsidianCommentValue');
    effects.enter('obsidianCommentMarker');
    effects.consume(code);
    return closeSecond;
  }

  function closeSecond(code: Code): State | undefined {
    effects.consume(code);
    effects.exit('obsidianCommentMarker');
    return rest;
  }

  // `%% a %% b` on one line is an inline comment inside a paragraph, not a block.
  function rest(code: Code): State | undefined {
    if (code === null || markdownLineEnding(code)) return after(code);
    if (markdownSpace(code)) {
      effects.enter('whitespace');
      return restSpace(code);
    }
    return openingLine ? nok(code) : swallow(code);
  }

  function restSpace(code: Code): State | undefined {
    if (markdownSpace(code)) {
      effects.consume(code);
      return restSpace;
    }
    effects.exit('whitespace');
    if (code === null || markdownLineEnding(code)) return after(code);
    return openingLine ? nok(code) : swallow(code);
  }

  // Text after a closing `%%` on a later line: Obsidian hides it with the comment.
  function swallow(code: Code): State | undefined {
    effects.enter('obsidianCommentValue');
    return swallowRest(code);
  }

  function swallowRest(code: Code): State | undefined {
    if (code === null || markdownLineEnding(code)) {
      effects.exit('obsidianCommentValue');
      return after(code);
    }
    effects.consume(code);
    return swallowRest;
  }

  function after(code: Code): State | undefined {
    effects.exit('obsidianComment');
    return ok(code);
  }
}

function tokenizeNonLazyContinuation(this: TokenizeContext, effects: Effects, ok: State, nok: State): State {
  const self = this;
  return (code) => {
    if (code === null) return nok(code);
    effects.enter('lineEnding');
    effects.consume(code);
    effects.exit('lineEnding');
    return (next: Code) => (self.parser.lazy[self.now().line] ? nok(next) : ok(next));
  };
}
