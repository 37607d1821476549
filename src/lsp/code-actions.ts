/**
 * Quick fixes for the problems under the cursor, each a `CodeAction` with its `WorkspaceEdit` (nothing here writes;
 * the client applies the edit, which the author can undo):
 * - every fix `--fix` makes: the fixes diagnostics carry (mojibake, a closing fence's info string, link repairs when
 *   the analysis ran with `linkRepair`), Templater date commands filled from git (`templater/fill-date.ts`, as
 *   `--fix`), and the link repairs `links/link-repair.ts` is certain of (computed here for a broken link or anchor
 *   that carries none; renames from git history when the caller gives it);
 * - one action per did-you-mean suggestion: a link rewritten to the suggested target (alias, anchor and link style
 *   kept, `links/rewrite-link.ts`), any other suggestion written over the mistyped name (quotes kept);
 * - "Add to baseline", when the project has a baseline file and the problem is not in it: an edit of
 *   `shipshape-baseline.json` itself (its one changed line; the baseline stays sorted, as `--baseline-write` writes
 *   it), not a command the server runs — the client shows it, applies it with the rest, and undoes it.
 * Unlike `--fix`, a link repair is not re-checked before it is offered: the author sees the result at once. Asked by
 * kind (`source.fixAll`, as editors ask on save), the file's fixes all at once, as `--fix` makes them, but for the
 * link repairs, which `--fix` checks again before it keeps them.
 *
 * In: `[[Deployment Strategy]]` under the cursor, the vault has `strategy/deployment-strategy.md`
 * Out: `[{ title: 'Repair link: [[Deployment Strategy]] → [[deployment-strategy]] (case/spacing)', kind: 'quickfix', edit, isPreferred: true }]`
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  CodeActionKind,
  DiagnosticSeverity,
  type CodeAction,
  type Diagnostic as LspDiagnostic,
  type Range,
  type TextDocumentEdit,
} from 'vscode-languageserver';
import { parseBaseline, serializeBaseline, type BaselineEntry } from '../baseline/baseline-file.ts';
import { entriesOf, matchBaseline, type ReadText } from '../baseline/match-baseline.ts';
import { compatibleEdits, type Diagnostic, type Edit, type Fix } from '../diagnostics/diagnostic.ts';
import { linkRepairFix, type LinkHistory } from '../links/link-repair.ts';
import { resolveLink, type ResolvedLink } from '../links/resolve-links.ts';
import { rewriteLink, type LinkDestination } from '../links/rewrite-link.ts';
import type { LineIndex } from '../markdown/line-index.ts';
import { fileDates, fillDateEdit } from '../templater/fill-date.ts';
import { gitHistory, type GitHistory } from '../vault/git-history.ts';
import { indexOf } from './nav-context.ts';
import { textPositions, toRange } from './positions.ts';
import { documentEdit, fileUri, wholeFileEdit, type RefactorState } from './workspace-edits.ts';

export interface CodeActionRequest {
  /** The range the editor asks about (the cursor, or a selection). */
  range: Range;
  /** The client's copies of the diagnostics there, to attach to the actions (matched by rule, range and message). */
  diagnostics?: readonly LspDiagnostic[];
  /** Only actions of these kinds (or kinds under them). */
  only?: readonly string[];
}

export interface GitSources {
  /** The vault's git history (`gitHistory`), for Templater dates; read on first need when not given. */
  dates?: () => Promise<GitHistory>;
  /** Renames from git (`readLinkHistory`), for the `renamed` link repairs; without it, only repairs by spelling. */
  links?: () => Promise<LinkHistory>;
}

/** The kind of the file's fixes all at once (`editor.codeActionsOnSave: { "source.fixAll": … }` in VS Code). */
export const fixAllKind = `${CodeActionKind.SourceFixAll}.shipshape`;

/** The kind of "Add to baseline": a quick fix that records the problem instead of fixing it. */
export const addToBaselineKind = `${CodeActionKind.QuickFix}.baseline`;

const severities = { error: DiagnosticSeverity.Error, warning: DiagnosticSeverity.Warning, info: DiagnosticSeverity.Information } as const;

/** Does a diagnostic's place touch the range (a cursor at either end counts)? */
function touches(d: Diagnostic, range: Range): boolean {
  const start = { line: d.line - 1, character: d.column - 1 };
  const end = { line: d.endLine - 1, character: d.endColumn - 1 };
  const before = (a: { line: number; character: number }, b: { line: number; character: number }) => a.line < b.line || (a.line === b.line && a.character < b.character);
  return !before(end, range.start) && !before(range.end, start);
}

