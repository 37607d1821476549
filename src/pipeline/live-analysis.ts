/**
 * A vault's analysis kept alive between edits: what the language server and the dev server both run on. The first
 * analysis is `analyzeVault`'s (the check's, with its cache); after that an edited doc — an editor's unsaved text, a
 * file saved on disk — is analysed alone (`analyzeFile`, what the check runs per file; with its HTML for the site),
 * and the cross-file pass (`crossFilePass`, the check's) runs again only when the doc's facts — links, headings,
 * aliases, block ids, frontmatter — changed, and then resolves the links of the docs the edit can affect; an edit of
 * prose reuses the last cross-file diagnostics. `settle` runs the pass for every doc, for whatever that choice
 * misses (a did-you-mean elsewhere that names an alias just added). What it yields is what the check would say of
 * the same texts, without reading the vault again.
 *
 * In: `reanalyze(liveAnalysis(await analyzeVault({ config, facts: true }), config), [['a.md', bytes]], { now })`
 * Out: `{ live: { analysis: { result: { diagnostics: [{ rule: 'broken-link', file: 'a.md', … }] }, … } }, factsChanged: Set { 'a.md' } }`
 */
import { byFile, compareDiagnostics, type Diagnostic } from '../diagnostics/diagnostic.ts';
import type { DocFacts } from '../markdown/types.ts';
import { rules } from '../rules/index.ts';
import type { ResolvedConfig } from '../vault/config-types.ts';
import { foldName, stem } from '../vault/vault-path.ts';
import { analyzeFile } from './analyze-file.ts';
import { crossFilePass, type VaultAnalysis } from './check-vault.ts';

/** An analysis, with what an edit's analysis reuses of it. */
export interface LiveAnalysis {
  analysis: VaultAnalysis;
  config: ResolvedConfig;
  /** Each doc's own diagnostics (its file rules'), by path. */
  fileDiagnostics: Map<string, Diagnostic[]>;
  /** The cross-file pass's. */
  vaultDiagnostics: Diagnostic[];
  /** The cross-file pass ran for some docs only since the last whole pass. */
  scoped: boolean;
}

export interface ReanalyzeOptions {
  now: Date;
  /** Run the cross-file pass for every doc (typing paused). */
  settle?: boolean;
  /** Render the edited docs' HTML too (the dev server's site). */
  render?: boolean;
}

export interface Reanalyzed {
  live: LiveAnalysis;
  /** The edited docs whose facts changed: what the rest of the vault sees of them (the site's links, backlinks, tags). */
  factsChanged: ReadonlySet<string>;
  /** Of those, the docs whose facts changed beyond their own links: what other docs' links reach (names, headings, tags…). */
  offersChanged: ReadonlySet<string>;
}

const vaultRuleIds = new Set(rules.filter((rule) => rule.scope === 'vault').map((rule) => rule.id));

/** A whole analysis → its diagnostics told apart: the file rules' per doc, and the cross-file pass's. */
export function liveAnalysis(analysis: VaultAnalysis, config: ResolvedConfig): LiveAnalysis {
  const { diagnostics } = analysis.result;
  const fileDiagnostics = byFile(diagnostics.filter((d) => !vaultRuleIds.has(d.rule)));
  const vaultDiagnostics = diagnostics.filter((d) => vaultRuleIds.has(d.rule));
  return { analysis, config, fileDiagnostics, vaultDiagnostics, scoped: false };
}

/** Whether the vault scan listed a doc: one it did not (an ignored file, a new one) needs a whole analysis. */
export function knowsDoc(live: LiveAnalysis, path: string): boolean {
  return live.analysis.facts.some((facts) => facts.path === path);
}

