/**
 * `shipshape lsp`: the Language Server Protocol over stdio, for the vault of the workspace folder. The engine
 * (workspace.ts) analyses the vault at start and again after each change, debounced: an edit (the editor's unsaved
 * text), a closed document (back to its disk text), a file changed on disk (a `git pull`). Diagnostics are pushed
 * for every doc with problems, open or not, exactly as `shipshape check` reports them. A request that fails is
 * logged and answered with an error; the server keeps serving.
 *
 * In: `initialize { rootUri: 'file:///repo' }`, `textDocument/didOpen content/a.md "[[missing]]"`
 * Out: `textDocument/publishDiagnostics { uri: 'file:///repo/content/a.md', diagnostics: [{ code: 'broken-link', … }] }`
 */
import { fileURLToPath, pathToFileURL } from 'node:url';
import {
  createConnection,
  DidChangeWatchedFilesNotification,
  DiagnosticSeverity,
  CodeActionKind,
  ErrorCodes,
  MessageType,
  ProposedFeatures,
  ResponseError,
  ShowMessageNotification,
  TextDocuments,
  TextDocumentSyncKind,
  type Connection,
  type Diagnostic as LspDiagnostic,
  type InitializeParams,
  type InitializeResult,
  type Position,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { gitHistory, type GitHistory } from '../vault/git-history.ts';
import { readLinkHistory, type LinkHistory } from '../links/link-repair.ts';
import { addToBaselineKind, codeActions, fixAllKind } from './code-actions.ts';
import { completion } from './completion.ts';
import { definition, references } from './definition.ts';
import { documentLinks } from './document-links.ts';
import { hover } from './hover.ts';
import { warmNavigation } from './navigation.ts';
import { prepareRename, rename, renameFile } from './rename.ts';
import { documentSymbols, workspaceSymbols } from './symbols.ts';
import { repositoryUrl } from '../cli/output.ts';
import type { Diagnostic, Severity } from '../diagnostics/diagnostic.ts';
import { ConfigError } from '../vault/config.ts';
import { toRange } from './positions.ts';
import { fileUri } from './workspace-edits.ts';
import { openWorkspace, type EngineState, type Snapshot, type Workspace } from './workspace.ts';

/** Quiet time after the last edit before the vault is analysed again: typing runs one analysis, not one a key. */
const debounceMs = 50;

/** Quiet time after which the cross-file pass runs for every doc, not only those an edit can affect (workspace.ts). */
const settleMs = 1000;

const severities: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
};

/** The rules reference, one anchor per rule: what SARIF's `helpUri` points at (src/cli/output.ts). */
const rulesDocs = `${repositoryUrl()}/blob/main/docs/rules.md`;

/**
 * A Shipshape diagnostic → an LSP one. The message is the check's, word for word; `data` carries the diagnostic
 * itself (its hint, suggestions and fix) for the code actions.
 */
function toLspDiagnostic(d: Diagnostic): LspDiagnostic {
  return {
    range: toRange(d),
    severity: severities[d.severity],
    code: d.rule,
    codeDescription: { href: `${rulesDocs}#${d.rule}` },
    source: 'shipshape',
    message: d.message,
    data: d,
  };
}

/**
 * What the feature modules read: the engine's state, and the open documents' current texts (which may be newer than
 * the analysis, by a debounce).
 */
interface FeatureState extends EngineState {
  openText(path: string): string | undefined;
}

/** What a request about a position in a document gets: the engine's state, the doc's vault path and current text. */
interface DocumentRequest {
  state: FeatureState;
  path: string;
  text: string;
  position: Position;
}

