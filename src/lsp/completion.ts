/**
 * Completion at the cursor, from the document's current text and the vault's facts: link targets after `[[`, `![[`
 * and `](`, headings after `#` (every doc's after `[[##`), block ids after `#^`, a display text after `|` (the
 * title, an alias), tags after `#`, frontmatter keys and values from the doc type's JSON Schema, and the keys,
 * values, services, environments and check ids of ```dashboard and ```checklist blocks. A link inserts what
 * Obsidian's default "shortest" link format writes: the name when it is unique in the vault, else the path, `.md`
 * dropped — or the vault's own choice in Obsidian (`newLinkFormat`: relative, absolute).
 *
 * In: `[[dep` in a vault with strategy/deployment-strategy.md → `[{ label: 'deployment-strategy', textEdit: 'deployment-strategy]]' }]`
 * In: `severity: ` in a runbook's frontmatter → sev1 … sev4, each with the schema's description of `severity`
 */
import { readFileSync } from 'node:fs';
import { join, posix } from 'node:path';
import {
  CompletionItemKind,
  MarkupKind,
  type CompletionItem,
  type CompletionList,
  type Position,
  type Range,
} from 'vscode-languageserver';
import { normalizeHeading, slugify } from '../links/anchors.ts';
import { selectSchema } from '../rules/frontmatter-schema.ts';
import { schemaRegistryFor } from '../schemas/registry.ts';
import { toolRoot } from '../vault/config.ts';
import { fileName, folderOf, foldName, withoutMd } from '../vault/vault-path.ts';
import { blockIdRange, indexOf, openDoc, readDoc, type NavigationState, type OpenDoc } from './nav-context.ts';
import { describe, propertiesAt, valuesAt, yamlContextAt } from './yaml-schema-context.ts';

/** More than this many targets and the list is cut, marked incomplete: the editor asks again as the author types. */
const maxItems = 200;

interface Request {
  state: NavigationState;
  doc: OpenDoc;
  offset: number;
  /** The line up to the cursor, and after it. */
  before: string;
  after: string;
}

export function completion(state: NavigationState, path: string, text: string, position: Position): CompletionList {
  const doc = openDoc(path, text);
  const offset = doc.positions.offsetAt(position);
  const line = doc.lines.point(offset).line;
  const lineText = doc.lines.lineText(line);
  const column = offset - doc.lines.starts[line - 1]!;
  const request: Request = { state, doc, offset, before: lineText.slice(0, column), after: lineText.slice(column) };
  // Code is not prose: inside a fenced block only the block's own keys and values are offered. A link is a link in
  // the frontmatter too (`related: "[[dep`).
  const items =
    blockCompletion(request) ??
    wikilinkCompletion(request) ??
    markdownLinkCompletion(request) ??
    frontmatterCompletion(request) ??
    tagCompletion(request) ??
    [];
  return { isIncomplete: items.length > maxItems, items: items.slice(0, maxItems) };
}

/** The range of the `length` characters before the cursor, which an item replaces. */
function typedRange(request: Request, length: number): Range {
  return { start: request.doc.positions.positionAt(request.offset - length), end: request.doc.positions.positionAt(request.offset) };
}

const contains = (haystack: string, needle: string) => foldName(haystack).includes(foldName(needle));

/** A file as a link target, its names folded once per analysis: completion runs on every keystroke. */
export interface Target {
  file: string;
  title?: string;
  aliases: readonly string[];
  /** The shortest link text, the path without `.md`, the title and the aliases, folded. */
  folded: { name: string; path: string; title: string; aliases: string[] };
}

const targetLists = new WeakMap<NavigationState['analysis'], Target[]>();

/** Obsidian's "New link format" (Settings → Files and links), which its own completion writes. */
type LinkFormat = 'shortest' | 'relative' | 'absolute';

const linkFormats = new WeakMap<NavigationState['analysis'], LinkFormat>();

/** The vault's `.obsidian/app.json` `newLinkFormat`, read once per analysis; Obsidian's default when absent or unreadable. */
function linkFormatOf(state: NavigationState): LinkFormat {
  let format = linkFormats.get(state.analysis);
  if (!format) {
    format = 'shortest';
    try {
      const app: unknown = JSON.parse(readFileSync(join(state.config.contentDir, '.obsidian', 'app.json'), 'utf8'));
      const value = typeof app === 'object' && app !== null ? (app as Record<string, unknown>).newLinkFormat : undefined;
      if (value === 'relative' || value === 'absolute') format = value;
    } catch {
      // No Obsidian settings (or broken ones, which Obsidian itself replaces): its default applies.
    }
    linkFormats.set(state.analysis, format);
  }
  return format;
}

