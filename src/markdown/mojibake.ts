/**
 * Finds mojibake: UTF-8 text that was once decoded as Windows-1252 or Mac OS Roman and saved again as UTF-8,
 * so each multi-byte character became two to four legacy characters. Pure: text in, garbled segments out.
 *
 * In: `findMojibake('## üìã Overview')`
 * Out: `[{ start: 3, end: 6, original: 'üìã', repaired: '📋', encoding: 'macintosh' }]`
 *
 * How: for each encoding, every maximal run of non-ASCII characters that the encoding can represent is mapped
 * back to its bytes; the run is garbled only if those bytes are, in full, valid UTF-8 (only multi-byte sequences,
 * as every byte is ≥ 0x80) and the characters they spell are plausible. Real Latin text almost never passes:
 * "café", "Müller", "naïve" have accented letters next to ASCII, and a lone continuation byte is invalid.
 */

export type MojibakeEncoding = 'windows-1252' | 'macintosh';

export interface Mojibake {
  /** Offsets of the garbled segment in the text (UTF-16 code units, end exclusive). */
  start: number;
  end: number;
  /** The garbled text, `text.slice(start, end)`. */
  original: string;
  /** What the segment said before it was garbled ('' for a garbled BOM, "ï»¿"). */
  repaired: string;
  /** The encoding the UTF-8 bytes were wrongly read as. */
  encoding: MojibakeEncoding;
}

/** Human names, for messages. */
export const encodingNames: Record<MojibakeEncoding, string> = {
  'windows-1252': 'Windows-1252',
  macintosh: 'Mac OS Roman',
};

/**
 * Windows-1252, bytes 0x80–0xFF (https://www.unicode.org/Public/MAPPINGS/VENDORS/MICSFT/WINDOWS/CP1252.TXT).
 * The five undefined bytes (0x81, 0x8D, 0x8F, 0x90, 0x9D) map to the C1 control of the same value, as browsers do.
 */
// prettier-ignore
const windows1252High = [
  0x20ac, 0x0081, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021, 0x02c6, 0x2030, 0x0160, 0x2039, 0x0152, 0x008d, 0x017d, 0x008f, // 0x80
  0x0090, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x02dc, 0x2122, 0x0161, 0x203a, 0x0153, 0x009d, 0x017e, 0x0178, // 0x90
  0x00a0, 0x00a1, 0x00a2, 0x00a3, 0x00a4, 0x00a5, 0x00a6, 0x00a7, 0x00a8, 0x00a9, 0x00aa, 0x00ab, 0x00ac, 0x00ad, 0x00ae, 0x00af, // 0xA0
  0x00b0, 0x00b1, 0x00b2, 0x00b3, 0x00b4, 0x00b5, 0x00b6, 0x00b7, 0x00b8, 0x00b9, 0x00ba, 0x00bb, 0x00bc, 0x00bd, 0x00be, 0x00bf, // 0xB0
  0x00c0, 0x00c1, 0x00c2, 0x00c3, 0x00c4, 0x00c5, 0x00c6, 0x00c7, 0x00c8, 0x00c9, 0x00ca, 0x00cb, 0x00cc, 0x00cd, 0x00ce, 0x00cf, // 0xC0
  0x00d0, 0x00d1, 0x00d2, 0x00d3, 0x00d4, 0x00d5, 0x00d6, 0x00d7, 0x00d8, 0x00d9, 0x00da, 0x00db, 0x00dc, 0x00dd, 0x00de, 0x00df, // 0xD0
  0x00e0, 0x00e1, 0x00e2, 0x00e3, 0x00e4, 0x00e5, 0x00e6, 0x00e7, 0x00e8, 0x00e9, 0x00ea, 0x00eb, 0x00ec, 0x00ed, 0x00ee, 0x00ef, // 0xE0
  0x00f0, 0x00f1, 0x00f2, 0x00f3, 0x00f4, 0x00f5, 0x00f6, 0x00f7, 0x00f8, 0x00f9, 0x00fa, 0x00fb, 0x00fc, 0x00fd, 0x00fe, 0x00ff, // 0xF0
];

/**
 * Mac OS Roman, bytes 0x80–0xFF (https://www.unicode.org/Public/MAPPINGS/VENDORS/APPLE/ROMAN.TXT, Mac OS 8.5+:
 * 0xDB is €, 0xF0 is the Apple logo U+F8FF).
 */
