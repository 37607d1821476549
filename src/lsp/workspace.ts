/**
 * The language server's engine: one vault, its config as `shipshape check` finds it, the texts the editor holds
 * unsaved, and the latest analysis of all of it. The first analysis is `analyzeVault` with the open documents as its
 * overlay, so it shares the check's result cache and its diagnostics are the check's. After that, an edit of an open
 * doc is analysed in memory: that doc alone is parsed and its file rules run (`analyzeFile`, what the check runs per
 * file), and the cross-file pass (`crossFilePass`, the check's) runs again only when the doc's facts — links,
 * headings, aliases, block ids, frontmatter — changed, and then resolves the links of the docs the edit can affect;
 * an edit of prose reuses the last cross-file diagnostics. A doc closed unsaved is analysed the same way, from its
 * bytes on disk. Files changed on disk or a new config make the next analysis a whole one (the cache makes it cheap).
 * The baseline, when there is one, is matched as `check` matches it, and known problems are hidden, as the stylish
 * format hides them.
 *
 * In: `const ws = await openWorkspace('/repo'); ws.setText('a.md', '[[missing]]'); await ws.analyze()`
 * Out: `{ state: { analysis, config }, diagnostics: Map { 'a.md' => [{ rule: 'broken-link', … }] } }`
 */
import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { readBaseline, type BaselineEntry } from '../baseline/baseline-file.ts';
import { matchBaseline, type ReadText } from '../baseline/match-baseline.ts';
import { compareDiagnostics, type Diagnostic } from '../diagnostics/diagnostic.ts';
import type { DocFacts } from '../markdown/types.ts';
import { analyzeFile } from '../pipeline/analyze-file.ts';
import { analyzeVault, crossFilePass, type VaultAnalysis } from '../pipeline/check-vault.ts';
import { rules } from '../rules/index.ts';
import type { ResolvedConfig } from '../vault/config-types.ts';
import { loadConfig } from '../vault/config.ts';
import { foldName, stem, vaultPathOf } from '../vault/vault-path.ts';

/** What every feature module reads: the latest analysis and the config it ran with. */
export interface EngineState {
  analysis: VaultAnalysis;
  config: ResolvedConfig;
}

/** One analysis: the state, and the diagnostics to show per vault path (known problems of a baseline left out). */
export interface Snapshot {
  state: EngineState;
  diagnostics: Map<string, Diagnostic[]>;
  /** The open documents' texts this analysis saw. */
  texts: ReadonlyMap<string, string>;
}

export interface WorkspaceOptions {
  /** The workspace folder: where the config is looked for, as `check` looks for it from its working directory. */
  root: string;
  /** The check's result cache folder; `false` for none. Default: `node_modules/.cache/shipshape` under the config's root. */
  cacheDir?: string | false;
  /** Evaluation time for time-dependent rules (tests). */
  now?: Date;
}

export interface Workspace {
  readonly root: string;
  readonly config: ResolvedConfig;
  /** The vault path of an absolute file path, or undefined when it is not inside the vault. */
  vaultPath(file: string): string | undefined;
  /** The editor's text of a doc (it is open), or undefined (read from disk). */
  setText(path: string, text: string | undefined): void;
  /** Files changed on disk (a `git pull`): forgets what was read of them, and the next analysis is a whole one. */
  changed(paths: readonly string[]): void;
  /** Reads the config and the baseline again (a watched config, schema or baseline file changed). */
  reload(): Promise<void>;
  /**
   * Analyses the vault with the open texts as they are now. After an edit the cross-file pass runs for the docs the
   * edit can affect; `settle` runs it for all (what the server does once typing pauses), so that whatever that choice
   * misses — a did-you-mean elsewhere that names an alias just added — shows then.
   */
  analyze(options?: { settle?: boolean }): Promise<Snapshot>;
}

