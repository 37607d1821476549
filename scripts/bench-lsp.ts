/**
 * The language server's engine on the bench vault (issue 14): how long `shipshape lsp` takes to be ready and to
 * re-analyse after an edit. In process, on the engine the server runs (src/lsp/workspace.ts), without the protocol
 * or the server's debounce: the cold analysis (no cache), a warm one (the check's cache), then edits of one open doc —
 * one character of prose (the doc alone changes), and a link target or a heading (the cross-file pass runs again) —
 * each followed by the analysis the server would run, timed. Prints p50/p95 per kind.
 *
 * In: `node scripts/bench-lsp.ts --docs 3000 --edits 200 [--json]`
 * Out: `cold 5.1 s; warm 0.42 s; one-character edits (100): p50 180 ms, p95 240 ms; link or heading edits (100): …`;
 * with `--json`, one JSON object of the same figures (what `npm run bench` reads).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { CompletionRequest } from 'vscode-languageserver-protocol/node';
import { openWorkspace } from '../src/lsp/workspace.ts';
import { startClient } from '../test/lsp/client.ts';
import { generateVault, writeVault } from './generate-vault.ts';

const { values } = parseArgs({ options: { docs: { type: 'string', default: '3000' }, edits: { type: 'string', default: '200' }, keep: { type: 'boolean', default: false }, json: { type: 'boolean', default: false } } });
const docs = Number(values.docs);
const edits = Number(values.edits);

const root = mkdtempSync(path.join(os.tmpdir(), 'shipshape-bench-lsp-'));
const files = generateVault({ docs, seed: 1 });
writeVault(path.join(root, 'content'), files);

const time = async <T>(run: () => Promise<T>): Promise<[T, number]> => {
  const start = performance.now();
  const result = await run();
  return [result, performance.now() - start];
};
const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
};
const ms = (value: number) => `${Math.round(value)} ms`;

const workspace = await openWorkspace({ root });
const [cold, coldMs] = await time(() => workspace.analyze());
const [, warmMs] = await time(() => workspace.analyze());
const [, settleMs] = await time(() => workspace.analyze({ settle: true }));
const memory = process.memoryUsage().rss;

// The doc edited: one that others link to by a heading, so a heading edit has cross-file effects.
const facts = cold.state.analysis.facts;
const target = facts.find((f) => f.headings.length > 1 && facts.some((other) => other.links.some((l) => l.target && f.path.endsWith(`${l.target}.md`) && l.anchor)))
  ?? facts.find((f) => f.headings.length > 1)!;
const original = files.get(target.path)!;
const heading = target.headings[1]!;
workspace.setText(target.path, original);
await workspace.analyze();

const oneChar: number[] = [];
const structural: number[] = [];
// Typing goes at the end of the doc's first line of plain prose (no link, tag, code or block id on it).
const proseLine = /^[A-Za-z][^[\]#^`|<>%]{20,}$/m.exec(original);
const at = proseLine ? proseLine.index + proseLine[0].length : original.length;
let typed = '';
let prose = original;
for (let i = 0; i < edits; i++) {
  let text: string;
  if (i % 2 === 0) {
    typed += 'abcdefghij'[i % 10];
    prose = original.slice(0, at) + typed + original.slice(at);
    text = prose;
  } else {
    // A heading renamed (its anchors elsewhere break) or a link added to a missing doc, alternately.
    text = i % 4 === 1 ? prose.replace(`# ${heading.text}`, `# ${heading.text} ${i}`) : `${prose}\n\nSee [[missing-${i}]].\n`;
  }
  workspace.setText(target.path, text);
  const [, took] = await time(() => workspace.analyze());
  (i % 2 === 0 ? oneChar : structural).push(took);
}
// What the server runs once typing pauses: the cross-file pass for every doc.
const settles: number[] = [];
for (let i = 0; i < 5; i++) {
  workspace.setText(target.path, `${prose}\n\nSee [[settle-${i}]].\n`);
  await workspace.analyze();
  settles.push((await time(() => workspace.analyze({ settle: true })))[1]);
}

const summary = (label: string, values: number[]) => `${label} (${values.length}): p50 ${ms(percentile(values, 50))}, p95 ${ms(percentile(values, 95))}`;
const spread = (values: number[]) => ({ count: values.length, p50: percentile(values, 50), p95: percentile(values, 95) });
const log = (text: string) => {
  if (!values.json) process.stdout.write(text);
};
log(
  [
    `${docs} docs, edited ${target.path} (heading "${heading.text}")`,
    `ready (cold analysis, no cache): ${ms(coldMs)}; again with nothing changed: ${ms(warmMs)} (settled ${ms(settleMs)}); rss after the first analysis ${Math.round(memory / 2 ** 20)} MB`,
    summary('one-character edits', oneChar),
    summary('heading or link edits', structural),
    summary('settle (the whole cross-file pass, once typing pauses)', settles),
    `all ${oneChar.length + structural.length} edits: p50 ${ms(percentile([...oneChar, ...structural], 50))}, p95 ${ms(percentile([...oneChar, ...structural], 95))}`,
  ].join('\n') + '\n',
);

// Through the protocol: a server process on the same vault, first from a cold cache (what to compare with a cold
// `shipshape check`: both spawn, analyse every doc and report), then from the warm cache.
rmSync(path.join(root, 'node_modules/.cache/shipshape'), { recursive: true, force: true });
const coldStart = performance.now();
const coldClient = await startClient(root);
while (coldClient.published().length === 0) await new Promise((resolve) => setTimeout(resolve, 5));
const coldReadyMs = performance.now() - coldStart;
await coldClient.stop();
const started = performance.now();
const client = await startClient(root);
const uri = `content/${target.path}`;
// Every doc's diagnostics go out in one pass once the first analysis is in: the first of them marks it.
while (client.published().length === 0) await new Promise((resolve) => setTimeout(resolve, 5));
const readyMs = performance.now() - started;
client.open(uri, original);
const published: number[] = [];
for (let i = 0; i < edits; i++) {
  // A link to a missing doc added, then taken away: each edit changes what is published.
  const added = i % 2 === 0;
  const marker = `missing-protocol-${i - (i % 2)}`;
  const start = performance.now();
  client.change(uri, added ? `${original}\n[[${marker}]]\n` : original);
  await client.diagnosticsFor(uri, (d) => d.some((x) => (typeof x.message === 'string' ? x.message : x.message.value).includes(marker)) === added, 60_000);
  published.push(performance.now() - start);
}
const completions: number[] = [];
let typing = `${original}\n[[`;
for (let i = 0; i < edits; i++) {
  typing += i % 10 === 9 ? '\n[[' : 'abcdefghi'[i % 9];
  client.change(uri, typing);
  const lines = typing.split('\n');
  const start = performance.now();
  await client.connection.sendRequest(CompletionRequest.type, { textDocument: { uri: client.uri(uri) }, position: { line: lines.length - 1, character: lines.at(-1)!.length } });
  completions.push(performance.now() - start);
}
await client.stop();
log(
  [
    `through the protocol: ready (spawn → the first diagnostics published) cold cache ${ms(coldReadyMs)}, warm cache ${ms(readyMs)}`,
    summary('edit → the edited doc\'s diagnostics published (50 ms debounce included)', published),
    summary('completion after [[ while typing', completions),
  ].join('\n') + '\n',
);
if (values.json) {
  const figures = {
    docs,
    coldMs,
    rssBytes: memory,
    oneCharacter: spread(oneChar),
    structural: spread(structural),
    settle: spread(settles),
    protocolReadyMs: readyMs,
    protocolColdReadyMs: coldReadyMs,
    published: spread(published),
    completion: spread(completions),
  };
  process.stdout.write(`${JSON.stringify(figures)}\n`);
}
if (!values.keep) rmSync(root, { recursive: true, force: true });
