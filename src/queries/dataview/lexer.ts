/**
 * The tokens of a Dataview query (DQL), each with its offsets into the whole query text, so that a problem on the
 * third line of a block points at the third line. Keywords are identifiers here: the parser reads them by position,
 * which lets a field be named `status` or `from` without the lexer knowing.
 *
 * In: `LIST FROM #runbook AND -"Templates"`
 * Out: ident `LIST`, ident `FROM`, tag `runbook`, ident `AND`, op `-`, string `Templates`, end
 */

export type TokenKind = 'ident' | 'number' | 'string' | 'tag' | 'link' | 'op' | 'invalid' | 'end';

export interface Token {
  readonly kind: TokenKind;
  /** The text as written (for an `invalid` token, what could not be read). */
  readonly text: string;
  /** A string's or link's content, unescaped; a tag without `#`. */
  readonly value: string;
  readonly start: number;
  readonly end: number;
}

/** Operators, longest first so that `<=` is not read as `<` then `=`. */
const operators = ['=>', '!=', '<=', '>=', '+', '-', '*', '/', '%', '=', '<', '>', '!', '&', '|', '(', ')', '[', ']', '{', '}', ',', '.', ':'];

// Dataview's identifiers: a letter (or emoji) first, then letters, digits, `_` and `-` (`time-played` is one name).
const identStart = /[\p{L}\p{Emoji_Presentation}_]/u;
const identPart = /[\p{L}\p{Emoji_Presentation}\p{N}_-]/u;
const tagPart = /[\p{L}\p{Emoji_Presentation}\p{N}_/-]/u;
const identifier = new RegExp(`^${identStart.source}${identPart.source}*$`, 'u');

/** Whether `name` reads as one identifier, so that a query can name a field by it as it is. */
export function isIdentifier(name: string): boolean {
  return identifier.test(name);
}

/** All tokens of `text`, ending with one `end` token. Never throws: what it cannot read becomes an `invalid` token. */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  const push = (kind: TokenKind, start: number, end: number, value = text.slice(start, end)) =>
    tokens.push({ kind, text: text.slice(start, end), value, start, end });
  while (i < text.length) {
    const c = text[i]!;
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    const start = i;
    if (c === '"') {
      let value = '';
      i++;
      while (i < text.length && text[i] !== '"' && text[i] !== '\n') {
        if (text[i] === '\\' && i + 1 < text.length) {
          const next = text[i + 1]!;
          value += next === 'n' ? '\n' : next === 't' ? '\t' : next;
          i += 2;
        } else value += text[i++];
      }
      if (text[i] !== '"') {
        push('invalid', start, i, 'an unclosed string');
        continue;
      }
      i++;
      push('string', start, i, value);
      continue;
    }
    if (/[0-9]/.test(c)) {
      while (i < text.length && /[0-9]/.test(text[i]!)) i++;
      if (text[i] === '.' && /[0-9]/.test(text[i + 1] ?? '')) {
        i++;
        while (i < text.length && /[0-9]/.test(text[i]!)) i++;
      }
      push('number', start, i);
      continue;
    }
    if (c === '#' && tagPart.test(text[i + 1] ?? '')) {
      i++;
      while (i < text.length && tagPart.test(text[i]!)) i++;
      push('tag', start, i, text.slice(start + 1, i));
      continue;
    }
    if (text.startsWith('[[', i)) {
      // `[[1, 2], [3]]` is a list of lists, not a link: a link holds no bracket and no line break.
      const close = text.indexOf(']]', i + 2);
      const inner = close < 0 ? '' : text.slice(i + 2, close);
      if (close >= 0 && !/[[\]\n]/.test(inner)) {
        i = close + 2;
        push('link', start, i, inner);
        continue;
      }
    }
    if (identStart.test(c)) {
      while (i < text.length && identPart.test(text[i]!)) i++;
      push('ident', start, i);
      continue;
    }
    const op = operators.find((o) => text.startsWith(o, i));
    if (op) {
      i += op.length;
      push('op', start, i);
      continue;
    }
    i++;
    push('invalid', start, i);
  }
  tokens.push({ kind: 'end', text: '', value: '', start: text.length, end: text.length });
  return tokens;
}
