/**
 * Finds Templater commands (`<% … %>`) in a doc's text, and recognises the date commands that git history can
 * fill. Used by the `templater-placeholder` rule (what to report), `--fix` (which dates to fill) and `npm run new`
 * (what to evaluate).
 *
 * In: `templaterCommands('a <% x %> b')` → Out: `[{ start: 2, end: 9, text: '<% x %>', closed: true }]`
 */

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

/** The expression inside a command, without its tags and whitespace-control modifiers: `<%- tp.file.title -%>` → `tp.file.title`. */
export function commandExpression(command: string): string {
  return command.trim().replace(/^<%[-_+]?/, '').replace(/[-_]?%>$/, '').trim();
}

/** One of Templater's date functions, as `npm run new` evaluates it and `--fix` fills it. */
export interface DateFunction {
  /** Templater's default when the format is left out. */
  format: string;
  /** Days from now before any offset argument. */
  days: number;
  /** Takes an offset as second argument. */
  offset: boolean;
  /** The date git history gives for it, for those `--fix` fills. */
  fromGit?: TemplaterDate['date'];
}

export const dateFunctions: Record<string, DateFunction> = {
  'tp.date.now': { format: 'YYYY-MM-DD', days: 0, offset: true, fromGit: 'now' },
  'tp.date.today': { format: 'YYYY-MM-DD', days: 0, offset: false },
  'tp.date.tomorrow': { format: 'YYYY-MM-DD', days: 1, offset: false },
  'tp.date.yesterday': { format: 'YYYY-MM-DD', days: -1, offset: false },
  'tp.file.creation_date': { format: 'YYYY-MM-DD HH:mm', days: 0, offset: false, fromGit: 'created' },
  'tp.file.last_modified_date': { format: 'YYYY-MM-DD HH:mm', days: 0, offset: false, fromGit: 'modified' },
};

/** `fn()` or `fn("FORMAT")` with a plain string literal: anything more (offsets, escapes, variables) is not filled. */
const dateCall = /^(tp\.[\w.]+)\(\s*(?:"([^"\\]*)"|'([^'\\]*)'|`([^`\\$]*)`)?\s*\)\s*;?$/;

/**
 * Recognises a date command whose output is only a date in a fixed format, so it can be replaced by a date
 * from git history. `<%* … %>` prints nothing, and `tp.date.now("YYYY-MM-DD", 90)` is a date the author must
 * choose, so both give `undefined`.
 *
 * In: `<% tp.date.now("YYYY-MM-DD") %>` → Out: `{ format: 'YYYY-MM-DD', date: 'now' }`
 */
export function templaterDateCommand(command: string): TemplaterDate | undefined {
  if (command.trim().startsWith('<%*')) return undefined;
  const match = dateCall.exec(commandExpression(command));
  const fn = match ? dateFunctions[match[1]!] : undefined;
  if (!match || !fn?.fromGit) return undefined;
  return { format: match[2] ?? match[3] ?? match[4] ?? fn.format, date: fn.fromGit };
}
