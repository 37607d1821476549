/**
 * Which folders hold templates: the config's `templates`, else what Obsidian's core Templates plugin
 * (`.obsidian/templates.json` → `folder`) and the Templater plugin (`.obsidian/plugins/templater-obsidian/data.json`
 * → `templates_folder`) say, else every folder named `templates` or `_templates`.
 *
 * In: `.obsidian/templates.json` = `{"folder": "Meta/Templates"}` → `isTemplate('Meta/Templates/runbook.md')` is true
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

async function readJsonField(path: string, field: string): Promise<string | undefined> {
  try {
    const value = (JSON.parse(await readFile(path, 'utf8')) as Record<string, unknown>)[field];
    return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
  } catch {
    return undefined;
  }
}

/** `/Meta\Templates/` → `Meta/Templates`: a folder as a setting writes it, as a vault path. */
function asVaultFolder(folder: string): string {
  return folder.replace(/\\/g, '/').replace(/^\/+|\/+$/g, '');
}

/** The form folders compare in: `isTemplatePath` lower-cases the path too. */
function clean(folder: string): string {
  return asVaultFolder(folder).toLowerCase();
}

export async function templateFolders(contentDir: string, configured: readonly string[] | undefined): Promise<string[] | undefined> {
  if (configured) return configured.map(clean);
  const found = await obsidianTemplateFolders(contentDir);
  return found.length > 0 ? [...new Set(found.map(clean))] : undefined;
}

/** The folders Obsidian's Templates and Templater settings name, as written there (`shipshape init` copies them). */
export async function obsidianTemplateFolders(contentDir: string): Promise<string[]> {
  const found = [
    await readJsonField(join(contentDir, '.obsidian', 'templates.json'), 'folder'),
    await readJsonField(join(contentDir, '.obsidian', 'plugins', 'templater-obsidian', 'data.json'), 'templates_folder'),
  ].flatMap((folder) => (folder === undefined ? [] : [asVaultFolder(folder)]));
  return [...new Set(found)];
}

/** `folders` undefined means "by name": any folder called `templates` or `_templates`. */
export function isTemplatePath(path: string, folders: readonly string[] | undefined): boolean {
  const lower = path.toLowerCase();
  if (folders) return folders.some((folder) => folder === '' || lower.startsWith(`${folder}/`));
  return lower.split('/').slice(0, -1).some((part) => part === 'templates' || part === '_templates');
}
