/**
 * The dispatcher: `shipshape <command> [options]` → the command's module (commands.ts) → exit code. The only module
 * that sets the exit code for failures: 0 done (no errors), 1 errors found (or no-go, or a failed build), 2 the
 * command could not run (bad flag, missing folder, invalid config), with one line saying why.
 * A first argument that is not a command is check's: `shipshape content/a.md`, `shipshape --format json`.
 *
 * In: `['metrics', '--format', 'json']` → metrics.ts; `['--help']` → the commands, one line each, and check's options
 */
import { ConfigError } from '../vault/config.ts';
import { usage, UsageError } from './args.ts';
import { commands } from './commands.ts';
import { NewDocError } from './new-doc.ts';

const width = Math.max(...commands.map((command) => command.name.length));

/** `shipshape --help`: every command with its line, then the default command's options. */
const mainUsage = `Usage: shipshape [check] [options] [files...]
       shipshape <command> [options]

Commands:
${commands.map((command) => `  ${command.name.padEnd(width)}  ${command.summary}`).join('\n')}

Run shipshape <command> --help for a command's options. Those of check, the default command:
${usage.slice(usage.indexOf('\n') + 1)}`;

async function run(argv: readonly string[]): Promise<number> {
  const [first, ...rest] = argv;
  const command = commands.find((candidate) => candidate.name === first);
  if (command) return runCommand(command.name, () => command.run(rest));
  if (first === '--help' || first === '-h') {
    process.stdout.write(`${mainUsage}\n`);
    return 0;
  }
  return runCommand('check', () => commands[0]!.run(argv));
}

async function runCommand(name: string, run: () => Promise<number>): Promise<number> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof UsageError || error instanceof ConfigError || error instanceof NewDocError) {
      process.stderr.write(`shipshape: ${error.message}\n${error instanceof UsageError ? `\nRun with --help for usage (shipshape ${name} --help).\n` : ''}`);
    } else {
      process.stderr.write(`shipshape: internal error (a bug, please report it):\n${(error as Error).stack ?? String(error)}\n`);
    }
    return 2;
  }
}

process.exitCode = await run(process.argv.slice(2));
