/**
 * The language server's engine: one vault, its config as `shipshape check` finds it, the texts the editor holds
 * unsaved, and the latest analysis of all of it. An analysis is `analyzeVault` with the open documents as its
 * overlay, so it shares the check's result cache (files are cached by content hash: after an edit only the edited
 * doc is parsed again, and the cross-file pass runs again only when some doc's links, headings, aliases or block ids
 * changed) and its diagnostics are the check's, for the same text. The baseline, when there is one, is matched as
 * `check` matches it, and known problems are hidden, as the stylish format hides them.
 *
 * In: `const ws = await openWorkspace('/repo'); ws.setText('a.md', '[[missing]]'); await ws.analyze()`
 * Out: `{ state: { analysis, config }, diagnostics: Map { 'a.md' => [{ rule: 'broken-link', … }] } }`
 */
import { readFileSync } from 'node:fs';
import { isAbsolute, join, relative, sep } from 'node:path';
import { readBaseline, type BaselineEntry } from '../baseline/baseline-file.ts';
import { matchBaseline, type ReadText } from '../baseline/match-baseline.ts';
import type { Diagnostic } from '../diagnostics/diagnostic.ts';
import { analyzeVault, type VaultAnalysis } from '../pipeline/check-vault.ts';
import type { ResolvedConfig } from '../vault/config-types.ts';
import { loadConfig } from '../vault/config.ts';

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
  /** The absolute path of a vault path. */
  filePath(path: string): string;
  /** The editor's text of a doc (it is open), or undefined (read from disk). */
  setText(path: string, text: string | undefined): void;
  /** Files changed on disk (a `git pull`): forgets what was read of them. */
  changed(paths: readonly string[]): void;
  /** Reads the config and the baseline again (a watched config, schema or baseline file changed). */
  reload(): Promise<void>;
  /** Analyses the vault with the open texts as they are now. */
  analyze(): Promise<Snapshot>;
}

export async function openWorkspace(options: WorkspaceOptions): Promise<Workspace> {
  const { root } = options;
  let config = await loadConfig({ cwd: root });
  let baseline = await readBaseline(config.baseline, relative(root, config.baseline) || config.baseline);
  const open = new Map<string, string>();
  // Disk texts the baseline matching read: a vault of many known problems is not read again on every keystroke.
  const disk = new Map<string, string | undefined>();

  const vaultPath = (file: string): string | undefined => {
    const inVault = relative(config.contentDir, file);
    if (inVault === '' || inVault.startsWith('..') || isAbsolute(inVault)) return undefined;
    return inVault.split(sep).join('/');
  };

  return {
    root,
    get config() {
      return config;
    },
    vaultPath,
    filePath: (path) => join(config.contentDir, ...path.split('/')),
    setText(path, text) {
      if (text === undefined) open.delete(path);
      else open.set(path, text);
    },
    changed(paths) {
      for (const path of paths) disk.delete(path);
    },
    async reload() {
      config = await loadConfig({ cwd: root });
      baseline = await readBaseline(config.baseline, relative(root, config.baseline) || config.baseline);
      disk.clear();
    },
    async analyze() {
      const texts = new Map(open);
      const used = config;
      const analysis = await analyzeVault({
        config: used,
        facts: true,
        overlay: texts,
        cacheDir: options.cacheDir ?? join(used.root, 'node_modules/.cache/shipshape'),
        ...(options.now ? { now: options.now } : {}),
      });
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
