/**
 * argv → options of `shipshape check`. Unknown flags and bad values are usage errors (exit 2), never guesses.
 *
 * In: `['--format', 'json', 'content/runbooks/a.md']` → `{ format: 'json', paths: ['content/runbooks/a.md'], … }`
 */
import { parseArgs } from 'node:util';
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
  help: boolean;
  version: boolean;
  paths: string[];
}

export class UsageError extends Error {
  override name = 'UsageError';
}

export const usage = `Usage: npm run check -- [options] [files...]

Checks an Obsidian-style vault: frontmatter, links, anchors, diagrams, code blocks, template leftovers, encoding.
Files or folders given as arguments (relative to the working directory, else to the vault) are reported alone,
checked against the whole vault.

Options:
  --content DIR     the vault (default: SHIPSHAPE_CONTENT, else config "content", else content/)
  --config FILE     config file (default: shipshape.config.json or shipshape.config.ts in the working directory)
  --format NAME     ${formatNames.join(' | ')} (default: stylish)
  --fix             apply safe fixes (Templater dates from git, mojibake, BOM), atomically
  --fix-dry-run     print the fixes as a diff, change nothing
  --no-cache        do not read or write the result cache
  --cache-dir DIR   cache folder (default: node_modules/.cache/shipshape)
  --color, --no-color   force colours on or off (default: on for a terminal, off with NO_COLOR)
  --quiet           report errors only
  -h, --help        this help
  -v, --version     Shipshape's version

Exit codes: 0 no errors (warnings allowed), 1 errors found, 2 the check could not run.`;

export function parseCliArgs(argv: readonly string[]): CliOptions {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      strict: true,
      options: {
        content: { type: 'string' },
        config: { type: 'string' },
        format: { type: 'string', short: 'f', default: 'stylish' },
        fix: { type: 'boolean', default: false },
        'fix-dry-run': { type: 'boolean', default: false },
        cache: { type: 'boolean', default: true },
        'no-cache': { type: 'boolean', default: false },
        'cache-dir': { type: 'string' },
        color: { type: 'boolean' },
        'no-color': { type: 'boolean' },
        quiet: { type: 'boolean', short: 'q', default: false },
        help: { type: 'boolean', short: 'h', default: false },
        version: { type: 'boolean', short: 'v', default: false },
      },
    });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const { values, positionals } = parsed;
  const format = values.format!;
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
    help: values.help!,
    version: values.version!,
    paths: positionals,
  };
}
