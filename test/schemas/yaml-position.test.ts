import { describe, expect, it } from 'vitest';
import { parseDocument } from 'yaml';
import { escapePointerSegment, locateYamlNode, parsePointer, type NodePart } from '../../src/schemas/yaml-position.ts';

const runbook = [
  'title: Rollback',
  'owner:',
  'contact:',
  '  team: checkout',
  'steps:',
  '  - name: drain',
  '    checks:',
  '      - url: https://x.test',
  '        expect: 700',
  'a/b: slash',
  '~x: tilde',
  '',
].join('\n');

const cases: Array<[name: string, yaml: string, pointer: string, part: NodePart, text: string, exact: boolean]> = [
  ['a top-level value', runbook, '/title', 'value', 'Rollback', true],
  ['a top-level key', runbook, '/title', 'key', 'title', true],
  ['an empty value points at its key', runbook, '/owner', 'value', 'owner', true],
  ['a nested mapping by its key', runbook, '/contact', 'key', 'contact', true],
  ['a value deep in a list of maps', runbook, '/steps/0/checks/0/expect', 'value', '700', true],
  ['a key deep in a list of maps', runbook, '/steps/0/checks/0/expect', 'key', 'expect', true],
  ['a list item, asked for its key, is the item', runbook, '/steps/0', 'key', 'name: drain', true],
  ['`~1` is a slash', runbook, '/a~1b', 'value', 'slash', true],
  ['`~0` is a tilde', runbook, '/~0x', 'value', 'tilde', true],
  ['a missing key falls back to its mapping', runbook, '/contact/channel', 'value', 'team: checkout', false],
  ['an index past the end falls back to the list', runbook, '/steps/3', 'value', '- name: drain', false],
  ['through a scalar, the scalar', runbook, '/title/x', 'value', 'Rollback', false],
  ['JSON (flow) nodes', '{"a": {"b": [1, 22]}}', '/a/b/1', 'value', '22', true],
  ['CRLF line endings', 'a:\r\n  b: x\r\n', '/a/b', 'value', 'x', true],
  ['an alias stops at the alias', 'base: &b {x: 1}\nuse: *b\n', '/use/x', 'value', '*b', false],
  ['a merged key falls back to the merging mapping', 'base: &b {x: 1}\nuse:\n  <<: *b\n  y: 2\n', '/use/x', 'value', '<<: *b', false],
  ['numeric keys match their pointer segment', '1: one\n', '/1', 'value', 'one', true],
];

describe('locateYamlNode', () => {
  it.each(cases)('%s', (_, yaml, pointer, part, text, exact) => {
    const range = locateYamlNode(parseDocument(yaml), pointer, part);
    expect(range).toBeDefined();
    expect(yaml.slice(range!.start, range!.end).trimEnd().startsWith(text)).toBe(true);
    expect(range!.exact).toBe(exact);
  });

  it('gives the whole document at depth 0 for the empty pointer', () => {
    const range = locateYamlNode(parseDocument('a: 1\n'), '', 'value');
    expect(range).toMatchObject({ start: 0, exact: true, depth: 0 });
  });

  it('has no range for an empty document', () => {
    expect(locateYamlNode(parseDocument(''), '/a', 'value')).toBeUndefined();
  });

  it('accepts a node as well as a document', () => {
    const doc = parseDocument('a:\n  b: 1\n');
    expect(locateYamlNode(doc.contents, '/a/b', 'value')).toMatchObject({ start: 8, end: 9, depth: 2 });
  });
});

describe('JSON pointers', () => {
  it.each([
    ['', []],
    ['/a', ['a']],
    ['/a~1b/0', ['a/b', '0']],
    ['/~01', ['~1']],
    ['/', ['']],
  ])('%j → %j', (pointer, segments) => {
    expect(parsePointer(pointer)).toEqual(segments);
    expect(segments.map(escapePointerSegment).map((s) => `/${s}`).join('')).toBe(pointer);
  });
});
