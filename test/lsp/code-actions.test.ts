/**
 * Code actions on temp vaults (git repositories where git matters): the fixes `--fix` makes, link repairs, the
 * did-you-mean suggestions and "Add to baseline", each applied as a client applies it and the files read back.
 *
 * In: `[[Deployment Strategy]]`, the vault has `strategy/deployment-strategy.md` → "Repair link: … → [[deployment-strategy]] (case/spacing)"
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CodeAction, Range } from 'vscode-languageserver';
import { describe, expect, it } from 'vitest';
import { readBaseline } from '../../src/baseline/baseline-file.ts';
import { matchBaseline } from '../../src/baseline/match-baseline.ts';
import { readLinkHistory } from '../../src/links/link-repair.ts';
import { addToBaselineKind, codeActions, fixAllKind } from '../../src/lsp/code-actions.ts';
import { analyzeVault } from '../../src/pipeline/check-vault.ts';
import { applyWorkspaceEdit, positionOf, refactorVault, type RefactorVault } from './refactor-vault.ts';

/** The actions at the first `marker` of the doc at `path`, as the file is on disk. */
async function actionsAt(v: RefactorVault, path: string, marker: string, git = {}, only?: string[]): Promise<CodeAction[]> {
  const text = v.read(path);
  const position = positionOf(text, marker, 1);
  const range: Range = { start: position, end: position };
  return codeActions(v.state, path, text, { range, ...(only ? { only } : {}) }, git);
}

function apply(actions: CodeAction[], title: string): void {
  const action = actions.find((a) => a.title === title);
  expect(action, `${title} in ${actions.map((a) => a.title).join(' | ')}`).toBeDefined();
  applyWorkspaceEdit(action!.edit!);
}

/** git with a fixed identity and no user or system config, so commits and dates are the test's own. */
function git(cwd: string, args: string[], date = '2026-03-02T10:00:00+00:00'): string {
  return execFileSync('git', ['-c', 'user.name=Shipshape Test', '-c', 'user.email=test@example.invalid', '-c', 'commit.gpgsign=false', ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, GIT_CONFIG_GLOBAL: '/dev/null', GIT_CONFIG_NOSYSTEM: '1', GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date },
  });
}