/** The docs `edited` (path, bytes), analysed again alone; the cross-file pass again only when one's facts changed. */
export async function reanalyze(previous: LiveAnalysis, edited: ReadonlyArray<readonly [string, Uint8Array]>, options: ReanalyzeOptions): Promise<Reanalyzed> {
  const { analysis, config } = previous;
  const { now, settle = false, render = false } = options;
  const position = new Map(analysis.facts.map((facts, i) => [facts.path, i]));
  const facts = [...analysis.facts];
  const fileDiagnostics = new Map(previous.fileDiagnostics);
  const rendered = render ? new Map(analysis.rendered) : analysis.rendered;
  // The docs whose cross-file results an edit can change: the edited docs, and — when what an edited doc offers others
  // changed, not only its own links — every doc with a link that may reach it (by its name or an alias, before or
  // after the edit), and the docs with checklists if it has one.
  const reached = new Set<string>();
  const changedDocs = new Set<string>();
  const offersChanged = new Set<string>();
  let withChecklists = false;
  for (const [path, bytes] of edited) {
    const i = position.get(path);
    // A doc the vault scan did not list (an ignored file, or new and unsaved) is no part of the check.
    if (i === undefined) continue;
    const result = await analyzeFile({ path, bytes, isTemplate: facts[i]!.isTemplate }, config, render ? 'render' : 'check');
    fileDiagnostics.set(path, result.diagnostics);
    if (render) {
      if (result.rendered) rendered.set(path, result.rendered);
      else rendered.delete(path);
    }
    if (!sameFacts(facts[i]!, result.facts)) {
      changedDocs.add(path);
      // Only its own links moved or changed (text typed above them): what links elsewhere reach is as it was.
      if (offered(facts[i]!) !== offered(result.facts)) {
        offersChanged.add(path);
        for (const name of [stem(path), ...facts[i]!.aliases, ...result.facts.aliases]) reached.add(foldName(name));
        // A checklist id is unique in the vault: another doc's "duplicate" names this one's place.
        if (facts[i]!.checklists?.length || result.facts.checklists?.length) withChecklists = true;
      }
    }
    facts[i] = result.facts;
  }
  let vaultDiagnostics = previous.vaultDiagnostics;
  if (settle && (previous.scoped || changedDocs.size > 0)) {
    vaultDiagnostics = crossFilePass(config, facts, analysis.attachments, analysis.scanProblems, analysis.runs!, analysis.baseFiles, now, undefined, undefined);
  } else if (changedDocs.size > 0) {
    // The link rules resolve only the affected docs' links (the pass's `reportsFor`, as a pre-commit check of some
    // files runs it): resolving every link of a large vault, with its did-you-mean, is most of the pass.
    const affected = new Set(changedDocs);
    // Most edits offer others nothing new (text typed, a link of its own): no other doc's links need resolving.
    if (reached.size > 0 || withChecklists) for (const doc of facts) {
      if (doc.links.some((link) => link.target !== '' && reached.has(foldName(stem(decoded(link.target)))))) affected.add(doc.path);
      else if (withChecklists && doc.checklists?.length) affected.add(doc.path);
    }
    const inScope = (path: string) => affected.has(path);
    const fresh = crossFilePass(config, facts, analysis.attachments, analysis.scanProblems, analysis.runs!, analysis.baseFiles, now, undefined, inScope);
    vaultDiagnostics = [...previous.vaultDiagnostics.filter((d) => !inScope(d.file)), ...fresh.filter((d) => inScope(d.file))];
  }
  const scoped = settle ? false : previous.scoped || changedDocs.size > 0;
  const diagnostics = [...[...fileDiagnostics.values()].flat(), ...vaultDiagnostics].sort(compareDiagnostics);
  return {
    live: {
      analysis: { ...analysis, result: { ...analysis.result, diagnostics }, facts, rendered },
      config,
      fileDiagnostics,
      vaultDiagnostics,
      scoped,
    },
    factsChanged: changedDocs,
    offersChanged,
  };
}

/**
 * What a doc offers the links of other docs — its title, aliases, headings, block ids, frontmatter (what it
 * publishes) — as one string: its facts without its own links, its tasks (only the site's queries read them) and
 * the places of its comments and keys.
 */
function offered(facts: DocFacts): string {
  const { links: _links, comments: _comments, frontmatterSpans: _spans, tasks: _tasks, ...rest } = facts;
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