export async function openWorkspace(options: WorkspaceOptions): Promise<Workspace> {
  const { root } = options;
  let config = await loadConfig({ cwd: root });
  let baseline = await readBaseline(config.baseline, relative(root, config.baseline) || config.baseline);
  const open = new Map<string, string>();
  // Disk texts the baseline matching read: a vault of many known problems is not read again on every keystroke.
  const disk = new Map<string, string | undefined>();
  let last: Analysed | undefined;
  // Bumped by whatever makes the next analysis a whole one, so an analysis running meanwhile is not built upon.
  let invalidations = 0;
  const invalidate = () => {
    last = undefined;
    invalidations++;
  };
  const now = () => options.now ?? new Date();

  // A document is a file in the vault; the vault's own folder is none.
  const vaultPath = (file: string): string | undefined => vaultPathOf(config.contentDir, file) || undefined;

  return {
    root,
    get config() {
      return config;
    },
    vaultPath,
    setText(path, text) {
      if (text === undefined) open.delete(path);
      else open.set(path, text);
    },
    changed(paths) {
      for (const path of paths) disk.delete(path);
      invalidate();
    },
    async reload() {
      config = await loadConfig({ cwd: root });
      baseline = await readBaseline(config.baseline, relative(root, config.baseline) || config.baseline);
      disk.clear();
      invalidate();
    },
    async analyze({ settle = false } = {}) {
      const texts = new Map(open);
      const used = config;
      const seen = invalidations;
      if (last?.config === used) last = await reanalyze(last, texts, now(), settle);
      if (last?.config !== used) {
        const analysis = await analyzeVault({
          config: used,
          facts: true,
          overlay: texts,
          cacheDir: options.cacheDir ?? join(used.root, 'node_modules/.cache/shipshape'),
          now: now(),
        });
        last = split(analysis, used, texts);
      }
      const analysis = last.analysis;
      if (seen !== invalidations) last = undefined;
      const readText = (file: string) => {
        const text = texts.get(file);
        if (text !== undefined) return text;
        if (!disk.has(file)) disk.set(file, readOrUndefined(join(used.contentDir, file)));
        return disk.get(file);
      };
      return { state: { analysis, config: used }, diagnostics: visibleByFile(analysis.result.diagnostics, baseline, readText), texts };
    },
  };
}

/** An analysis, with what an edit's analysis reuses of it. */
interface Analysed {
  analysis: VaultAnalysis;
  config: ResolvedConfig;
  /** The texts of the open docs it saw. */
  texts: ReadonlyMap<string, string>;
  /** Each doc's own diagnostics (its file rules'), by path. */
  fileDiagnostics: Map<string, Diagnostic[]>;
  /** The cross-file pass's. */
  vaultDiagnostics: Diagnostic[];
  /** The cross-file pass ran for some docs only since the last whole pass. */
  scoped: boolean;
}

const vaultRuleIds = new Set(rules.filter((rule) => rule.scope === 'vault').map((rule) => rule.id));

/** A whole analysis → its diagnostics told apart: the file rules' per doc, and the cross-file pass's. */
function split(analysis: VaultAnalysis, config: ResolvedConfig, texts: ReadonlyMap<string, string>): Analysed {
  const fileDiagnostics = new Map<string, Diagnostic[]>();
  const vaultDiagnostics: Diagnostic[] = [];
  for (const d of analysis.result.diagnostics) {
    if (vaultRuleIds.has(d.rule)) vaultDiagnostics.push(d);
    else {
      const list = fileDiagnostics.get(d.file);
      if (list) list.push(d);
      else fileDiagnostics.set(d.file, [d]);
    }
  }
  return { analysis, config, texts, fileDiagnostics, vaultDiagnostics, scoped: false };
}

/**
 * The open docs whose text changed since `previous`, analysed again alone; the cross-file pass again only when one's
 * facts changed. What the check would say of the same texts, without reading the vault again.
 */
