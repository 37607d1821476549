/**
 * `shipshape init`: writes a starting `shipshape.config.json` for an existing vault (what goes in it: init-config.ts)
 * and says what it found and what to run next. It never replaces a config without `--force`; `--dry-run` prints the
 * config instead. Exit codes: 0 written (or printed), 2 nothing written (a config exists, no such vault, a bad flag).
 *
 * In: `shipshape init` in a repository whose vault is `notes/`
 * Out: `Wrote shipshape.config.json` + the vault, templates and doc types it found + `Next: shipshape check --baseline-write`
 */
import { existsSync } from 'node:fs';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import { loadConfig } from '../vault/config.ts';
import { writeFileAtomic } from '../vault/atomic-write.ts';
import { parseCommand, parseStrict, UsageError, vaultOptions } from './args.ts';
import { isFolder, proposeConfig, type InitProposal } from './init-config.ts';

const initUsage = `Usage: shipshape init [options]

Writes a starting shipshape.config.json for an existing vault: the vault's folder, its templates folder (from
Obsidian's Templates or Templater settings, else a folder named templates), and schemas fit for the doc types its
frontmatter uses. Prints what it found, and the next step: shipshape check --baseline-write, so that CI fails only
on new problems.

Options:
  --content DIR   the vault (default: the folder holding .obsidian/, here or one level down, else content/,
                  else the one folder holding the Markdown, else the working directory)
  --config FILE   where to write the config (default: shipshape.config.json in the working directory)
  --force         replace an existing config
  --dry-run       print the config, write nothing
  -h, --help      this help

Exit codes: 0 written (or printed with --dry-run), 2 nothing written (a config exists, no such vault, a bad flag).`;

function parse(argv: readonly string[]) {
  const { values, positionals } = parseStrict(argv, {
    ...vaultOptions,
    force: { type: 'boolean', default: false },
    'dry-run': { type: 'boolean', default: false },
    help: { type: 'boolean', short: 'h', default: false },
  });
  if (values.help) return { help: true as const };
  if (positionals.length > 0) throw new UsageError(`Unexpected argument: ${positionals[0]}`);
  return { help: false as const, content: values.content, config: values.config, force: values.force!, dryRun: values['dry-run']! };
}

export async function runInit(argv: readonly string[]): Promise<number> {
  const out = (text: string) => process.stdout.write(text);
  const err = (text: string) => process.stderr.write(text);
  const options = parseCommand('init', initUsage, () => parse(argv), out, err);
  if (typeof options === 'number') return options;
  const cwd = process.cwd();
  const configFile = resolve(cwd, options.config ?? 'shipshape.config.json');
  const shown = (path: string) => relative(cwd, path).split(sep).join('/') || '.';

  // Either config name in the folder counts: check reads shipshape.config.json first, so a new one would hide a .ts.
  const existing = [configFile, ...(options.config ? [] : [join(cwd, 'shipshape.config.ts')])].filter((file) => existsSync(file));
  if (existing.length > 0 && !options.force && !options.dryRun) {
    err(`shipshape init: ${existing.map(shown).join(' and ')} already exists; nothing written (--force replaces it, --dry-run prints the proposal)\n`);
    return 2;
  }
  if (options.content !== undefined && !isFolder(resolve(cwd, options.content))) {
    err(`shipshape init: no such folder: ${options.content}\n`);
    return 2;
  }
  if (!isFolder(dirname(configFile))) {
    err(`shipshape init: no such folder: ${shown(dirname(configFile))}\n`);
    return 2;
  }

  const proposal = await proposeConfig({ cwd, configFile, ...(options.content !== undefined ? { content: options.content } : {}) });
  const text = `${JSON.stringify(proposal.config, null, 2)}\n`;
  const report = describe(proposal, shown);
  if (options.dryRun) {
    out(text);
    err(`${report}\n(--dry-run: ${shown(configFile)} not written)\n`);
    return 0;
  }
  await writeFileAtomic(configFile, text);
  // The config written must load as check will load it: a proposal that does not is a bug to report, not to leave behind.
  await loadConfig({ cwd: dirname(configFile), configFile });
  const configFlag = basename(configFile) === 'shipshape.config.json' && dirname(configFile) === cwd ? '' : ` --config ${shown(configFile)}`;
  out(`Wrote ${shown(configFile)}\n${report}\nNext: shipshape check${configFlag} --baseline-write\n  records the problems the vault has today in shipshape-baseline.json (commit it): check then fails only on new ones.\n`);
  return 0;
}

/** What init found, for the person who ran it: JSON has no comments, so the counts go here. */
function describe(proposal: InitProposal, shown: (path: string) => string): string {
  const lines: string[] = [];
  const vaultWhy = {
    flag: 'as given',
    '.obsidian': 'it holds .obsidian/',
    'content/': "Shipshape's default folder",
    markdown: 'it holds every Markdown file here',
    cwd: 'the working directory',
  }[proposal.contentFrom];
  lines.push(`  vault: ${shown(proposal.contentDir)} (${vaultWhy}), ${proposal.docs} doc${proposal.docs === 1 ? '' : 's'}`);
  const templates = proposal.config.templates;
  if (templates) {
    const from = proposal.templatesFrom === 'obsidian' ? "from Obsidian's Templates/Templater settings" : 'by folder name';
    lines.push(`  templates: ${templates.join(', ')} (${from}): checked, not published, Templater commands allowed`);
  } else {
    lines.push('  templates: none found (no Templates or Templater setting, no folder named templates)');
  }
  if (proposal.types.length === 0) {
    lines.push("  doc types: none (no frontmatter type:); Shipshape's built-in schemas apply to frontmatter");
  } else {
    lines.push(`  doc types: ${proposal.types.map(([type, count]) => `${type} (${count})`).join(', ')}`);
    if (proposal.misspelt.length > 0) {
      lines.push(`    ${proposal.misspelt.join(', ')} look${proposal.misspelt.length === 1 ? 's' : ''} like a misspelt built-in type: frontmatter-schema reports ${proposal.misspelt.length === 1 ? 'it' : 'them'}`);
    }
    if (proposal.ownTypes.length > 0) {
      const builtin = proposal.types.filter(([type]) => !proposal.ownTypes.includes(type) && !proposal.misspelt.includes(type)).map(([type]) => type);
      lines.push(
        `    ${proposal.ownTypes.join(', ')} ${proposal.ownTypes.length === 1 ? 'has' : 'have'} no built-in schema: schemas.default is null and schemas.types empty,`,
        `    so no JSON Schema checks frontmatter yet${builtin.length > 0 ? ` (${builtin.join(', ')} included)` : ''}; add one per type in schemas.types when ready (docs/config.md).`,
      );
    } else {
      lines.push(`    ${proposal.misspelt.length > 0 ? 'the others are' : 'all are'} types Shipshape's built-in schemas know: they check the frontmatter`);
    }
  }
  lines.push(
    proposal.typedProperties === undefined
      ? '  property types: no .obsidian/types.json (Obsidian writes it once a property gets a type in its editor)'
      : `  property types: ${proposal.typedProperties} in .obsidian/types.json, checked by the property-type rule`,
  );
  return lines.join('\n');
}
