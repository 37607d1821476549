/**
 * `npm run new -- <type> "Title"`: a new doc from the vault's template for that type, its Templater commands
 * filled as Templater would have filled them (title, dates, offsets), written where docs of that type live and
 * never over an existing file. `fillTemplate` is the pure core; `newDoc` finds the template and the folder, and writes.
 *
 * In: `fillTemplate('---\ntitle: <% tp.file.title %>\nreview_by: <% tp.date.now("YYYY-MM-DD", 90) %>\n---\n', { title: 'Rollback', now: new Date(2026, 2, 2) })`
 * Out: `{ text: '---\ntitle: Rollback\nreview_by: 2026-05-31\n---\n', unfilled: [] }`
 */
import { existsSync, statSync } from 'node:fs';
import { link, mkdir, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { isAbsolute, join, posix, relative, resolve, sep } from 'node:path';
import { isMap, isNode, isScalar, stringify, visit, type Scalar } from 'yaml';
import { readFrontmatter } from '../markdown/frontmatter.ts';
import { lineIndex, type LineIndex } from '../markdown/line-index.ts';
import { templaterCommands, type TemplaterCommand } from '../rules/templater-placeholder.ts';
import type { ResolvedConfig } from '../vault/config-types.ts';
import { scanVault } from '../vault/scan.ts';
import { isTemplatePath, templateFolders } from '../vault/templates.ts';
import { formatDate, isSupportedFormat, localIso, offsetDate } from './date-format.ts';

/** The doc cannot be created (unknown type, the file exists, a bad folder): exit 2, nothing written. */
export class NewDocError extends Error {
  override name = 'NewDocError';
}

// ─── Filling a template ──────────────────────────────────────────────────────────────────────────────────────

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

type Outcome = { text: string } | { reason: string };

type Literal = string | number | boolean | null;

interface DateCommand {
  /** Templater's default when the format is left out. */
  format: string;
  /** Days from now before any offset argument. */
  days: number;
  /** Takes an offset as second argument. */
  offset: boolean;
}

const dateCommands: Record<string, DateCommand> = {
  'tp.date.now': { format: 'YYYY-MM-DD', days: 0, offset: true },
  'tp.date.today': { format: 'YYYY-MM-DD', days: 0, offset: false },
  'tp.date.tomorrow': { format: 'YYYY-MM-DD', days: 1, offset: false },
  'tp.date.yesterday': { format: 'YYYY-MM-DD', days: -1, offset: false },
  'tp.file.creation_date': { format: 'YYYY-MM-DD HH:mm', days: 0, offset: false },
  'tp.file.last_modified_date': { format: 'YYYY-MM-DD HH:mm', days: 0, offset: false },
};

/** `tp.date.now("YYYY-MM-DD", 7)`: a `tp.` name, then arguments in parentheses or none (`tp.file.title`). */
const callShape = /^(tp(?:\.[A-Za-z_$][\w$]*)+)\s*(?:\(([^]*)\))?\s*;?$/;

/** One literal argument and the comma after it: strings without escapes or `${}`, numbers, booleans, null. */
const argument = /\s*(?:"([^"\\]*)"|'([^'\\]*)'|`([^`\\$]*)`|([+-]?\d+(?:\.\d+)?)|(true|false|null|undefined))\s*(?:,|$)/y;

function parseArguments(source: string): Literal[] | undefined {
  const args: Literal[] = [];
  argument.lastIndex = 0;
  while (source.slice(argument.lastIndex).trim() !== '') {
    const match = argument.exec(source);
    if (!match) return undefined;
    const [, double, single, backtick, number, word] = match;
    const text = double ?? single ?? backtick;
    if (text !== undefined) args.push(text);
    else if (number !== undefined) args.push(Number(number));
    else args.push(word === 'true' ? true : word === 'false' ? false : null);
  }
  return args;
}

function dateOutcome(command: DateCommand, args: readonly Literal[], now: Date): Outcome {
  const [format = null, offset = null, ...rest] = args;
  if (rest.length > 0) return { reason: 'dates relative to a reference date are not filled' };
  if (offset !== null && !command.offset) return { reason: 'unexpected second argument' };
  if (format !== null && typeof format !== 'string') return { reason: 'the format is not a string' };
  const pattern = format ?? command.format;
  if (!isSupportedFormat(pattern)) return { reason: `format "${pattern}" has tokens Shipshape does not write` };
  let when = offsetDate(now, command.days)!;
  if (offset !== null) {
    const moved = typeof offset === 'boolean' ? undefined : offsetDate(when, offset);
    if (!moved) return { reason: `offset ${JSON.stringify(offset)} is neither whole days nor an ISO 8601 duration` };
    when = moved;
  }
  return { text: formatDate(localIso(when), pattern) };
}