/** `textDocument/codeAction` for the doc at `path` whose current text is `text` (the text the analysis saw). */
export async function codeActions(state: RefactorState, path: string, text: string, request: CodeActionRequest, git: GitSources = {}): Promise<CodeAction[]> {
  const all = state.analysis.result.diagnostics.filter((d) => d.file === path);
  const here = all.filter((d) => touches(d, request.range));
  const only = request.only;
  // Fix all only when asked by kind (on save, or the editor's source actions): it is no quick fix of one problem.
  const fixAll = only?.some((kind) => fixAllKind === kind || fixAllKind.startsWith(`${kind}.`)) ?? false;
  if (here.length === 0 && !fixAll) return [];
  const uri = fileUri(state.config, path);
  const lines = textPositions(text).index;
  const lspOf = (d: Diagnostic): LspDiagnostic => {
    const range = toRange(d);
    const sent = request.diagnostics?.find(
      (c) => c.code === d.rule && c.message === d.message && c.range.start.line === range.start.line && c.range.start.character === range.start.character,
    );
    return sent ?? { range, message: d.message, code: d.rule, source: 'shipshape', severity: severities[d.severity] };
  };
  const action = (d: Diagnostic, title: string, edit: TextDocumentEdit, options: { kind?: string; preferred?: boolean } = {}): CodeAction => ({
    title,
    kind: options.kind ?? CodeActionKind.QuickFix,
    diagnostics: [lspOf(d)],
    ...(options.preferred ? { isPreferred: true } : {}),
    edit: { documentChanges: [edit] },
  });
  const onText = (edits: readonly Edit[]) => {
    const edit = documentEdit(uri, text, edits);
    // A byte order mark is no column (`line-index.ts`), and editors hide it: its removal is no edit of the text they show.
    return edit.edits.every((e) => 'newText' in e && e.newText === '' && e.range.start.line === e.range.end.line && e.range.start.character === e.range.end.character) ? undefined : edit;
  };

  let history: Promise<GitHistory> | undefined;
  const dates = () => (history ??= (git.dates ?? (() => gitHistory(state.config.contentDir)))());
  const actions: CodeAction[] = [];
  if (fixAll) {
    // As `--fix` applies them, the first of overlapping fixes winning; link repairs are judgements it re-checks first, so not here.
    const fixes: Array<[Diagnostic, Fix]> = [];
    for (const d of all) {
      const fix = d.fix ?? (d.rule === 'templater-placeholder' ? await computedFix(state, path, text, lines, d, dates, git) : undefined);
      if (fix && !fix.reason) fixes.push([d, fix]);
    }
    const taken = compatibleEdits(fixes.map(([d, fix]) => [d, fix.edits] as const));
    const edit = taken.length > 0 ? onText(taken.flatMap(([, edits]) => edits)) : undefined;
    if (edit) {
      const count = taken.length;
      actions.push({ title: `Fix ${count} problem${count === 1 ? '' : 's'} as --fix does`, kind: fixAllKind, diagnostics: taken.map(([d]) => lspOf(d)), edit: { documentChanges: [edit] } });
    }
  }
  for (const d of here) {
    const fix = d.fix ?? (await computedFix(state, path, text, lines, d, dates, git));
    const fixEdit = fix && onText(fix.edits);
    if (fix && fixEdit) actions.push(action(d, fixTitle(fix), fixEdit, { preferred: true }));
    for (const [title, edits] of suggestionEdits(state, path, text, lines, d)) {
      const edit = onText(edits);
      if (edit) actions.push(action(d, title, edit));
    }
  }
  actions.push(...baselineActions(state, path, text, all, here, lspOf));
  return only && only.length > 0 ? actions.filter((a) => only.some((kind) => a.kind === kind || a.kind!.startsWith(`${kind}.`))) : actions;
}

function fixTitle(fix: Fix): string {
  if (!fix.reason) return fix.description;
  return `Repair link: ${fix.description} (${fix.reason.commit ? `${fix.reason.kind} in ${fix.reason.commit}` : fix.reason.kind})`;
}

/** The fixes `--fix` computes beside the rules' own: a Templater date from git, a link repair when the analysis made none. */
async function computedFix(
  state: RefactorState,
  path: string,
  text: string,
  lines: LineIndex,
  d: Diagnostic,
  dates: () => Promise<GitHistory>,
  git: GitSources,
): Promise<Fix | undefined> {
  if (d.rule === 'templater-placeholder') {
    const absolute = join(state.config.contentDir, path);
    // A doc not saved yet has no dates: outside git they are its file's, and it has none.
    if (!existsSync(absolute)) return undefined;
    const edit = await fillDateEdit(text, lines, d, async () => fileDates(await dates(), path, absolute));
    return edit && { description: `Fill in the date: ${edit.text}`, edits: [edit] };
  }
  if (d.rule !== 'broken-link' && d.rule !== 'broken-anchor') return undefined;
  const resolved = linkAt(state, path, d);
  if (!resolved) return undefined;
  const history = git.links ? await git.links() : undefined;
  return linkRepairFix(indexOf(state.analysis), resolved, history);
}

