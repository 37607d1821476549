/**
 * Fills a template for a new doc as Templater would have: its `<% … %>` commands (title, dates, offsets), the core
 * Templates plugin's `{{title}}`/`{{date}}`/`{{time}}`, and empty or placeholder `title`, `created`, `updated`
 * frontmatter values, escaped for YAML where they land in it. What cannot be filled is left and listed.
 *
 * In: `fillTemplate('---\ntitle: <% tp.file.title %>\nreview_by: <% tp.date.now("YYYY-MM-DD", 90) %>\n---\n', { title: 'Rollback', now: new Date(2026, 2, 2) })`
 * Out: `{ text: '---\ntitle: Rollback\nreview_by: 2026-05-31\n---\n', unfilled: [] }`
 */
import { isMap, isNode, isScalar, stringify, visit, type Scalar } from 'yaml';
import { readFrontmatter } from '../markdown/frontmatter.ts';
import { lineIndex, type LineIndex } from '../markdown/line-index.ts';
import { commandExpression, templaterCommands, type TemplaterCommand } from './commands.ts';
import { evaluate } from './evaluate.ts';
import { formatDate, isSupportedFormat, localIso } from './format-date.ts';

export interface FillContext {
  /** The title as typed: what the frontmatter `title:` and a heading holding only `tp.file.title` get. */
  title: string;
  /** The new file's name without `.md`: what `tp.file.title` gives anywhere else, as in Templater. Default: `title`. */
  fileTitle?: string;
  /** The time of creation: every date command counts from it. */
  now: Date;
  /** Format of `{{date}}` (Obsidian's core Templates plugin, `dateFormat` in `.obsidian/templates.json`). */
  dateFormat?: string;
  /** Format of `{{time}}` (`timeFormat` in `.obsidian/templates.json`). */
  timeFormat?: string;
}

/** A command left in the text because its output cannot be known without Obsidian. */
export interface Unfilled {
  /** The command as written (its first line, shortened). */
  command: string;
  /** 1-based position in the filled text. */
  line: number;
  column: number;
  /** Why it was left, e.g. `asks the author for input`. */
  reason: string;
}

export interface FillResult {
  text: string;
  unfilled: Unfilled[];
}

interface Edit {
  start: number;
  end: number;
  text: string;
}

/** Obsidian's core Templates plugin: `{{title}}`, `{{date}}`, `{{time}}`, `{{date:FORMAT}}`. */
const coreVariable = /\{\{\s*(title|date|time)\s*(?::([^}]*))?\}\}/g;

/** A frontmatter scalar, offsets in the whole text (quotes included). */
interface YamlScalar {
  start: number;
  end: number;
  type: Scalar['type'];
}

interface FrontmatterView {
  scalars: YamlScalar[];
  /** The values of the top-level keys filled when empty. */
  fields: Map<string, { value: unknown; start: number; end: number }>;
}

const filledFields = ['title', 'created', 'updated'];

function frontmatterView(text: string, lines: LineIndex): FrontmatterView | undefined {
  const { frontmatter } = readFrontmatter(text, lines);
  const document = frontmatter?.document;
  if (!frontmatter?.closed || !document || document.errors.length > 0) return undefined;
  const base = frontmatter.yamlOffset;
  const scalars: YamlScalar[] = [];
  visit(document, {
    Scalar(_, node) {
      if (node.range) scalars.push({ start: base + node.range[0], end: base + node.range[1], type: node.type });
    },
  });
  const fields: FrontmatterView['fields'] = new Map();
  if (isMap(document.contents)) {
    for (const { key, value } of document.contents.items) {
      if (!isScalar(key) || !filledFields.includes(String(key.value)) || !isNode(value) || !value.range) continue;
      const [start, end] = [base + value.range[0], base + value.range[1]];
      if (isScalar(value)) fields.set(String(key.value), { value: value.value, start, end });
      // Unquoted `title: {{title}}` reads as a flow mapping in YAML; for Obsidian it is a plain value.
      else if (/^\{\{[^{}]*\}\}$/.test(text.slice(start, end))) {
        fields.set(String(key.value), { value: undefined, start, end });
        scalars.push({ start, end, type: 'PLAIN' });
      }
    }
  }
  return { scalars, fields };
}

