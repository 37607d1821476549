/**
 * argv → options of `shipshape check` and of `shipshape new`, and the flags every command shares. Unknown flags and bad values are usage errors (exit 2),
 * never guesses.
 *
 * In: `['--format', 'json', 'content/runbooks/a.md']` → `{ format: 'json', paths: ['content/runbooks/a.md'], … }`
 */
import { parseArgs, type ParseArgsOptionsConfig } from 'node:util';
import { formatNames, isFormatName, type FormatName } from '../diagnostics/format.ts';

export interface CliOptions {
  content?: string;
  config?: string;
  format: FormatName;
  fix: boolean;
  fixDryRun: boolean;
  cache: boolean;
  cacheDir?: string;
  color?: boolean;
  quiet: boolean;
  /** `--baseline FILE`; `false` with `--no-baseline`; undefined: the config's. */
  baseline?: string | false;
  /** `--baseline-write` (record today's problems) or `--baseline-prune` (drop the fixed ones). */
  baselineAction?: 'write' | 'prune';
  /** `--force`: let `--baseline-write` replace an existing baseline. */
  force: boolean;
  help: boolean;
  version: boolean;
  paths: string[];
}

export class UsageError extends Error {
  override name = 'UsageError';
}

export const usage = `Usage: shipshape check [options] [files...]

Checks an Obsidian-style vault: frontmatter, links, anchors, diagrams, code blocks, template leftovers, encoding.
Files or folders given as arguments (relative to the working directory, else to the vault) are reported alone,
checked against the whole vault. check is the default command: shipshape [options] [files...] is the same;
a folder named like a command (new, build…) is checked as ./new.

Options:
  --content DIR     the vault (default: SHIPSHAPE_CONTENT, else config "content", else content/)
  --config FILE     config file (default: shipshape.config.json or shipshape.config.ts in the working directory)
  --format NAME     ${formatNames.join(' | ')} (default: stylish)
  --fix             apply safe fixes (Templater dates from git, mojibake, BOM, links whose target is certain), atomically
  --fix-dry-run     print the fixes as a diff, with each link repair's reason; change nothing
  --no-cache        do not read or write the result cache
  --cache-dir DIR   cache folder (default: node_modules/.cache/shipshape)
  --color, --no-color   force colours on or off (default: on for a terminal, off with NO_COLOR)
  --quiet           report errors only
  --baseline FILE   the baseline (default: config "baseline", else shipshape-baseline.json): its known problems
                    are reported as such and fail nothing; exit 1 only for new errors
  --no-baseline     ignore the baseline
  --baseline-write  record today's problems as the baseline (of the files given, if any); --force replaces one
  --baseline-prune  drop the baseline's fixed problems; never adds one
  -h, --help        this help
  -v, --version     Shipshape's version

Exit codes: 0 no errors (warnings allowed), 1 errors found, 2 the check could not run.`;

/** Every command reads a vault: `--content DIR` and `--config FILE`. */
export const vaultOptions = { content: { type: 'string' }, config: { type: 'string' } } as const satisfies ParseArgsOptionsConfig;

/**
 * A subcommand's flags, or its exit code: a usage error is printed with the usage (2), `--help` prints the usage (0).
 * In: `parseCommand('metrics', metricsUsage, () => parse(argv), out, err)` → the options, or `2` after printing why.
 */
export function parseCommand<T extends { help: boolean }>(
  command: string,
  usage: string,
  parse: () => T,
  out: (text: string) => void,
  err: (text: string) => void,
): Exclude<T, { help: true }> | number {
  let options: T;
  try {
    options = parse();
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    err(`shipshape ${command}: ${error.message}\n\n${usage}\n`);
    return 2;
  }
  if (!options.help) return options as Exclude<T, { help: true }>;
  out(`${usage}\n`);
  return 0;
}

