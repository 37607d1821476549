/**
 * A language client for protocol-level tests: spawns `node src/cli/bin.mjs lsp --stdio` in a workspace folder and
 * talks to it with vscode-languageserver-protocol's own connection, as an editor would. Diagnostics are collected
 * per URI as they arrive; `diagnosticsFor` waits until a predicate holds.
 *
 * In: `const client = await startClient(vaultRoot); await client.open('content/a.md'); await client.diagnosticsFor('content/a.md', (d) => d.length > 0)`
 * Out: `[{ code: 'broken-link', range: …, message: 'Unresolved wikilink [[x]]', source: 'shipshape' }]`
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  createProtocolConnection,
  DidChangeTextDocumentNotification,
  DidChangeWatchedFilesNotification,
  DidCloseTextDocumentNotification,
  DidOpenTextDocumentNotification,
  ExitNotification,
  InitializedNotification,
  InitializeRequest,
  PublishDiagnosticsNotification,
  RegistrationRequest,
  ShutdownRequest,
  StreamMessageReader,
  StreamMessageWriter,
  type Diagnostic,
  type FileEvent,
  type InitializeResult,
  type ProtocolConnection,
  type Registration,
} from 'vscode-languageserver-protocol/node';
import { cliPath, repoRoot } from '../cli/run-cli.ts';

export interface TestClient {
  connection: ProtocolConnection;
  child: ChildProcess;
  initialize: InitializeResult;
  /** What the server registered dynamically (file watchers). */
  registrations: Registration[];
  /** Everything the server logged (window/logMessage), for failing tests to show. */
  logs: string[];
  uri(path: string): string;
  /** Opens a file of the workspace (relative path) with its disk text, or `text`. */
  open(path: string, text?: string): void;
  /** Replaces the whole text of an open document. */
  change(path: string, text: string): void;
  close(path: string): void;
  watched(changes: FileEvent[]): void;
  /** The latest diagnostics for a file once `until` holds for them (default: any were published). */
  diagnosticsFor(path: string, until?: (diagnostics: Diagnostic[]) => boolean, timeoutMs?: number): Promise<Diagnostic[]>;
  /** The files (relative paths) diagnostics were published for, empty lists included. */
  published(): string[];
  /** Shutdown, exit, and the server's exit code. */
  stop(): Promise<number | null>;
}

export async function startClient(root: string, options: { watchDynamically?: boolean } = {}): Promise<TestClient> {
  const child = spawn(process.execPath, ['--disable-warning=ExperimentalWarning', cliPath, 'lsp', '--stdio'], {
    cwd: repoRoot,
    env: { ...process.env, NO_COLOR: '1' },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stderr = '';
  // SHIPSHAPE_LSP_STDERR=1 shows what the server writes to stderr, when a test or the bench needs to see it.
  if (process.env.SHIPSHAPE_LSP_STDERR) child.stderr!.pipe(process.stderr);
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const connection = createProtocolConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
  const uri = (path: string) => pathToFileURL(join(root, path)).href;
  const latest = new Map<string, Diagnostic[]>();
  const waiters = new Set<() => void>();
  const logs: string[] = [];
  const registrations: Registration[] = [];
  const versions = new Map<string, number>();
  connection.onNotification(PublishDiagnosticsNotification.type, ({ uri: target, diagnostics }) => {
    latest.set(target, diagnostics);
    for (const wake of waiters) wake();
  });
  connection.onNotification('window/logMessage', ({ message }: { message: string }) => {
    logs.push(message);
  });
  connection.onNotification('window/showMessage', ({ message }: { message: string }) => {
    logs.push(message);
  });
  connection.onRequest(RegistrationRequest.type, ({ registrations: added }) => {
    registrations.push(...added);
  });
  connection.listen();

  const initialize = await connection.sendRequest(InitializeRequest.type, {
    processId: process.pid,
    rootUri: pathToFileURL(root).href,
    workspaceFolders: [{ uri: pathToFileURL(root).href, name: 'vault' }],
    capabilities: {
      workspace: { didChangeWatchedFiles: { dynamicRegistration: options.watchDynamically ?? true } },
      textDocument: { publishDiagnostics: { versionSupport: true, codeDescriptionSupport: true, dataSupport: true } },
    },
  });
  await connection.sendNotification(InitializedNotification.type, {});

  return {
    connection,
    child,
    initialize,
    registrations,
    logs,
    uri,
    open(path, text) {
      versions.set(path, 1);
      void connection.sendNotification(DidOpenTextDocumentNotification.type, {
        textDocument: { uri: uri(path), languageId: 'markdown', version: 1, text: text ?? readFileSync(join(root, path), 'utf8') },
      });
    },
    change(path, text) {
      const version = (versions.get(path) ?? 1) + 1;
      versions.set(path, version);
      void connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri: uri(path), version }, contentChanges: [{ text }] });
    },
    close(path) {
      void connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri: uri(path) } });
    },
    watched(changes) {
      void connection.sendNotification(DidChangeWatchedFilesNotification.type, { changes });
    },
    diagnosticsFor(path, until = () => true, timeoutMs = 20_000) {
      const target = uri(path);
      return new Promise((resolve, reject) => {
        const check = () => {
          const diagnostics = latest.get(target);
          if (diagnostics && until(diagnostics)) {
            waiters.delete(check);
            clearTimeout(timer);
            resolve(diagnostics);
          }
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`No matching diagnostics for ${path} in ${timeoutMs} ms; last: ${JSON.stringify(latest.get(target))}\nlog:\n${logs.join('\n')}\nstderr:\n${stderr}`));
        }, timeoutMs);
        waiters.add(check);
        check();
      });
    },
    published() {
      const prefix = pathToFileURL(root).href + '/';
      return [...latest.keys()].filter((target) => target.startsWith(prefix)).map((target) => decodeURIComponent(target.slice(prefix.length)));
    },
    async stop() {
      const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
      await connection.sendRequest(ShutdownRequest.type);
      await connection.sendNotification(ExitNotification.type);
      const code = await exited;
      connection.dispose();
      return code;
    },
  };
}