async function reanalyze(previous: Analysed, texts: ReadonlyMap<string, string>, now: Date, settle: boolean): Promise<Analysed | undefined> {
  const { analysis, config } = previous;
  const edited: Array<[string, Uint8Array]> = [...texts].filter(([path, text]) => previous.texts.get(path) !== text).map(([path, text]) => [path, new TextEncoder().encode(text)]);
  // A doc closed unsaved is back to its bytes on disk; gone from the disk, the vault needs a whole analysis.
  for (const path of previous.texts.keys()) {
    if (texts.has(path)) continue;
    try {
      edited.push([path, readFileSync(join(config.contentDir, path))]);
    } catch {
      return undefined;
    }
  }
  const position = new Map(analysis.facts.map((facts, i) => [facts.path, i]));
  const facts = [...analysis.facts];
  const fileDiagnostics = new Map(previous.fileDiagnostics);
  // The docs whose cross-file results an edit can change: the edited docs, and — when what an edited doc offers others
  // changed, not only its own links — every doc with a link that may reach it (by its name or an alias, before or
  // after the edit), and the docs with checklists if it has one.
  const reached = new Set<string>();
  const changedDocs = new Set<string>();
  let withChecklists = false;
  for (const [path, bytes] of edited) {
    const i = position.get(path);
    // A doc the vault scan did not list (an ignored file, or new and unsaved) is no part of the check.
    if (i === undefined) continue;
    const result = await analyzeFile({ path, bytes, isTemplate: facts[i]!.isTemplate }, config, 'check');
    fileDiagnostics.set(path, result.diagnostics);
    if (!sameFacts(facts[i]!, result.facts)) {
      changedDocs.add(path);
      // Only its own links moved or changed (text typed above them): what links elsewhere reach is as it was.
      if (offered(facts[i]!) !== offered(result.facts)) {
        for (const name of [stem(path), ...facts[i]!.aliases, ...result.facts.aliases]) reached.add(foldName(name));
        // A checklist id is unique in the vault: another doc's "duplicate" names this one's place.
        if (facts[i]!.checklists?.length || result.facts.checklists?.length) withChecklists = true;
      }
    }
    facts[i] = result.facts;
  }
  let vaultDiagnostics = previous.vaultDiagnostics;
  if (settle && (previous.scoped || changedDocs.size > 0)) {
    vaultDiagnostics = crossFilePass(config, facts, analysis.attachments, analysis.scanProblems, analysis.runs!, now, undefined, undefined);
  } else if (changedDocs.size > 0) {
    // The link rules resolve only the affected docs' links (the pass's `reportsFor`, as a pre-commit check of some
    // files runs it): resolving every link of a large vault, with its did-you-mean, is most of the pass.
    const affected = new Set(changedDocs);
    for (const doc of facts) {
      if (doc.links.some((link) => link.target !== '' && reached.has(foldName(stem(decoded(link.target)))))) affected.add(doc.path);
      else if (withChecklists && doc.checklists?.length) affected.add(doc.path);
    }
    const inScope = (path: string) => affected.has(path);
    const fresh = crossFilePass(config, facts, analysis.attachments, analysis.scanProblems, analysis.runs!, now, undefined, inScope);
    vaultDiagnostics = [...previous.vaultDiagnostics.filter((d) => !inScope(d.file)), ...fresh.filter((d) => inScope(d.file))];
  }
  const scoped = settle ? false : previous.scoped || changedDocs.size > 0;
  const diagnostics = [...[...fileDiagnostics.values()].flat(), ...vaultDiagnostics].sort(compareDiagnostics);
  return {
    analysis: { ...analysis, result: { ...analysis.result, diagnostics }, facts },
    config,
    texts,
    fileDiagnostics,
    vaultDiagnostics,
    scoped,
  };
}

/**
 * What a doc offers the links of other docs — its title, aliases, headings, block ids, frontmatter (what it
 * publishes) — as one string: its facts without its own links and the places of its comments and keys.
 */
function offered(facts: DocFacts): string {
  const { links: _links, comments: _comments, frontmatterSpans: _spans, ...rest } = facts;
  return JSON.stringify(rest);
}

/** A Markdown link's target as a name (`my%20doc.md` → `my doc.md`); a malformed escape is kept as written. */
function decoded(target: string): string {
  try {
    return decodeURIComponent(target);
  } catch {
    return target;
  }
}

/** The cross-file pass reads nothing else of a doc than its facts (as the check's cache compares them, by their JSON). */
function sameFacts(a: DocFacts, b: DocFacts): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** The diagnostics per file, as `check` shows them: with a baseline, only those it does not know. */
function visibleByFile(diagnostics: readonly Diagnostic[], baseline: readonly BaselineEntry[] | undefined, readText: ReadText): Map<string, Diagnostic[]> {
  // The baseline fingerprints the offending text: the editor's text where the doc is open, as the check saw it.
  const shown = baseline ? matchBaseline(baseline, diagnostics, readText).diagnostics.filter((d) => d.baseline !== 'unchanged') : diagnostics;
  const byFile = new Map<string, Diagnostic[]>();
  for (const d of shown) {
    const list = byFile.get(d.file);
    if (list) list.push(d);
    else byFile.set(d.file, [d]);
  }
  return byFile;
}

function readOrUndefined(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    // A vanished file, or a config error's: its problems are then matched by message alone, as the check does.
    return undefined;
  }
}
