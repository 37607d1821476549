/**
 * `shipshape check`: argv → config → checkVault → formatter → exit code. The only module that exits.
 * Exit codes: 0 no errors, 1 errors found, 2 the check could not run (bad flag, unreadable config).
 * `shipshape new <type> "Title"` (`npm run new`): a doc from a template, then the check of that doc alone;
 * exit 0 once created, 2 when nothing was.
 * `shipshape import <source> <file>` (`npm run import`): CI/CD run data → runs/<service>.ndjson (see import.ts).
 */
import { existsSync, readFileSync } from 'node:fs';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';
import { summarize, type CheckResult } from '../diagnostics/diagnostic.ts';
import { formatResult } from '../diagnostics/format.ts';
import { checkVault } from '../pipeline/check-vault.ts';
import { rules } from '../rules/index.ts';
import type { Unfilled } from '../templater/fill-template.ts';
import { ConfigError, loadConfig, toolRoot } from '../vault/config.ts';
import { newUsage, parseCliArgs, parseNewArgs, usage, UsageError, type CliOptions } from './args.ts';
import { applyFixes } from './fix.ts';
import { runImport } from './import.ts';
import { newDoc, NewDocError } from './new-doc.ts';

const version = (JSON.parse(readFileSync(join(toolRoot, 'package.json'), 'utf8')) as { version: string }).version;

async function run(argv: readonly string[]): Promise<number> {
  if (argv[0] === 'new') return runNew(argv.slice(1));
  if (argv[0] === 'import') return runImport(argv.slice(1));
  const options = parseCliArgs(argv);
  if (options.help) {
    process.stdout.write(`${usage}\n`);
    return 0;
  }
  if (options.version) {
    process.stdout.write(`${version}\n`);
    return 0;
  }
  const cwd = process.cwd();
  const config = await loadConfig({ cwd, ...(options.config ? { configFile: options.config } : {}), ...(options.content ? { content: options.content } : {}) });
  const only = options.paths.length > 0 ? options.paths.map((path) => toVaultPath(cwd, config.contentDir, path)) : undefined;
  const check = () =>
    checkVault({
      config,
      ...(only ? { only } : {}),
      cacheDir: options.cache ? (options.cacheDir ? resolve(cwd, options.cacheDir) : join(config.root, 'node_modules/.cache/shipshape')) : false,
    });
  let result: CheckResult = await check();
  if (options.fix || options.fixDryRun) {
    const outcome = await applyFixes(result, { write: options.fix });
    process.stderr.write(outcome.report);
    // A fix can change what else is wrong (a fence that now closes ends a mermaid block): report afresh.
    if (options.fix && outcome.fixed > 0) result = await check();
  }
  if (options.quiet) result = { ...result, diagnostics: result.diagnostics.filter((d) => d.severity === 'error') };
  process.stdout.write(render(options, result, cwd));
  return summarize(result.diagnostics).errors > 0 ? 1 : 0;
}

async function runNew(argv: readonly string[]): Promise<number> {
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
  const result = await checkVault({ config, only: [created.path], cacheDir: join(config.root, 'node_modules/.cache/shipshape') });
  process.stdout.write(render({ format: 'stylish' }, result, cwd));
  return 0;
}

function unfilledWarning(path: string, unfilled: readonly Unfilled[]): string {
  const count = `${unfilled.length} command${unfilled.length === 1 ? '' : 's'}`;
  const rows = unfilled.map((u) => `  ${path}:${u.line}:${u.column}  ${u.command}  (${u.reason})`);
  return `shipshape: warning: ${count} left to fill by hand; the check fails on Templater commands (rule templater-placeholder) until they are replaced:\n${rows.join('\n')}\n`;
}

function render(options: Pick<CliOptions, 'format' | 'color'>, result: CheckResult, cwd: string): string {
  const prefix = relative(cwd, result.contentDir).split(sep).join('/');
  const pathPrefix = prefix === '' ? '' : `${prefix}/`;
  const color = options.color ?? (process.stdout.isTTY === true && !process.env.NO_COLOR);
  return formatResult(options.format, result, {
    color,
    pathPrefix,
    version,
    rules: rules.map((rule) => ({ id: rule.id, description: rule.description, defaultSeverity: rule.defaultSeverity })),
  });
}

/** A file or folder argument (relative to the working directory, else to the vault) → its vault path. */
function toVaultPath(cwd: string, contentDir: string, path: string): string {
  const absolute = [resolve(cwd, path), resolve(contentDir, path)].find((candidate) => existsSync(candidate));
  if (absolute === undefined) throw new UsageError(`No such file or folder: ${path}`);
  const inVault = relative(contentDir, absolute);
  if (inVault.startsWith('..') || isAbsolute(inVault)) throw new UsageError(`${path} is not inside the vault ${contentDir}`);
  return inVault.split(sep).join('/');
}

try {
  process.exitCode = await run(process.argv.slice(2));
} catch (error) {
  if (error instanceof UsageError || error instanceof ConfigError || error instanceof NewDocError) {
    process.stderr.write(`shipshape: ${error.message}\n${error instanceof UsageError ? '\nRun with --help for usage.\n' : ''}`);
  } else {
    process.stderr.write(`shipshape: internal error (a bug, please report it):\n${(error as Error).stack ?? String(error)}\n`);
  }
  process.exitCode = 2;
}
