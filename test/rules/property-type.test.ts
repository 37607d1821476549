/**
 * `property-type` and `property-types-file`: what each Obsidian property type accepts (a table of values), what a
 * broken `.obsidian/types.json` becomes (a table of files), and how both rules sit in a check beside the doc schemas.
 */
import { rmSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { typeProblems } from '../../src/rules/property-type.ts';
import { loadConfig, rereadPropertyTypes } from '../../src/vault/config.ts';
import { parsePropertyTypes, type PropertyType } from '../../src/vault/property-types.ts';
import { checkFiles } from '../helpers/check-files.ts';
import { tempVault } from '../helpers/temp-vault.ts';

const ok: Array<[PropertyType, unknown]> = [
  ['text', 'Renew the certificate'],
  ['text', '[[Renew the wildcard certificate]]'],
  ['text', 42],
  ['text', true],
  ['multitext', ['a', 'b']],
  ['multitext', 'one value'],
  ['multitext', ['[[Quoted link]]', 3]],
  ['aliases', ['Cert rotation']],
  ['aliases', 'Cert rotation'],
  ['tags', ['tls', 'deploy/canary', 'y2026']],
  ['tags', 'tls'],
  ['number', 3],
  ['number', -0.5],
  ['number', '12'],
  ['checkbox', true],
  ['checkbox', false],
  ['checkbox', 'false'],
  ['date', '2026-12-01'],
  ['date', '2024-02-29'],
  ['date', '2026-12-01T09:30'],
  ['datetime', '2026-12-01T09:30'],
  ['datetime', '2026-12-01T09:30:15'],
  ['datetime', '2026-12-01 09:30:15.250+01:00'],
  ['datetime', '2026-12-01T09:30Z'],
  ['datetime', '2026-12-01'],
];

const bad: Array<[PropertyType, unknown, string[]]> = [
  ['text', [['Renew the wildcard certificate']], ['/p Unexpected list for p, expected text: an unquoted [[link]] is a list in a list to YAML, quote it']],
  ['text', ['a', 'b'], ['/p Unexpected list for p, expected text']],
  ['text', { a: 1 }, ['/p Unexpected mapping for p, expected text']],
  ['multitext', 5, ['/p Unexpected number 5 for p, expected a list']],
  ['multitext', true, ['/p Unexpected boolean true for p, expected a list']],
  ['multitext', ['ok', [['Linked']]], ['/p/1 Unexpected list in p, expected text: an unquoted [[link]] is a list in a list to YAML, quote it']],
  ['multitext', [{ a: 1 }], ['/p/0 Unexpected mapping in p, expected text']],
  ['aliases', { a: 1 }, ['/p Unexpected mapping for p, expected a list']],
  ['tags', ['tls', 2026, '#123'], ['/p/1 Unexpected number 2026 in p, expected a tag with a character that is not a digit', '/p/2 Unexpected "#123" in p, expected a tag with a character that is not a digit']],
  ['number', 'high', ['/p Unexpected "high" for p, expected a number']],
  ['number', true, ['/p Unexpected boolean true for p, expected a number']],
  ['number', [1], ['/p Unexpected list for p, expected a number']],
  ['checkbox', 'yes', ['/p Unexpected "yes" for p, expected true or false']],
  ['checkbox', 1, ['/p Unexpected number 1 for p, expected true or false']],
  ['date', 'next week', ['/p Unexpected "next week" for p, expected a date (YYYY-MM-DD)']],
  ['date', '2026-02-30', ['/p Unexpected "2026-02-30" for p, expected a date (YYYY-MM-DD)']],
  ['date', '12/01/2026', ['/p Unexpected "12/01/2026" for p, expected a date (YYYY-MM-DD)']],
  ['date', 20261201, ['/p Unexpected number 20261201 for p, expected a date (YYYY-MM-DD)']],
  ['datetime', '2026-12-01T25:00', ['/p Unexpected "2026-12-01T25:00" for p, expected a date and time (YYYY-MM-DDTHH:mm)']],
  ['datetime', 'tomorrow 9am', ['/p Unexpected "tomorrow 9am" for p, expected a date and time (YYYY-MM-DDTHH:mm)']],
];

describe('what each property type accepts', () => {
  it.each(ok)('%s accepts %j', (type, value) => {
    expect(typeProblems(type, 'p', value)).toEqual([]);
  });
  it.each(bad)('%s rejects %j', (type, value, expected) => {
    expect(typeProblems(type, 'p', value).map((p) => `${p.pointer} ${p.message}`)).toEqual(expected);
  });
  it.each(['text', 'multitext', 'aliases', 'tags', 'number', 'checkbox', 'date', 'datetime'] as const)('%s accepts an empty value', (type) => {
    for (const empty of [null, '', []]) expect(typeProblems(type, 'p', empty)).toEqual([]);
  });
});

describe('.obsidian/types.json', () => {
  const cases: Array<[name: string, text: string, types: Record<string, string>, problems: string[]]> = [
    ['Obsidian\'s own file', '{"types":{"aliases":"aliases","cssclasses":"multitext","tags":"tags","Due":"date"}}', { aliases: 'aliases', cssclasses: 'multitext', tags: 'tags', due: 'date' }, []],
    ['an empty types mapping', '{"types":{}}', {}, []],
    ['an empty object', '{}', {}, []],
    ['a type Obsidian does not have, the rest kept', '{\n  "types": {\n    "due": "date",\n    "status": "list"\n  }\n}', { due: 'date' }, ['4:15-4:21 Unexpected property type "list" for status, expected one of: aliases, checkbox, date, datetime, multitext, number, tags, text (multitext)']],
    ['a misspelt type', '{"types":{"due":"dat"}}', {}, ['1:17-1:22 Unexpected property type "dat" for due, expected one of: aliases, checkbox, date, datetime, multitext, number, tags, text (date)']],
    ['a type that is not a string', '{"types":{"due":3}}', {}, ['1:17-1:18 Unexpected property type number for due, expected one of: aliases, checkbox, date, datetime, multitext, number, tags, text']],
    ['a trailing comma', '{\n  "types": {\n    "due": "date",\n  }\n}', {}, ['4:3-4:4 Unexpected text in .obsidian/types.json, expected JSON']],
    ['cut short', '{"types": {"due": "da', {}, ['1:22-1:22 Unexpected text in .obsidian/types.json, expected JSON']],
    ['an empty file', '', {}, ['1:1-1:1 Unexpected text in .obsidian/types.json, expected JSON']],
    ['an unexpected token, which V8 does not place', '{\n  "types": {"due": tru}\n}', {}, ['2:23-2:24 Unexpected text in .obsidian/types.json, expected JSON']],
    ['text after the JSON', '{"types": {}} x', {}, ['1:15-1:16 Unexpected text in .obsidian/types.json, expected JSON']],
    ['no types key', '{"typs": {"due": "date"}}', {}, ['1:1-1:26 Unexpected no types, expected {"types": {"property": "type", …}}']],
    ['types is a list', '{"types": ["date"]}', {}, ['1:11-1:19 Unexpected list for types, expected {"types": {"property": "type", …}}']],
    ['a list at the top', '[1]', {}, ['1:1-1:4 Unexpected no types, expected {"types": {"property": "type", …}}']],
  ];
  it.each(cases)('%s', (_, text, types, problems) => {
    const read = parsePropertyTypes(text);
    expect(read.types).toEqual(types);
    expect(
      read.problems.map((p) => {
        const where = `${p.span.start.line}:${p.span.start.column}-${p.span.end.line}:${p.span.end.column}`;
        return `${where} ${p.message.split(': ').length > 1 && p.message.includes('expected JSON') ? p.message.slice(0, p.message.indexOf('JSON') + 4) : p.message}${p.suggestions ? ` (${p.suggestions.join(', ')})` : ''}`;
      }),
    ).toEqual(problems);
  });
});

describe('in a check', () => {
  const doc = (...frontmatter: string[]) => ['---', 'title: Rotate the certificates', ...frontmatter, '---', '', '# Rotate', ''].join('\n');
  const run = async (files: Record<string, string>) =>
    (await checkFiles(files)).filter((d) => d.rule.startsWith('property-type') || d.rule === 'frontmatter-schema').map((d) => `${d.file}:${d.line}:${d.column} ${d.rule} ${d.message}`);

  it('reports a property once, in the JSON Schema\'s words, where the doc\'s schema faults it too', async () => {
    const found = await run({
      '.obsidian/types.json': '{"types":{"created":"date","tags":"tags","due":"date"}}',
      'a.md': doc('created: next week', 'tags: [tls, 2026]', 'due: next week'),
    });
    expect(found).toEqual([
      'a.md:3:10 frontmatter-schema Unexpected "next week" for created, expected a date (YYYY-MM-DD)',
      'a.md:4:13 frontmatter-schema Unexpected number for tags[1], expected string',
      'a.md:5:6 property-type Unexpected "next week" for due, expected a date (YYYY-MM-DD)',
    ]);
  });

  it('reports the property itself when frontmatter-schema is off', async () => {
    const found = (
      await checkFiles(
        { '.obsidian/types.json': '{"types":{"created":"date"}}', 'a.md': doc('created: next week') },
        { rules: { 'frontmatter-schema': 'off' } },
      )
    ).map((d) => `${d.line}:${d.column} ${d.rule} ${d.message}`);
    expect(found).toEqual(['3:10 property-type Unexpected "next week" for created, expected a date (YYYY-MM-DD)']);
  });

  it('places an item of a list exactly, and skips Templater commands and templates', async () => {
    const found = await run({
      '.obsidian/types.json': '{"types":{"related":"multitext","due":"date"}}',
      'a.md': doc('related:', '  - "[[Quoted]]"', '  - [[Unquoted]]', 'due: <% tp.date.now() %>'),
      'templates/runbook.md': doc('due: "{{date}}"'),
    });
    expect(found).toEqual(['a.md:5:5 property-type Unexpected list in related, expected text: an unquoted [[link]] is a list in a list to YAML, quote it']);
  });

  it('reports a broken types.json on the file and still checks the properties it types well', async () => {
    const found = await run({
      '.obsidian/types.json': '{"types":{"due":"date","state":"list"}}',
      'a.md': doc('due: soon', 'state: [a, b]'),
    });
    expect(found).toEqual([
      '.obsidian/types.json:1:32 property-types-file Unexpected property type "list" for state, expected one of: aliases, checkbox, date, datetime, multitext, number, tags, text',
      'a.md:3:6 property-type Unexpected "soon" for due, expected a date (YYYY-MM-DD)',
    ]);
  });

  it('checks nothing without a types.json, and a file that is not JSON checks no property', async () => {
    expect(await run({ 'a.md': doc('due: soon') })).toEqual([]);
    const found = await run({ '.obsidian/types.json': '{"types": {"due": "date",}}', 'a.md': doc('due: soon') });
    expect(found).toHaveLength(1);
    expect(found[0]).toMatch(/^\.obsidian\/types\.json:1:26 property-types-file Unexpected text in \.obsidian\/types\.json, expected JSON: /);
  });

  it('is part of the config\'s hash: editing types.json invalidates cached results', async () => {
    const vault = tempVault({ 'a.md': '# A\n', '.obsidian/types.json': '{"types":{"due":"date"}}' });
    try {
      const before = await loadConfig({ cwd: vault, content: '.' });
      writeFileSync(`${vault}/.obsidian/types.json`, '{"types":{"due":"datetime"}}');
      const after = await loadConfig({ cwd: vault, content: '.' });
      expect(before.propertyTypes?.types).toEqual({ due: 'date' });
      expect(after.propertyTypes?.types).toEqual({ due: 'datetime' });
      expect(after.hash).not.toBe(before.hash);
    } finally {
      rmSync(vault, { recursive: true, force: true });
    }
  });
});

describe('a long-running process', () => {
  it('rereads .obsidian/types.json, and the hash follows only when the types change', async () => {
    const vault = tempVault({ 'a.md': '# A\n', '.obsidian/types.json': '{"types":{"due":"date"}}' });
    try {
      const config = await loadConfig({ cwd: vault, content: '.' });
      expect(rereadPropertyTypes(config).hash).toBe(config.hash);
      writeFileSync(`${vault}/.obsidian/types.json`, '{"types":{"due":"datetime"}}');
      const reread = rereadPropertyTypes(config);
      expect(reread.propertyTypes?.types).toEqual({ due: 'datetime' });
      expect(reread.hash).not.toBe(config.hash);
      rmSync(`${vault}/.obsidian/types.json`);
      expect(rereadPropertyTypes(reread).propertyTypes).toBeUndefined();
    } finally {
      rmSync(vault, { recursive: true, force: true });
    }
  });
});