describe('the fixes --fix makes', () => {
  it('mojibake and a closing fence’s info string, from the diagnostics’ fix data', async () => {
    const v = await refactorVault({
      'a.md': '# A\n\n## üöÄ Rollout\n',
      'b.md': '```mermaid\ngraph TD\n  A --> B\n```text\n\n## Rollback\n',
    });
    const mojibake = await actionsAt(v, 'a.md', 'üöÄ');
    expect(mojibake[0]).toMatchObject({ title: 'Replace "üöÄ" with "🚀"', kind: 'quickfix', isPreferred: true, diagnostics: [{ code: 'encoding', source: 'shipshape' }] });
    apply(mojibake, 'Replace "üöÄ" with "🚀"');
    expect(v.read('a.md')).toBe('# A\n\n## 🚀 Rollout\n');
    apply(await actionsAt(v, 'b.md', '```text'), 'Remove the info string `text` from the closing fence');
    expect(v.read('b.md')).toBe('```mermaid\ngraph TD\n  A --> B\n```\n\n## Rollback\n');
  });

  it('no action for a byte order mark, which editors hide: its removal is no edit of the text they show', async () => {
    const v = await refactorVault({ 'a.md': '\uFEFF# üöÄ A\n' });
    const text = v.read('a.md');
    const all = await codeActions(v.state, 'a.md', text, { range: { start: { line: 0, character: 0 }, end: { line: 0, character: 9 } } });
    expect(v.state.analysis.result.diagnostics.map((d) => d.fix?.description)).toEqual(['Remove the byte order mark', 'Replace "üöÄ" with "🚀"']);
    expect(all.map((a) => a.title)).toEqual(['Replace "üöÄ" with "🚀"']);
    expect(all[0]!.edit!.documentChanges![0]).toMatchObject({ edits: [{ range: { start: { line: 0, character: 2 }, end: { line: 0, character: 5 } }, newText: '🚀' }] });
  });

  it('a Templater date from git: the first commit for a creation date, the last otherwise', async () => {
    const text = '---\ntitle: A\ncreated: <% tp.date.now("YYYY-MM-DD") %>\n---\n# A\n\nUpdated <% tp.file.last_modified_date("DD.MM.YYYY") %>\n';
    const v = await refactorVault({ 'a.md': text });
    git(v.root, ['init', '-q']);
    git(v.root, ['add', '.']);
    git(v.root, ['commit', '-q', '-m', 'first']);
    execFileSync('sh', ['-c', 'echo >> content/a.md'], { cwd: v.root });
    git(v.root, ['commit', '-q', '-am', 'second'], '2026-04-15T09:30:00+00:00');
    const created = await actionsAt(v, 'a.md', 'tp.date.now');
    expect(created.map((a) => a.title)).toContain('Fill in the date: 2026-03-02');
    apply(created, 'Fill in the date: 2026-03-02');
    apply(await actionsAt(v, 'a.md', 'tp.file.last_modified'), 'Fill in the date: 15.04.2026');
    expect(v.read('a.md')).toBe('---\ntitle: A\ncreated: 2026-03-02\n---\n# A\n\nUpdated 15.04.2026\n\n');
  });

  it('no date for a doc that is gone from disk since the analysis (outside git its dates are its file’s)', async () => {
    const text = '---\ntitle: A\ncreated: <% tp.date.now("YYYY-MM-DD") %>\n---\n# A\n';
    const v = await refactorVault({ 'a.md': text });
    const { rmSync } = await import('node:fs');
    rmSync(join(v.contentDir, 'a.md'));
    const position = positionOf(text, 'tp.date');
    const actions = await codeActions(v.state, 'a.md', text, { range: { start: position, end: position } });
    expect(actions.filter((a) => a.title.startsWith('Fill in'))).toEqual([]);
  });

  it('link repairs: by spelling without git, a rename from git history with it', async () => {
    const v = await refactorVault({
      'strategy/deployment-strategy.md': '# Deployment strategy\n\n## Rollout steps\n',
      'a.md': 'Read the [[Deployment Strategy|strategy]], [[deployment-strategy#rollout-Steps]] and [[old-name]].\n',
      'runbooks/rollback.md': '# Rollback\n',
    });
    const spelling = await actionsAt(v, 'a.md', '[[Deployment Strategy');
    expect(spelling[0]).toMatchObject({ title: 'Repair link: [[Deployment Strategy|strategy]] → [[deployment-strategy|strategy]] (case/spacing)', isPreferred: true });
    const heading = await actionsAt(v, 'a.md', '#rollout-Steps');
    expect(heading[0]!.title).toBe('Repair link: [[deployment-strategy#rollout-Steps]] → [[deployment-strategy#Rollout steps]] (heading case/punctuation)');
    expect((await actionsAt(v, 'a.md', '[[old-name')).filter((a) => a.title.startsWith('Repair'))).toEqual([]);

    // old-name.md was renamed to runbooks/rollback.md in git: certain only with the history.
    git(v.root, ['init', '-q']);
    execFileSync('sh', ['-c', 'mv content/runbooks/rollback.md content/old-name.md'], { cwd: v.root });
    git(v.root, ['add', '.']);
    git(v.root, ['commit', '-q', '-m', 'first']);
    git(v.root, ['mv', 'content/old-name.md', 'content/runbooks/rollback.md']);
    git(v.root, ['commit', '-q', '-m', 'rename']);
    const commit = git(v.root, ['rev-parse', '--short', 'HEAD']).trim();
    const renamed = await actionsAt(v, 'a.md', '[[old-name', { links: () => readLinkHistory(v.contentDir) });
    apply(renamed, `Repair link: [[old-name]] → [[rollback]] (renamed in ${commit})`);
    expect(v.read('a.md')).toContain('and [[rollback]].');
  });
});

describe('fix all (source.fixAll)', () => {
  it('the file’s fixes at once when asked by kind, without the link repairs; nothing when not asked', async () => {
    const text = '# 🚀 A\n\n## üöÄ Rollout and üìã too [[Deployment Strategy]]\n\n```mermaid\ngraph TD\n```text\n';
    const v = await refactorVault({ 'a.md': text, 'strategy/deployment-strategy.md': '# D\n' });
    const cursor = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
    expect(await codeActions(v.state, 'a.md', text, { range: cursor })).toEqual([]);
    for (const only of [['source'], ['source.fixAll'], [fixAllKind]]) {
      const actions = await codeActions(v.state, 'a.md', text, { range: cursor, only });
      expect(actions.map((a) => [a.title, a.kind])).toEqual([['Fix 3 problems as --fix does', fixAllKind]]);
    }
    applyWorkspaceEdit((await codeActions(v.state, 'a.md', text, { range: cursor, only: ['source.fixAll'] }))[0]!.edit!);
    expect(v.read('a.md')).toBe('# 🚀 A\n\n## 🚀 Rollout and 📋 too [[Deployment Strategy]]\n\n```mermaid\ngraph TD\n```\n');
  });
});

