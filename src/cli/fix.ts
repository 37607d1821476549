/**
 * `--fix` and `--fix-dry-run`: applies the safe fixes the rules offer (mojibake, BOM, fence info strings) and
 * fills Templater date commands with the file's dates from git (`vault/git-history.ts`, the site's dates too: first
 * commit for creation dates, last commit otherwise; the file's mtime outside git). Writes are atomic (temp file +
 * rename) and touch only the edited bytes; a file with invalid UTF-8 is left alone, since re-encoding it would
 * change bytes outside the fix.
 *
 * In: `created: <% tp.date.now("YYYY-MM-DD") %>` in a file first committed on 2026-03-02 → `created: 2026-03-02`
 */
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { createTwoFilesPatch } from 'diff';
import type { CheckResult, Diagnostic, Edit } from '../diagnostics/diagnostic.ts';
import { lineIndex } from '../markdown/line-index.ts';
import { templaterDateCommand } from '../templater/commands.ts';
import { formatDate, localIso } from '../templater/format-date.ts';
import { writeFileAtomic } from '../vault/atomic-write.ts';
import { gitHistory, type FileHistory, type GitHistory } from '../vault/git-history.ts';

export interface FixOutcome {
  /** What was (or would be) changed, for stderr: a summary, or the diff for a dry run. */
  report: string;
  /** How many problems were (or would be) fixed. */
  fixed: number;
}

/** ISO 8601 dates of the file's first and last commit, else its mtime. */
async function fileDates(history: GitHistory, file: string, absolute: string): Promise<FileHistory> {
  const known = history.files.get(file);
  if (known) return known;
  const mtime = localIso((await stat(absolute)).mtime);
  return { created: mtime, updated: mtime };
}

function diagnosticOffsets(text: string, d: Diagnostic): [number, number] {
  const lines = lineIndex(text);
  return [lines.offset(d.line, d.column), lines.offset(d.endLine, d.endColumn)];
}

async function editsFor(
  absolute: string,
  text: string,
  diagnostics: readonly Diagnostic[],
  history: () => Promise<GitHistory>,
): Promise<Map<Diagnostic, Edit[]>> {
  const edits = new Map<Diagnostic, Edit[]>();
  let dates: FileHistory | undefined;
  for (const d of diagnostics) {
    if (d.fix) {
      edits.set(d, d.fix.edits);
      continue;
    }
    if (d.rule !== 'templater-placeholder') continue;
    const [start, end] = diagnosticOffsets(text, d);
    const command = templaterDateCommand(text.slice(start, end));
    if (!command) continue;
    dates ??= await fileDates(await history(), d.file, absolute);
    const lineText = lineIndex(text).lineText(d.line);
    const creation = command.date === 'created' || (command.date === 'now' && /creat/i.test(lineText));
    edits.set(d, [{ start, end, text: formatDate(creation ? dates.created : dates.updated, command.format) }]);
  }
  return edits;
}

/** Applies non-overlapping edits (the first one wins a conflict); returns the new text and the edits used. */
function applyEdits(text: string, edits: Map<Diagnostic, Edit[]>): { text: string; fixed: Set<Diagnostic> } {
  const ordered = [...edits].sort((a, b) => Math.min(...a[1].map((e) => e.start)) - Math.min(...b[1].map((e) => e.start)));
  const taken: Edit[] = [];
  const fixed = new Set<Diagnostic>();
  for (const [diagnostic, group] of ordered) {
    if (group.some((e) => taken.some((t) => e.start < t.end && t.start < e.end))) continue;
    taken.push(...group);
    fixed.add(diagnostic);
  }
  let out = text;
  for (const edit of taken.sort((a, b) => b.start - a.start)) out = out.slice(0, edit.start) + edit.text + out.slice(edit.end);
  return { text: out, fixed };
}

export async function applyFixes(result: CheckResult, options: { write: boolean }): Promise<FixOutcome> {
  const byFile = Map.groupBy(result.diagnostics, (d) => d.file);
  // One `git log` for the whole vault, and only when a date is to be filled.
  let read: Promise<GitHistory> | undefined;
  const history = () => (read ??= gitHistory(result.contentDir));
  const fixed = new Set<Diagnostic>();
  const out: string[] = [];
  let files = 0;
  for (const [file, diagnostics] of byFile) {
    const absolute = join(result.contentDir, file);
    const bytes = await readFile(absolute).catch(() => undefined);
    if (!bytes) continue;
    let text: string;
    try {
      text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
    } catch {
      continue;
    }
    const edits = await editsFor(absolute, text, diagnostics, history);
    if (edits.size === 0) continue;
    const applied = applyEdits(text, edits);
    if (applied.text === text) continue;
    files++;
    applied.fixed.forEach((d) => fixed.add(d));
    if (options.write) {
      await writeFileAtomic(absolute, applied.text);
    } else {
      out.push(createTwoFilesPatch(`a/${file}`, `b/${file}`, text, applied.text, undefined, undefined, { context: 1 }));
    }
  }
  const summary = `${options.write ? 'Fixed' : 'Would fix'} ${fixed.size} problem${fixed.size === 1 ? '' : 's'} in ${files} file${files === 1 ? '' : 's'}\n`;
  // As the site build warns: a shallow clone's history starts at its cut, so its creation dates are too late.
  const shallow = read && (await read).shallow ? 'The repository is a shallow clone: dates filled from git history are wrong (fetch the full history).\n' : '';
  return { report: out.join('') + summary + shallow, fixed: fixed.size };
}