export function completionTargets(state: NavigationState): Target[] {
  let targets = targetLists.get(state.analysis);
  if (!targets) {
    const index = indexOf(state.analysis);
    targets = index.files.map((file) => {
      const doc = index.docs.get(file);
      return {
        file,
        ...(doc ? { title: doc.title } : {}),
        aliases: doc?.aliases ?? [],
        folded: { name: foldName(index.linkText(file)), path: foldName(withoutMd(file)), title: foldName(doc?.title ?? ''), aliases: (doc?.aliases ?? []).map(foldName) },
      };
    });
    targetLists.set(state.analysis, targets);
  }
  return targets;
}

function wikilinkCompletion(request: Request): CompletionItem[] | undefined {
  const match = /(!?)\[\[([^[\]|]*)$/.exec(request.before);
  if (!match) return displayTextCompletion(request);
  const typed = match[2]!;
  // `]]` closes the link unless the author's editor (or the text) already has it.
  const close = /^[^[\]]*\]\]/.test(request.after) ? '' : ']]';
  if (typed.startsWith('##')) return vaultHeadingCompletion(request, typed, close);
  const hash = typed.indexOf('#');
  // `[[doc#A#B` names heading B under A: the part after the last `#` is the one being written.
  if (hash !== -1) return anchorCompletion(request, typed.slice(0, hash), typed.slice(typed.lastIndexOf('#') + 1), 'wikilink', close);
  const index = indexOf(request.state.analysis);
  const range = typedRange(request, typed.length);
  const byPath = typed.includes('/');
  const format = byPath ? 'absolute' : linkFormatOf(request.state);
  const folder = folderOf(request.doc.path);
  const written = (file: string) =>
    format === 'absolute' ? withoutMd(file) : format === 'relative' ? withoutMd(posix.relative(folder, file)) : index.linkText(file);
  const wanted = foldName(typed);
  // Scored first, items made only for the best: a vault of thousands of files offers thousands of matches.
  const scored: Array<{ score: number; label: string; target: Target; alias?: string }> = [];
  for (const target of completionTargets(request.state)) {
    const name = byPath ? target.folded.path : target.folded.name;
    const score = name.startsWith(wanted) ? 0 : name.includes(wanted) || target.folded.path.includes(wanted) ? 1 : target.folded.title.includes(wanted) ? 2 : undefined;
    if (score !== undefined) scored.push({ score, label: written(target.file), target });
    // An alias links as Obsidian writes it when one is picked: the name, shown as the alias.
    target.folded.aliases.forEach((alias, i) => {
      if (alias.includes(wanted)) scored.push({ score: alias.startsWith(wanted) ? 0 : 2, label: target.aliases[i]!, target, alias: target.aliases[i]! });
    });
  }
  scored.sort((a, b) => a.score - b.score || a.label.length - b.label.length || (a.label < b.label ? -1 : a.label > b.label ? 1 : 0));
  return scored.slice(0, maxItems + 1).map(({ score, label, target, alias }, i) => {
    const name = written(target.file);
    return {
      label,
      kind: alias !== undefined ? CompletionItemKind.Reference : target.title !== undefined ? CompletionItemKind.File : CompletionItemKind.Reference,
      detail: alias !== undefined ? `alias of ${target.file}` : target.file,
      ...(alias === undefined && target.title !== undefined && target.title !== name ? { documentation: target.title } : {}),
      // The editor filters by what was typed: a match on the title must survive its filter too.
      filterText: alias ?? (score === 2 && target.title !== undefined ? `${typed} ${target.title}` : `${name} ${target.title ?? ''}`.trim()),
      sortText: String(i).padStart(5, '0'),
      textEdit: { range, newText: alias !== undefined ? `${name}|${alias}${close}` : `${name}${close}` },
    };
  });
}

/**
 * A heading as a wikilink names it: the characters a link cannot hold (`# | ^ : % [ ]` and `\`) as spaces, as
 * Obsidian writes them; anchors match them so (`src/links/anchors.ts`).
 */
