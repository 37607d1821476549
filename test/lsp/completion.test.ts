/**
 * Completion, as a table: a vault, a document with the cursor (`‸`), the labels offered and what the chosen one
 * inserts.
 */
import { utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { CompletionItem } from 'vscode-languageserver';
import { completion } from '../../src/lsp/completion.ts';
import { definition } from '../../src/lsp/definition.ts';
import { cursor, navVault, removeNavVaults } from './nav-vault.ts';

afterAll(removeNavVaults);

const vault = await navVault({
  'strategy/deployment-strategy.md': '---\ntitle: Deployment Strategy\naliases: [Ship plan]\ntags: [ops]\n---\n# Deployment Strategy\n\n## Canary\n\nShift 5% first. ^canary-step\n\n## Blue green\n\n## Step 1: Deploy [prod]\n',
  'runbooks/rollback.md': '# Rollback\n\nSee [[deployment-strategy]]. #ops #oncall\n',
  'a/readme.md': '# A readme\n',
  'b/readme.md': '# B readme\n',
  'img/diagram.png': 'png',
  'notes/Post mortem (2026).md': '# Post mortem\n',
  'runs/deploys.yaml': [
    '- id: r1',
    '  service: checkout-api',
    '  environment: production',
    '  status: success',
    '  sha: abc1234',
    '  finishedAt: 2026-12-01T10:00:00Z',
    '  checks: [{ id: smoke, name: Smoke tests, status: success }]',
    '',
  ].join('\n'),
});

function complete(path: string, marked: string): CompletionItem[] {
  const { text, position } = cursor(marked);
  return completion(vault.state, path, text, position).items;
}

const labels = (items: CompletionItem[]) => items.map((item) => item.label);
const inserted = (items: CompletionItem[], label: string) => {
  const edit = items.find((item) => item.label === label)?.textEdit;
  return edit && 'range' in edit ? edit.newText : undefined;
};

describe('completion', () => {
  it.each([
    ['a wikilink target by the start of its name', 'see [[dep‸', 'deployment-strategy', 'deployment-strategy]]'],
    ['by a word inside its title', 'see [[strat‸', 'deployment-strategy', 'deployment-strategy]]'],
    ['an embed of an attachment, extension kept', '![[diag‸', 'diagram.png', 'diagram.png]]'],
    ['a name two docs share, by its path', '[[readme‸', 'a/readme', 'a/readme]]'],
    ['a path when one is typed', '[[strategy/dep‸', 'strategy/deployment-strategy', 'strategy/deployment-strategy]]'],
    ['an alias, written as name|alias', '[[ship‸', 'Ship plan', 'deployment-strategy|Ship plan]]'],
    ['no second ]] when the link is closed', '[[dep‸]]', 'deployment-strategy', 'deployment-strategy'],
    ['a heading after #', '[[deployment-strategy#can‸', 'Canary', 'Canary]]'],
    ['a heading of the document itself', '# Top\n## Here\n[[#he‸', 'Here', 'Here]]'],
    ['a display text: the title', '[[deployment-strategy|‸', 'Deployment Strategy', 'Deployment Strategy]]'],
    ['a display text: an alias', '[[deployment-strategy#Canary|sh‸]]', 'Ship plan', 'Ship plan'],
    ['a heading of any doc after [[##', '[[##blue‸', 'Blue green', 'deployment-strategy#Blue green]]'],
    ['a heading with characters a link cannot hold', '[[deployment-strategy#step‸', 'Step 1: Deploy [prod]', 'Step 1 Deploy prod]]'],
    ['a heading under a heading', '[[deployment-strategy#Deployment Strategy#bl‸', 'Blue green', 'Blue green]]'],
    ['a block id after #^', '[[deployment-strategy#^‸', 'canary-step', 'canary-step]]'],
    ['a Markdown link path, relative to the doc', '[x](../strat‸', '../strategy/deployment-strategy.md', '../strategy/deployment-strategy.md)'],
    ['a Markdown link path with spaces and parentheses, encoded', '[x](Post‸', '../notes/Post mortem (2026).md', '../notes/Post%20mortem%20%282026%29.md)'],
    ['a Markdown link heading, as a slug', '[x](../strategy/deployment-strategy.md#blue‸)', 'Blue green', 'blue-green'],
    ['a tag after #, from the whole vault', 'Text #on‸', 'oncall', 'oncall'],
    ['a link in a CRLF file', 'Intro\r\n\r\nsee [[dep‸\r\n', 'deployment-strategy', 'deployment-strategy]]'],
  ])('%s', (_name, marked, label, insert) => {
    const items = complete('runbooks/new.md', marked);
    expect(labels(items)).toContain(label);
    expect(inserted(items, label)).toBe(insert);
  });

  it('offers nothing to link after [[ a text no name contains', () => {
    expect(complete('runbooks/new.md', '[[zzzz‸')).toEqual([]);
  });

  it('replaces exactly what was typed since [[', () => {
    const [item] = complete('runbooks/new.md', 'x [[dep‸');
    expect(item?.textEdit).toMatchObject({ range: { start: { line: 0, character: 4 }, end: { line: 0, character: 7 } } });
  });

  it('a heading, not a tag, at the start of a line', () => {
    expect(complete('runbooks/new.md', '#‸')).toEqual([]);
  });

  it('no tags inside code', () => {
    expect(complete('runbooks/new.md', '```sh\necho #o‸\n```\n')).toEqual([]);
  });

  it('tags most used first', () => {
    expect(labels(complete('runbooks/new.md', 'x #‸')).slice(0, 2)).toEqual(['ops', 'oncall']);
  });
});

describe('completion in frontmatter', () => {
  it.each([
    ['the keys of the type schema, with descriptions', '---\ntype: runbook\nsev‸\n---\n', 'severity', 'severity: '],
    ['the keys of the default schema without a type', '---\ntit‸\n---\n', 'title', 'title: '],
    ['an enum value', '---\ntype: runbook\nseverity: s‸\n---\n', 'sev2', 'sev2'],
    ['a doc type', '---\ntype: run‸\n---\n', 'runbook', 'runbook'],
    ['a tag in a flow list', '---\ntags: [ops, on‸]\n---\n', 'oncall', 'oncall'],
    ['a tag in a block list', '---\ntags:\n  - on‸\n---\n', 'oncall', 'oncall'],
    ['a key of frontmatter not closed yet', '---\ntype: runbook\nsev‸', 'severity', 'severity: '],
    ['a value in a CRLF file', '---\r\ntype: runbook\r\nseverity: ‸\r\n---\r\n', 'sev1', 'sev1'],
    ['a link in a frontmatter value', '---\nrelated: "[[dep‸"\n---\n', 'deployment-strategy', 'deployment-strategy]]'],
    ['a value right after the colon, with a space', '---\ntype: runbook\nseverity:‸\n---\n', 'sev1', ' sev1'],
    ['a value while the YAML does not parse', '---\ntype: runbook\ntitle: [oops\nseverity: ‸\n---\n', 'sev1', 'sev1'],
  ])('%s', (_name, marked, label, insert) => {
    const items = complete('runbooks/new.md', marked);
    expect(labels(items)).toContain(label);
    expect(inserted(items, label)).toBe(insert);
  });

  it('documents a key with its schema description and values', () => {
    const item = complete('runbooks/new.md', '---\ntype: runbook\nsev‸\n---\n').find((i) => i.label === 'severity');
    expect(item?.documentation).toMatchObject({ kind: 'markdown', value: expect.stringContaining('Highest incident severity') });
    expect(item?.documentation).toMatchObject({ value: expect.stringContaining('one of: sev1, sev2, sev3, sev4') });
  });

  it('documents a value with the description of its key', () => {
    const item = complete('runbooks/new.md', '---\ntype: runbook\nseverity: ‸\n---\n').find((i) => i.label === 'sev1');
    expect(item?.documentation).toMatchObject({ value: expect.stringContaining('Highest incident severity') });
  });

  it('does not offer a key already present', () => {
    expect(labels(complete('runbooks/new.md', '---\ntype: runbook\ntitle: X\n‸\n---\n'))).not.toContain('title');
  });
});

describe('completion in blocks', () => {
  it.each([
    ['a dashboard key', '```dashboard\nme‸\n```\n', 'metric', 'metric: '],
    ['a dashboard metric', '```dashboard\nmetric: lead‸\n```\n', 'lead-time', 'lead-time'],
    ['a dashboard service from the run data', '```dashboard\nmetric: lead-time\nservice: ch‸\n```\n', 'checkout-api', 'checkout-api'],
    ['a dashboard environment from the run data', '```dashboard\nview: recent-runs\nenvironment: ‸\n```\n', 'production', 'production'],
    ['a checklist item key', '```checklist\nid: deploy\nitems:\n  - id: a\n    pha‸\n```\n', 'phase', 'phase: '],
    ['a checklist phase', '```checklist\nid: deploy\nitems:\n  - id: a\n    phase: ‸\n```\n', 'pre-deploy', 'pre-deploy'],
    ['an evidence kind', '```checklist\nid: deploy\nitems:\n  - id: a\n    evidence: ‸\n```\n', 'rollback-target', 'rollback-target'],
    ['an evidence key', '```checklist\nid: deploy\nitems:\n  - id: a\n    evidence:\n      so‸\n```\n', 'soak', 'soak: '],
    ['a check id from the run data', '```checklist\nid: deploy\nitems:\n  - id: a\n    evidence:\n      check: sm‸\n```\n', 'smoke', 'smoke'],
  ])('%s', (_name, marked, label, insert) => {
    const items = complete('runbooks/new.md', marked);
    expect(labels(items)).toContain(label);
    expect(inserted(items, label)).toBe(insert);
  });

  it('nothing from other code blocks, not even links', () => {
    expect(complete('runbooks/new.md', '```yaml\nmet‸\n```\n')).toEqual([]);
    expect(complete('runbooks/new.md', '```sh\n[[dep‸\n```\n')).toEqual([]);
  });

  it('a block still being written, with no closing fence yet', () => {
    expect(labels(complete('runbooks/new.md', 'Intro\n\n```dashboard\nmetric: ‸'))).toContain('lead-time');
  });

  it('a block in a list item, its indentation no YAML indentation', () => {
    expect(labels(complete('runbooks/new.md', '- Deploys:\n  ```dashboard\n  sh‸\n  ```\n'))).toEqual(['show']);
  });
});

describe("completion in Obsidian's link format", () => {
  it.each([
    ['absolute', 'runbooks/new.md', 'strategy/deployment-strategy'],
    ['relative', 'runbooks/new.md', '../strategy/deployment-strategy'],
    ['relative, in the same folder', 'strategy/new.md', 'deployment-strategy'],
    ['shortest', 'runbooks/new.md', 'deployment-strategy'],
  ])('%s', async (format, path, insert) => {
    const { state } = await navVault({
      '.obsidian/app.json': JSON.stringify({ newLinkFormat: format.split(',')[0] }),
      'strategy/deployment-strategy.md': '# Deployment Strategy\n',
    });
    const { text, position } = cursor('[[dep‸');
    const [item] = completion(state, path, text, position).items;
    expect(item?.textEdit).toMatchObject({ newText: `${insert}]]` });
  });
});

describe('what completion inserts resolves', () => {
  it.each([
    ['[[dep‸', 'deployment-strategy'],
    ['[x](../notes/Post‸', 'Post mortem (2026)'],
    ['[[deployment-strategy#Blue‸', 'Blue green'],
    ['[[deployment-strategy#Step‸', 'Step 1: Deploy'],
    ['[[##step‸', 'Step 1: Deploy'],
    ['[x](../strategy/deployment-strategy.md#blue‸', 'Blue green'],
  ])('%s → %s', (marked, label) => {
    const { text, position } = cursor(marked);
    const item = completion(vault.state, 'runbooks/new.md', text, position).items.find((i) => String(i.label).includes(label));
    const edit = item?.textEdit as { range: { start: { character: number } }; newText: string };
    const completed = text.slice(0, edit.range.start.character) + edit.newText;
    expect(definition(vault.state, 'runbooks/new.md', completed, { line: 0, character: completed.length - 3 })).not.toBeNull();
  });
});

describe('completion follows the schemas as they are edited', () => {
  it('a key added to a schema file is offered at once', async () => {
    const { state, dir } = await navVault({
      '/shipshape.config.json': JSON.stringify({ schemas: { types: { note: 'schemas/note.schema.json' } } }),
      '/schemas/note.schema.json': JSON.stringify({ type: 'object', properties: { type: { const: 'note' }, first: { description: 'First key' } } }),
      'a.md': '# A\n',
    });
    const { text, position } = cursor('---\ntype: note\n‸\n---\n');
    expect(completion(state, 'a.md', text, position).items.map((i) => i.label)).toEqual(['first']);
    const schema = join(dir, 'schemas/note.schema.json');
    writeFileSync(schema, JSON.stringify({ type: 'object', properties: { type: { const: 'note' }, first: {}, second: {} } }));
    utimesSync(schema, new Date(), new Date(Date.now() + 5000));
    expect(completion(state, 'a.md', text, position).items.map((i) => i.label)).toEqual(['first', 'second']);
  });
});