/** `out` written into YAML where `at` stood: escaped for a quoted scalar, quoted if a whole plain value needs it. */
function yamlSafe(out: string, at: { start: number; end: number }, scalar: YamlScalar | undefined): string {
  if (!scalar) return out;
  if (scalar.type === 'QUOTE_DOUBLE') return JSON.stringify(out).slice(1, -1);
  if (scalar.type === 'QUOTE_SINGLE') return out.replaceAll("'", "''");
  const whole = scalar.type === 'PLAIN' && scalar.start === at.start && scalar.end === at.end;
  // A whole value reads back as the text written: `Rollback: API` or `2026` would not, so they are quoted.
  return whole ? stringify(out, { lineWidth: 0 }).trimEnd() : out;
}

/** Whether `at` is all a line's ATX heading holds (`# <% tp.file.title %>`): the doc's title goes there. */
function isHeading(text: string, lines: LineIndex, at: { start: number; end: number }): boolean {
  const { line, column } = lines.point(at.start);
  const start = lines.offset(line, 1);
  if (lines.point(at.end).line !== line) return false;
  const after = lines.lineText(line).slice(column - 1 + (at.end - at.start));
  return /^ {0,3}#{1,6}[ \t]+$/.test(text.slice(start, at.start)) && /^[ \t]*#*[ \t]*$/.test(after);
}

/** A value the author has not filled in: empty, `TODO`, `Untitled`, `YYYY-MM-DD`, `<title>`… */
const placeholderValue = /^(?:title|untitled|todo|tbd|tba|fixme|changeme|x{3,}|yyyy-mm-dd|<[^<>%]*>)$/i;

/** Templater's whitespace control: `<%-`/`-%>` eat one newline before/after, `<%_`/`_%>` all whitespace. */
function trimmed(text: string, command: TemplaterCommand): { start: number; end: number } {
  let { start, end } = command;
  if (command.text.startsWith('<%_')) while (start > 0 && /\s/.test(text[start - 1]!)) start--;
  else if (command.text.startsWith('<%-')) start -= /\r\n$/.test(text.slice(0, start)) ? 2 : /[\r\n]$/.test(text.slice(0, start)) ? 1 : 0;
  if (command.text.endsWith('_%>')) while (end < text.length && /\s/.test(text[end]!)) end++;
  else if (command.text.endsWith('-%>')) end += text.startsWith('\r\n', end) ? 2 : /[\r\n]/.test(text[end] ?? '') ? 1 : 0;
  return { start, end };
}

function shown(command: string): string {
  const firstLine = command.split(/\r\n|\r|\n/)[0]!;
  return firstLine === command && firstLine.length <= 60 ? firstLine : `${firstLine.slice(0, 50).trimEnd()} …`;
}

/**
 * Fills a template's Templater commands and core Templates variables for a new doc, and the frontmatter
 * `title`, `created` and `updated` when they are empty or placeholders. What cannot be filled (`<%* … %>`
 * JavaScript, `tp.system.prompt`, user scripts) stays as written and is listed in `unfilled`.
 */