// prettier-ignore
const macRomanHigh = [
  0x00c4, 0x00c5, 0x00c7, 0x00c9, 0x00d1, 0x00d6, 0x00dc, 0x00e1, 0x00e0, 0x00e2, 0x00e4, 0x00e3, 0x00e5, 0x00e7, 0x00e9, 0x00e8, // 0x80
  0x00ea, 0x00eb, 0x00ed, 0x00ec, 0x00ee, 0x00ef, 0x00f1, 0x00f3, 0x00f2, 0x00f4, 0x00f6, 0x00f5, 0x00fa, 0x00f9, 0x00fb, 0x00fc, // 0x90
  0x2020, 0x00b0, 0x00a2, 0x00a3, 0x00a7, 0x2022, 0x00b6, 0x00df, 0x00ae, 0x00a9, 0x2122, 0x00b4, 0x00a8, 0x2260, 0x00c6, 0x00d8, // 0xA0
  0x221e, 0x00b1, 0x2264, 0x2265, 0x00a5, 0x00b5, 0x2202, 0x2211, 0x220f, 0x03c0, 0x222b, 0x00aa, 0x00ba, 0x03a9, 0x00e6, 0x00f8, // 0xB0
  0x00bf, 0x00a1, 0x00ac, 0x221a, 0x0192, 0x2248, 0x2206, 0x00ab, 0x00bb, 0x2026, 0x00a0, 0x00c0, 0x00c3, 0x00d5, 0x0152, 0x0153, // 0xC0
  0x2013, 0x2014, 0x201c, 0x201d, 0x2018, 0x2019, 0x00f7, 0x25ca, 0x00ff, 0x0178, 0x2044, 0x20ac, 0x2039, 0x203a, 0xfb01, 0xfb02, // 0xD0
  0x2021, 0x00b7, 0x201a, 0x201e, 0x2030, 0x00c2, 0x00ca, 0x00c1, 0x00cb, 0x00c8, 0x00cd, 0x00ce, 0x00cf, 0x00cc, 0x00d3, 0x00d4, // 0xE0
  0xf8ff, 0x00d2, 0x00da, 0x00db, 0x00d9, 0x0131, 0x02c6, 0x02dc, 0x00af, 0x02d8, 0x02d9, 0x02da, 0x00b8, 0x02dd, 0x02db, 0x02c7, // 0xF0
];

/** Byte value → code point, all 256 bytes (0x00–0x7F are ASCII in both encodings). */
export const byteToCodePoint: Record<MojibakeEncoding, readonly number[]> = {
  'windows-1252': [...Array.from({ length: 0x80 }, (_, i) => i), ...windows1252High],
  macintosh: [...Array.from({ length: 0x80 }, (_, i) => i), ...macRomanHigh],
};

/** Code point (non-ASCII only) → byte value: the reverse tables. */
const reverse: Record<MojibakeEncoding, ReadonlyMap<number, number>> = {
  'windows-1252': reverseTable(windows1252High, true),
  macintosh: reverseTable(macRomanHigh, false),
};

function reverseTable(high: readonly number[], latin1Controls: boolean): Map<number, number> {
  const map = new Map<number, number>();
  // Text garbled through ISO-8859-1 instead of Windows-1252 keeps bytes 0x80–0x9F as C1 controls: read those back too.
  if (latin1Controls) for (let b = 0x80; b <= 0x9f; b++) map.set(b, b);
  high.forEach((codePoint, i) => map.set(codePoint, 0x80 + i));
  return map;
}

const encodings: readonly MojibakeEncoding[] = ['windows-1252', 'macintosh'];

/** How much a repair is to be believed: `weak` repairs need corroboration (see `findMojibake`). */
type Confidence = 'strong' | 'weak';

interface Candidate extends Mojibake {
  confidence: Confidence;
}

