/**
 * The feature modules as the server serves them, one protocol-level test each (the modules have their own unit
 * tests), and the server's robustness: a request that fails is answered with an error, and the next one is served.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CodeActionRequest,
  CompletionRequest,
  DefinitionRequest,
  DocumentLinkRequest,
  DocumentSymbolRequest,
  HoverRequest,
  WorkspaceSymbolRequest,
  ErrorCodes,
  PrepareRenameRequest,
  ReferencesRequest,
  RenameRequest,
  ResponseError,
  WillRenameFilesRequest,
  type CompletionList,
  type TextDocumentEdit,
  type WorkspaceEdit,
} from 'vscode-languageserver-protocol/node';
import { makeTemp, removeTemp, writeFiles } from '../cli/run-cli.ts';
import { startClient, type TestClient } from './client.ts';

const timeout = 60_000;
let root: string;
let client: TestClient;

const a = '# A\n\nSee [[deployment-strategy#Rollback]] and [[dep\n';

beforeAll(async () => {
  root = makeTemp('shipshape-lsp-features-');
  writeFiles(root, {
    'shipshape.config.json': '{}',
    'content/a.md': '# A\n\nSee [[deployment-strategy#Rollback]].\n',
    'content/strategy/deployment-strategy.md': '# Deployment strategy\n\n## Rollback\n\nSteps.\n',
    'content/b.md': '# B\n\n[[deployment-strategy]]\n',
    'content/c.md': '# C\n\nSee [[deployment-stratgy]].\n',
  });
  client = await startClient(root);
  // Requests wait for the first analysis.
  client.open('content/a.md', a);
}, timeout);

afterAll(async () => {
  await client.stop();
  removeTemp(root);
});

const doc = (path: string) => ({ textDocument: { uri: client.uri(path) } });

describe('shipshape lsp features', () => {
  it('completes a wikilink target by name', async () => {
    const list = (await client.connection.sendRequest(CompletionRequest.type, { ...doc('content/a.md'), position: { line: 2, character: 47 } })) as CompletionList;
    expect(list.items.map((item) => item.label)).toContain('deployment-strategy');
  }, timeout);

  it('shows the section a link names on hover', async () => {
    const shown = await client.connection.sendRequest(HoverRequest.type, { ...doc('content/a.md'), position: { line: 2, character: 8 } });
    expect(JSON.stringify(shown?.contents)).toContain('Steps.');
  }, timeout);

  it('lists the headings of a doc, and finds docs by title', async () => {
    client.open('content/strategy/deployment-strategy.md');
    const symbols = await client.connection.sendRequest(DocumentSymbolRequest.type, doc('content/strategy/deployment-strategy.md'));
    expect(JSON.stringify(symbols)).toContain('Rollback');
    const found = await client.connection.sendRequest(WorkspaceSymbolRequest.type, { query: 'deployment' });
    expect(found?.map((symbol) => symbol.location.uri)).toContain(client.uri('content/strategy/deployment-strategy.md'));
  }, timeout);

  it('makes each resolved link a document link', async () => {
    const links = await client.connection.sendRequest(DocumentLinkRequest.type, doc('content/a.md'));
    expect(links?.map((link) => link.target?.replace(/#.*/, ''))).toEqual([client.uri('content/strategy/deployment-strategy.md')]);
  }, timeout);

  it('offers the did-you-mean of a broken link as a quick fix', async () => {
    client.open('content/c.md');
    const [broken] = await client.diagnosticsFor('content/c.md', (d) => d.length > 0);
    const actions = await client.connection.sendRequest(CodeActionRequest.type, { ...doc('content/c.md'), range: broken!.range, context: { diagnostics: [broken!] } });
    const titles = (actions ?? []).map((action) => action.title);
    expect(titles.some((title) => title.includes('deployment-strategy'))).toBe(true);
  }, timeout);

  it('goes to the heading a link names', async () => {
    const location = await client.connection.sendRequest(DefinitionRequest.type, { ...doc('content/a.md'), position: { line: 2, character: 8 } });
    expect(location).toEqual({ uri: client.uri('content/strategy/deployment-strategy.md'), range: expect.objectContaining({ start: { line: 2, character: 0 } }) });
  }, timeout);

  it('finds the links to the heading a link names', async () => {
    const locations = await client.connection.sendRequest(ReferencesRequest.type, {
      ...doc('content/a.md'),
      position: { line: 2, character: 8 },
      context: { includeDeclaration: false },
    });
    // b.md links to the doc, not to its heading.
    expect(locations).toEqual([{ uri: client.uri('content/a.md'), range: { start: { line: 2, character: 4 }, end: { line: 2, character: 36 } } }]);
  }, timeout);

  it('renames a doc: the file, and every link to it', async () => {
    const prepared = await client.connection.sendRequest(PrepareRenameRequest.type, { ...doc('content/a.md'), position: { line: 2, character: 8 } });
    expect(prepared).toMatchObject({ placeholder: 'deployment-strategy' });
    const edit = (await client.connection.sendRequest(RenameRequest.type, { ...doc('content/a.md'), position: { line: 2, character: 8 }, newName: 'rollout' })) as WorkspaceEdit;
    const changes = edit.documentChanges ?? [];
    expect(changes).toContainEqual(expect.objectContaining({ kind: 'rename', oldUri: client.uri('content/strategy/deployment-strategy.md'), newUri: client.uri('content/strategy/rollout.md') }));
    const edited = changes.filter((c): c is TextDocumentEdit => 'textDocument' in c).map((c) => c.textDocument.uri).sort();
    expect(edited).toEqual([client.uri('content/a.md'), client.uri('content/b.md')].sort());
  }, timeout);

  it('gives a file renamed in the editor its link rewrites', async () => {
    const edit = await client.connection.sendRequest(WillRenameFilesRequest.type, {
      files: [{ oldUri: client.uri('content/b.md'), newUri: client.uri('content/d.md') }],
    });
    // Nothing links to b.md: no edit to make.
    expect(edit?.documentChanges ?? []).toEqual([]);
  }, timeout);

  it('answers a request about a doc outside the vault, or at a malformed position, with an error, and keeps serving', async () => {
    const outside = client.connection.sendRequest(DefinitionRequest.type, { textDocument: { uri: 'file:///etc/hosts' }, position: { line: 0, character: 0 } });
    await expect(outside).rejects.toSatisfy((error: ResponseError<unknown>) => error.code === ErrorCodes.InvalidParams && /not inside the vault/.test(error.message));
    const malformed = client.connection.sendRequest(DefinitionRequest.type, { ...doc('content/a.md'), position: { line: -1, character: Number.NaN } });
    await expect(malformed).rejects.toSatisfy((error: ResponseError<unknown>) => error.code === ErrorCodes.InvalidParams);
    const location = await client.connection.sendRequest(DefinitionRequest.type, { ...doc('content/a.md'), position: { line: 2, character: 8 } });
    expect(location).toMatchObject({ uri: client.uri('content/strategy/deployment-strategy.md') });
  }, timeout);
});
