/**
 * The environment tiers a vault states, for commands that read run data without checking the vault (`npm run
 * metrics`): each doc's frontmatter alone is read, and the docs with `type: environment` and a `tier:` give their
 * title, aliases and file name that tier; the config's `environments` fill in the rest (see `tierTable`).
 *
 * In: `vaultTierTable(config)` with `environments/production.md` (`tier: production`, `aliases: [Prod]`)
 * Out: `{ production: 'production', prod: 'production' }`
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { readFrontmatter } from '../markdown/frontmatter.ts';
import { lineIndex } from '../markdown/line-index.ts';
import { stringList } from '../markdown/facts.ts';
import type { ResolvedConfig } from '../vault/config-types.ts';
import { scanVault } from '../vault/scan.ts';
import { isTemplatePath, templateFolders } from '../vault/templates.ts';
import { tierTable, type EnvironmentDoc } from './tiers.ts';
import type { EnvironmentTier } from './types.ts';

export async function vaultTierTable(config: Pick<ResolvedConfig, 'contentDir' | 'ignore' | 'templates' | 'environments'>): Promise<Record<string, EnvironmentTier>> {
  const [scan, folders] = await Promise.all([scanVault(config.contentDir, config.ignore), templateFolders(config.contentDir, config.templates)]);
  const docs: EnvironmentDoc[] = [];
  for (const path of scan.docs) {
    if (isTemplatePath(path, folders)) continue;
    let text: string;
    try {
      text = await readFile(join(config.contentDir, path), 'utf8');
    } catch {
      continue; // `check` reports unreadable files; here a doc that cannot be read states no tier.
    }
    const data = readFrontmatter(text, lineIndex(text)).frontmatter?.data;
    if (typeof data?.type !== 'string' || data.type.toLowerCase() !== 'environment') continue;
    const file = path.replace(/^.*\//, '').replace(/\.md$/i, '');
    docs.push({
      path,
      isTemplate: false,
      title: typeof data.title === 'string' && data.title.trim() ? data.title.trim() : file,
      type: data.type,
      aliases: stringList(data.aliases ?? data.alias),
      frontmatter: data,
    });
  }
  return tierTable(docs, config.environments);
}