/** Garbled segments of `text`, in text order, never overlapping. */
export function findMojibake(text: string): Mojibake[] {
  const kept: Candidate[] = [];
  // A multi-byte sequence garbles into at least two characters: lone accented letters need no look.
  for (const run of text.matchAll(/[^\x00-\x7f]{2,}/g)) {
    // Candidates can only overlap within one run, so each run is settled on its own (linear in the text).
    const candidates = encodings.flatMap((encoding) => candidatesInRun(run[0], run.index, encoding));
    kept.push(...settle(candidates));
  }
  // A weak repair alone (one Greek, Cyrillic or CJK character, say) could be legitimate text that happens to
  // be valid UTF-8, e.g. "“Ä" in Mac OS Roman is D2 80 → "Ҁ". Keep it only when it spells at least two
  // characters or when the same encoding's mojibake is certain elsewhere in the text.
  const certain = new Set(kept.filter((k) => k.confidence === 'strong').map((k) => k.encoding));
  return kept
    .filter((k) => k.confidence === 'strong' || certain.has(k.encoding) || [...k.repaired].length >= 2)
    .map(({ start, end, original, repaired, encoding }) => ({ start, end, original, repaired, encoding }));
}

/** Strong before weak, then longer, then Windows-1252 (the more common culprit); keeps what does not overlap. */
function settle(candidates: Candidate[]): Candidate[] {
  if (candidates.length <= 1) return candidates;
  candidates.sort(
    (a, b) =>
      Number(a.confidence === 'weak') - Number(b.confidence === 'weak') ||
      b.end - b.start - (a.end - a.start) ||
      encodings.indexOf(a.encoding) - encodings.indexOf(b.encoding),
  );
  const kept: Candidate[] = [];
  for (const candidate of candidates) {
    if (!kept.some((k) => k.start < candidate.end && candidate.start < k.end)) kept.push(candidate);
  }
  return kept.sort((a, b) => a.start - b.start);
}

/** Splits a run of non-ASCII text into the maximal parts `encoding` can represent, and repairs each if it can. */
function candidatesInRun(run: string, offset: number, encoding: MojibakeEncoding): Candidate[] {
  const table = reverse[encoding];
  const found: Candidate[] = [];
  let partStart = 0;
  const flush = (partEnd: number): void => {
    if (partEnd > partStart) {
      const candidate = repairPart(run.slice(partStart, partEnd), offset + partStart, encoding);
      if (candidate) found.push(candidate);
    }
  };
  for (let i = 0; i < run.length; i++) {
    // Every table entry is a BMP character, so a surrogate (half of an astral character) is never representable.
    if (!table.has(run.charCodeAt(i))) {
      flush(i);
      partStart = i + 1;
    }
  }
  flush(run.length);
  return found;
}

function repairPart(part: string, start: number, encoding: MojibakeEncoding): Candidate | undefined {
  let decoded = decodeGarbled(part, encoding);
  if (!decoded) return undefined;
  // Text garbled twice ("Ã©" → "ÃƒÂ©") decodes to mojibake again: undo each layer.
  for (let layer = 0; layer < 3; layer++) {
    const again = decodeGarbled(decoded.text, encoding);
    if (!again || again.confidence !== 'strong') break;
    decoded = again;
  }
  // A BOM read as "ï»¿" (or one inside the text) is worth nothing once repaired: drop it.
  const repaired = decoded.text.replaceAll('\uFEFF', '');
  return { start, end: start + part.length, original: part, repaired, encoding, confidence: decoded.confidence };
}

/** `part` (non-ASCII characters only) → its bytes in `encoding` → UTF-8, if all of it is valid and plausible. */
function decodeGarbled(part: string, encoding: MojibakeEncoding): { text: string; confidence: Confidence } | undefined {
  const table = reverse[encoding];
  const bytes: number[] = [];
  for (let i = 0; i < part.length; i++) {
    const byte = table.get(part.charCodeAt(i));
    if (byte === undefined) return undefined;
    bytes.push(byte);
  }
  const codePoints = decodeUtf8(bytes, encoding === 'macintosh');
  if (!codePoints) return undefined;
  let confidence: Confidence = 'strong';
  for (const codePoint of codePoints) {
    const plausibility = classify(codePoint);
    if (plausibility === 'implausible') return undefined;
    if (plausibility === 'weak') confidence = 'weak';
  }
  return { text: String.fromCodePoint(...codePoints), confidence };
}

