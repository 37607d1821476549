/**
 * `shipshape new <type> "Title"`: a new doc from the vault's template for that type, its Templater commands
 * filled as Templater would have filled them (`fillTemplate`), written where docs of that type live and never over
 * an existing file. Here: finding the template, the folder and the file name, and writing.
 *
 * In: `newDoc({ type: 'runbook', title: 'Rollback Payments API', … })` → Out: `{ path: 'runbooks/rollback-payments-api.md', … }`
 */
import { existsSync, statSync } from 'node:fs';
import { mkdir, readFile, readdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { readFrontmatter } from '../markdown/frontmatter.ts';
import { lineIndex } from '../markdown/line-index.ts';
import { fillTemplate, type FillContext, type Unfilled } from '../templater/fill-template.ts';
import type { ResolvedConfig } from '../vault/config-types.ts';
import { scanVault } from '../vault/scan.ts';
import { writeFileAtomic } from '../vault/atomic-write.ts';
import { isTemplatePath, templateFolders } from '../vault/templates.ts';
import { folderOf, stem, vaultPathOf } from '../vault/vault-path.ts';

/** The doc cannot be created (unknown type, the file exists, a bad folder): exit 2, nothing written. */
export class NewDocError extends Error {
  override name = 'NewDocError';
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

/** A folder of the vault, as a vault path: tried against the vault, then against the working directory. */
function vaultFolder(contentDir: string, cwd: string, dir: string, what: string): string {
  const fromVault = resolve(contentDir, dir);
  const fromCwd = resolve(cwd, dir);
  const absolute = existsSync(fromVault) || !existsSync(fromCwd) || vaultPathOf(contentDir, fromCwd) === undefined ? fromVault : fromCwd;
  const path = vaultPathOf(contentDir, absolute);
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
    templates.push({ path, key: templateKey(stem(path)), ...(type ? { type } : {}) });
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

  const neighbours = published.filter((path) => folderOf(path) === folder).map(stem);
  const style = majorityStyle(neighbours) ?? majorityStyle(published.map(stem)) ?? 'title';
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
  const sameName = published.filter((other) => stem(other).toLowerCase() === name.toLowerCase());

  const source = (await readFile(join(config.contentDir, template.path), 'utf8')).replace(/^\uFEFF/, '');
  const filled = fillTemplate(source, { title, fileTitle: name, now: options.now, ...(await coreTemplateFormats(config.contentDir)) });
  if (!options.dryRun) {
    await mkdir(join(config.contentDir, folder), { recursive: true });
    await writeNew(absolute, filled.text, path);
  }
  return { path, template: template.path, folder, folderReason, text: filled.text, unfilled: filled.unfilled, sameName };
}

/** Writes a new file whole or not at all, and never over another (even one that appeared meanwhile). */
async function writeNew(absolute: string, text: string, path: string): Promise<void> {
  await writeFileAtomic(absolute, text, { exclusive: true }).catch((error: NodeJS.ErrnoException) => {
    throw error.code === 'EEXIST' ? new NewDocError(`${path} already exists; nothing written`) : error;
  });
}
