import { describe, expect, it } from 'vitest';
import type { Report } from '../../src/diagnostics/diagnostic.ts';
import { lineIndex } from '../../src/markdown/line-index.ts';
import { byteToCodePoint, findMojibake, type Mojibake, type MojibakeEncoding } from '../../src/markdown/mojibake.ts';
import type { ParsedDoc, SourceFile } from '../../src/markdown/types.ts';
import { encoding } from '../../src/rules/encoding.ts';
import { decodeSource, type Decoded } from '../../src/vault/decode.ts';
import type { ResolvedConfig } from '../../src/vault/config-types.ts';

const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);
const bytes = (...values: Array<number | string>): Uint8Array =>
  Uint8Array.from(values.flatMap((v) => (typeof v === 'string' ? [...utf8(v)] : [v])));

describe('decodeSource', () => {
  const cases: Array<[string, Uint8Array, Decoded]> = [
    ['valid ASCII', bytes('ab'), { text: 'ab', binary: false, bom: false, invalid: [] }],
    ['valid multi-byte', bytes('é’📋'), { text: 'é’📋', binary: false, bom: false, invalid: [] }],
    ['empty', bytes(), { text: '', binary: false, bom: false, invalid: [] }],
    ['BOM kept as U+FEFF', bytes(0xef, 0xbb, 0xbf, 'a'), { text: '\uFEFFa', binary: false, bom: true, invalid: [] }],
    [
      'lone invalid byte',
      bytes('a', 0xff, 'b'),
      { text: 'a\uFFFDb', binary: false, bom: false, invalid: [{ byteOffset: 1, textOffset: 1, length: 1 }] },
    ],
    [
      'truncated 4-byte sequence at EOF',
      bytes('a', 0xf0, 0x9f, 0x93),
      { text: 'a\uFFFD', binary: false, bom: false, invalid: [{ byteOffset: 1, textOffset: 1, length: 3 }] },
    ],
    [
      'text offset counts an astral character as two code units',
      bytes('📋', 0xc3, '('),
      { text: '📋\uFFFD(', binary: false, bom: false, invalid: [{ byteOffset: 4, textOffset: 2, length: 1 }] },
    ],
    [
      'truncated 3-byte sequence before ASCII',
      bytes(0xe2, 0x82, 'x'),
      { text: '\uFFFDx', binary: false, bom: false, invalid: [{ byteOffset: 0, textOffset: 0, length: 2 }] },
    ],
    [
      'overlong encoding: one U+FFFD per byte',
      bytes(0xc0, 0xaf),
      {
        text: '\uFFFD\uFFFD',
        binary: false,
        bom: false,
        invalid: [
          { byteOffset: 0, textOffset: 0, length: 1 },
          { byteOffset: 1, textOffset: 1, length: 1 },
        ],
      },
    ],
    [
      'encoded surrogate',
      bytes(0xed, 0xa0, 0x80),
      {
        text: '\uFFFD\uFFFD\uFFFD',
        binary: false,
        bom: false,
        invalid: [
          { byteOffset: 0, textOffset: 0, length: 1 },
          { byteOffset: 1, textOffset: 1, length: 1 },
          { byteOffset: 2, textOffset: 2, length: 1 },
        ],
      },
    ],
    [
      'BOM then a Latin-1 byte',
      bytes(0xef, 0xbb, 0xbf, 'caf', 0xe9),
      { text: '\uFEFFcaf\uFFFD', binary: false, bom: true, invalid: [{ byteOffset: 6, textOffset: 4, length: 1 }] },
    ],
    ['NUL byte → binary', bytes('a', 0, 'b'), { text: '', binary: true, bom: false, invalid: [] }],
  ];

  it.each(cases)('%s', (_name, input, expected) => {
    expect(decodeSource(input)).toEqual(expected);
  });

  it('only looks for NUL in the first 8000 bytes, like git', () => {
    const input = bytes('a'.repeat(8000), 0);
    expect(decodeSource(input)).toMatchObject({ binary: false, text: 'a'.repeat(8000) + '\0' });
  });

  it('matches TextDecoder on random bytes', () => {
    let seed = 42;
    const random = (): number => (seed = (seed * 1103515245 + 12345) % 2 ** 31) % 256;
    for (let round = 0; round < 200; round++) {
      const input = Uint8Array.from({ length: 64 }, () => random() || 1);
      const decoded = decodeSource(input);
      expect(decoded.text).toBe(new TextDecoder('utf-8', { ignoreBOM: true }).decode(input));
      const replacements = [...decoded.text.matchAll(/\uFFFD/g)].map((m) => m.index);
      // Random bytes can spell a real U+FFFD (EF BF BD); every recorded one must point at a U+FFFD, in order.
      for (const { textOffset } of decoded.invalid) expect(replacements).toContain(textOffset);
      expect(decoded.invalid.length).toBeLessThanOrEqual(replacements.length);
    }
  });

  it('decodes a 5 MB single-line file with invalid bytes', () => {
    const size = 5 * 1024 * 1024;
    const input = new Uint8Array(size).fill(0x61);
    for (let i = 1000; i < size; i += 100_000) input[i] = 0xff;
    const decoded = decodeSource(input);
    expect(decoded.text.length).toBe(size);
    expect(decoded.invalid.length).toBe(Math.ceil((size - 1000) / 100_000));
    expect(decoded.invalid.every(({ byteOffset, textOffset }) => byteOffset === textOffset)).toBe(true);
    expect(decodeSource(new Uint8Array(size).fill(0x61)).invalid).toEqual([]);
  });
});