describe('did-you-mean suggestions', () => {
  it('a link rewritten to each suggested target, alias and anchor kept; any other name replaced where it is written', async () => {
    const v = await refactorVault({
      'deployment.md': '# Deployment\n\n## Steps\n',
      'a.md': '---\ntitle: A\ntype: runbok\n---\n# A\n\n[[deploymnt#Steps|deploy]] [[deployment#Stepz]]\n',
    });
    // Right to left: the analysis is not redone between them, as a client asks again only after the next analysis.
    apply(await actionsAt(v, 'a.md', '#Stepz'), 'Change to [[deployment#Steps]]');
    apply(await actionsAt(v, 'a.md', '[[deploymnt'), 'Change to [[deployment#Steps|deploy]]');
    apply(await actionsAt(v, 'a.md', 'runbok'), 'Change to "runbook"');
    expect(v.read('a.md')).toBe('---\ntitle: A\ntype: runbook\n---\n# A\n\n[[deployment#Steps|deploy]] [[deployment#Steps]]\n');
  });

  it('an ambiguous name: one action per candidate, each written as the path that names it alone', async () => {
    const v = await refactorVault({ 'ops/deploy.md': '# Ops\n', 'web/deploy.md': '# Web\n', 'a.md': 'See [[deploy|the deploy]].\n' });
    const actions = await actionsAt(v, 'a.md', '[[deploy');
    expect(actions.map((a) => a.title)).toEqual(['Change to [[ops/deploy|the deploy]]', 'Change to [[web/deploy|the deploy]]']);
    apply(actions, 'Change to [[web/deploy|the deploy]]');
    expect(v.read('a.md')).toBe('See [[web/deploy|the deploy]].\n');
  });
});

describe('Add to baseline', () => {
  const emptyBaseline = '{\n  "version": 1,\n  "entries": []\n}\n';

  it('records a new problem in shipshape-baseline.json, which then knows it; none for a known problem', async () => {
    const v = await refactorVault({ 'a.md': '# A\n\n[[gone]] and [[missing]]\n' }, { 'shipshape-baseline.json': emptyBaseline });
    const actions = await actionsAt(v, 'a.md', '[[gone');
    const add = actions.find((a) => a.kind === addToBaselineKind)!;
    expect(add.title).toBe('Add to baseline (shipshape-baseline.json): broken-link');
    expect(actions.map((a) => a.title)).toContain('Add all 2 new problems of this file to the baseline (shipshape-baseline.json)');
    applyWorkspaceEdit(add.edit!);
    const entries = (await readBaseline(join(v.root, 'shipshape-baseline.json')))!;
    expect(entries).toMatchObject([{ file: 'a.md', rule: 'broken-link', text: '[[gone]]' }]);
    const again = await analyzeVault({ config: v.state.config, facts: true, cacheDir: false });
    const read = (f: string) => readFileSync(join(v.contentDir, f), 'utf8');
    expect(matchBaseline(entries, again.result.diagnostics, read).diagnostics.map((d) => [d.message.slice(0, 28), d.baseline])).toEqual([
      ['Unresolved wikilink [[gone]]', 'unchanged'],
      ['Unresolved wikilink [[missin', 'new'],
    ]);
    const known = { ...v, state: { ...v.state, analysis: again } };
    expect((await actionsAt(known, 'a.md', '[[gone')).filter((a) => a.kind === addToBaselineKind)).toEqual([]);
    expect((await actionsAt(known, 'a.md', '[[missing')).map((a) => a.title)).toEqual(['Add to baseline (shipshape-baseline.json): broken-link']);
  });

  it('is not offered without a baseline file; `only` and the range select the actions', async () => {
    const v = await refactorVault({ 'a.md': '# A\n\n## üöÄ Rollout [[gone]]\n' });
    expect((await actionsAt(v, 'a.md', '[[gone')).filter((a) => a.kind === addToBaselineKind)).toEqual([]);
    expect(await actionsAt(v, 'a.md', '# A')).toEqual([]);
    expect(await actionsAt(v, 'a.md', 'üöÄ', {}, ['refactor'])).toEqual([]);
    expect((await actionsAt(v, 'a.md', 'üöÄ', {}, ['quickfix'])).map((a) => a.title)).toEqual(['Replace "üöÄ" with "🚀"']);
  });
});