function wikiHeading(text: string): string {
  return text.replace(/[#|^:%[\]\\]/g, ' ').replace(/\s+/g, ' ').trim();
}

/** After `[[doc|`: the doc's title and aliases, the texts a link to it is usually shown as. */
function displayTextCompletion(request: Request): CompletionItem[] | undefined {
  const match = /!?\[\[([^[\]|#]*)(?:#[^[\]|]*)?\|([^[\]|]*)$/.exec(request.before);
  if (!match) return undefined;
  const { state, doc } = request;
  const target = match[1]!.trim();
  const path = target === '' ? doc.path : indexOf(state.analysis).resolve(target, doc.path).path;
  const facts = path === doc.path ? doc.parsed.facts : path === undefined ? undefined : indexOf(state.analysis).docs.get(path);
  if (!facts) return [];
  const typed = match[2]!;
  const range = typedRange(request, typed.length);
  const close = /^[^[\]]*\]\]/.test(request.after) ? '' : ']]';
  return [...new Set([facts.title, ...facts.aliases])]
    .filter((text) => typed === '' || contains(text, typed))
    .map((text, i) => ({
      label: text,
      kind: CompletionItemKind.Text,
      detail: i === 0 ? 'title' : 'alias',
      sortText: String(i).padStart(3, '0'),
      textEdit: { range, newText: `${text}${close}` },
    }));
}

/** Every doc's headings, normalised once per analysis, for `[[##`. */
const headingLists = new WeakMap<NavigationState['analysis'], Array<{ path: string; text: string; depth: number; normalized: string }>>();

/**
 * `[[##roll`: headings of every doc, as Obsidian offers them; the pick writes the doc and the heading
 * (`[[rollback#Roll back the canary]]`).
 */
function vaultHeadingCompletion(request: Request, typed: string, close: string): CompletionItem[] {
  const { state } = request;
  let headings = headingLists.get(state.analysis);
  if (!headings) {
    headings = state.analysis.facts.flatMap((doc) => doc.headings.map((h) => ({ path: doc.path, text: h.text, depth: h.depth, normalized: normalizeHeading(h.text) })));
    headingLists.set(state.analysis, headings);
  }
  const wanted = normalizeHeading(typed.slice(2));
  const index = indexOf(state.analysis);
  const range = typedRange(request, typed.length);
  const found = headings.filter((h) => h.normalized.includes(wanted));
  found.sort((a, b) => Number(!a.normalized.startsWith(wanted)) - Number(!b.normalized.startsWith(wanted)) || a.text.length - b.text.length);
  return found.slice(0, maxItems + 1).map((heading, i) => {
    const name = heading.path === request.doc.path ? '' : index.linkText(heading.path);
    return {
      label: heading.text,
      kind: CompletionItemKind.Reference,
      detail: `${'#'.repeat(heading.depth)} in ${heading.path}`,
      // The editor filters on what was typed, `##` included.
      filterText: `##${heading.text}`,
      sortText: String(i).padStart(5, '0'),
      textEdit: { range, newText: `${name}#${wikiHeading(heading.text)}${close}` },
    };
  });
}

/** Headings (or, after `^`, block ids) of the doc a link names; `target` '' is the document itself. */
function anchorCompletion(request: Request, target: string, typed: string, kind: 'wikilink' | 'markdown', close: string): CompletionItem[] {
  const { state, doc } = request;
  const path = target === '' ? doc.path : indexOf(state.analysis).resolve(kind === 'markdown' ? decode(target) : target, doc.path, { relativeFirst: kind === 'markdown' }).path;
  const facts = path === doc.path ? doc.parsed.facts : path === undefined ? undefined : indexOf(state.analysis).docs.get(path);
  if (!facts || path === undefined) return [];
  if (typed.startsWith('^') && kind === 'wikilink') {
    const range = typedRange(request, typed.length - 1);
    const source = path === doc.path ? doc : readDoc(state, path);
    return facts.blockIds.map((id) => {
      const at = source && blockIdRange(source, id);
      return {
        label: id,
        kind: CompletionItemKind.Reference,
        ...(at ? { detail: source!.lines.lineText(at.start.line + 1).trim() } : {}),
        textEdit: { range, newText: `${id}${close}` },
      };
    });
  }
  const range = typedRange(request, typed.length);
  const wanted = normalizeHeading(typed);
  return facts.headings
    .filter((heading) => wanted === '' || normalizeHeading(heading.text).includes(wanted))
    .map((heading, i) => {
      // Markdown links name a heading by its slug, as GitHub and the site do; wikilinks by its text.
      const written = kind === 'markdown' ? slugify(heading.text) : wikiHeading(heading.text);
      return {
        label: heading.text,
        kind: CompletionItemKind.Reference,
        detail: `${'#'.repeat(heading.depth)} ${heading.text}`,
        filterText: written,
        sortText: String(i).padStart(5, '0'),
        textEdit: { range, newText: `${written}${close}` },
      };
    });
}

function decode(target: string): string {
  try {
    return decodeURIComponent(target);
  } catch {
    return target;
  }
}

/**
 * A path as a Markdown link destination: what would end it or change its meaning (a space, parentheses, `#`, `%`,
 * angle brackets) percent-encoded, the rest as it is, as Obsidian writes `My%20note.md`.
 */
function encodeLinkPath(path: string): string {
  return path.replace(/[\s()#%<>]/g, (char) => `%${char.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
}

function markdownLinkCompletion(request: Request): CompletionItem[] | undefined {
  const match = /\]\(([^()\s]*)$/.exec(request.before);
  if (!match) return undefined;
  const typed = match[1]!;
  const close = /^[^()]*\)/.test(request.after) ? '' : ')';
  const hash = typed.indexOf('#');
  if (hash !== -1) return anchorCompletion(request, typed.slice(0, hash), typed.slice(hash + 1), 'markdown', close);
  const { state, doc } = request;
  const folder = folderOf(doc.path);
  const range = typedRange(request, typed.length);
  const wanted = foldName(decode(typed));
  // What was typed is a path relative to the doc (`../run`), or part of a file's vault path or name.
  const bare = wanted.replace(/^(?:\.{1,2}\/)+/, '');
  const scored: Array<{ score: number; relative: string; target: Target }> = [];
  for (const target of completionTargets(state)) {
    if (target.file === doc.path) continue;
    const path = foldName(target.file);
    if (bare !== '' && !path.includes(bare)) continue;
    const relative = posix.relative(folder, target.file);
    const score = foldName(relative).startsWith(wanted) ? 0 : foldName(fileName(target.file)).startsWith(bare) ? 1 : 2;
    scored.push({ score, relative, target });
  }
  scored.sort((a, b) => a.score - b.score || a.relative.length - b.relative.length || (a.relative < b.relative ? -1 : 1));
  return scored.slice(0, maxItems + 1).map(({ relative, target }, i) => {
    const written = encodeLinkPath(relative);
    return {
      label: relative,
      kind: target.title === undefined ? CompletionItemKind.Reference : CompletionItemKind.File,
      detail: target.file,
      ...(target.title !== undefined ? { documentation: target.title } : {}),
      filterText: written,
      sortText: String(i).padStart(5, '0'),
      textEdit: { range, newText: `${written}${close}` },
    };
  });
}

/** Every tag in the vault (and the document), most used first. */
function vaultTags(request: Request): Array<[string, number]> {
  const counts = new Map<string, [string, number]>();
  const add = (tag: string) => {
    const key = foldName(tag);
    const entry = counts.get(key);
    if (entry) entry[1]++;
    else counts.set(key, [tag, 1]);
  };
  for (const facts of request.state.analysis.facts) if (facts.path !== request.doc.path) facts.tags.forEach(add);
  request.doc.parsed.facts.tags.forEach(add);
  return [...counts.values()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
}

function tagItems(request: Request, typed: string, prefix = ''): CompletionItem[] {
  const range = typedRange(request, typed.length);
  const bare = typed.replace(/^#/, '');
  return vaultTags(request)
    .filter(([tag]) => bare === '' || contains(tag, bare))
    .map(([tag, count], i) => ({
      label: tag,
      kind: CompletionItemKind.Keyword,
      detail: count === 1 ? 'in 1 doc' : `in ${count} docs`,
      filterText: `${prefix}${tag}`,
      sortText: String(i).padStart(6, '0'),
      textEdit: { range, newText: `${prefix}${tag}` },
    }));
}

function tagCompletion(request: Request): CompletionItem[] | undefined {
  const match = /(^|[\s(,;])#([\p{L}\p{N}_\-/]*)$/u.exec(request.before);
  // `#` alone at the start of a line begins a heading, not a tag.
  if (!match || (match.index === 0 && match[1] === '' && match[2] === '')) return undefined;
  return tagItems(request, match[2]!);
}

function frontmatterCompletion(request: Request): CompletionItem[] | undefined {
  const { doc, state } = request;
  const frontmatter = doc.parsed.frontmatter;
  if (!frontmatter) return undefined;
  // Frontmatter being written has no closing `---` yet: it runs to the end of the text.
  const yaml = frontmatter.closed ? frontmatter.yaml : doc.text.slice(frontmatter.yamlOffset);
  if (request.offset < frontmatter.yamlOffset || request.offset > frontmatter.yamlOffset + yaml.length) return undefined;
  const { config } = state;
  const data = frontmatter.data ?? typeFromText(yaml, config.typeField);
  const schema = selectSchema(data, config, () => schemaRegistryFor(config), () => {});
  const lines = doc.text.slice(frontmatter.yamlOffset, request.offset).split(/\r\n|\r|\n/);
  const present = new Set(Object.keys(data));
  return yamlCompletion(request, schema, lines, (key, path) => {
    if (path.length > 0) return [];
    if (key === 'tags') return tagValues(request);
    if (key === 'aliases') return [];
    if (key === config.typeField) return Object.keys(config.docSchemas).map((type) => ({ value: type, detail: 'doc type' }));
    return [];
  }, present);
}

/** While the YAML does not parse (it is being typed), its type is still read from the line that names it. */
function typeFromText(yaml: string, typeField: string): Record<string, unknown> {
  const data: Record<string, unknown> = {};
  for (const line of yaml.split(/\r\n|\r|\n/)) {
    const match = /^([^\s:#][^:#]*?):\s*(.*)$/.exec(line);
    if (match) data[match[1]!] = match[1] === typeField ? match[2]!.replace(/^["']|["']$/g, '') : null;
  }
  return data;
}

function tagValues(request: Request): Value[] {
  return vaultTags(request).map(([tag, count]) => ({ value: tag, detail: count === 1 ? 'in 1 doc' : `in ${count} docs` }));
}

/** A plain YAML scalar when it reads back as the same string, else a quoted one (a name like `a: b` or `#x`). */
function yamlScalar(value: string): string {
  return /^[\s@`*&!|>%'"#?,[\]{}-]|: | #|\s$/.test(value) ? JSON.stringify(value) : value;
}

interface Value {
  value: string;
  detail?: string;
}

/** Values the schema cannot list but the vault knows (tags, services…), for the key being written at `path`. */
type ValueSource = (key: string, path: readonly string[]) => Value[];

function yamlCompletion(request: Request, schema: string | undefined, lines: string[], source: ValueSource, presentAtRoot = new Set<string>()): CompletionItem[] {
  const context = yamlContextAt(lines);
  if (!context) return [];
  const items: CompletionItem[] = [];
  const valueItems = (path: readonly string[], key: string, typed: string) => {
    const range = typedRange(request, typed.length);
    // `key:` typed with no space yet: `key:value` would be one plain scalar, not a pair.
    const space = typed === '' && request.before.endsWith(':') ? ' ' : '';
    const fromSchema = schema ? valuesAt(schema, path) : { values: [], examples: [] };
    const values: Value[] = [
      ...fromSchema.values.map((value) => ({ value, detail: 'allowed by the schema' })),
      ...source(key, path.filter((segment) => segment !== '[]').slice(0, -1)),
    ];
    const seen = new Set<string>();
    const description = schema ? describe(schema, path) : undefined;
    const documentation = description === undefined ? {} : { documentation: { kind: MarkupKind.Markdown, value: description } };
    for (const { value, detail } of values) {
      if (seen.has(value) || (typed !== '' && !contains(value, typed))) continue;
      seen.add(value);
      items.push({ label: value, kind: CompletionItemKind.Value, ...(detail ? { detail } : {}), ...documentation, filterText: value, textEdit: { range, newText: `${space}${yamlScalar(value)}` } });
    }
  };
  if (context.value !== undefined) {
    const path = context.inFlowList ? [...context.path, context.key, '[]'] : [...context.path, context.key];
    valueItems(path, context.key, context.value);
    return items;
  }
  if (context.inItem) {
    // A list of scalars takes values; the key above the item names the list.
    const listKey = context.path.filter((segment) => segment !== '[]').at(-1) ?? '';
    valueItems(context.path, listKey, context.key);
  }
  if (schema) {
    const range = typedRange(request, context.key.length);
    const present = context.path.length === 0 ? presentAtRoot : new Set<string>();
    for (const property of propertiesAt(schema, context.path)) {
      if (present.has(property.name) && property.name !== context.key) continue;
      if (context.key !== '' && !contains(property.name, context.key)) continue;
      const hints = property.values.length > 0 ? `one of: ${property.values.join(', ')}` : property.examples.length > 0 ? `e.g. ${property.examples.join(', ')}` : undefined;
      items.push({
        label: property.name,
        kind: CompletionItemKind.Property,
        detail: property.required ? 'required' : 'optional',
        ...(property.description || hints
          ? { documentation: { kind: MarkupKind.Markdown, value: [property.description, hints].filter(Boolean).join('\n\n') } }
          : {}),
        sortText: `${property.required ? 0 : 1}${property.name}`,
        textEdit: { range, newText: `${property.name}: ` },
      });
    }
  }
  return items;
}

const dashboardSchema = join(toolRoot, 'schemas', 'dashboard-block.schema.json');
const checklistSchema = join(toolRoot, 'schemas', 'checklist.schema.json');

/** Inside a ```dashboard or ```checklist block: its schema's keys and values, and the run data's names. */
function blockCompletion(request: Request): CompletionItem[] | undefined {
  // Inside, or at the end of a block still open (no closing fence yet).
  const block = request.doc.parsed.code.find(({ node }) => node.position!.start.offset! < request.offset && request.offset <= node.position!.end.offset!);
  if (!block) return undefined;
  const lang = block.node.lang?.toLowerCase();
  const schema = lang === 'dashboard' ? dashboardSchema : lang === 'checklist' ? checklistSchema : undefined;
  if (!schema) return [];
  const start = block.node.position!.start.offset!;
  const firstLine = request.doc.lines.point(start).line;
  const cursorLine = request.doc.lines.point(request.offset).line;
  if (cursorLine <= firstLine) return [];
  const bodyStart = request.doc.lines.starts[firstLine]!;
  // The fence's own indentation (a block in a list item) is no YAML indentation.
  const fenceIndent = /^\s*/.exec(request.doc.lines.lineText(firstLine))![0].length;
  const lines = request.doc.text
    .slice(bodyStart, request.offset)
    .split(/\r\n|\r|\n/)
    .map((line) => line.slice(Math.min(fenceIndent, /^\s*/.exec(line)![0].length)));
  const runs = runNames(request.state);
  return yamlCompletion(request, schema, lines, (key) => {
    if (key === 'service' || key === 'services') return runs.services;
    if (key === 'environment' || key === 'environments') return runs.environments;
    if (key === 'check') return runs.checks;
    return [];
  });
}

/** Services, environments and check ids named in the run data (with the config's environments). */
function runNames(state: NavigationState): { services: Value[]; environments: Value[]; checks: Value[] } {
  const services = new Map<string, number>();
  const environments = new Map<string, number>();
  const checks = new Map<string, number>();
  const count = (map: Map<string, number>, value: unknown) => {
    if (typeof value === 'string' && value !== '') map.set(value, (map.get(value) ?? 0) + 1);
  };
  for (const record of state.analysis.runs?.records ?? []) {
    if (record.kind !== 'run' || typeof record.data !== 'object' || record.data === null) continue;
    const run = record.data as Record<string, unknown>;
    count(services, run.service);
    count(environments, run.environment);
    if (Array.isArray(run.checks)) for (const check of run.checks) count(checks, (check as Record<string, unknown> | null)?.id);
  }
  for (const environment of Object.keys(state.config.environments)) if (!environments.has(environment)) environments.set(environment, 0);
  const values = (map: Map<string, number>) =>
    [...map].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([value, n]) => ({ value, detail: n === 1 ? 'in 1 run' : n === 0 ? 'in the config' : `in ${n} runs` }));
  return { services: values(services), environments: values(environments), checks: values(checks) };
}
