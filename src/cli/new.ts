/**
 * `shipshape new <type> "Title"`: a doc from the vault's template (new-doc.ts), then the check of that doc alone.
 * Exit 0 once created (warnings and errors included), 2 when nothing was.
 *
 * In: `['runbook', 'Rollback Payments API']` → stdout `Created content/runbooks/rollback-payments-api.md …`
 */
import { join, relative, sep } from 'node:path';
import { checkVault } from '../pipeline/check-vault.ts';
import type { Unfilled } from '../templater/fill-template.ts';
import { loadConfig } from '../vault/config.ts';
import { newUsage, parseNewArgs } from './args.ts';
import { newDoc } from './new-doc.ts';
import { render } from './output.ts';
import { cacheDirOf } from '../pipeline/cache.ts';

export async function runNew(argv: readonly string[]): Promise<number> {
  const options = parseNewArgs(argv);
  if (options.help || options.type === undefined || options.title === undefined) {
    process.stdout.write(`${newUsage}\n`);
    return 0;
  }
  const cwd = process.cwd();
  const config = await loadConfig({ cwd, ...(options.config ? { configFile: options.config } : {}), ...(options.content ? { content: options.content } : {}) });
  const created = await newDoc({
    config,
    type: options.type,
    title: options.title,
    cwd,
    now: options.date ?? new Date(),
    dryRun: options.dryRun,
    ...(options.dir === undefined ? {} : { dir: options.dir }),
  });
  const shown = (path: string) => relative(cwd, join(config.contentDir, path)).split(sep).join('/');
  if (created.unfilled.length > 0) process.stderr.write(unfilledWarning(shown(created.path), created.unfilled));
  if (created.sameName.length > 0) {
    process.stderr.write(`shipshape: warning: same name as ${created.sameName.map(shown).join(', ')}: links by name to either become ambiguous\n`);
  }
  const from = `from ${shown(created.template)}, in ${created.folder === '' ? 'the vault root' : `${created.folder}/`} (${created.folderReason})`;
  if (options.dryRun) {
    process.stderr.write(`Would create ${shown(created.path)}\n  ${from}\n`);
    process.stdout.write(created.text);
    return 0;
  }
  process.stdout.write(`Created ${shown(created.path)}\n  ${from}\n\n`);
  const result = await checkVault({ config, only: [created.path], cacheDir: cacheDirOf(config) });
  process.stdout.write(render({ format: 'stylish' }, result, cwd));
  return 0;
}

function unfilledWarning(path: string, unfilled: readonly Unfilled[]): string {
  const count = `${unfilled.length} command${unfilled.length === 1 ? '' : 's'}`;
  const rows = unfilled.map((u) => `  ${path}:${u.line}:${u.column}  ${u.command}  (${u.reason})`);
  return `shipshape: warning: ${count} left to fill by hand; the check fails on Templater commands (rule templater-placeholder) until they are replaced:\n${rows.join('\n')}\n`;
}
