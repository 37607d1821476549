import { describe, expect, it } from 'vitest';
import { placeholderText } from '../../src/rules/placeholder-text.ts';
import { brief, runFileRule } from '../helpers/run-rule.ts';

const unexpected = (at: string, placeholder: string): string => `${at} Unexpected placeholder \`${placeholder}\`, expected real content`;

describe('rule placeholder-text', () => {
  const changeLog = '| Date | Change | Author |\n|------|--------|--------|\n';
  const cases: Array<[string, string, string[]]> = [
    ['real content', '---\nowner: sre-team\n---\n# Failover\n\nPromote the replica, then update DNS.\n', []],
    ['frontmatter values', '---\ntitle: Failover\nowner: TBD\nreviewers: [alice, TODO]\n---\n', [unexpected('3:8', 'TBD'), unexpected('4:20', 'TODO')]],
    ['frontmatter keys are not values', '---\nTODO: later\n---\n', []],
    ['prose, a heading and a list item', '## TBD\n\nTODO: add metrics.\n\n- FIXME check `df -h`\n', [unexpected('1:4', 'TBD'), unexpected('3:1', 'TODO'), unexpected('5:3', 'FIXME')]],
    ['whole words only, case-sensitive', 'TODOs, todo, tbd, XXXL and MYTODO stay.\n', []],
    ['lorem ipsum in any case', 'Lorem Ipsum dolor sit amet.\n', [unexpected('1:1', 'Lorem Ipsum')]],
    ['XXX as a whole word', 'Open port XXX on the firewall.\n', [unexpected('1:11', 'XXX')]],
    [
      'the example row of a change log',
      `${changeLog}| YYYY-MM-DD | Initial version | Name |\n`,
      [unexpected('3:3', 'YYYY-MM-DD'), unexpected('3:34', 'Name')],
    ],
    ['a header row names columns', '| Owner | Description | Date |\n|---|---|---|\n| sre | Failover runbook | 2024-03-18 |\n', []],
    ['a cell word among other words', `${changeLog}| 2024-03-18 | Name change | Dana Ruiz (Owner) |\n`, []],
    ['a cell word in a quoted table', `> ${changeLog.replace('\n|', '\n> |')}> | 2024-03-18 | Initial | Author |\n`, [unexpected('3:28', 'Author')]],
    ['code is not prose', '`TODO`\n\n```bash\n# TODO: TBD\n```\n\n    TBD\n', []],
    ['comments and HTML are not published prose', '%% TODO: link the dashboard %%\n\n<!-- TBD -->\n', []],
    [
      'Templater commands are left to templater-placeholder',
      '---\ncreated: <% tp.date.now("YYYY-MM-DD") %>\n---\nUpdated <% tp.date.now("YYYY-MM-DD") %>, format YYYY-MM-DD.\n',
      [unexpected('4:49', 'YYYY-MM-DD')],
    ],
    ['a list item in a quote', '> 1. Owner: TBD\n', [unexpected('1:13', 'TBD')]],
    ['CRLF line endings', '---\r\nowner: TBD\r\n---\r\n\r\nStatus: TODO\r\n', [unexpected('2:8', 'TBD'), unexpected('5:9', 'TODO')]],
  ];

  it.each(cases)('%s', async (_name, markdown, expected) => {
    expect(brief(await runFileRule(placeholderText, markdown))).toEqual(expected);
  });

  it('skips templates', async () => {
    expect(await runFileRule(placeholderText, '---\nowner: TBD\n---\nTODO\n', { isTemplate: true })).toEqual([]);
  });

  it('spans the placeholder', async () => {
    const [report] = await runFileRule(placeholderText, 'Owner: TBD\n');
    expect(report?.span).toEqual({ start: { line: 1, column: 8, offset: 7 }, end: { line: 1, column: 11, offset: 10 } });
  });

  it('takes its patterns and cell words from the options', async () => {
    const options = { patterns: ['CHANGEME', '/\\{\\{[^}]+\\}\\}/'], cellWords: ['Team'] };
    const markdown = 'Set CHANGEME and {{hostname}}, not TODO.\n\n| Service | Team |\n|---|---|\n| api | Team |\n';
    expect(brief(await runFileRule(placeholderText, markdown, { options }))).toEqual([
      unexpected('1:5', 'CHANGEME'),
      unexpected('1:18', '{{hostname}}'),
      unexpected('5:9', 'Team'),
    ]);
  });

  it('rejects an invalid regex pattern', async () => {
    await expect(runFileRule(placeholderText, 'x\n', { options: { patterns: ['/(/'] } })).rejects.toThrow('placeholder-text: invalid pattern /(/');
  });
});
