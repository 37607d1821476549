/**
 * `--fix` and `--fix-dry-run`: applies the safe fixes the rules offer (mojibake, BOM, fence info strings, link
 * repairs) and fills Templater date commands with the file's dates from git (`vault/git-history.ts`, the site's dates
 * too: first commit for creation dates, last commit otherwise; the file's mtime outside git). Writes are atomic (temp
 * file + rename) and touch only the edited bytes; a file with invalid UTF-8 is left alone, since re-encoding it would
 * change bytes outside the fix.
 *
 * A link repair (a fix with a `reason`, `links/link-repair.ts`) is a judgement, so it is verified before anything is
 * written: the changed files are checked again in memory (the check's `overlay`), and a repair with a new problem on
 * its link is kept back — verified first rather than written and rolled back, so that the dry run shows exactly what
 * `--fix` writes, and a failed write never leaves a half-repaired vault to undo.
 *
 * In: `created: <% tp.date.now("YYYY-MM-DD") %>` in a file first committed on 2026-03-02 → `created: 2026-03-02`
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createTwoFilesPatch } from 'diff';
import { compatibleEdits, type CheckResult, type Diagnostic, type Edit, type Fix } from '../diagnostics/diagnostic.ts';
import { lineIndex, type LineIndex } from '../markdown/line-index.ts';
import { fileDates, fillDateEdit } from '../templater/fill-date.ts';
import { writeFileAtomic } from '../vault/atomic-write.ts';
import { decodeForRewrite } from '../vault/decode.ts';
import { gitHistory, type FileHistory, type GitHistory } from '../vault/git-history.ts';

export interface FixOutcome {
  /** What was (or would be) changed, for stderr: a summary, or the diff for a dry run. */
  report: string;
  /** How many problems were (or would be) fixed. */
  fixed: number;
  /** How many link repairs were kept back, each causing a new problem. */
  keptBack: number;
}

async function editsFor(
  absolute: string,
  text: string,
  diagnostics: readonly Diagnostic[],
  history: () => Promise<GitHistory>,
): Promise<Map<Diagnostic, Edit[]>> {
  const edits = new Map<Diagnostic, Edit[]>();
  let dates: Promise<FileHistory> | undefined;
  // Indexed once a file, when a placeholder needs it: not once per diagnostic.
  let lines: LineIndex | undefined;
  for (const d of diagnostics) {
    if (d.fix) {
      edits.set(d, d.fix.edits);
      continue;
    }
    if (d.rule !== 'templater-placeholder') continue;
    lines ??= lineIndex(text);
    const edit = await fillDateEdit(text, lines, d, () => (dates ??= history().then((h) => fileDates(h, d.file, absolute))));
    if (edit) edits.set(d, [edit]);
  }
  return edits;
}

/** Applies non-overlapping edits (the first one wins a conflict); returns the new text and, for each edit group used, where its text now is. */
function applyEdits(text: string, edits: Map<Diagnostic, Edit[]>): { text: string; fixed: Map<Diagnostic, { start: number; end: number }> } {
  const taken = compatibleEdits(edits)
    .flatMap(([diagnostic, group]) => group.map((edit): [Diagnostic, Edit] => [diagnostic, edit]))
    .sort((a, b) => a[1].start - b[1].start);
  const fixed = new Map<Diagnostic, { start: number; end: number }>();
  let out = '';
  let at = 0;
  for (const [diagnostic, edit] of taken) {
    out += text.slice(at, edit.start);
    const start = out.length;
    out += edit.text;
    const placed = fixed.get(diagnostic);
    fixed.set(diagnostic, { start: placed?.start ?? start, end: out.length });
    at = edit.end;
  }
  return { text: out + text.slice(at), fixed };
}

/** A fix's reason as `--fix-dry-run` shows it: `renamed in 3f9c2a1`, `case/spacing`. */
const reasonText = (reason: NonNullable<Fix['reason']>) => (reason.commit ? `${reason.kind} in ${reason.commit}` : reason.kind);