export function startServer(input: NodeJS.ReadableStream = process.stdin, output: NodeJS.WritableStream = process.stdout): Connection {
  const connection = createConnection(ProposedFeatures.all, input, output);
  const documents = new TextDocuments(TextDocument);
  let workspace: Workspace | undefined;
  let root: string | undefined;
  let snapshot: Snapshot | undefined;
  let watchDynamically = false;
  /** The client's URI of each open doc, by vault path: diagnostics go to the URI the client knows the doc by. */
  const openUris = new Map<string, string>();
  /** What was last published per vault path (JSON), so an analysis sends only what changed and clears what is gone. */
  const published = new Map<string, string>();

  // Changes are numbered; an analysis publishes only when no change came while it ran (the next one will), so
  // results never arrive older than what the editor shows.
  let changes = 0;
  let timer: NodeJS.Timeout | undefined;
  let settleTimer: NodeJS.Timeout | undefined;
  let running = false;
  let again = false;
  let firstAnalysis: (() => void) | undefined;
  /** Called after each analysis: requests that need the analysis of the text they are about wait on it. */
  const analysed = new Set<() => void>();
  // Git history for the code actions (Templater dates, link repairs by rename): read once, on first need, and again
  // after files change on disk (a pull brings commits).
  let history: Promise<GitHistory> | undefined;
  let linkHistory: Promise<LinkHistory> | undefined;
  const ready = new Promise<void>((resolve) => (firstAnalysis = resolve));

  const log = (message: string) => connection.console.log(message);
  const fail = (what: string, error: unknown) => connection.console.error(`${what}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  // A promise nobody awaits that fails (a notification to a client gone, a library's) is logged: it must not end
  // the process, as Node's default for an unhandled rejection would.
  process.on('unhandledRejection', (error) => fail('Unhandled rejection', error));

  const schedule = (delay = debounceMs) => {
    changes++;
    clearTimeout(timer);
    clearTimeout(settleTimer);
    timer = setTimeout(() => void analyze(), delay);
  };

  async function analyze(settle = false): Promise<void> {
    if (!workspace) return;
    if (running) {
      again = true;
      return;
    }
    running = true;
    const seen = changes;
    try {
      const next = await workspace.analyze({ settle });
      // Fresher than what features read now, even if a change came meanwhile.
      snapshot = next;
      if (seen === changes) {
        publish(next);
        if (!settle) settleTimer = setTimeout(() => void analyze(true), settleMs);
      }
      // The navigation tables (150–200 ms on 3,000 docs), built once typing pauses rather than by the first request
      // that needs them — but not after every keystroke's analysis: that would hold up the next keystroke's.
      if (settle || firstAnalysis) {
        setImmediate(() => {
          try {
            if (snapshot === next) warmNavigation(featureState(next));
          } catch (error) {
            fail('Navigation tables', error);
          }
        });
      }
    } catch (error) {
      fail('Analysis failed', error);
    } finally {
      running = false;
      firstAnalysis?.();
      firstAnalysis = undefined;
      for (const wake of [...analysed]) wake();
      // A change that came meanwhile has its timer (or fired it while this ran: `again`).
      if (again) {
        again = false;
        void analyze();
      }
    }
  }

  function publish(next: Snapshot): void {
    const uriOf = (path: string) => openUris.get(path) ?? fileUri(workspace!.config, path);
    for (const [path, diagnostics] of next.diagnostics) {
      const lsp = diagnostics.map(toLspDiagnostic);
      const json = JSON.stringify(lsp);
      if (published.get(path) === json) continue;
      published.set(path, json);
      const document = openUris.has(path) ? documents.get(uriOf(path)) : undefined;
      void connection.sendDiagnostics({ uri: uriOf(path), diagnostics: lsp, ...(document ? { version: document.version } : {}) });
    }
    for (const path of [...published.keys()]) {
      if (next.diagnostics.has(path)) continue;
      published.delete(path);
      void connection.sendDiagnostics({ uri: uriOf(path), diagnostics: [] });
    }
  }

  /** The vault path of a document URI, or undefined for a document outside the vault (or not a file). */
  const pathOf = (uri: string): string | undefined => {
    if (!workspace || !uri.startsWith('file:')) return undefined;
    return workspace.vaultPath(fileURLToPath(uri));
  };

  async function tryOpen(): Promise<void> {
    if (!root) return;
    try {
      workspace = await openWorkspace({ root });
      log(`Shipshape: vault ${workspace.config.contentDir}`);
    } catch (error) {
      reportConfig(error);
    }
  }

  function reportConfig(error: unknown): void {
    if (!(error instanceof ConfigError)) throw error;
    // The server stays up: fixing the config (a watched file) opens the vault. A notification, not
    // `window.showErrorMessage`, which is a request whose answer (or a client's refusal) nothing waits for.
    void connection.sendNotification(ShowMessageNotification.type, { type: MessageType.Error, message: `Shipshape: ${error.message}` });
    connection.console.error(error.message);
  }

  connection.onInitialize((params: InitializeParams): InitializeResult => {
    const folder = params.workspaceFolders?.[0]?.uri ?? params.rootUri ?? (params.rootPath ? pathToFileURL(params.rootPath).href : undefined);
    root = folder?.startsWith('file:') ? fileURLToPath(folder) : process.cwd();
    watchDynamically = params.capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration === true;
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
        // `[[`, `![[`, `](` open a link, `#` a heading or a tag, `^` a block id, `/` a path; `:` a frontmatter value.
        completionProvider: { triggerCharacters: ['[', '(', '#', '^', '/', ':'] },
        hoverProvider: true,
        definitionProvider: true,
        documentSymbolProvider: true,
        workspaceSymbolProvider: true,
        documentLinkProvider: { resolveProvider: false },
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, addToBaselineKind, fixAllKind] },
        referencesProvider: true,
        renameProvider: { prepareProvider: true },
        workspace: {
          // A file renamed in the editor's explorer: the links to it follow, as with `shipshape mv`.
          fileOperations: { willRename: { filters: [{ scheme: 'file', pattern: { glob: '**/*' } }] } },
        },
      },
      serverInfo: { name: 'shipshape' },
    };
  });

  connection.onInitialized(async () => {
    if (watchDynamically) {
      // A client that refuses the registration still gets its diagnostics, but files changed outside the editor are
      // then not seen until the server starts again.
      await connection.client
        .register(DidChangeWatchedFilesNotification.type, { watchers: watchedGlobs.map((globPattern) => ({ globPattern })) })
        .catch((error: unknown) => fail('Registering the file watchers', error));
    }
    await tryOpen();
    if (workspace) {
      for (const document of documents.all()) track(document);
      schedule(0);
    } else {
      firstAnalysis?.();
    }
  });

  const track = (document: TextDocument) => {
    const path = pathOf(document.uri);
    if (path === undefined) return;
    openUris.set(path, document.uri);
    workspace!.setText(path, document.getText());
  };

  documents.onDidChangeContent(({ document }) => {
    if (!workspace || pathOf(document.uri) === undefined) return;
    track(document);
    schedule();
  });

  documents.onDidClose(({ document }) => {
    const path = pathOf(document.uri);
    if (path === undefined) return;
    openUris.delete(path);
    workspace!.setText(path, undefined);
    schedule();
  });

  connection.onDidChangeWatchedFiles(async ({ changes: events }) => {
    const files = events.filter((e) => e.uri.startsWith('file:')).map((e) => fileURLToPath(e.uri));
    if (files.length === 0) return;
    try {
      if (!workspace) {
        await tryOpen();
        if (!workspace) return;
        schedule(0);
        return;
      }
      workspace.changed(files.map((file) => workspace!.vaultPath(file)).filter((path) => path !== undefined));
      history = undefined;
      linkHistory = undefined;
      // A config, schema, property types or baseline file: everything the check reads before the files.
      if (files.some((file) => !file.endsWith('.md'))) await workspace.reload();
    } catch (error) {
      reportConfig(error);
    }
    schedule();
  });

  connection.onShutdown(() => {
    clearTimeout(timer);
    clearTimeout(settleTimer);
  });

  /**
   * A position request's context, or an error response: the document must be inside the vault and open, the
   * position a place in it. A feature module's exception becomes an error response too (`guard`).
   */
  async function documentRequest(params: { textDocument: { uri: string }; position: Position }): Promise<DocumentRequest> {
    await ready;
    if (!workspace || !snapshot) throw new ResponseError(ErrorCodes.ServerNotInitialized, 'Shipshape has no vault: see the config error');
    const path = pathOf(params.textDocument.uri);
    if (path === undefined) throw new ResponseError(ErrorCodes.InvalidParams, `${params.textDocument.uri} is not inside the vault ${workspace.config.contentDir}`);
    const document = documents.get(params.textDocument.uri);
    const text = document?.getText() ?? snapshot.texts.get(path);
    if (text === undefined) throw new ResponseError(ErrorCodes.InvalidParams, `${params.textDocument.uri} is not open`);
    const { line, character } = params.position ?? {};
    if (!Number.isInteger(line) || !Number.isInteger(character) || line < 0 || character < 0) {
      throw new ResponseError(ErrorCodes.InvalidParams, `Invalid position ${JSON.stringify(params.position)}`);
    }
    return { state: featureState(snapshot), path, text, position: params.position };
  }

  /** A whole-document request's context (symbols, links, code actions): as `documentRequest`, without a position. */
  async function wholeDocumentRequest(params: { textDocument: { uri: string } }): Promise<Omit<DocumentRequest, 'position'>> {
    return documentRequest({ ...params, position: { line: 0, character: 0 } });
  }

  /**
   * The analysis of the document's current text, for a request whose answer is built on that analysis's offsets (code
   * actions): waits for the analysis the last edit scheduled, a few at most, then answers from what there is.
   */
  async function analysisOf(path: string, text: string): Promise<Snapshot> {
    for (let i = 0; i < 5 && snapshot!.texts.get(path) !== text && workspace; i++) {
      await new Promise<void>((resolve) => {
        const wake = () => {
          analysed.delete(wake);
          clearTimeout(giveUp);
          resolve();
        };
        const giveUp = setTimeout(wake, 2000);
        analysed.add(wake);
      });
    }
    return snapshot!;
  }

  function featureState(current: Snapshot): FeatureState {
    return {
      ...current.state,
      openText: (path) => {
        const uri = openUris.get(path);
        return (uri === undefined ? undefined : documents.get(uri)?.getText()) ?? current.texts.get(path);
      },
    };
  }

  /** A handler whose exception is logged and answered as an error response, never the end of the server. */
  function guard<P, R>(name: string, handler: (params: P) => R | Promise<R>): (params: P) => Promise<R | ResponseError<never>> {
    return async (params) => {
      try {
        return await handler(params);
      } catch (error) {
        if (error instanceof ResponseError) {
          connection.console.warn(`${name}: ${error.message}`);
          return error as ResponseError<never>;
        }
        fail(name, error);
        return new ResponseError<never>(ErrorCodes.InternalError, `${name} failed: ${error instanceof Error ? error.message : String(error)}`);
      }
    };
  }
  // The feature modules (pure functions of the state and the request), each behind the guard.
  connection.onCompletion(guard('completion', async (params) => {
    const { state, path, text, position } = await documentRequest(params);
    return completion(state, path, text, position);
  }));
  connection.onHover(guard('hover', async (params) => {
    const { state, path, text, position } = await documentRequest(params);
    return hover(state, path, text, position);
  }));
  connection.onDocumentSymbol(guard('documentSymbol', async (params) => {
    const { path, text } = await wholeDocumentRequest(params);
    return documentSymbols(path, text);
  }));
  connection.onWorkspaceSymbol(guard('workspaceSymbol', async ({ query }) => {
    await ready;
    return snapshot ? workspaceSymbols(featureState(snapshot), query) : [];
  }));
  connection.onDocumentLinks(guard('documentLinks', async (params) => {
    const { state, path, text } = await wholeDocumentRequest(params);
    return documentLinks(state, path, text);
  }));
  connection.onCodeAction(guard('codeAction', async (params) => {
    const { path, text } = await wholeDocumentRequest(params);
    const current = await analysisOf(path, text);
    // The fixes are offsets into the text the analysis saw: an answer for an older text would edit the wrong places.
    const seen = current.texts.get(path);
    if (seen !== undefined && seen !== text) return [];
    const contentDir = current.state.config.contentDir;
    return codeActions(featureState(current), path, seen ?? text, { range: params.range, diagnostics: params.context.diagnostics, ...(params.context.only ? { only: params.context.only } : {}) }, {
      dates: () => (history ??= gitHistory(contentDir)),
      links: () => (linkHistory ??= readLinkHistory(contentDir, history ??= gitHistory(contentDir))),
    });
  }));
  connection.onDefinition(guard('definition', async (params) => {
    const { state, path, text, position } = await documentRequest(params);
    return definition(state, path, text, position);
  }));
  connection.onReferences(guard('references', async (params) => {
    const { state, path, text, position } = await documentRequest(params);
    return references(state, path, text, position, params.context);
  }));
  connection.onPrepareRename(guard('prepareRename', async (params) => {
    const { state, path, text, position } = await documentRequest(params);
    return prepareRename(state, path, text, position);
  }));
  connection.onRenameRequest(guard('rename', async (params) => {
    const { state, path, text, position } = await documentRequest(params);
    return rename(state, path, text, position, params.newName);
  }));
  connection.workspace.onWillRenameFiles(guard('willRenameFiles', async ({ files }) => {
    await ready;
    if (!workspace || !snapshot) return null;
    const state = featureState(snapshot);
    const documentChanges = [];
    for (const { oldUri, newUri } of files) {
      const from = pathOf(oldUri);
      const to = pathOf(newUri);
      // Files moved into or out of the vault, or outside it: no link of the vault follows them.
      if (from === undefined || to === undefined) continue;
      documentChanges.push(...((await renameFile(state, from, to)).documentChanges ?? []));
    }
    return documentChanges.length > 0 ? { documentChanges } : null;
  }));

  documents.listen(connection);
  connection.listen();
  return connection;
}

/**
 * What the check reads: the docs, the config and the JSON Schemas it names, Obsidian's property types, run data and
 * the baseline (all JSON or the run formats), attachments (a link to a new image resolves) and `.base` files (the
 * `bases` rule reads them).
 */
const watchedGlobs = ['**/*.md', '**/*.json', '**/shipshape.config.ts', '**/runs/**', '**/incidents/**', '**/*.{png,jpg,jpeg,gif,svg,webp,avif,pdf,mp4,webm,mp3,canvas,base}'];
