/**
 * Rule `templater-placeholder`: a published doc has no Templater commands left in it. A doc copied from a
 * template instead of created through Templater keeps `<% tp.date.now("YYYY-MM-DD") %>` verbatim, in its
 * frontmatter and its body alike; the site would show the command, and date fields hold no date.
 *
 * In: `created: <% tp.date.now("YYYY-MM-DD") %>` → Out: `2:10 Unexpected Templater command `<% tp.date.now("YYYY-MM-DD") %>`, expected its output`
 */
import { defineFileRule } from './rule.ts';

export interface TemplaterOptions {
  /** Fenced code blocks in these languages hold other `<% %>` template syntax (ERB, EJS) and are not checked. */
  ignoreCodeLanguages: string[];
}

/** One `<% … %>` command as written. */
export interface TemplaterCommand {
  /** Offsets in the text: from `<%` to just after `%>`, or to the end of the line when there is no `%>`. */
  start: number;
  end: number;
  text: string;
  closed: boolean;
}

/** A date command the engine can fill in from git history, with its Moment.js format. */
export interface TemplaterDate {
  format: string;
  /** Which date Templater would have written: the time of creation from the template, or the file's own dates. */
  date: 'now' | 'created' | 'modified';
}

/**
 * What may follow `<%` in a Templater command: whitespace or an expression (`<% tp.file.title %>`,
 * `<%tp.file.title%>`) or a modifier: `*` runs JavaScript, `-`/`_` trim whitespace, `+` is the old dynamic form.
 * `<%=`, `<%#` and `<%%` are ERB/EJS and not Templater, so they are left alone.
 */
const commandStart = /^<%[\s*\-_+\p{L}]/u;

/** Every Templater command in `text`, in order; a `<%` without a later `%>` runs to the end of its line. */
export function templaterCommands(text: string): TemplaterCommand[] {
  const commands: TemplaterCommand[] = [];
  let from = 0;
  for (;;) {
    const start = text.indexOf('<%', from);
    if (start === -1) return commands;
    if (!commandStart.test(text.slice(start, start + 3))) {
      from = start + 2;
      continue;
    }
    const close = text.indexOf('%>', start + 2);
    if (close === -1) {
      const lineEnd = text.slice(start).search(/[\r\n]/);
      const end = lineEnd === -1 ? text.length : start + lineEnd;
      commands.push({ start, end, text: text.slice(start, end), closed: false });
      from = end;
    } else {
      commands.push({ start, end: close + 2, text: text.slice(start, close + 2), closed: true });
      from = close + 2;
    }
  }
}

const dateKinds: Record<string, TemplaterDate['date']> = {
  'tp.date.now': 'now',
  'tp.file.creation_date': 'created',
  'tp.file.last_modified_date': 'modified',
};

/** Templater's own defaults when the format argument is left out. */
const defaultFormats: Record<TemplaterDate['date'], string> = {
  now: 'YYYY-MM-DD',
  created: 'YYYY-MM-DD HH:mm',
  modified: 'YYYY-MM-DD HH:mm',
};

/** `fn()` or `fn("FORMAT")` with a plain string literal: anything more (offsets, escapes, variables) is not filled. */
const dateCall =
  /^(tp\.date\.now|tp\.file\.creation_date|tp\.file\.last_modified_date)\(\s*(?:"([^"\\]*)"|'([^'\\]*)'|`([^`\\$]*)`)?\s*\)\s*;?$/;

/**
 * Recognises a date command whose output is only a date in a fixed format, so it can be replaced by a date
 * from git history. `<%* … %>` prints nothing, and `tp.date.now("YYYY-MM-DD", 90)` is a date the author must
 * choose, so both give `undefined`.
 *
 * In: `<% tp.date.now("YYYY-MM-DD") %>` → Out: `{ format: 'YYYY-MM-DD', date: 'now' }`
 */
export function templaterDateCommand(command: string): TemplaterDate | undefined {
  const trimmed = command.trim();
  if (trimmed.startsWith('<%*')) return undefined;
  const inner = trimmed.replace(/^<%[-_+]?/, '').replace(/[-_]?%>$/, '').trim();
  const match = dateCall.exec(inner);
  if (!match) return undefined;
  const date = dateKinds[match[1]!]!;
  return { format: match[2] ?? match[3] ?? match[4] ?? defaultFormats[date], date };
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
    'are filled in by `npm run check -- --fix` from the file\'s git history. Fenced code in the languages of',
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
          ? `Run \`npm run check -- --fix\` to replace it with the date from the file's git history (format \`${date.format}\`).`
          : 'Replace it with the text Templater would have produced; if this file is a template, move it to the templates folder.',
      });
    }
  },
});
