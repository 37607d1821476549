/**
 * What `shipshape init` proposes for an existing vault: where the vault is, its templates folder, the doc types its
 * frontmatter uses, whether Obsidian types its properties — and the config that follows from them. Reads, never writes.
 *
 * In: a repository with `notes/.obsidian/templates.json` = `{"folder": "Meta/Templates"}` and docs typed `runbook` ×3, `meeting` ×2
 * Out: `{ config: { content: 'notes', templates: ['Meta/Templates'], schemas: { types: {}, default: null } }, contentFrom: '.obsidian', types: [['runbook', 3], ['meeting', 2]], … }`
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import type { ShipshapeConfiguration } from '../schemas/generated/config.ts';
import { suggest } from '../diagnostics/suggest.ts';
import { readFrontmatter } from '../markdown/frontmatter.ts';
import { lineIndex } from '../markdown/line-index.ts';
import { toolRoot } from '../vault/config.ts';
import { decodeSource } from '../vault/decode.ts';
import { readPropertyTypes } from '../vault/property-types.ts';
import { scanVault } from '../vault/scan.ts';
import { isTemplatePath, obsidianTemplateFolders } from '../vault/templates.ts';

/** The doc types Shipshape's built-in schemas accept: read from the default doc schema's `type` enum, so they cannot drift. */
const builtinTypes: readonly string[] = JSON.parse(readFileSync(join(toolRoot, 'schemas/doc.schema.json'), 'utf8')).properties.type.enum;

/** A folder whose name says it holds templates, wherever it is. */
const templatesName = /^_?templates?$/i;

export interface InitProposal {
  config: ShipshapeConfiguration;
  /** Absolute path of the vault. */
  contentDir: string;
  /** Why that folder: given with `--content`, the folder of `.obsidian/`, `content/`, the one folder holding the Markdown, or the working directory. */
  contentFrom: 'flag' | '.obsidian' | 'content/' | 'markdown' | 'cwd';
  /** Where the templates folders came from, if any were found. */
  templatesFrom?: 'obsidian' | 'name';
  docs: number;
  /** `type:` values with how many docs (templates left out) use each, most used first. */
  types: Array<[type: string, count: number]>;
  /** The types no built-in schema accepts: with any of them, the built-in schemas are left out. */
  ownTypes: string[];
  /** Unknown types that are a built-in one in another case or mistyped (`Runbook`, `runbok`): they keep the built-in schemas. */
  misspelt: string[];
  /** How many properties `.obsidian/types.json` types, when the vault has one. */
  typedProperties?: number;
}