/** The resolved link a link rule's diagnostic is on (that one link, not the vault's: the first request after an edit is not slowed). */
function linkAt(state: RefactorState, path: string, d: Diagnostic): ResolvedLink | undefined {
  const index = indexOf(state.analysis);
  const link = index.docs.get(path)?.links.find((l) => l.span.start.line === d.line && l.span.start.column === d.column);
  return link && resolveLink(index, path, link);
}

/** Did-you-mean: `[title, edits]` per suggestion. */
function suggestionEdits(state: RefactorState, path: string, text: string, lines: LineIndex, d: Diagnostic): Array<[string, Edit[]]> {
  const suggestions = d.suggestions ?? [];
  if (suggestions.length === 0) return [];
  const resolved = ['broken-link', 'broken-anchor', 'ambiguous-link'].includes(d.rule) ? linkAt(state, path, d) : undefined;
  if (resolved) {
    const index = indexOf(state.analysis);
    const { link, resolution } = resolved;
    const out: Array<[string, Edit[]]> = [];
    for (const suggestion of suggestions) {
      let to: LinkDestination | undefined;
      if (d.rule === 'broken-anchor' && resolution.path !== undefined) to = { path: resolution.path, anchor: suggestion.replace(/^#/, '') };
      else {
        const target = index.resolve(suggestion, path, { relativeFirst: link.kind === 'markdown' || link.kind === 'image' }).path;
        if (target !== undefined) to = { path: target };
      }
      if (!to) continue;
      const occurrence = { kind: link.kind, raw: link.raw, from: path, ...(resolution.path === undefined ? {} : { resolved: resolution.path }) };
      const rewritten = rewriteLink(occurrence, to, { resolve: index.resolve });
      if (rewritten !== link.raw) out.push([`Change to ${rewritten}`, [{ start: link.span.start.offset, end: link.span.end.offset, text: rewritten }]]);
    }
    return out;
  }
  // Any other mistyped name (an enum value, a key, a service): the suggestion over the name, on its one line.
  if (d.line !== d.endLine) return [];
  const start = lines.offset(d.line, d.column);
  const end = lines.offset(d.endLine, d.endColumn);
  const written = text.slice(start, end);
  if (written === '' || /[\s:,[\]{}]/.test(written.replace(/^(["'])(.*)\1$/, '$2').trim())) return [];
  const quote = /^(["'])(.*)\1$/.exec(written)?.[1];
  return suggestions.map((s): [string, Edit[]] => [`Change to "${s}"`, [{ start, end, text: quote && !s.includes(quote) ? `${quote}${s}${quote}` : s }]]);
}

/** "Add to baseline" for each problem in range the baseline does not know, and for all of the file's when several. */
function baselineActions(
  state: RefactorState,
  path: string,
  text: string,
  all: readonly Diagnostic[],
  here: readonly Diagnostic[],
  lspOf: (d: Diagnostic) => LspDiagnostic,
): CodeAction[] {
  const file = state.config.baseline;
  let before: string;
  let entries: BaselineEntry[];
  try {
    before = readFileSync(file, 'utf8');
    entries = parseBaseline(before, file);
  } catch {
    // No baseline (the project has none), or an invalid one, which is the check's to report: nothing to add to.
    return [];
  }
  // The offending text is read from the editor's text, as the check fingerprints an open doc.
  const readText: ReadText = (f) => (f === path ? text : undefined);
  const matched = matchBaseline(entries, all, readText).diagnostics;
  const fresh = all.filter((_, i) => matched[i]!.baseline === 'new');
  const name = file.split(/[\\/]/).at(-1)!;
  const edit = (added: readonly Diagnostic[]): TextDocumentEdit => wholeFileEdit(file, serializeBaseline([...entries, ...entriesOf(added, readText)]), before);
  const actions: CodeAction[] = here
    .filter((d) => fresh.includes(d))
    .map((d) => ({ title: `Add to baseline (${name}): ${d.rule}`, kind: addToBaselineKind, diagnostics: [lspOf(d)], edit: { documentChanges: [edit([d])] } }));
  if (actions.length > 0 && fresh.length > 1) {
    actions.push({ title: `Add all ${fresh.length} new problems of this file to the baseline (${name})`, kind: addToBaselineKind, diagnostics: fresh.map(lspOf), edit: { documentChanges: [edit(fresh)] } });
  }
  return actions;
}
