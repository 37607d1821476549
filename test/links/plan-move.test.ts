/**
 * planMove on parsed docs, without a disk: which links change and into what, for the cases the CLI tests leave out —
 * a name another file takes over, nested heading anchors, a link within the moved folder, a stale file.
 *
 * In: `README.md` moved to the vault root → `[[README]]` elsewhere, which reached `dev/README.md`, becomes `[[dev/README]]`
 */
import { describe, expect, it } from 'vitest';
import { lineIndex } from '../../src/markdown/line-index.ts';
import { parseDoc } from '../../src/markdown/parse.ts';
import { planMove, StaleFileError, type FileMove, type HeadingRename } from '../../src/links/plan-move.ts';

const config = { docSchemas: {}, defaultDocSchema: undefined, blockSchemas: {}, typeField: 'type' };

function plan(files: Record<string, string>, moves: FileMove[], heading?: HeadingRename, read: (path: string) => string = (path) => files[path]!, folder?: FileMove) {
  const facts = Object.entries(files)
    .filter(([path]) => path.endsWith('.md'))
    .map(([path, text]) => parseDoc({ path, text, bytes: new TextEncoder().encode(text), lines: lineIndex(text), isTemplate: false }).facts);
  const attachments = Object.keys(files).filter((path) => !path.endsWith('.md'));
  const result = planMove({ facts, attachments, config, read, moves, ...(heading ? { heading } : {}), ...(folder ? { folder } : {}) });
  return Object.fromEntries(result.files.map((file) => [file.path, file.after]));
}

describe('planMove', () => {
  it('keeps a link that the move would hand to another file on its old target', () => {
    const files = { 'dev/README.md': '# Dev\n', 'ops/x/README.md': '# Ops\n', 'a/b.md': 'See [[README]].\n' };
    expect(plan(files, [{ from: 'ops/x/README.md', to: 'README.md' }])).toEqual({ 'a/b.md': 'See [[dev/README]].\n' });
  });

  it('rewrites nested anchors part by part, and leaves anchors to other headings', () => {
    const files = {
      'doc.md': '# Part\n\n## Old\n\n## Other\n',
      'a.md': '[[doc#Part#Old]] [[doc#Old|o]] [[doc#Other]] [x](doc.md#old)\n',
    };
    expect(plan(files, [], { path: 'doc.md', heading: 1, text: 'New' })).toEqual({
      'a.md': '[[doc#Part#New]] [[doc#New|o]] [[doc#Other]] [x](doc.md#new)\n',
      'doc.md': '# Part\n\n## New\n\n## Other\n',
    });
  });

  it('renames a heading in properties that link to it, and leaves the other properties and links alone', () => {
    const files = {
      'doc.md': '# Part\n\n## Old\n',
      'a.md': '---\nsee: "[[doc#Old]]"\nalso: ["[[doc]]", "[[doc#Part]]"]\n---\n[[doc]] [[doc#Old]]\n',
    };
    expect(plan(files, [], { path: 'doc.md', heading: 1, text: 'New' })).toEqual({
      'a.md': '---\nsee: "[[doc#New]]"\nalso: ["[[doc]]", "[[doc#Part]]"]\n---\n[[doc]] [[doc#New]]\n',
      'doc.md': '# Part\n\n## New\n',
    });
  });

  it('leaves links between files that move together as they are when they still reach', () => {
    const files = { 'ops/a.md': '[b](b.md) [[b]]\n', 'ops/b.md': '# B\n', 'c.md': '[a](ops/a.md)\n' };
    expect(plan(files, [{ from: 'ops/a.md', to: 'x/ops/a.md' }, { from: 'ops/b.md', to: 'x/ops/b.md' }])).toEqual({ 'c.md': '[a](x/ops/a.md)\n' });
  });

  it('keeps a broken relative link in a moved doc naming the path it named, so that it reaches no other file', () => {
    const files = { 'docs/dev/a.md': '[x](../AGENTS.md) [y](gone.md)\n', 'docs/infra/AGENTS.md': '# Infra agents\n', 'docs/b.md': '[z](../AGENTS.md)\n' };
    expect(plan(files, [{ from: 'docs/dev/a.md', to: 'docs/infra/dev/a.md' }], undefined, undefined, { from: 'docs/dev', to: 'docs/infra/dev' })).toEqual({
      'docs/dev/a.md': '[x](../../AGENTS.md) [y](gone.md)\n',
    });
    // Written bare, `AGENTS.md` would be looked up by name and reach docs/infra/AGENTS.md: `./` keeps it to its path.
    expect(plan(files, [{ from: 'docs/b.md', to: 'b.md' }])).toEqual({ 'docs/b.md': '[z](./AGENTS.md)\n' });
  });

  it('refuses a file whose text no longer matches its facts', () => {
    const files = { 'a.md': '# A\n', 'b.md': 'See [[a]].\n' };
    expect(() => plan(files, [{ from: 'a.md', to: 'z.md' }], undefined, (path) => (path === 'b.md' ? '[[a]] moved here.\n' : files[path as 'a.md']))).toThrow(StaleFileError);
  });
});