export async function proposeConfig(options: { cwd: string; configFile: string; content?: string }): Promise<InitProposal> {
  const { contentDir, contentFrom } = options.content !== undefined
    ? { contentDir: join(options.cwd, options.content), contentFrom: 'flag' as const }
    : await findVault(options.cwd);
  const configDir = dirname(options.configFile);
  const scan = await scanVault(contentDir);

  const fromObsidian = await obsidianTemplateFolders(contentDir);
  const templates = fromObsidian.length > 0 ? fromObsidian : topmost(scan.docs.flatMap((path) => folderNamedLikeTemplates(path)));
  const templatesFolders = templates.length > 0 ? templates : undefined;

  const counts = new Map<string, number>();
  for (const path of scan.docs) {
    if (isTemplatePath(path, templatesFolders?.map((folder) => folder.toLowerCase()))) continue;
    const type = docType(join(contentDir, path));
    if (type !== undefined) counts.set(type, (counts.get(type) ?? 0) + 1);
  }
  const types = [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  const unknown = types.map(([type]) => type).filter((type) => !builtinTypes.includes(type));
  // `Runbook` and `runbok` in a vault of runbooks are mistakes for frontmatter-schema to report, not types of the team's own.
  const misspelt = unknown.filter((type) => builtinTypes.includes(type.toLowerCase()) || suggest(type.toLowerCase(), builtinTypes).length > 0);
  const ownTypes = unknown.filter((type) => !misspelt.includes(type));
  const propertyTypes = readPropertyTypes(contentDir);

  // For editor completion, when Shipshape is installed in the repository (`./node_modules/shipshape/…`): a path out of
  // it would name one machine's folders.
  const schema = relative(configDir, join(toolRoot, 'schemas', 'config.schema.json')).split(sep).join('/');
  const config: ShipshapeConfiguration = {
    ...(schema.startsWith('../') ? {} : { $schema: `./${schema}` }),
    content: relative(configDir, contentDir).split(sep).join('/') || '.',
    ...(templatesFolders ? { templates: templatesFolders } : {}),
    // The built-in schemas would reject every doc of a type of the team's own, new ones included: until the team
    // writes schemas for them, frontmatter is checked by `.obsidian/types.json` and by the other rules only.
    ...(ownTypes.length > 0 ? { schemas: { types: {}, default: null } } : {}),
  };
  return {
    config,
    contentDir,
    contentFrom,
    ...(templatesFolders ? { templatesFrom: fromObsidian.length > 0 ? ('obsidian' as const) : ('name' as const) } : {}),
    docs: scan.docs.length,
    types,
    ownTypes,
    misspelt,
    ...(propertyTypes ? { typedProperties: Object.keys(propertyTypes.types).length } : {}),
  };
}

/**
 * The vault of a repository: the folder Obsidian opens (the one holding `.obsidian/`, here or one level down), else
 * `content/` (Shipshape's default), else the one top-level folder that holds every Markdown file, else here.
 */
async function findVault(cwd: string): Promise<{ contentDir: string; contentFrom: InitProposal['contentFrom'] }> {
  if (isFolder(join(cwd, '.obsidian'))) return { contentDir: cwd, contentFrom: '.obsidian' };
  const scan = await scanVault(cwd);
  const topFolders = [...new Set([...scan.docs, ...scan.attachments].map((path) => path.split('/')[0]!))];
  const withObsidian = topFolders.filter((folder) => isFolder(join(cwd, folder, '.obsidian')));
  if (withObsidian.length === 1) return { contentDir: join(cwd, withObsidian[0]!), contentFrom: '.obsidian' };
  if (isFolder(join(cwd, 'content'))) return { contentDir: join(cwd, 'content'), contentFrom: 'content/' };
  const markdownFolders = new Set(scan.docs.map((path) => (path.includes('/') ? path.split('/')[0]! : '')));
  const [only] = markdownFolders;
  if (markdownFolders.size === 1 && only !== '') return { contentDir: join(cwd, only!), contentFrom: 'markdown' };
  return { contentDir: cwd, contentFrom: 'cwd' };
}

/** Shared with init.ts, which refuses a `--content` or `--config` folder that is not one. */
export function isFolder(path: string): boolean {
  return existsSync(path) && statSync(path).isDirectory();
}

/** `docs/templates/core/a.md` → `['docs/templates', 'docs/templates/core']`… only the folders named like templates. */
function folderNamedLikeTemplates(path: string): string[] {
  const parts = path.split('/').slice(0, -1);
  return parts.flatMap((part, i) => (templatesName.test(part) ? [parts.slice(0, i + 1).join('/')] : []));
}

/** Each folder once, without those inside another: `docs/templates/core` is in `docs/templates` already. */
function topmost(folders: readonly string[]): string[] {
  const unique = [...new Set(folders)].sort();
  return unique.filter((folder) => !unique.some((other) => other !== folder && folder.startsWith(`${other}/`)));
}

/** A doc's `type:` when it is a plain string; an unreadable file or broken YAML has none (check reports those). */
function docType(file: string): string | undefined {
  let text: string;
  try {
    text = decodeSource(readFileSync(file)).text;
  } catch {
    return undefined;
  }
  const type = readFrontmatter(text, lineIndex(text)).frontmatter?.data?.type;
  return typeof type === 'string' && type.trim() !== '' ? type.trim() : undefined;
}
