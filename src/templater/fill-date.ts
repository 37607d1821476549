/**
 * The fix for a Templater date command left in a doc: the date it would have printed, from git (`--fix` and the
 * editor's quick fix both use this). A creation date is the file's first commit, any other date its last; a `now`
 * on a line that speaks of creation (`created: <% tp.date.now() %>`) is a creation date. Outside git, the file's
 * mtime stands for both.
 *
 * In: `created: <% tp.date.now("YYYY-MM-DD") %>`, the command's span, a file first committed on 2026-03-02
 * Out: `{ start: 9, end: 41, text: '2026-03-02' }`
 */
import { stat } from 'node:fs/promises';
import type { Diagnostic, Edit } from '../diagnostics/diagnostic.ts';
import type { LineIndex } from '../markdown/line-index.ts';
import type { FileHistory, GitHistory } from '../vault/git-history.ts';
import { templaterDateCommand } from './commands.ts';
import { formatDate, localIso } from './format-date.ts';

/** ISO 8601 dates of the file's first and last commit, else its mtime. */
export async function fileDates(history: GitHistory, file: string, absolute: string): Promise<FileHistory> {
  const known = history.files.get(file);
  if (known) return known;
  const mtime = localIso((await stat(absolute)).mtime);
  return { created: mtime, updated: mtime };
}

/** The edit filling the date command a diagnostic covers (`lines`: the text's index), or undefined when it is no date command git can fill. */
export async function fillDateEdit(
  text: string,
  lines: LineIndex,
  place: Pick<Diagnostic, 'line' | 'column' | 'endLine' | 'endColumn'>,
  dates: () => Promise<FileHistory>,
): Promise<Edit | undefined> {
  const start = lines.offset(place.line, place.column);
  const end = lines.offset(place.endLine, place.endColumn);
  const command = templaterDateCommand(text.slice(start, end));
  if (!command) return undefined;
  const known = await dates();
  const creation = command.date === 'created' || (command.date === 'now' && /creat/i.test(lines.lineText(place.line)));
  return { start, end, text: formatDate(creation ? known.created : known.updated, command.format) };
}