export function fillTemplate(text: string, context: FillContext): FillResult {
  const lines = lineIndex(text);
  const frontmatter = frontmatterView(text, lines);
  const fileTitle = context.fileTitle ?? context.title;
  const titleField = frontmatter?.fields.get('title');
  const inYaml = (at: { start: number; end: number }) =>
    frontmatter?.scalars.find((scalar) => scalar.start <= at.start && at.end <= scalar.end);
  // The title as typed where it stands alone as the doc's title (the `title:` value, a heading); else the file's name.
  const isTitle = (at: { start: number; end: number }, scalar: YamlScalar | undefined): boolean => {
    if (!scalar) return isHeading(text, lines, at);
    if (titleField?.start !== scalar.start) return false;
    const inner = scalar.type === 'PLAIN' ? scalar : { start: scalar.start + 1, end: scalar.end - 1 };
    return inner.start === at.start && inner.end === at.end;
  };

  const edits: Edit[] = [];
  const left: Array<{ start: number; command: string; reason: string }> = [];
  const commands = templaterCommands(text);
  for (const command of commands) {
    if (!command.closed) {
      left.push({ start: command.start, command: command.text, reason: 'no closing `%>`' });
      continue;
    }
    if (command.text.startsWith('<%*')) {
      left.push({ start: command.start, command: command.text, reason: 'JavaScript (`<%*`) is not run' });
      continue;
    }
    const expression = commandExpression(command.text);
    const scalar = inYaml(command);
    const title = isTitle(command, scalar);
    let outcome = evaluate(expression, title ? context.title : fileTitle, context.now);
    // `title: <% tp.system.prompt("Title") %>` asks for what the author has just typed.
    if ('reason' in outcome && title && scalar) outcome = { text: context.title };
    if ('reason' in outcome) {
      left.push({ start: command.start, command: command.text, reason: outcome.reason });
      continue;
    }
    edits.push({ ...trimmed(text, command), text: yamlSafe(outcome.text, command, scalar) });
  }

  const inCommand = (offset: number) => commands.some((command) => command.start <= offset && offset < command.end);
  for (const match of text.matchAll(coreVariable)) {
    const at = { start: match.index, end: match.index + match[0].length };
    if (inCommand(at.start)) continue;
    const [, name, format] = match;
    const scalar = inYaml(at);
    const pattern = format?.trim() || (name === 'time' ? (context.timeFormat ?? 'HH:mm') : (context.dateFormat ?? 'YYYY-MM-DD'));
    if (name !== 'title' && !isSupportedFormat(pattern)) {
      left.push({ start: at.start, command: match[0], reason: `format "${pattern}" has tokens Shipshape does not write` });
      continue;
    }
    const out = name === 'title' ? (isTitle(at, scalar) ? context.title : fileTitle) : formatDate(localIso(context.now), pattern);
    edits.push({ ...at, text: yamlSafe(out, at, scalar) });
  }

  for (const [key, field] of frontmatter?.fields ?? []) {
    const source = text.slice(field.start, field.end);
    const { value } = field;
    if (source.includes('<%') || source.includes('{{')) continue;
    if (!(value === null || value === undefined || (typeof value === 'string' && (value.trim() === '' || placeholderValue.test(value.trim()))))) continue;
    const filled = key === 'title' ? stringify(context.title, { lineWidth: 0 }).trimEnd() : formatDate(localIso(context.now), 'YYYY-MM-DD');
    const space = field.start === field.end && text[field.start - 1] !== ' ' ? ' ' : '';
    edits.push({ start: field.start, end: field.end, text: space + filled });
  }

  // Apply in order, keeping a running shift so that what was left can be shown where it is in the new text.
  edits.sort((a, b) => a.start - b.start);
  let out = '';
  let from = 0;
  const shift: Array<{ at: number; by: number }> = [];
  for (const edit of edits) {
    if (edit.end <= from && edit.start < from) continue;
    const start = Math.max(edit.start, from);
    out += text.slice(from, start) + edit.text;
    shift.push({ at: edit.end, by: edit.text.length - (Math.max(edit.end, start) - start) });
    from = Math.max(edit.end, start);
  }
  out += text.slice(from);
  const outLines = lineIndex(out);
  const unfilled = left
    .sort((a, b) => a.start - b.start)
    .map(({ start, command, reason }) => {
      const offset = start + shift.filter((s) => s.at <= start).reduce((sum, s) => sum + s.by, 0);
      const { line, column } = outLines.point(offset);
      return { command: shown(command), line, column, reason };
    });
  return { text: out, unfilled };
}
