/**
 * `shipshape lsp`: starts the language server (src/lsp/server.ts) on stdin/stdout, for the editor that spawned it.
 * The vault is the workspace folder's, found as `check` finds it from its working directory.
 *
 * In: `['--stdio']` (the default transport, accepted because editors pass it) → serves until the editor exits it
 */
import { UsageError } from './args.ts';

const usage = `Usage: shipshape lsp [--stdio]

Speaks the Language Server Protocol over stdin and stdout for the vault of the editor's workspace folder
(its shipshape.config.json, as shipshape check finds it): diagnostics as you type, identical to shipshape check's.
Editors start it; see docs/commands.md for Neovim, Helix and VS Code.

Options:
  --stdio     talk over stdin and stdout (the default and only transport)
  -h, --help  show this help`;

export async function runLsp(argv: readonly string[]): Promise<number> {
  for (const arg of argv) {
    if (arg === '--help' || arg === '-h') {
      process.stdout.write(`${usage}\n`);
      return 0;
    }
    if (arg !== '--stdio') throw new UsageError(`Unknown option for shipshape lsp: ${arg}`);
  }
  const { startServer } = await import('../lsp/server.ts');
  const connection = startServer();
  // Served until the client sends `exit` (the library then ends the process) or closes the stream.
  await new Promise<void>((resolve) => connection.onExit(resolve));
  return 0;
}
