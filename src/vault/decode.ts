/**
 * Bytes → text, keeping what the encoding rule needs to know: whether the file is binary, whether it starts
 * with a BOM (kept in the text as U+FEFF, so offsets match the bytes' order), and where each invalid UTF-8
 * sequence was replaced by U+FFFD. Valid files take the fast path (one fatal decode, no scan).
 *
 * In: `decodeSource(new Uint8Array([0x61, 0xff, 0x62]))`
 * Out: `{ text: 'a\uFFFDb', binary: false, bom: false, invalid: [{ byteOffset: 1, textOffset: 1, length: 1 }] }`
 */

export interface InvalidSequence {
  /** Offset of the sequence's first byte. */
  byteOffset: number;
  /** Offset, in the decoded text, of the U+FFFD that replaced it. */
  textOffset: number;
  /** Number of bytes replaced by that one U+FFFD. */
  length: number;
}

export interface Decoded {
  /** The decoded text; '' for binary files. */
  text: string;
  /** A NUL byte in the first 8000 bytes (git's test). */
  binary: boolean;
  /** The bytes start with the UTF-8 BOM (EF BB BF); the text then starts with U+FEFF. */
  bom: boolean;
  invalid: InvalidSequence[];
}

/** As many bytes as git inspects before deciding a file is text (`buffer_is_binary`). */
const binarySniffLength = 8000;

// `ignoreBOM: true` keeps a leading BOM in the text instead of silently dropping it.
const strictDecoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
const lenientDecoder = new TextDecoder('utf-8', { ignoreBOM: true });

export function isBinary(bytes: Uint8Array): boolean {
  return bytes.subarray(0, binarySniffLength).includes(0);
}

export function hasBom(bytes: Uint8Array): boolean {
  return bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
}

/**
 * The text of a file that is to be rewritten, or undefined when it is not valid UTF-8: decoding replaces invalid
 * bytes, so writing the text back would change bytes outside the edit (`--fix` skips such a file, `mv` refuses).
 */
export function decodeForRewrite(bytes: Uint8Array): string | undefined {
  try {
    return strictDecoder.decode(bytes);
  } catch {
    return undefined;
  }
}

export function decodeSource(bytes: Uint8Array): Decoded {
  const bom = hasBom(bytes);
  if (isBinary(bytes)) return { text: '', binary: true, bom, invalid: [] };
  try {
    return { text: strictDecoder.decode(bytes), binary: false, bom, invalid: [] };
  } catch {
    return { text: lenientDecoder.decode(bytes), binary: false, bom, invalid: invalidSequences(bytes) };
  }
}

/**
 * Every invalid UTF-8 sequence, split exactly as the WHATWG decoder splits them (one U+FFFD per maximal
 * subpart, https://encoding.spec.whatwg.org/#utf-8-decoder), so `textOffset`s line up with `TextDecoder`'s output.
 */
export function invalidSequences(bytes: Uint8Array): InvalidSequence[] {
  const invalid: InvalidSequence[] = [];
  const length = bytes.length;
  let i = 0;
  let textOffset = 0;
  while (i < length) {
    const lead = bytes[i]!;
    if (lead < 0x80) {
      i++;
      textOffset++;
      continue;
    }
    let needed: number;
    let lower = 0x80;
    let upper = 0xbf;
    if (lead >= 0xc2 && lead <= 0xdf) needed = 1;
    else if (lead >= 0xe0 && lead <= 0xef) {
      needed = 2;
      if (lead === 0xe0) lower = 0xa0; // overlong
      else if (lead === 0xed) upper = 0x9f; // surrogates
    } else if (lead >= 0xf0 && lead <= 0xf4) {
      needed = 3;
      if (lead === 0xf0) lower = 0x90; // overlong
      else if (lead === 0xf4) upper = 0x8f; // above U+10FFFF
    } else {
      invalid.push({ byteOffset: i, textOffset, length: 1 });
      i++;
      textOffset++;
      continue;
    }
    let seen = 0;
    while (seen < needed) {
      const next = bytes[i + 1 + seen];
      if (next === undefined || next < lower || next > upper) break;
      lower = 0x80;
      upper = 0xbf;
      seen++;
    }
    if (seen === needed) {
      i += needed + 1;
      textOffset += needed === 3 ? 2 : 1; // astral code points take two UTF-16 code units
    } else {
      // The lead and the continuation bytes seen so far become one U+FFFD; the offending byte is read again.
      invalid.push({ byteOffset: i, textOffset, length: seen + 1 });
      i += seen + 1;
      textOffset++;
    }
  }
  return invalid;
}
