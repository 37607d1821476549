/**
 * The language server's engine: one vault, its config as `shipshape check` finds it, the texts the editor holds
 * unsaved, and the latest analysis of all of it. The first analysis is `analyzeVault` with the open documents as its
 * overlay, so it shares the check's result cache and its diagnostics are the check's. After that, an edit of an open
 * doc is analysed in memory: that doc alone is parsed and its file rules run (`analyzeFile`, what the check runs per
 * file), and the cross-file pass (`crossFilePass`, the check's) runs again only when the doc's facts — links,
 * headings, aliases, block ids, frontmatter — changed, and then resolves the links of the docs the edit can affect;
 * an edit of prose reuses the last cross-file diagnostics (`pipeline/live-analysis.ts`, which the dev server runs
 * too). A doc closed unsaved, or changed on disk (a `git pull`), is analysed the same way from its bytes on disk; a
 * file new or gone on disk, or a new config, makes the next analysis a whole one (the cache makes it cheap).
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
import { byFile, type Diagnostic } from '../diagnostics/diagnostic.ts';
import { cacheDirOf } from '../pipeline/cache.ts';
import { analyzeVault, type VaultAnalysis } from '../pipeline/check-vault.ts';
import { knowsDoc, liveAnalysis, reanalyze, type LiveAnalysis } from '../pipeline/live-analysis.ts';
import type { ResolvedConfig } from '../vault/config-types.ts';
import { loadConfig } from '../vault/config.ts';
import { vaultPathOf } from '../vault/vault-path.ts';

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
  /** The check's result cache folder; `false` for none. Default: the check's (`SHIPSHAPE_CACHE_DIR`, else `node_modules/.cache/shipshape` under the config's root). */
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
  /** Files changed on disk (a `git pull`): the next analysis reads them again (a whole one, when one is new or gone). */
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
  // Docs changed on disk since the last analysis: the next one reads them again.
  const changedOnDisk = new Set<string>();
  let last: Analysed | undefined;
  // Bumped by what makes the next analysis a whole one, so an analysis running meanwhile is not built upon.
  let invalidations = 0;
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
      for (const path of paths) {
        disk.delete(path);
        changedOnDisk.add(path);
      }
    },
    async reload() {
      config = await loadConfig({ cwd: root });
      baseline = await readBaseline(config.baseline, relative(root, config.baseline) || config.baseline);
      disk.clear();
      last = undefined;
      invalidations++;
    },
    async analyze({ settle = false } = {}) {
      const texts = new Map(open);
      const used = config;
      const seen = invalidations;
      const onDisk = new Set(changedOnDisk);
      changedOnDisk.clear();
      if (last?.config === used) last = await reanalyzeOpen(last, texts, onDisk, now(), settle);
      if (last?.config !== used) {
        const analysis = await analyzeVault({ config: used, facts: true, overlay: texts, cacheDir: options.cacheDir ?? cacheDirOf(used), now: now() });
        last = { ...liveAnalysis(analysis, used), texts };
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

/** A live analysis, with the open docs' texts it saw. */
interface Analysed extends LiveAnalysis {
  texts: ReadonlyMap<string, string>;
}

/**
 * The open docs whose text changed since `previous`, a doc closed unsaved (back to its bytes on disk) and the docs
 * changed on disk, analysed again (`live-analysis.ts`); undefined when the vault needs a whole analysis (a file gone
 * or new on disk).
 */
async function reanalyzeOpen(previous: Analysed, texts: ReadonlyMap<string, string>, onDisk: ReadonlySet<string>, now: Date, settle: boolean): Promise<Analysed | undefined> {
  const { config } = previous;
  const encoder = new TextEncoder();
  const edited: Array<[string, Uint8Array]> = [...texts].filter(([path, text]) => previous.texts.get(path) !== text).map(([path, text]) => [path, encoder.encode(text)]);
  const fromDisk = [...onDisk].filter((path) => !texts.has(path));
  for (const path of previous.texts.keys()) if (!texts.has(path)) fromDisk.push(path);
  for (const path of fromDisk) {
    if (!knowsDoc(previous, path)) return undefined;
    try {
      edited.push([path, readFileSync(join(config.contentDir, path))]);
    } catch {
      return undefined;
    }
  }
  const { live } = await reanalyze(previous, edited, { now, settle });
  return { ...live, texts };
}

/** The diagnostics per file, as `check` shows them: with a baseline, only those it does not know. */
function visibleByFile(diagnostics: readonly Diagnostic[], baseline: readonly BaselineEntry[] | undefined, readText: ReadText): Map<string, Diagnostic[]> {
  // The baseline fingerprints the offending text: the editor's text where the doc is open, as the check saw it.
  return byFile(baseline ? matchBaseline(baseline, diagnostics, readText).diagnostics.filter((d) => d.baseline !== 'unchanged') : diagnostics);
}

function readOrUndefined(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    // A vanished file, or a config error's: its problems are then matched by message alone, as the check does.
    return undefined;
  }
}