/** `parseArgs` with positionals, unknown flags refused as a usage error. */
export function parseStrict<T extends ParseArgsOptionsConfig>(argv: readonly string[], options: T) {
  try {
    return parseArgs({ args: [...argv], allowPositionals: true, strict: true, options });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

export function parseCliArgs(argv: readonly string[]): CliOptions {
  const parsed = parseStrict(argv, {
    ...vaultOptions,
    format: { type: 'string', short: 'f', default: 'stylish' },
    fix: { type: 'boolean', default: false },
    'fix-dry-run': { type: 'boolean', default: false },
    cache: { type: 'boolean', default: true },
    'no-cache': { type: 'boolean', default: false },
    'cache-dir': { type: 'string' },
    color: { type: 'boolean' },
    'no-color': { type: 'boolean' },
    quiet: { type: 'boolean', short: 'q', default: false },
    baseline: { type: 'string' },
    'no-baseline': { type: 'boolean', default: false },
    'baseline-write': { type: 'boolean', default: false },
    'baseline-prune': { type: 'boolean', default: false },
    force: { type: 'boolean', default: false },
    help: { type: 'boolean', short: 'h', default: false },
    version: { type: 'boolean', short: 'v', default: false },
  });
  const { values, positionals } = parsed;
  const format = values.format!;
  const baselineAction = values['baseline-write'] ? 'write' : values['baseline-prune'] ? 'prune' : undefined;
  if (values['baseline-write'] && values['baseline-prune']) throw new UsageError('--baseline-write and --baseline-prune exclude each other');
  if (values['no-baseline'] && (values.baseline !== undefined || baselineAction)) throw new UsageError('--no-baseline excludes --baseline, --baseline-write and --baseline-prune');
  if (values.force && baselineAction !== 'write') throw new UsageError('--force goes with --baseline-write (it replaces an existing baseline)');
  if (baselineAction && values['fix-dry-run']) throw new UsageError(`--baseline-${baselineAction} writes the baseline; --fix-dry-run changes nothing`);
  if (!isFormatName(format)) throw new UsageError(`Unknown format "${format}", expected one of: ${formatNames.join(', ')}`);
  if (values.fix && values['fix-dry-run']) throw new UsageError('--fix and --fix-dry-run exclude each other');
  const color = values['no-color'] ? false : values.color;
  return {
    ...(values.content === undefined ? {} : { content: values.content }),
    ...(values.config === undefined ? {} : { config: values.config }),
    format,
    fix: values.fix!,
    fixDryRun: values['fix-dry-run']!,
    cache: values.cache! && !values['no-cache'],
    ...(values['cache-dir'] === undefined ? {} : { cacheDir: values['cache-dir'] }),
    ...(color === undefined ? {} : { color }),
    quiet: values.quiet!,
    ...(values['no-baseline'] ? { baseline: false as const } : values.baseline === undefined ? {} : { baseline: values.baseline }),
    ...(baselineAction ? { baselineAction } : {}),
    force: values.force!,
    help: values.help!,
    version: values.version!,
    paths: positionals,
  };
}

/** Options of `shipshape new`. */
export interface NewOptions {
  /** A template's name or type; undefined only with `--help`. */
  type?: string;
  /** The words after the type, joined: quotes are optional. */
  title?: string;
  content?: string;
  config?: string;
  dir?: string;
  /** `--date`: the time of creation, local; default now. */
  date?: Date;
  dryRun: boolean;
  help: boolean;
}

export const newUsage = `Usage: shipshape new <type> "Title" [options]

Creates a doc from the vault's template for <type>: a template's file name (runbook.md, runbook-template.md,
Runbook Template.md) or the type: in its frontmatter. Templater's title and date commands are filled in
(tp.file.title, tp.date.now with formats and offsets, tp.date.today/tomorrow/yesterday, tp.file.creation_date,
tp.file.last_modified_date), as are an empty title:, created: and updated:. Commands that need Obsidian
(tp.system.prompt, <%* … %>) are left and listed; the check then reports them until they are replaced.
The doc goes to --dir, else the config's "folders", else the folder holding most docs of that type, else the
vault's root; its file name follows the folder's style (kebab-case or the title as typed). An existing file is
never overwritten. The new doc is then checked, so what is still to fill in shows at once.

Options:
  --dir FOLDER        the folder, relative to the vault (made if missing)
  --date YYYY-MM-DD   the date of creation (default: now); YYYY-MM-DDTHH:mm also sets the time
  --dry-run           print the doc, write nothing
  --content DIR       the vault (default: SHIPSHAPE_CONTENT, else config "content", else content/)
  --config FILE       config file (default: shipshape.config.json or shipshape.config.ts in the working directory)
  -h, --help          this help

Exit codes: 0 created (even if the check has warnings or errors to fill in), 2 nothing created.`;

/** `2026-03-02`, `2026-03-02T14:30`, `2026-03-02 14:30:15` → that local time; anything else is a usage error. */
function parseDate(value: string): Date {
  const match = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}))?)?$/.exec(value.trim());
  const [y, mo, d, h, mi, s] = (match?.slice(1) ?? []).map((part) => Number(part ?? 0));
  const date = match ? new Date(y!, mo! - 1, d!, h, mi, s) : undefined;
  if (!date || date.getFullYear() !== y || date.getMonth() !== mo! - 1 || date.getDate() !== d || date.getHours() !== h || date.getMinutes() !== mi) {
    throw new UsageError(`Invalid --date "${value}", expected YYYY-MM-DD or YYYY-MM-DDTHH:mm`);
  }
  return date;
}

export function parseNewArgs(argv: readonly string[]): NewOptions {
  const parsed = parseStrict(argv, {
    ...vaultOptions,
    dir: { type: 'string' },
    date: { type: 'string' },
    'dry-run': { type: 'boolean', default: false },
    help: { type: 'boolean', short: 'h', default: false },
  });
  const { values, positionals } = parsed;
  const [type, ...words] = positionals;
  const title = words.join(' ').trim();
  if (!values.help && (type === undefined || title === '')) throw new UsageError('Expected a type and a title: shipshape new <type> "Title"');
  return {
    ...(type === undefined ? {} : { type }),
    ...(title === '' ? {} : { title }),
    ...(values.content === undefined ? {} : { content: values.content }),
    ...(values.config === undefined ? {} : { config: values.config }),
    ...(values.dir === undefined ? {} : { dir: values.dir }),
    ...(values.date === undefined ? {} : { date: parseDate(values.date) }),
    dryRun: values['dry-run']!,
    help: values.help!,
  };
}
