/**
 * The engine's edit path against its whole pass: after each edit, the diagnostics of the in-memory analysis (the
 * edited doc alone, the cross-file pass for the docs it can affect) are those of the cross-file pass over every doc.
 */
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openWorkspace, type Snapshot } from '../../src/lsp/workspace.ts';
import { makeTemp, removeTemp, writeFiles } from '../cli/run-cli.ts';

const temps: string[] = [];
afterEach(() => {
  for (const dir of temps.splice(0)) removeTemp(dir);
});

const flat = (snapshot: Snapshot) => [...snapshot.diagnostics.values()].flat().map((d) => `${d.file}:${d.line}:${d.column} ${d.rule} ${d.message}`).sort();

const files = {
  'shipshape.config.json': '{}',
  'content/deploy.md': '---\naliases: [rollout]\n---\n# Deploy\n\n## Steps\n\nBlock. ^first\n',
  'content/a.md': '# A\n\n[[deploy#Steps]] [[rollout]] [[deploy#^first]] [[Deplo]]\n',
  'content/b.md': '# B\n\n[Steps](deploy.md#steps) [[release]]\n',
  'content/notes/release.md': '# Release\n',
  // z.md sorts after deploy.md: its checklist is the duplicate, whose message names deploy.md's line.
  'content/z.md': '# Z\n\n```checklist\nid: prod\nitems:\n  - { id: b, text: B, phase: deploy, evidence: manual }\n```\n',
};

const checklist = '```checklist\nid: prod\nitems:\n  - { id: a, text: A, phase: deploy, evidence: manual }\n```\n';

// Each edit of deploy.md, then the same check with every doc's cross-file results recomputed.
const edits: Array<[string, string]> = [
  ['a heading renamed', '---\naliases: [rollout]\n---\n# Deploy\n\n## First steps\n\nBlock. ^first\n'],
  ['a block id changed', '---\naliases: [rollout]\n---\n# Deploy\n\n## Steps\n\nBlock. ^second\n'],
  ['an alias dropped and another added that a doc name has', '---\naliases: [release]\n---\n# Deploy\n\n## Steps\n\nBlock. ^first\n'],
  ['a link broken', '---\naliases: [rollout]\n---\n# Deploy\n\n## Steps\n\nBlock. ^first [[nowhere]]\n'],
  ['prose typed', '---\naliases: [rollout]\n---\n# Deploy\n\n## Steps\n\nBlock typed. ^first\n'],
  ['a line typed above its links (only their places change)', '---\naliases: [rollout]\n---\n# Deploy\n\nNew line.\n\n## Steps\n\nBlock. ^first [[nowhere]]\n'],
  ['a checklist added whose id another doc has', `---\naliases: [rollout]\n---\n# Deploy\n\n## Steps\n\nBlock. ^first\n\n${checklist}`],
];

describe('the engine after an edit', () => {
  it.each(edits)('%s: the same diagnostics as a whole cross-file pass', async (_, text) => {
    const root = makeTemp('shipshape-lsp-ws-');
    temps.push(root);
    writeFiles(root, files);
    const workspace = await openWorkspace({ root, cacheDir: false });
    workspace.setText('deploy.md', files['content/deploy.md']);
    const before = flat(await workspace.analyze());
    workspace.setText('deploy.md', text);
    const edited = flat(await workspace.analyze());
    const settled = flat(await workspace.analyze({ settle: true }));
    expect(edited).toEqual(settled);
    if (text.includes('```checklist')) expect(edited.filter((line) => line.includes('duplicate checklist id'))).toEqual([expect.stringMatching(/^z\.md:4:5 checklist .*first in deploy\.md:11/)]);
    if (text.includes('typed')) expect(edited).toEqual(before);
    else expect(edited).not.toEqual(before);
  });
});

describe('the engine after a change on disk (a git pull, a save in another tool)', () => {
  it.each(edits)('%s, saved while the doc is not open: what a fresh check says', async (_, text) => {
    const root = makeTemp('shipshape-lsp-ws-');
    temps.push(root);
    writeFiles(root, files);
    const workspace = await openWorkspace({ root, cacheDir: false });
    await workspace.analyze();
    writeFiles(root, { 'content/deploy.md': text });
    workspace.changed(['deploy.md']);
    const changed = flat(await workspace.analyze());
    const fresh = flat(await (await openWorkspace({ root, cacheDir: false })).analyze());
    expect(changed).toEqual(fresh);
  });

  it('a doc new on disk, then gone: each time what a fresh check says', async () => {
    const root = makeTemp('shipshape-lsp-ws-');
    temps.push(root);
    writeFiles(root, files);
    const workspace = await openWorkspace({ root, cacheDir: false });
    const before = flat(await workspace.analyze());
    expect(before.some((line) => line.startsWith('a.md') && line.includes('[[Deplo]]'))).toBe(true);
    writeFiles(root, { 'content/Deplo.md': '# Deplo\n' });
    workspace.changed(['Deplo.md']);
    const added = flat(await workspace.analyze());
    expect(added).toEqual(flat(await (await openWorkspace({ root, cacheDir: false })).analyze()));
    expect(added.some((line) => line.includes('[[Deplo]]'))).toBe(false);
    removeTemp(join(root, 'content/Deplo.md'));
    workspace.changed(['Deplo.md']);
    expect(flat(await workspace.analyze())).toEqual(before);
  });
});
