/**
 * Rule `encoding`: a Markdown file is UTF-8 text, without a BOM, invalid byte sequences, NUL bytes or mojibake
 * (UTF-8 once read as Windows-1252 or Mac OS Roman and saved again).
 *
 * In: `## üìã Overview` → Out: `3:4 Mojibake "üìã": UTF-8 read as Mac OS Roman; expected "📋"` (fix: `## 📋 Overview`)
 */
import { encodingNames, findMojibake } from '../markdown/mojibake.ts';
import { invalidSequences, isBinary } from '../vault/decode.ts';
import { defineFileRule } from './rule.ts';

const hex = (bytes: Uint8Array): string =>
  [...bytes].map((b) => b.toString(16).toUpperCase().padStart(2, '0')).join(' ');

export const encoding = defineFileRule({
  id: 'encoding',
  description: 'Files are UTF-8 text: no invalid bytes, no BOM, no binary content, no mojibake.',
  defaultSeverity: 'error',
  defaultOptions: {},
  docs: [
    'Every Markdown file must be valid UTF-8 without a byte order mark. The rule also finds *mojibake*: text that',
    'was UTF-8, was opened as Windows-1252 or Mac OS Roman and saved again, so `’` became `â€™` and `📋` became',
    '`üìã`. It maps each garbled run back to its bytes and reports it only when those bytes are valid UTF-8 that',
    'spells plausible characters, so legitimate accented text (`café`, `Müller`, `naïve`) is left alone.',
    'The BOM and mojibake reports carry a fix; invalid bytes need the file re-saved from a source that still has',
    'the original text. A file with NUL bytes is binary: it is reported once and not parsed.',
  ].join('\n'),
  examples: {
    ok: [
      { title: 'Accented text, typographic punctuation and emoji', markdown: '# Café\n\nMüller’s naïve façade — ✅ 🚀\n' },
    ],
    notOk: [
      {
        title: 'An emoji heading saved through Mac OS Roman',
        markdown: '# Deployment\n\n## üìã Overview\n',
        expect: ['3:4 Mojibake "üìã": UTF-8 read as Mac OS Roman'],
      },
      {
        title: 'An apostrophe saved through Windows-1252',
        markdown: 'It didnâ€™t roll back.\n',
        expect: ['1:8 Mojibake "â€™": UTF-8 read as Windows-1252'],
      },
      { title: 'A byte order mark', markdown: '\uFEFF# Title\n', expect: ['1:1 Unexpected byte order mark'] },
      { title: 'A NUL byte', markdown: 'a\u0000b\n', expect: ['1:1 Unexpected binary content'] },
    ],
  },
  check(doc, context) {
    const { bytes, text, lines } = doc.source;

    if (isBinary(bytes)) {
      context.report({
        message: 'Unexpected binary content in a Markdown file (NUL bytes), expected text',
        span: lines.span(0, 0),
        hint: 'Move the file out of the vault or give it a non-Markdown extension; it is not parsed.',
      });
      return;
    }

    if (text.charCodeAt(0) === 0xfeff) {
      context.report({
        message: 'Unexpected byte order mark (BOM), expected UTF-8 without BOM',
        span: lines.span(0, 1),
        hint: 'Some tools show the BOM as "ï»¿" or treat the first line differently; save the file as UTF-8 without BOM.',
        fix: { description: 'Remove the byte order mark', edits: [{ start: 0, end: 1, text: '' }] },
      });
    }

    // Every invalid sequence became a U+FFFD, so a text without one needs no byte scan.
    if (text.includes('\uFFFD')) {
      for (const { byteOffset, textOffset, length } of invalidSequences(bytes)) {
        context.report({
          message: `Invalid UTF-8 sequence ${hex(bytes.subarray(byteOffset, byteOffset + length))} at byte ${byteOffset}`,
          span: lines.span(textOffset, textOffset + 1),
          hint: 'Re-save the file as UTF-8; the character shown as U+FFFD (�) is lost and must be retyped.',
        });
      }
    }

    for (const { start, end, original, repaired, encoding: readAs } of findMojibake(text)) {
      context.report({
        message: `Mojibake "${original}": UTF-8 read as ${encodingNames[readAs]}; expected ${repaired ? `"${repaired}"` : 'nothing (a byte order mark)'}`,
        span: lines.span(start, end),
        hint: `The file was opened as ${encodingNames[readAs]} and saved as UTF-8; always open and save it as UTF-8.`,
        fix: { description: repaired ? `Replace "${original}" with "${repaired}"` : `Remove "${original}"`, edits: [{ start, end, text: repaired }] },
      });
    }
  },
});