/** What one Templater expression (the inside of `<% … %>`) writes, with `fileTitle` for `tp.file.title`. */
function evaluate(expression: string, fileTitle: string, now: Date): Outcome {
  const call = callShape.exec(expression);
  if (!call) return { reason: 'not a command Shipshape can fill' };
  const [, name = '', argSource] = call;
  if (name === 'tp.file.title' && argSource === undefined) return { text: fileTitle };
  const date = dateCommands[name];
  if (!date) {
    if (name.startsWith('tp.system.')) return { reason: 'asks the author for input' };
    if (name.startsWith('tp.user.')) return { reason: 'runs a user script' };
    return { reason: `\`${name}\` is not filled by Shipshape` };
  }
  const args = parseArguments(argSource ?? '');
  if (!args) return { reason: 'its arguments are not plain strings and numbers' };
  return dateOutcome(date, args, now);
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
    const expression = command.text.replace(/^<%[-_+]?/, '').replace(/[-_]?%>$/, '').trim();
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

// ─── Names ───────────────────────────────────────────────────────────────────────────────────────────────────

/** How a folder names its docs: `rollback-payments-api.md`, `rollback_payments_api.md` or `Rollback Payments API.md`. */
export type NameStyle = 'kebab' | 'snake' | 'title';

/** Characters some file system refuses (`/ \ : * ? " < > |`) or that break a wikilink (`# ^ [ ] |`). */
const illegal = /[/\\:*?"<>|#^[\]\p{Cc}]/gu;

export function nameStyle(name: string): NameStyle {
  if (/^[\p{Ll}\p{N}]+(?:-[\p{Ll}\p{N}]+)*$/u.test(name)) return 'kebab';
  if (/^[\p{Ll}\p{N}]+(?:_[\p{Ll}\p{N}]+)+$/u.test(name)) return 'snake';
  return 'title';
}

/** The style most of `names` (without `.md`) follow; a tie goes to Obsidian's own (the title as typed). */
export function majorityStyle(names: readonly string[]): NameStyle | undefined {
  if (names.length === 0) return undefined;
  const counts = Map.groupBy(names, nameStyle);
  const ranked = (['title', 'kebab', 'snake'] as const).map((style) => ({ style, count: counts.get(style)?.length ?? 0 }));
  return ranked.reduce((best, next) => (next.count > best.count ? next : best)).style;
}

/**
 * The file name (without `.md`) for a title: illegal characters removed, then the folder's style.
 *
 * In: `fileNameFor('Rollback: Payments API', 'kebab')` → `'rollback-payments-api'`; with `'title'` → `'Rollback Payments API'`
 */
export function fileNameFor(title: string, style: NameStyle): string {
  const clean = title.normalize('NFC').replace(/\s+/g, ' ').replace(illegal, '').replace(/ {2,}/g, ' ').trim();
  const name =
    style === 'title'
      ? clean.replace(/^[.\s]+|[.\s]+$/g, '')
      : clean
          .toLowerCase()
          .replace(/['’]/g, '')
          .replace(/[^\p{L}\p{N}]+/gu, style === 'kebab' ? '-' : '_')
          .replace(/^[-_]+|[-_]+$/g, '');
  if (name === '') throw new NewDocError(`The title "${title}" leaves no characters for a file name`);
  if (Buffer.byteLength(`${name}.md`) > 255) throw new NewDocError(`The title "${title.slice(0, 40)}…" is too long for a file name`);
  return name;
}

// ─── Templates and folders ───────────────────────────────────────────────────────────────────────────────────

export interface TemplateInfo {
  /** Vault path. */
  path: string;
  /** Its name as a type: `Runbook Template.md` → `runbook`. */
  key: string;
  /** Its frontmatter type, when it is a plain value. */
  type?: string;
}

/** `Runbook Template.md`, `runbook-template.md`, `runbook.md`, `Template - Runbook` → `runbook`. */
export function templateKey(name: string): string {
  return name
    .replace(/\.md$/i, '')
    .trim()
    .toLowerCase()
    .replace(/[\s_-]+/g, '-')
    .replace(/^template-|-template$/g, '');
}

function templateList(templates: readonly TemplateInfo[]): string {
  const width = Math.max(...templates.map((t) => t.key.length));
  return [...templates]
    .sort((a, b) => a.key.localeCompare(b.key))
    .map((t) => `  ${t.key.padEnd(width)}  ${t.path}${t.type && templateKey(t.type) !== t.key ? ` (type: ${t.type})` : ''}`)
    .join('\n');
}

/** The template for `requested`: by file name first, else by frontmatter type; unknown or ambiguous is an error. */
export function findTemplate(templates: readonly TemplateInfo[], requested: string): TemplateInfo {
  const key = templateKey(requested);
  const byName = templates.filter((t) => t.key === key);
  const candidates = byName.length > 0 ? byName : templates.filter((t) => t.type !== undefined && templateKey(t.type) === key);
  if (candidates.length === 1) return candidates[0]!;
  if (candidates.length > 1) {
    throw new NewDocError(`Several templates match "${requested}":\n${candidates.map((t) => `  ${t.path}`).join('\n')}\nRename one, or give another's name.`);
  }
  if (templates.length === 0) throw new NewDocError('No templates in the vault: see "templates" in the config, or .obsidian/templates.json');
  throw new NewDocError(`Unknown type "${requested}". Templates in the vault, by name (or by type):\n${templateList(templates)}`);
}

export interface DocInfo {
  /** Vault path. */
  path: string;
  type?: string;
}

/** The folder holding most docs of `type` (a tie goes to the first by name), with how many of them it holds. */
export function typeFolder(docs: readonly DocInfo[], type: string): { folder: string; count: number; total: number } | undefined {
  const ofType = docs.filter((doc) => doc.type !== undefined && templateKey(doc.type) === templateKey(type));
  if (ofType.length === 0) return undefined;
  const counts = [...Map.groupBy(ofType, (doc) => folderOf(doc.path))].map(([folder, group]) => ({ folder, count: group.length }));
  counts.sort((a, b) => b.count - a.count || a.folder.localeCompare(b.folder));
  return { ...counts[0]!, total: ofType.length };
}

function folderOf(path: string): string {
  const folder = posix.dirname(path);
  return folder === '.' ? '' : folder;
}

function baseName(path: string): string {
  return posix.basename(path).replace(/\.md$/i, '');
}

/** A folder of the vault, as a vault path: tried against the vault, then against the working directory. */
function vaultFolder(contentDir: string, cwd: string, dir: string, what: string): string {
  const inVault = (absolute: string) => {
    const path = relative(contentDir, absolute);
    return path.startsWith('..') || isAbsolute(path) ? undefined : path.split(sep).join('/');
  };
  const fromVault = resolve(contentDir, dir);
  const fromCwd = resolve(cwd, dir);
  const absolute = existsSync(fromVault) || !existsSync(fromCwd) || inVault(fromCwd) === undefined ? fromVault : fromCwd;
  const path = inVault(absolute);
  if (path === undefined) throw new NewDocError(`${what} ${dir} is outside the vault ${contentDir}`);
  if (existsSync(absolute) && !statSync(absolute).isDirectory()) throw new NewDocError(`${what} ${dir} is a file, not a folder`);
  if (path.split('/').some((part) => part.startsWith('.') || part === 'node_modules')) {
    throw new NewDocError(`${what} ${dir} is skipped by the check (dot-folders and node_modules are not part of the vault)`);
  }
  return path;
}

async function frontmatterType(absolute: string, typeField: string): Promise<string | undefined> {
  // An unreadable doc has no type here; the check reports it (file-access).
  const text = await readFile(absolute, 'utf8').catch(() => '');
  const value = readFrontmatter(text, lineIndex(text)).frontmatter?.data?.[typeField];
  return typeof value === 'string' && value.trim() !== '' && !value.includes('<%') ? value.trim() : undefined;
}

async function coreTemplateFormats(contentDir: string): Promise<Pick<FillContext, 'dateFormat' | 'timeFormat'>> {
  let settings: Record<string, unknown>;
  try {
    settings = JSON.parse(await readFile(join(contentDir, '.obsidian', 'templates.json'), 'utf8')) as Record<string, unknown>;
  } catch {
    return {}; // No core Templates settings: its defaults apply.
  }
  const { dateFormat, timeFormat } = settings;
  return {
    ...(typeof dateFormat === 'string' && dateFormat !== '' ? { dateFormat } : {}),
    ...(typeof timeFormat === 'string' && timeFormat !== '' ? { timeFormat } : {}),
  };
}

// ─── Creating the doc ────────────────────────────────────────────────────────────────────────────────────────

export interface NewDocOptions {
  config: ResolvedConfig;
  /** A template's name (`runbook` for `Runbook Template.md`) or the `type:` in its frontmatter. */
  type: string;
  /** The doc's title as typed. */
  title: string;
  /** `--dir`: a vault folder (made if missing); else `folders` in the config, else where most docs of the type are, else the root. */
  dir?: string;
  /** Working directory, for a `--dir` given relative to it. */
  cwd: string;
  /** The time of creation. */
  now: Date;
  /** Fill the template, write nothing. */
  dryRun?: boolean;
}

export interface NewDoc {
  /** Vault path of the new doc (written, or to be written on a dry run). */
  path: string;
  /** Vault path of the template it came from. */
  template: string;
  /** Vault path of its folder, `''` for the root. */
  folder: string;
  /** Why this folder, e.g. `where 3 of 4 runbook docs are`. */
  folderReason: string;
  text: string;
  unfilled: Unfilled[];
  /** Other docs with the same name: `[[name]]` links to either become ambiguous. */
  sameName: string[];
}

export async function newDoc(options: NewDocOptions): Promise<NewDoc> {
  const { config } = options;
  const title = options.title.replace(/\s+/g, ' ').trim();
  if (title === '') throw new NewDocError('The title is empty');
  const folders = await templateFolders(config.contentDir, config.templates);
  const { docs } = await scanVault(config.contentDir, config.ignore);
  const published = docs.filter((path) => !isTemplatePath(path, folders));
  const templates: TemplateInfo[] = [];
  for (const path of docs.filter((path) => isTemplatePath(path, folders))) {
    const type = await frontmatterType(join(config.contentDir, path), config.typeField);
    templates.push({ path, key: templateKey(baseName(path)), ...(type ? { type } : {}) });
  }
  const template = findTemplate(templates, options.type);
  const docType = template.type ?? template.key;

  let folder: string;
  let folderReason: string;
  const configured = config.folders?.[options.type] ?? config.folders?.[template.key] ?? config.folders?.[docType];
  if (options.dir !== undefined) {
    folder = vaultFolder(config.contentDir, options.cwd, options.dir, '--dir');
    folderReason = 'given by --dir';
  } else if (configured !== undefined) {
    folder = vaultFolder(config.contentDir, config.contentDir, configured, 'The configured folder');
    folderReason = 'set by "folders" in the config';
  } else {
    const typed: DocInfo[] = [];
    for (const path of published) {
      const type = await frontmatterType(join(config.contentDir, path), config.typeField);
      typed.push(type ? { path, type } : { path });
    }
    const most = typeFolder(typed, docType);
    folder = most?.folder ?? '';
    folderReason = most ? `where ${most.count} of ${most.total} ${docType} docs are` : `no ${docType} docs yet`;
  }

  const neighbours = published.filter((path) => folderOf(path) === folder).map(baseName);
  const style = majorityStyle(neighbours) ?? majorityStyle(published.map(baseName)) ?? 'title';
  const name = fileNameFor(title, style);
  const path = folder === '' ? `${name}.md` : `${folder}/${name}.md`;
  const absolute = join(config.contentDir, path);
  const taken = (await readdir(join(config.contentDir, folder)).catch(() => [] as string[])).find(
    (entry) => entry.toLowerCase() === `${name}.md`.toLowerCase(),
  );
  if (taken !== undefined) {
    const existing = folder === '' ? taken : `${folder}/${taken}`;
    throw new NewDocError(
      `${existing} already exists${taken === `${name}.md` ? '' : ` (its name differs only in case, and links ignore case)`}; nothing written. Choose another title, or --dir.`,
    );
  }
  const sameName = published.filter((other) => baseName(other).toLowerCase() === name.toLowerCase());

  const source = (await readFile(join(config.contentDir, template.path), 'utf8')).replace(/^\uFEFF/, '');
  const filled = fillTemplate(source, { title, fileTitle: name, now: options.now, ...(await coreTemplateFormats(config.contentDir)) });
  if (!options.dryRun) {
    await mkdir(join(config.contentDir, folder), { recursive: true });
    await writeNew(absolute, filled.text, path);
  }
  return { path, template: template.path, folder, folderReason, text: filled.text, unfilled: filled.unfilled, sameName };
}

/** Codes of file systems that have no hard links. */
const noHardLinks = new Set(['EPERM', 'ENOTSUP', 'EOPNOTSUPP', 'ENOSYS']);

/**
 * Writes a new file whole or not at all, and never over another: the text goes to a temp file first, which is
 * then hard-linked to its name (unlike `rename`, `link` fails when the name exists, even if it appeared meanwhile).
 */
async function writeNew(absolute: string, text: string, path: string): Promise<void> {
  const temp = `${absolute}.shipshape-${process.pid}.tmp`;
  const exists = () => new NewDocError(`${path} already exists; nothing written`);
  await writeFile(temp, text, { flag: 'wx' });
  try {
    await link(temp, absolute);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? '';
    if (code === 'EEXIST') throw exists();
    if (!noHardLinks.has(code)) throw error;
    // No hard links here: an exclusive create still never overwrites, it is only not atomic.
    await writeFile(absolute, text, { flag: 'wx' }).catch((inner: NodeJS.ErrnoException) => {
      throw inner.code === 'EEXIST' ? exists() : inner;
    });
  } finally {
    await rm(temp, { force: true });
  }
}
