import { describe, expect, it } from 'vitest';
import { mermaidProblem, mermaidSyntax } from '../../src/blocks/mermaid.ts';
import { brief, runFileRule } from '../helpers/run-rule.ts';

const block = (diagram: string): string => `\`\`\`mermaid\n${diagram}\`\`\`\n`;
const flowchartEnd = 'Unexpected end of diagram in mermaid flowchart, expected one of AMP, COLON, PIPE, TESTSTR, …';

describe('rule mermaid-syntax', () => {
  const valid: Array<[string, string]> = [
    ['flowchart', 'flowchart LR\n  Build --> Canary --> Prod\n  Canary -- errors --> Rollback\n'],
    ['graph with subgraph', 'graph TB\n  subgraph Cluster[Prod cluster]\n    API --> DB[(Postgres)]\n  end\n'],
    ['sequence', 'sequenceDiagram\n  participant CI\n  CI->>Argo: sync app\n  Argo-->>CI: healthy\n'],
    ['state', 'stateDiagram-v2\n  [*] --> Pending\n  Pending --> Running\n  Running --> [*]\n'],
    ['gantt', 'gantt\n  title Region rollout\n  dateFormat YYYY-MM-DD\n  section EU\n  Canary :eu1, 2024-04-02, 2d\n'],
    ['pie', 'pie title Incidents by cause\n  "Config" : 7\n  "Capacity" : 3\n'],
    ['gitGraph', 'gitGraph\n  commit\n  branch hotfix\n  checkout hotfix\n  commit\n  checkout main\n  merge hotfix\n'],
    ['front-matter, directive and comment', '---\ntitle: Rollout\n---\n%%{init: {"theme": "neutral"}}%%\ngraph TD\n  %% the happy path\n  A --> B\n'],
  ];

  it.each(valid)('valid %s', async (_name, diagram) => {
    expect(await runFileRule(mermaidSyntax, block(diagram))).toEqual([]);
  });

  const invalid: Array<[string, string, string[]]> = [
    ['a dangling arrow', block('graph TD\n  Deploy --> Verify\n  Verify -->\n'), [`4:10 ${flowchartEnd}`]],
    [
      'a dangling arrow in a list item',
      '1. Rollout:\n   ```mermaid\n   flowchart LR\n     Build --> Canary\n     Canary -->\n   ```\n',
      [`5:13 ${flowchartEnd}`],
    ],
    ['a dangling arrow in a quote', '> ```mermaid\n> graph TD\n>   A -->\n> ```\n', [`3:7 ${flowchartEnd}`]],
    ['CRLF line endings', '```mermaid\r\ngraph TD\r\n  A --> B\r\n  B -->\r\n```\r\n', [`4:5 ${flowchartEnd}`]],
    [
      // Mermaid strips these before parsing and counts lines of what is left; the report is on the line as written.
      'a dangling arrow after front-matter, a directive, a comment and a blank line',
      block('---\ntitle: Rollout\n---\n%%{init: {"theme": "dark"}}%%\ngraph TD\n  %% comment\n\n  A --> B\n  B -->\n'),
      [`10:5 ${flowchartEnd}`],
    ],
    [
      'a blank line after a brace in a flowchart',
      block('flowchart LR\n  Gate{Healthy?}\n\n\n  Gate -->\n'),
      [`6:8 ${flowchartEnd}`],
    ],
    ['a missing colon in a sequence', block('sequenceDiagram\n  CI->>Argo sync\n'), ['3:8 Unexpected end of line in mermaid sequence diagram, expected TXT']],
    ['a missing target state', block('stateDiagram-v2\n  [*] -->\n'), ['3:7 Unexpected end of line in mermaid state diagram, expected one of ID, EDGE_STATE']],
    ['a bad pie value', block('pie title Incidents\n  "Config" : seven\n'), ['3:14 Unexpected character `s` in mermaid pie diagram, expected valid pie diagram syntax']],
    ['a misspelt gitGraph command', block('gitGraph\n  commit\n  comit\n'), ['4:3 Unexpected `comit` in mermaid gitGraph diagram, expected EOF']],
    [
      'a merge of an unknown branch',
      block('gitGraph\n  commit\n  merge hotfix\n'),
      ['2:1 Unexpected error from the mermaid gitGraph diagram parser: Incorrect usage of "merge". Branch to be merged (hotfix) does not exist'],
    ],
    [
      'an unknown diagram type',
      block('orgChart\n  CTO --> SRE\n'),
      [
        '2:1 Unexpected diagram type `orgChart`, expected a mermaid diagram type such as flowchart, sequenceDiagram, ' +
          'classDiagram, stateDiagram-v2, erDiagram, gantt, pie, gitGraph, mindmap or timeline',
      ],
    ],
    [
      'bad YAML in the front-matter',
      block('---\ntitle: [Rollout\n---\ngraph TD\n  A --> B\n'),
      ['4:1 Unexpected YAML in the mermaid front-matter (unexpected end of the stream within a flow collection), expected valid YAML'],
    ],
    ['an empty block', 'Intro\n\n```mermaid\n\n```\n', ['3:1 Unexpected empty mermaid block, expected a diagram']],
    [
      'a block with only a comment',
      block('%% diagram to follow\n'),
      ['2:1 Unexpected diagram without a type, expected a mermaid diagram type such as flowchart, sequenceDiagram, ' +
        'classDiagram, stateDiagram-v2, erDiagram, gantt, pie, gitGraph, mindmap or timeline'],
    ],
  ];

  it.each(invalid)('%s', async (_name, markdown, expected) => {
    expect(brief(await runFileRule(mermaidSyntax, markdown))).toEqual(expected);
  });

  it('parses blocks one after another without state leaking from a failed parse', async () => {
    const markdown = [
      block('sequenceDiagram\n  A->>B: ok\n'),
      block('sequenceDiagram\n  A->>B ok\n'),
      block('sequenceDiagram\n  A->>B: ok\n'),
      block('graph TD\n  A --> B\n'),
      block('graph TD\n  A -->\n'),
      block('graph TD\n  A --> B\n'),
      block('gitGraph\n  commit\n  merge x\n'),
      block('gitGraph\n  commit\n'),
    ].join('\n');
    expect(brief(await runFileRule(mermaidSyntax, markdown)).map((r) => r.split(' in ')[0])).toEqual([
      '8:7 Unexpected end of line',
      '23:5 Unexpected end of diagram',
      '32:1 Unexpected error from the mermaid gitGraph diagram parser: Incorrect usage of "merge". Branch to be merged (x) does not exist',
    ]);
  });

  it('explains an error in Markdown swallowed through a closing fence with an info string', async () => {
    const markdown = '## Overview\n```mermaid\ngraph TD\n  A[Plan] --> B[Deploy]\n```text\n\n### Rollback plan\n1. **Stop**\n   ```bash\n   helm rollback api\n   ```\n';
    const [report, ...rest] = await runFileRule(mermaidSyntax, markdown);
    expect(rest).toEqual([]);
    expect(brief(report ? [report] : [])).toEqual(['7:5 Unexpected `Rollback` in mermaid flowchart, expected one of SEMI, NEWLINE, EOF, AMP, …']);
    expect(report?.hint).toBe(
      'Line 5 (```text) does not close this block, because a closing fence takes no info string, so the Markdown ' +
        'after it is read as mermaid. Fix that fence first (code-fence).',
    );
  });

  it('hints at the missing closing fence of a block that runs to the end of the file', async () => {
    const [report] = await runFileRule(mermaidSyntax, '```mermaid\ngraph TD\n  A --> B\n\n## Next steps\n');
    expect(brief(report ? [report] : [])).toEqual(['5:4 Unexpected `Next` in mermaid flowchart, expected one of SEMI, NEWLINE, EOF, AMP, …']);
    expect(report?.hint).toBe('This block is never closed, so the rest of the file is read as mermaid. Close it first (code-fence).');
  });

  it('spans from the error to the end of its line', async () => {
    const [report] = await runFileRule(mermaidSyntax, block('graph TD\n  A -->\n'));
    expect(report?.span).toEqual({ start: { line: 3, column: 5, offset: 24 }, end: { line: 3, column: 8, offset: 27 } });
  });

  it('places errors in the diagram text as written', async () => {
    expect(await mermaidProblem('graph TD\n  A --> B\n')).toBeUndefined();
    expect(await mermaidProblem('%% why\n\ngraph TD\n  A -->\n')).toEqual({ line: 4, column: 5, message: flowchartEnd });
  });
});
