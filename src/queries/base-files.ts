/**
 * The vault's `.base` files (Obsidian Bases), read for the cross-file pass as run data is: each is a base of its own
 * (YAML), checked by the `bases` rule, embedded by `![[runbooks.base#Active]]` and published as its own page.
 *
 * In: `readBaseFiles('/vault', ['runbooks.base', 'img/a.png'])` → `[{ path: 'runbooks.base', text: 'views: …' }]`
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface BaseFile {
  path: string;
  /** Its text; undefined when it could not be read. */
  text?: string;
}

export const isBaseFile = (path: string): boolean => /\.base$/i.test(path);

export function readBaseFiles(contentDir: string, attachments: readonly string[]): BaseFile[] {
  return attachments.filter(isBaseFile).map((path) => {
    try {
      return { path, text: readFileSync(join(contentDir, path), 'utf8') };
    } catch {
      return { path };
    }
  });
}
