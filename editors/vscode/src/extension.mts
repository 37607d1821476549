/**
 * The VS Code extension: a language client only. It starts `shipshape lsp --stdio` in the first workspace folder (the
 * server finds the vault from its working directory, as `shipshape check` does) and lets it serve the folder's
 * Markdown files; everything else — diagnostics, completion, rename, quick fixes — is the server's.
 *
 * In: a workspace folder with a vault → the server's diagnostics on its Markdown files, its log in "Shipshape"
 */
import { existsSync } from 'node:fs';
import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { serverCommand } from './server-command.mts';

let client: LanguageClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  context.subscriptions.push(
    vscode.commands.registerCommand('shipshape.restartServer', restart),
    vscode.workspace.onDidChangeConfiguration(async (event) => {
      if (event.affectsConfiguration('shipshape.path')) await restart();
    }),
    vscode.workspace.onDidChangeWorkspaceFolders(async () => {
      if (!client) await start();
    }),
  );
  await start();
}

export async function deactivate(): Promise<void> {
  await stop();
}

async function start(): Promise<void> {
  // One server per window, for the first folder: the server serves one vault, found from its working directory.
  const folder = vscode.workspace.workspaceFolders?.find((candidate) => candidate.uri.scheme === 'file');
  if (!folder) return;
  const setting = vscode.workspace.getConfiguration('shipshape', folder).get<string>('path', '');
  const { command, shell } = serverCommand({ setting, folder: folder.uri.fsPath, platform: process.platform, exists: existsSync });
  // TransportKind.stdio appends `--stdio` to the arguments.
  const executable = { command, args: ['lsp'], transport: TransportKind.stdio, options: { cwd: folder.uri.fsPath, shell } };
  const serverOptions: ServerOptions = { run: executable, debug: executable };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [{ scheme: 'file', language: 'markdown' }],
    workspaceFolder: folder,
    synchronize: {
      configurationSection: 'shipshape',
      // The server registers its own watchers for its config, schemas and baseline; Markdown changes made outside
      // the editor (a git pull) reach it from here too, for clients that refuse registration.
      fileEvents: vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(folder, '**/*.md')),
    },
  };
  // The id `shipshape` makes the client read `shipshape.trace.server`.
  const starting = new LanguageClient('shipshape', 'Shipshape', serverOptions, clientOptions);
  try {
    await starting.start();
    client = starting;
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    const choice = await vscode.window.showErrorMessage(
      `Shipshape: could not start \`${command} lsp --stdio\` in ${folder.name} (${reason}). Install shipshape in the workspace (npm install --save-dev shipshape) or set shipshape.path.`,
      'Open Settings',
    );
    if (choice) await vscode.commands.executeCommand('workbench.action.openSettings', 'shipshape.path');
  }
}

async function stop(): Promise<void> {
  const running = client;
  client = undefined;
  await running?.stop();
}

async function restart(): Promise<void> {
  await stop();
  await start();
}
