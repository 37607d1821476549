/**
 * Rule `templater-placeholder`: a published doc has no Templater commands left in it. A doc copied from a
 * template instead of created through Templater keeps `<% tp.date.now("YYYY-MM-DD") %>` verbatim, in its
 * frontmatter and its body alike; the site would show the command, and date fields hold no date.
 *
 * In: `created: <% tp.date.now("YYYY-MM-DD") %>` → Out: `2:10 Unexpected Templater command `<% tp.date.now("YYYY-MM-DD") %>`, expected its output`
 */
import { templaterCommands, templaterDateCommand, type TemplaterCommand } from '../templater/commands.ts';
import { defineFileRule } from './rule.ts';

export interface TemplaterOptions {
  /** Fenced code blocks in these languages hold other `<% %>` template syntax (ERB, EJS) and are not checked. */
  ignoreCodeLanguages: string[];
}

/** Long or multi-line commands are shown by their start. */
function shown(command: TemplaterCommand): string {
  const firstLine = command.text.split(/\r\n|\r|\n/)[0]!;
  if (firstLine === command.text && firstLine.length <= 60) return firstLine;
  return `${firstLine.slice(0, 50).trimEnd()} …${command.closed ? ' %>' : ''}`;
}

export const templaterPlaceholder = defineFileRule<TemplaterOptions>({
  id: 'templater-placeholder',
  description: 'Published docs contain no unexecuted Templater commands (`<% … %>`).',
  defaultSeverity: 'error',
  defaultOptions: { ignoreCodeLanguages: ['erb', 'ejs'] },
  docs: [
    'Templater runs `<% … %>` commands when a note is created from a template. A doc that was copied instead keeps',
    'the commands verbatim: the site shows `<% tp.date.now("YYYY-MM-DD") %>` and `created:` holds no date.',
    'The rule reports every command outside the templates folder, in the frontmatter and the body, code spans',
    'included (Templater would have run those too). A `<%` without a closing `%>` is reported to the end of its line.',
    '',
    'Date commands (`tp.date.now`, `tp.file.creation_date`, `tp.file.last_modified_date` with a fixed format)',
    'are filled in by `shipshape check --fix` from the file\'s git history. Fenced code in the languages of',
    '`ignoreCodeLanguages` (ERB, EJS) is skipped, and `<%=`, `<%#` are not Templater syntax.',
  ].join('\n'),
  examples: {
    ok: [
      { title: 'Dates filled in', markdown: '---\ntitle: Rollback\ncreated: 2024-03-18\n---\n# Rollback\n' },
      { title: 'An ERB template in a code block', markdown: '```erb\nlisten <%= @port %>;\n<% if @tls %>ssl on;<% end %>\n```\n' },
    ],
    notOk: [
      {
        title: 'A date command left in the frontmatter',
        markdown: '---\ntitle: Rollback\ncreated: <% tp.date.now("YYYY-MM-DD") %>\n---\n',
        expect: ['3:10 Unexpected Templater command `<% tp.date.now("YYYY-MM-DD") %>`, expected its output'],
      },
      {
        title: 'A script command in the body',
        markdown: '# Rollback\n\nOwner: <%* tR += tp.user.owner() %>\n',
        expect: ['3:8 Unexpected Templater command `<%* tR += tp.user.owner() %>`, expected its output'],
      },
    ],
  },
  check(doc, context) {
    if (doc.source.isTemplate) return;
    const { text, lines } = doc.source;
    if (!text.includes('<%')) return;

    const ignoredLanguages = new Set(context.options.ignoreCodeLanguages.map((l) => l.toLowerCase()));
    const ignored: Array<[number, number]> = [];
    for (const { node } of doc.code) {
      const { lang, position } = node;
      if (lang && ignoredLanguages.has(lang.toLowerCase()) && position) ignored.push([position.start.offset ?? 0, position.end.offset ?? 0]);
    }

    for (const command of templaterCommands(text)) {
      if (ignored.some(([start, end]) => command.start >= start && command.start < end)) continue;
      const date = command.closed ? templaterDateCommand(command.text) : undefined;
      context.report({
        message: command.closed
          ? `Unexpected Templater command \`${shown(command)}\`, expected its output`
          : `Unexpected Templater command \`${shown(command)}\` without a closing \`%>\`, expected its output`,
        span: lines.span(command.start, command.end),
        hint: date
          ? `Run \`shipshape check --fix\` to replace it with the date from the file's git history (format \`${date.format}\`).`
          : 'Replace it with the text Templater would have produced; if this file is a template, move it to the templates folder.',
      });
    }
  },
});