/** A problem as the re-check compares them: positions move with the edits, rule and message do not. */
const problemKey = (d: Diagnostic) => `${d.rule}\0${d.message}`;

interface FileFix {
  file: string;
  absolute: string;
  text: string;
  edits: Map<Diagnostic, Edit[]>;
  applied: ReturnType<typeof applyEdits>;
}

export interface FixOptions {
  write: boolean;
  /** The same check over the vault with some texts replaced (vault path → new text), changing nothing on disk. */
  recheck?: (overlay: ReadonlyMap<string, string>) => Promise<CheckResult>;
  /**
   * Link repairs an earlier `--fix` pass kept back (`repairKey`): not tried again, not reported again. This pass adds
   * the ones it keeps back.
   */
  keptBack?: Set<string>;
  /** The vault's git history when the caller has read it already (link repair reads it too): `git log` runs once a run, not once a pass. */
  history?: Promise<GitHistory>;
}

/** A link repair across passes, whose edits move its position: its file and what it writes (the same for each alike link). */
const repairKey = (d: Diagnostic) => `${d.file}\0${d.fix?.description ?? ''}`;

/** Rounds of re-checking: dropping a repair can only remove problems, so this ends at once in practice. */
const maxRechecks = 3;

export async function applyFixes(result: CheckResult, options: FixOptions): Promise<FixOutcome> {
  const byFile = Map.groupBy(result.diagnostics, (d) => d.file);
  // One `git log` for the whole vault, and only when a date is to be filled.
  let read: Promise<GitHistory> | undefined;
  const history = () => (read ??= options.history ?? gitHistory(result.contentDir));
  const changed: FileFix[] = [];
  for (const [file, diagnostics] of byFile) {
    const absolute = join(result.contentDir, file);
    const bytes = await readFile(absolute).catch(() => undefined);
    if (!bytes) continue;
    const text = decodeForRewrite(bytes);
    if (text === undefined) continue;
    const tried = options.keptBack;
    const edits = await editsFor(absolute, text, tried ? diagnostics.filter((d) => !d.fix?.reason || !tried.has(repairKey(d))) : diagnostics, history);
    if (edits.size === 0) continue;
    changed.push({ file, absolute, text, edits, applied: applyEdits(text, edits) });
  }
  const dropped = options.recheck ? await keepRepairsThatAddNoProblem(changed, byFile, options.recheck) : [];
  for (const [d] of dropped) options.keptBack?.add(repairKey(d));
  const fixed = new Set<Diagnostic>();
  const out: string[] = [];
  let files = 0;
  for (const { file, absolute, text, applied } of changed) {
    if (applied.text === text) continue;
    files++;
    applied.fixed.forEach((_, d) => fixed.add(d));
    if (options.write) {
      await writeFileAtomic(absolute, applied.text);
    } else {
      const repairs = [...applied.fixed.keys()].filter((d) => d.fix?.reason);
      const width = Math.max(0, ...repairs.map((d) => `${d.line}:${d.column}`.length));
      const reasons = repairs.map((d) => `  ${`${d.line}:${d.column}`.padEnd(width)}  ${d.fix!.description}  (${reasonText(d.fix!.reason!)})\n`);
      out.push(...(reasons.length > 0 ? [`${file}\n`, ...reasons] : []));
      out.push(createTwoFilesPatch(`a/${file}`, `b/${file}`, text, applied.text, undefined, undefined, { context: 1 }));
    }
  }
  const summary = `${options.write ? 'Fixed' : 'Would fix'} ${fixed.size} problem${fixed.size === 1 ? '' : 's'} in ${files} file${files === 1 ? '' : 's'}\n`;
  // As the site build warns: a shallow clone's history starts at its cut, so its creation dates are too late.
  const shallow = read && (await read).shallow ? 'The repository is a shallow clone: dates filled from git history are wrong (fetch the full history).\n' : '';
  return { report: out.join('') + summary + repairSummary(fixed, dropped, options.write) + shallow, fixed: fixed.size, keptBack: dropped.length };
}