describe('code page tables', () => {
  // TextDecoder knows both encodings when Node has full ICU; the tables in the source were written by hand.
  it.each<MojibakeEncoding>(['windows-1252', 'macintosh'])('%s matches TextDecoder', (label) => {
    const all = Uint8Array.from({ length: 256 }, (_, i) => i);
    const expected = [...new TextDecoder(label).decode(all)].map((c) => c.codePointAt(0));
    expect(byteToCodePoint[label]).toEqual(expected);
  });

  it('spot checks', () => {
    expect(byteToCodePoint['windows-1252'][0x92]).toBe(0x2019);
    expect(byteToCodePoint['windows-1252'][0x81]).toBe(0x81);
    expect(byteToCodePoint.macintosh[0x9f]).toBe(0xfc);
    expect(byteToCodePoint.macintosh[0xf0]).toBe(0xf8ff);
    expect(byteToCodePoint.macintosh[0xdb]).toBe(0x20ac);
  });
});

/** The mojibake of `text` through `label`, made the way the damage happens (minus the Apple logo, often dropped). */
const garble = (text: string, label: MojibakeEncoding): string =>
  new TextDecoder(label).decode(utf8(text)).replaceAll('\uF8FF', '');

describe('findMojibake', () => {
  type Found = [original: string, repaired: string, encoding: MojibakeEncoding];
  const positives: Array<[string, Found[]]> = [
    ['üìã', [['üìã', '📋', 'macintosh']]],
    ['it didnâ€™t', [['â€™', '’', 'windows-1252']]],
    ['cafÃ©', [['Ã©', 'é', 'windows-1252']]],
    ['ðŸš€ launch', [['ðŸš€', '🚀', 'windows-1252']]],
    ['üöÄ launch', [['üöÄ', '🚀', 'macintosh']]],
    ['\uF8FFüìã with the Apple logo kept', [['\uF8FFüìã', '📋', 'macintosh']]],
    ['â€œquotedâ€\u009D', [['â€œ', '“', 'windows-1252'], ['â€\u009D', '”', 'windows-1252']]],
    ['Ã©tÃ©', [['Ã©', 'é', 'windows-1252'], ['Ã©', 'é', 'windows-1252']]],
    ['a â€” b', [['â€”', '—', 'windows-1252']]],
    ['âœ… done', [['âœ…', '✅', 'windows-1252']]],
    ['double: ÃƒÂ©', [['ÃƒÂ©', 'é', 'windows-1252']]],
    ['Ã‚Â© 2024', [['Ã‚Â©', '©', 'windows-1252']]],
    ['‚Äô Mac quote', [['‚Äô', '’', 'macintosh']]],
    ['üõ†Ô∏è with VS16', [['üõ†Ô∏è', '🛠️', 'macintosh']]],
    ['a real 📋 then üìã', [['üìã', '📋', 'macintosh']]],
    ['ÐŸÑ€Ð¸Ð²ÐµÑ‚: a weak repair spelling several letters', [['ÐŸÑ€Ð¸Ð²ÐµÑ‚', 'Привет', 'windows-1252']]],
    ['Ð² cafÃ©: a one-letter weak repair, corroborated', [['Ð²', 'в', 'windows-1252'], ['Ã©', 'é', 'windows-1252']]],
    ['status üü¢ green', [['üü¢', '🟢', 'macintosh']]], // F0 9F 9F A2
    ['ï»¿# a BOM read as Windows-1252', [['ï»¿', '', 'windows-1252']]],
    // Headings of a runbook saved through Mac OS Roman; each checked by hand against the emoji's UTF-8 bytes.
    ['## üìã Overview', [['üìã', '📋', 'macintosh']]], // F0 9F 93 8B
    ['## üéØ Deployment Framework', [['üéØ', '🎯', 'macintosh']]], // F0 9F 8E AF
    ['## üöÄ Deployment Planning', [['üöÄ', '🚀', 'macintosh']]], // F0 9F 9A 80
    ['## üîÑ Deployment Process', [['üîÑ', '🔄', 'macintosh']]], // F0 9F 94 84
    ['## üì¶ Release Management', [['üì¶', '📦', 'macintosh']]], // F0 9F 93 A6
    ['## üåê Environment Management', [['üåê', '🌐', 'macintosh']]], // F0 9F 8C 90
    ['## üîç Deployment Validation', [['üîç', '🔍', 'macintosh']]], // F0 9F 94 8D
    ['## üõ† Deployment Tools', [['üõ†', '🛠', 'macintosh']]], // F0 9F 9B A0 (no VS16)
    ['## üìà Deployment Monitoring', [['üìà', '📈', 'macintosh']]], // F0 9F 93 88
    ['## üìù Related Documentation', [['üìù', '📝', 'macintosh']]], // F0 9F 93 9D
  ];

  it.each(positives)('%s', (input, expected) => {
    const found = findMojibake(input);
    expect(found.map((m) => [m.original, m.repaired, m.encoding])).toEqual(expected);
    for (const m of found) expect(input.slice(m.start, m.end)).toBe(m.original);
  });

  it('repairs only the garbled segments, ASCII neighbours untouched', () => {
    const input = '## üìã Overview\n\nIt didnâ€™t work — see ðŸš€.\n';
    expect(applyAll(input, findMojibake(input))).toBe('## 📋 Overview\n\nIt didn’t work — see 🚀.\n');
  });

  it('the hand-written garbled strings are what the damage really produces', () => {
    for (const emoji of ['📋', '🎯', '🚀', '🔄', '📦', '🌐', '🔍', '🛠', '📈', '📝']) {
      const garbled = garble(emoji, 'macintosh');
      expect(findMojibake(garbled).map((m) => m.repaired)).toEqual([emoji]);
    }
    expect(garble('’', 'windows-1252')).toBe('â€™');
    expect(garble('🚀', 'windows-1252')).toBe('ðŸš€');
    expect(garble('🚀', 'macintosh')).toBe('üöÄ');
  });

  it('round-trips common non-ASCII text through both encodings', () => {
    const originals = ['é', 'ü', '’', '“', '”', '—', '–', '…', '•', '©', '™', '€', '→', '✓', '✅', '⚠️', '🚀', '📋', 'Привет', 'Ελληνικά', '中文'];
    for (const label of ['windows-1252', 'macintosh'] as const) {
      for (const original of originals) {
        const garbled = garble(original, label);
        if ([...garbled].some((c) => c.charCodeAt(0) < 0xa0 && c.charCodeAt(0) >= 0x80)) continue; // undefined bytes
        const input = `x ${garbled} y`;
        expect(applyAll(input, findMojibake(input)), `${original} via ${label}`).toBe(`x ${original} y`);
      }
    }
  });

  const negatives = [
    'café',
    'Müller',
    'naïve',
    'façade',
    'Ünïcödé',
    'résumé, naïveté, coöperate, Zürich, Straße, Grüße, Ångström, Øresund',
    '« café » with no-break spaces: «\u00A0café\u00A0»',
    '¿Qué? ¡Olé! São Paulo, ação, não, NÃO',
    '“Äpfel” and “Über” in Mac quotes', // D2 80 would spell "Ҁ": weak and alone
    'CAFÉ” shouted',
    '©®™ €100 ½ cup, 20 °C ±5, 3 µs, 2×3, a…b',
    '✅ done, 📋 Overview, 🛠️ Tools — real emoji',
    'Ελληνικά, Русский, 中文, 日本語, 한국어',
    'U+FFFD stays: �',
    '',
    'plain ASCII only',
  ];

  it.each(negatives)('leaves %j alone', (input) => {
    expect(findMojibake(input)).toEqual([]);
  });
});

