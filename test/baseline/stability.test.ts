/**
 * The baseline stability table: a vault is checked and its problems recorded, then edited as people edit docs, then
 * checked again through the real pipeline. Ordinary edits keep known problems known; a changed problem is new.
 */
import { mkdtemp, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { entriesOf, matchBaseline, type ReadText } from '../../src/baseline/match-baseline.ts';
import { scopeOf } from '../../src/vault/vault-path.ts';
import { moveEntries } from '../../src/baseline/move-baseline.ts';
import type { BaselineEntry } from '../../src/baseline/baseline-file.ts';
import type { Diagnostic } from '../../src/diagnostics/diagnostic.ts';
import { checkVault } from '../../src/pipeline/check-vault.ts';
import { loadConfig } from '../../src/vault/config.ts';

const doc = [
  '---',
  'title: Rollback',
  'owner: ops',
  '---',
  '# Rollback',
  '',
  'Intro paragraph that explains',
  'the rollback.',
  '',
  'See [[rollbak]] for details.',
  '',
  'Also [[deploy-gude]] here.',
  '',
  'Steps:',
  '',
  '1. stop',
  '2. revert',
  '',
].join('\n');

const other = '---\ntitle: Other\nowner: ops\n---\n# Other\n\nSee [[nowhere]].\n';

interface Run {
  diagnostics: Diagnostic[];
  readText: ReadText;
}

/** Checks `files` in a fresh temp vault; the reader reads that vault. */
async function check(files: Record<string, string>, only?: string[]): Promise<Run> {
  const dir = await mkdtemp(join(tmpdir(), 'shipshape-baseline-'));
  try {
    for (const [path, text] of Object.entries(files)) {
      await mkdir(dirname(join(dir, path)), { recursive: true });
      await writeFile(join(dir, path), text);
    }
    const config = await loadConfig({ cwd: dir, content: dir });
    const result = await checkVault({ config, cacheDir: false, ...(only ? { only } : {}) });
    const texts = new Map<string, string>();
    for (const path of Object.keys(files)) texts.set(path, await readFile(join(dir, path), 'utf8'));
    return { diagnostics: result.diagnostics, readText: (file) => texts.get(file) };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

const edit = (from: string, to: string) => (text: string) => {
  if (!text.includes(from)) throw new Error(`test edit: no "${from}"`);
  return text.replace(from, to);
};

interface Case {
  name: string;
  /** The vault when the baseline is written (default `a.md` = doc, `b.md` = other). */
  before?: Record<string, string>;
  /** Edits of a.md, or the whole vault afterwards. */
  after: ((text: string) => string) | Record<string, string>;
  /** Rewrites the baseline's entries after it is written (a move by `shipshape mv`). */
  entries?: (entries: BaselineEntry[]) => BaselineEntry[];
  /** Messages expected new, and how many known problems are fixed. */
  expected: { new: string[]; fixed: number };
}

const cases: Case[] = [
  { name: 'nothing changed', after: (t) => t, expected: { new: [], fixed: 0 } },
  { name: 'lines inserted above', after: edit('# Rollback\n', '# Rollback\n\nA new paragraph\nof two lines.\n\n> [!note]\n> A callout.\n'), expected: { new: [], fixed: 0 } },
  { name: 'lines deleted above', after: edit('Intro paragraph that explains\nthe rollback.\n\n', ''), expected: { new: [], fixed: 0 } },
  { name: 'lines added below', after: (t) => `${t}\n## Afterwards\n\nCheck the dashboards.\n`, expected: { new: [], fixed: 0 } },
  { name: 'edit inside the offending line, around the problem', after: edit('See [[rollbak]] for details.', 'Always see [[rollbak]] first, for every detail.'), expected: { new: [], fixed: 0 } },
  { name: 'the offending line reindented', after: edit('See [[rollbak]] for details.', '  See   [[rollbak]]   for details.'), expected: { new: [], fixed: 0 } },
  { name: 'reformatting elsewhere', after: (t) => edit('Intro paragraph that explains\nthe rollback.', 'Intro paragraph that explains the rollback.')(t).replace('1. stop\n2. revert', '- stop\n- revert'), expected: { new: [], fixed: 0 } },
  { name: 'another problem edited', after: edit('[[deploy-gude]]', '[[deploy-guid]]'), expected: { new: ['Unresolved wikilink [[deploy-guid]]'], fixed: 1 } },
  { name: 'another problem fixed', after: edit('Also [[deploy-gude]] here.', 'Also here.'), expected: { new: [], fixed: 1 } },
  { name: 'the text of the problem changed', after: edit('[[rollbak]]', '[[rolback]]'), expected: { new: ['Unresolved wikilink [[rolback]]'], fixed: 1 } },
  { name: 'the same problem moved to another line', after: (t) => edit('See [[rollbak]] for details.\n', '')(t).replace('2. revert', '2. revert, see [[rollbak]]'), expected: { new: [], fixed: 0 } },
  {
    name: 'duplicated identical problems, one fixed',
    before: { 'a.md': edit('Steps:', 'Steps, see [[rollbak]]:')(doc), 'b.md': other },
    after: edit('See [[rollbak]] for details.', 'See the details.'),
    expected: { new: [], fixed: 1 },
  },
  {
    name: 'duplicated identical problems, one more added',
    before: { 'a.md': edit('Steps:', 'Steps, see [[rollbak]]:')(doc), 'b.md': other },
    after: edit('2. revert', '2. revert [[rollbak]]'),
    expected: { new: ['Unresolved wikilink [[rollbak]]'], fixed: 0 },
  },
  {
    name: 'duplicated identical problems, one edited',
    before: { 'a.md': edit('Steps:', 'Steps, see [[rollbak]]:')(doc), 'b.md': other },
    after: edit('[[rollbak]]', '[[rolback]]'),
    expected: { new: ['Unresolved wikilink [[rolback]]'], fixed: 1 },
  },
  { name: 'CRLF line ends, lines inserted above', before: { 'a.md': doc.replaceAll('\n', '\r\n'), 'b.md': other }, after: edit('# Rollback\r\n', '# Rollback\r\n\r\nMore.\r\n'), expected: { new: [], fixed: 0 } },
  { name: 'LF turned to CRLF', after: (t) => t.replaceAll('\n', '\r\n'), expected: { new: [], fixed: 0 } },
  // The mark is a problem of its own; the others stay known although the first line's text now starts with it.
  { name: 'a byte order mark added', after: (t) => `\uFEFF${t}`, expected: { new: ['Unexpected byte order mark (BOM), expected UTF-8 without BOM'], fixed: 0 } },
  {
    name: 'moved by shipshape mv (its baseline entries moved along)',
    after: { 'runbooks/rollback.md': doc, 'b.md': other },
    entries: (entries) => moveEntries(entries, [{ from: 'a.md', to: 'runbooks/rollback.md' }]).entries,
    expected: { new: [], fixed: 0 },
  },
  {
    name: 'the target of a broken anchor moved (the message names its new path)',
    before: { 'a.md': doc, 'b.md': other, 'ops/target.md': '# Target\n\nSee [[a#Nowhere]].\n', 'c.md': '# C\n\nSee [[target#Nope]].\n' },
    after: { 'a.md': doc, 'b.md': other, 'runbooks/target.md': '# Target\n\nSee [[a#Nowhere]].\n', 'c.md': '# C\n\nSee [[target#Nope]].\n' },
    entries: (entries) => moveEntries(entries, [{ from: 'ops', to: 'runbooks' }]).entries,
    expected: { new: [], fixed: 0 },
  },
  {
    name: 'renamed, and the links to it rewritten by shipshape mv (a broken anchor on such a link stays known)',
    before: { 'a.md': doc, 'b.md': other, 'ops/target.md': '# Target\n', 'c.md': '# C\n\nSee [[target#Nope]] twice: [[target#Nope]].\n' },
    after: { 'a.md': doc, 'b.md': other, 'ops/goal.md': '# Target\n', 'c.md': '# C\n\nSee [[goal#Nope]] twice: [[goal#Nope]].\n' },
    entries: (entries) =>
      moveEntries(entries, [{ from: 'ops/target.md', to: 'ops/goal.md' }], [{ file: 'c.md', from: '[[target#Nope]]', to: '[[goal#Nope]]' }]).entries,
    expected: { new: [], fixed: 0 },
  },
  {
    name: 'moved without moving its entries: its problems are new and the old ones fixed',
    after: { 'runbooks/rollback.md': doc, 'b.md': other },
    expected: { new: ['Unresolved wikilink [[rollbak]]', 'Unresolved wikilink [[deploy-gude]]'], fixed: 2 },
  },
  { name: 'a problem in another file fixed', after: { 'a.md': doc, 'b.md': edit('See [[nowhere]].', 'See [[a]].')(other) }, expected: { new: [], fixed: 1 } },
];

describe('baseline stability', () => {
  it.each(cases)('$name', async ({ before = { 'a.md': doc, 'b.md': other }, after, entries: rewrite = (e) => e, expected }) => {
    const first = await check(before);
    expect(first.diagnostics.filter((d) => d.rule === 'broken-link').length).toBeGreaterThan(0);
    const entries = rewrite(entriesOf(first.diagnostics, first.readText));
    const files = typeof after === 'function' ? { ...before, 'a.md': after(before['a.md']!) } : after;
    const second = await check(files);
    const match = matchBaseline(entries, second.diagnostics, second.readText);
    const fresh = match.diagnostics.filter((d) => d.baseline === 'new').map((d) => d.message.replace(/:.*$/, ''));
    expect({ new: fresh, fixed: match.fixed.reduce((sum, e) => sum + (e.count ?? 1), 0) }).toEqual(expected);
    expect(match.unchanged + match.new).toBe(second.diagnostics.length);
  });

  it('a check of some files neither fixes nor adds the entries of the others', async () => {
    const first = await check({ 'a.md': doc, 'b.md': other });
    const entries = entriesOf(first.diagnostics, first.readText);
    const second = await check({ 'a.md': doc, 'b.md': other.replace('[[nowhere]]', '[[elsewhere]]') }, ['a.md']);
    const match = matchBaseline(entries, second.diagnostics, second.readText, scopeOf(['a.md']));
    expect(match.new).toBe(0);
    expect(match.fixed).toEqual([]);
    expect(match.diagnostics.every((d) => d.file === 'a.md')).toBe(true);
  });
});