/**
 * Strict UTF-8 decoding of bytes that are all ≥ 0x80. Returns undefined unless every byte belongs to a valid
 * multi-byte sequence. With `missingF0`, a sequence may start at 0x9F as if preceded by F0: Mac OS Roman reads F0
 * as the Apple logo U+F8FF, a private-use character many tools drop, which turns 📋 (F0 9F 93 8B) into "üìã".
 */
function decodeUtf8(bytes: readonly number[], missingF0: boolean): number[] | undefined {
  const codePoints: number[] = [];
  let i = 0;
  while (i < bytes.length) {
    const lead = bytes[i]!;
    let needed: number;
    let codePoint: number;
    let lower = 0x80;
    let upper = 0xbf;
    if (lead >= 0xc2 && lead <= 0xdf) {
      needed = 1;
      codePoint = lead & 0x1f;
    } else if (lead >= 0xe0 && lead <= 0xef) {
      needed = 2;
      codePoint = lead & 0x0f;
      if (lead === 0xe0) lower = 0xa0;
      else if (lead === 0xed) upper = 0x9f;
    } else if (lead >= 0xf0 && lead <= 0xf4) {
      needed = 3;
      codePoint = lead & 0x07;
      if (lead === 0xf0) lower = 0x90;
      else if (lead === 0xf4) upper = 0x8f;
    } else if (missingF0 && lead === 0x9f) {
      // F0 9F xx yy: U+1F000–U+1FFFF, the emoji planes.
      needed = 2;
      codePoint = 0x1f;
    } else return undefined;
    for (let k = 1; k <= needed; k++) {
      const next = bytes[i + k];
      if (next === undefined || next < lower || next > upper) return undefined;
      codePoint = (codePoint << 6) | (next & 0x3f);
      lower = 0x80;
      upper = 0xbf;
    }
    // Without its lead byte a sequence is less certain: accept only the blocks emoji actually live in.
    if (lead === 0x9f && !isEmojiBlock(codePoint)) return undefined;
    codePoints.push(codePoint);
    i += needed + 1;
  }
  return codePoints.length > 0 ? codePoints : undefined;
}

/** Enclosed alphanumerics (flags), pictographs, emoticons, transport, geometric shapes (🟢), supplemental symbols. */
function isEmojiBlock(codePoint: number): boolean {
  return (
    (codePoint >= 0x1f100 && codePoint <= 0x1f1ff) ||
    (codePoint >= 0x1f300 && codePoint <= 0x1f6ff) ||
    (codePoint >= 0x1f780 && codePoint <= 0x1f7ff) ||
    (codePoint >= 0x1f900 && codePoint <= 0x1faff)
  );
}

/**
 * How believable a character is as the original of a garbled sequence. Strong: what documents commonly hold
 * outside ASCII (Latin letters, typographic punctuation, symbols, emoji). Weak: letters of other scripts, which
 * legitimate Latin text can spell by accident. Implausible: controls, private use, noncharacters.
 */
function classify(codePoint: number): 'strong' | 'weak' | 'implausible' {
  if (codePoint < 0xa0) return 'implausible'; // C1 controls
  if (codePoint <= 0x17f) return 'strong'; // Latin-1 Supplement, Latin Extended-A
  if (codePoint >= 0x2000 && codePoint <= 0x27ff) return 'strong'; // punctuation, currency, arrows, math, box drawing, symbols, dingbats
  if (codePoint >= 0x2900 && codePoint <= 0x2bff) return 'strong'; // supplemental arrows and math, misc symbols and arrows
  if (codePoint >= 0xfe00 && codePoint <= 0xfe0f) return 'strong'; // variation selectors (emoji presentation)
  if (codePoint === 0xfeff) return 'strong'; // a BOM read as "ï»¿"
  if (codePoint >= 0x1f000 && codePoint <= 0x1faff) return 'strong'; // emoji and pictographs
  if (codePoint >= 0xe000 && codePoint <= 0xf8ff) return 'implausible'; // private use
  if (codePoint >= 0xfdd0 && codePoint <= 0xfdef) return 'implausible'; // noncharacters
  if ((codePoint & 0xfffe) === 0xfffe) return 'implausible'; // noncharacters U+xFFFE, U+xFFFF
  if (codePoint >= 0xfff0 && codePoint <= 0xfffd) return 'implausible'; // specials, U+FFFD included
  return 'weak';
}