function applyAll(text: string, found: readonly Mojibake[]): string {
  let out = text;
  for (const m of [...found].sort((a, b) => b.start - a.start)) out = out.slice(0, m.start) + m.repaired + out.slice(m.end);
  return out;
}

describe('rule encoding', () => {
  const source = (input: Uint8Array, path = 'a.md'): SourceFile => {
    const { text } = decodeSource(input);
    return { path, bytes: input, text, lines: lineIndex(text), isTemplate: false };
  };
  const check = (input: Uint8Array): Report[] => {
    const src = source(input);
    const doc: ParsedDoc = {
      source: src,
      tree: { type: 'root', children: [] },
      frontmatterProblems: [],
      code: [],
      facts: { path: src.path, isTemplate: false, title: 'a', aliases: [], tags: [], headings: [], blockIds: [], links: [] },
    };
    const reports: Report[] = [];
    void encoding.check(doc, { options: {}, config: {} as ResolvedConfig, report: (r) => reports.push(r) });
    return reports;
  };
  const at = (r: Report): string => `${r.span.start.line}:${r.span.start.column} ${r.message}`;
  const fixed = (input: Uint8Array): string => {
    const { text } = decodeSource(input);
    const edits = check(input).flatMap((r) => r.fix?.edits ?? []);
    return edits.sort((a, b) => b.start - a.start).reduce((t, e) => t.slice(0, e.start) + e.text + t.slice(e.end), text);
  };

  const cases: Array<[string, Uint8Array, string[]]> = [
    ['clean file', bytes('# Café\n\nMüller’s naïve façade — ✅ 🚀\n'), []],
    ['BOM', bytes(0xef, 0xbb, 0xbf, '# Title\n'), ['1:1 Unexpected byte order mark (BOM), expected UTF-8 without BOM']],
    ['binary', bytes('# a\n', 0, 1, 2), ['1:1 Unexpected binary content in a Markdown file (NUL bytes), expected text']],
    [
      'invalid bytes',
      bytes('# Title\n\ncaf', 0xe9, ' and ', 0xf0, 0x9f, 0x93, '\n'),
      ['3:4 Invalid UTF-8 sequence E9 at byte 12', '3:10 Invalid UTF-8 sequence F0 9F 93 at byte 18'],
    ],
    [
      'mojibake headings',
      bytes('# Deployment\n\n## üìã Overview\n\n## üéØ Deployment Framework\n'),
      [
        '3:4 Mojibake "üìã": UTF-8 read as Mac OS Roman; expected "📋"',
        '5:4 Mojibake "üéØ": UTF-8 read as Mac OS Roman; expected "🎯"',
      ],
    ],
    ['garbled BOM', bytes('ï»¿# Title\n'), ['1:1 Mojibake "ï»¿": UTF-8 read as Windows-1252; expected nothing (a byte order mark)']],
    ['cp1252 apostrophe', bytes('It didnâ€™t.\n'), ['1:8 Mojibake "â€™": UTF-8 read as Windows-1252; expected "’"']],
  ];

  it.each(cases)('%s', (_name, input, expected) => {
    expect(check(input).map(at)).toEqual(expected);
  });

  it('reports a span covering exactly the garbled segment', () => {
    const [report] = check(bytes('## üìã Overview\n'));
    expect(report?.span).toEqual({ start: { line: 1, column: 4, offset: 3 }, end: { line: 1, column: 7, offset: 6 } });
  });

  it('fixes the BOM and the mojibake', () => {
    expect(fixed(bytes(0xef, 0xbb, 0xbf, '## üìã Overview\nIt didnâ€™t.\n'))).toBe('## 📋 Overview\nIt didn’t.\n');
  });
});
