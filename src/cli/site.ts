/**
 * `shipshape build`, `shipshape dev`, `shipshape preview`: the site of the vault in the working directory, through
 * Astro's API with Shipshape's integration (src/astro/run-astro.ts), so the repository needs no astro.config and no
 * src/pages, only Shipshape in its node_modules.
 * `--content` and `--config` as for check; the site goes to `--out-dir` (default `dist/`).
 * Exit codes (build): 0 written, 1 the build failed (the vault's errors at the configured threshold, a page that
 * failed), 2 bad flags or an unreadable config.
 *
 * In: `runSite('build', ['--content', 'docs'])` in /repo → /repo/dist/index.html, …
 */
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { runAstro, type AstroCommand } from '../astro/run-astro.ts';
import { loadConfig } from '../vault/config.ts';
import { parseStrict, UsageError, vaultOptions } from './args.ts';

const what: Record<AstroCommand, string> = {
  build: `Builds the vault into a static site in --out-dir (default dist/): every doc, folder and tag page, the docs
health page, search, sitemap.xml. It fails on the vault's errors (site.failOn or SHIPSHAPE_FAIL_ON: error, warning,
never; a baseline's known problems never count) and leaves the previous site in place when it fails.`,
  dev: `Serves the site for authors while they write: each page shows its doc's diagnostics, refreshed on save.`,
  preview: `Serves the built site in --out-dir (default dist/) as a static host would.`,
};

function siteUsage(command: AstroCommand): string {
  return `Usage: shipshape ${command} [options]

${what[command]}

Options:
  --content DIR     the vault (default: SHIPSHAPE_CONTENT, else config "content", else content/)
  --config FILE     config file (default: shipshape.config.json or shipshape.config.ts in the working directory)
  --out-dir DIR     the site's folder (default: dist/ in the working directory)${command === 'build' ? '' : '\n  --port N          the port to listen on\n  --host ADDR       the address to listen on (default: localhost)'}
  --verbose         also list every doc and file the build left out
  -h, --help        this help

${command === 'build' ? 'Exit codes: 0 the site is written, 1 the build failed, 2 bad flags or unreadable config.' : 'Runs until stopped (Ctrl-C). Exit code 2: bad flags or unreadable config.'}`;
}

export async function runSite(command: AstroCommand, argv: readonly string[]): Promise<number> {
  const { values, positionals } = parseStrict(argv, {
    ...vaultOptions,
    'out-dir': { type: 'string' },
    port: { type: 'string' },
    host: { type: 'string' },
    verbose: { type: 'boolean', default: false },
    help: { type: 'boolean', short: 'h', default: false },
  });
  if (values.help) {
    process.stdout.write(`${siteUsage(command)}\n`);
    return 0;
  }
  if (positionals.length > 0) throw new UsageError(`Unexpected argument: ${positionals[0]}`);
  if (command === 'build' && (values.port !== undefined || values.host !== undefined)) throw new UsageError('--port and --host are for dev and preview');
  const port = values.port === undefined ? undefined : Number(values.port);
  if (port !== undefined && !(Number.isInteger(port) && port > 0 && port < 65536)) throw new UsageError(`Invalid --port ${values.port}`);
  const cwd = process.cwd();
  // The integration reads the same variables; resolved here, against the working directory, they mean the same there.
  if (values.config !== undefined) process.env.SHIPSHAPE_CONFIG = resolve(cwd, values.config);
  if (values.content !== undefined) process.env.SHIPSHAPE_CONTENT = resolve(cwd, values.content);
  // A missing vault or an invalid config is a usage problem (exit 2), said before Astro starts.
  await loadConfig({ cwd });
  // Astro builds from the project's node_modules (its entry points, and the bundle it then runs, import from there).
  try {
    createRequire(join(cwd, 'package.json')).resolve('astro');
  } catch {
    throw new UsageError(`shipshape ${command} builds with Astro from this repository's node_modules: install Shipshape here (npm install --save-dev shipshape)`);
  }
  try {
    await runAstro(command, {
      cwd,
      outDir: resolve(cwd, values['out-dir'] ?? 'dist'),
      verbose: values.verbose!,
      ...(port === undefined ? {} : { port }),
      ...(values.host === undefined ? {} : { host: values.host }),
    });
  } catch (error) {
    // Astro has logged the failure with its context; say in one line that the command failed.
    process.stderr.write(`shipshape ${command}: ${(error as Error).message}\n`);
    return 1;
  }
  return 0;
}