/** Link repairs by reason, and those kept back, each with the problem it would have caused. */
function repairSummary(fixed: ReadonlySet<Diagnostic>, dropped: ReadonlyArray<[Diagnostic, Diagnostic]>, write: boolean): string {
  const counts = new Map<string, number>();
  for (const d of fixed) if (d.fix?.reason) counts.set(d.fix.reason.kind, (counts.get(d.fix.reason.kind) ?? 0) + 1);
  const total = [...counts.values()].reduce((a, b) => a + b, 0);
  let out = '';
  if (total > 0) {
    const byReason = [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([kind, n]) => `${n} ${kind}`);
    out += `${write ? 'Repaired' : 'Would repair'} ${total} link${total === 1 ? '' : 's'}: ${byReason.join(', ')}\n`;
  }
  if (dropped.length > 0) {
    out += `Kept back ${dropped.length} link repair${dropped.length === 1 ? '' : 's'} that would cause a new problem:\n`;
    for (const [d, problem] of dropped) out += `  ${d.file}:${d.line}:${d.column}  ${d.fix!.description}: ${problem.message}\n`;
  }
  return out;
}

/**
 * A link repair is kept only if checking the changed files, in memory, shows no problem on the repaired link that the
 * file did not have before (a repaired link that now misses its anchor, or is ambiguous). Fixes without a reason
 * (encoding, Templater dates) are not judgements and are kept. Returns each dropped repair with the problem.
 */
async function keepRepairsThatAddNoProblem(
  changed: FileFix[],
  before: ReadonlyMap<string, readonly Diagnostic[]>,
  recheck: (overlay: ReadonlyMap<string, string>) => Promise<CheckResult>,
): Promise<Array<[Diagnostic, Diagnostic]>> {
  const dropped: Array<[Diagnostic, Diagnostic]> = [];
  for (let round = 0; round < maxRechecks; round++) {
    const judged = changed.filter((f) => [...f.applied.fixed.keys()].some((d) => d.fix?.reason));
    if (judged.length === 0) break;
    const again = Map.groupBy((await recheck(new Map(judged.map((f) => [f.file, f.applied.text])))).diagnostics, (d) => d.file);
    const unsettled: FileFix[] = [];
    for (const f of judged) {
      const known = new Map<string, number>();
      for (const d of before.get(f.file) ?? []) if (!f.applied.fixed.has(d)) known.set(problemKey(d), (known.get(problemKey(d)) ?? 0) + 1);
      const lines = lineIndex(f.applied.text);
      const drop = new Map<Diagnostic, Diagnostic>();
      for (const problem of again.get(f.file) ?? []) {
        const left = known.get(problemKey(problem)) ?? 0;
        if (left > 0) {
          known.set(problemKey(problem), left - 1);
          continue;
        }
        const start = lines.offset(problem.line, problem.column);
        const end = lines.offset(problem.endLine, problem.endColumn);
        // A repair changes its link's text only, and a link's problems are placed on it: a new problem elsewhere
        // comes from another fix (a fence that now closes shows what was inside it), and the final check reports it.
        for (const [d, at] of f.applied.fixed) {
          if (d.fix?.reason && start < at.end && at.start < Math.max(end, start + 1) && !drop.has(d)) drop.set(d, problem);
        }
      }
      if (drop.size === 0) continue;
      unsettled.push(f);
      for (const [d, problem] of drop) {
        f.edits.delete(d);
        dropped.push([d, problem]);
      }
      f.applied = applyEdits(f.text, f.edits);
    }
    if (unsettled.length === 0) break;
    // The last round's remaining repairs are not re-checked: keep none in the files that still had new problems.
    if (round === maxRechecks - 1) {
      for (const f of unsettled) {
        for (const [d] of [...f.applied.fixed].filter(([d]) => d.fix?.reason)) {
          f.edits.delete(d);
          dropped.push([d, dropped.findLast(([, p]) => p.file === f.file)![1]]);
        }
        f.applied = applyEdits(f.text, f.edits);
      }
    }
  }
  return dropped;
}
