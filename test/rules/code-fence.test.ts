import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Report } from '../../src/diagnostics/diagnostic.ts';
import { codeFence } from '../../src/rules/code-fence.ts';
import { mermaidSyntax } from '../../src/blocks/mermaid.ts';
import { brief, runFileRule } from '../helpers/run-rule.ts';

const runOn = (line: string, info: string, opened: number, end: string, fence = '```'): string =>
  `${line} Unexpected info string \`${info}\` on a closing fence, expected a bare ${fence}; this code block (opened at line ${opened}) runs on to ${end}`;
const unclosed = (line: string, last: number, fence = '```'): string =>
  `${line} Unexpected unclosed code block, expected a closing ${fence}; it runs to the end of the file (line ${last})`;

const applyFixes = (text: string, reports: readonly Report[]): string =>
  reports
    .flatMap((r) => r.fix?.edits ?? [])
    .sort((a, b) => b.start - a.start)
    .reduce((t, e) => t.slice(0, e.start) + e.text + t.slice(e.end), text);

describe('rule code-fence', () => {
  const cases: Array<[string, string, string[]]> = [
    ['a closed block', '```bash\nkubectl get pods\n```\n', []],
    [
      'a diagram closed with ```text runs on to the next bare fence',
      '```mermaid\ngraph TD\n  A --> B\n```text\n\n## Steps\n1. Apply\n   ```yaml\n   replicas: 3\n   ```\n',
      [runOn('4:1', 'text', 1, 'line 10')],
    ],
    ['a run-on block with no bare fence after it', '```bash\nuptime\n``` text\n\n## Next\n', [runOn('3:1', 'text', 1, 'the end of the file')]],
    ['only the first run-on line of a block', '```bash\na\n```text\nb\n```sh\nc\n```\n', [runOn('3:1', 'text', 1, 'line 7')]],
    ['a longer would-be closer', '```bash\nuptime\n````text\n```\n', [runOn('3:1', 'text', 1, 'line 4', '````')]],
    ['a run-on block in a list item', '1. Check\n   ```bash\n   df -h\n   ```text\n   out\n   ```\n', [runOn('4:4', 'text', 2, 'line 6')]],
    ['a run-on block in a quote', '> ```bash\n> df -h\n> ```text\n> out\n', [runOn('3:3', 'text', 1, 'the end of the file')]],
    ['a run-on block in a list in a quote', '> - x\n>   ```bash\n>   run\n>   ```sh\n>   ```\n', [runOn('4:5', 'sh', 2, 'line 5')]],
    ['a run-on block ended by its list item', '- a\n  ```bash\n  x\n  ```text\n- b\n', [runOn('4:3', 'text', 2, 'line 4, where its list item ends')]],
    ['a run-on block ended by its quote', '> ```bash\n> x\n> ```text\n\nAfter\n', [runOn('3:3', 'text', 1, 'line 3, where its quote ends')]],
    ['CRLF line endings', '```bash\r\nrun\r\n```text\r\nx\r\n', [runOn('3:1', 'text', 1, 'the end of the file')]],
    ['an unclosed block', '## Restart\n\n```bash\nsystemctl restart nginx\n\n## Verify\n', [unclosed('3:1', 6)]],
    ['an unclosed tilde block without a final newline', 'Intro\n\n~~~~sh\nls', [unclosed('3:1', 4, '~~~~')]],
    ['an unclosed block in a quote at the end of the file', 'Intro\n\n> ```bash\n> ls\n', [unclosed('3:3', 4)]],
    ['a lone fence on the last line', 'Intro\n\n```\n', [unclosed('3:1', 3)]],
    ['an unclosed block ended by its list item is closed by CommonMark', '- a\n  ```bash\n  x\n- b\n', []],
    ['a backtick line in a tilde block', '~~~\n```text\n~~~\n', []],
    ['a shorter fence in a longer block', '````markdown\n```bash\nls\n```\n````\n', []],
    ['a fence indented four spaces past its list item is content', '- a\n\n    ```bash\n    x\n         ```text\n    ```\n', []],
    ['indented code', 'Intro\n\n    ```text\n', []],
  ];

  it.each(cases)('%s', async (_name, markdown, expected) => {
    expect(brief(await runFileRule(codeFence, markdown))).toEqual(expected);
  });

  it('spans the fence and its info string', async () => {
    const [report] = await runFileRule(codeFence, '1. Check\n   ```bash\n   df -h\n   ```text  \n');
    expect(report?.span).toEqual({ start: { line: 4, column: 4, offset: 32 }, end: { line: 4, column: 11, offset: 39 } });
  });

  const fixes: Array<[string, string, string | undefined]> = [
    [
      'the fence then closes its block and the freed fence pairs with the next one',
      '```mermaid\ngraph TD\n```text\n\n1. Apply\n   ```yaml\n   a: 1\n   ```\n',
      '```mermaid\ngraph TD\n```\n\n1. Apply\n   ```yaml\n   a: 1\n   ```\n',
    ],
    ['the block ran to the end of the file', '```bash\r\nrun\r\n```text  \r\nx\r\n', '```bash\r\nrun\r\n```\r\nx\r\n'],
    // Removing `text` would close the block early and free the last fence to swallow the rest: no fix.
    ['an info string that opens an output block', '```bash\nrun\n```text\noutput\n```\n', undefined],
    ['a fence shown inside a markdown block', '```markdown\n```bash\necho\n```\n```\n', undefined],
  ];

  it.each(fixes)('fix: %s', async (_name, markdown, fixed) => {
    const reports = await runFileRule(codeFence, markdown);
    const fix = reports[0]?.fix;
    if (fixed === undefined) expect(fix).toBeUndefined();
    else {
      expect(fix?.description).toBe('Remove the info string `text` from the closing fence');
      expect(applyFixes(markdown, reports)).toBe(fixed);
      expect(await runFileRule(codeFence, fixed)).toEqual([]);
    }
  });

  it('hints at a longer outer fence for a fence shown inside a markdown block', async () => {
    const [report] = await runFileRule(codeFence, '```markdown\n```bash\necho\n```\n```\n');
    expect(report?.hint).toBe('To show a fence inside a code block, open the outer block with a longer fence (````).');
  });
});

describe('on the seed doc', () => {
  // A copy of the user's original page, whose diagram is closed with ```text and swallows the next section.
  // (Every diagnostic of that doc is pinned in test/pipeline/seed.test.ts.)
  const seed = readFileSync(new URL('../fixtures/seed/deployment-strategy.md', import.meta.url), 'utf8');

  it('the fix closes the diagram, which then parses', async () => {
    const fixed = applyFixes(seed, await runFileRule(codeFence, seed));
    expect(fixed.split('\n')[21]).toBe('```');
    expect(await runFileRule(codeFence, fixed)).toEqual([]);
    expect(await runFileRule(mermaidSyntax, fixed)).toEqual([]);
  });
});
