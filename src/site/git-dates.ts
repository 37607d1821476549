/**
 * Created and updated days for docs whose frontmatter has none: the vault's git history (`vault/git-history.ts`,
 * author dates, renames followed, the same dates `--fix` writes), cut to the day as the author's clock showed it.
 *
 * In: a vault in a repo with two commits touching `a.md` → `{ dates: Map { 'a.md' => { created: '2026-01-02', updated: '2026-03-04' } }, shallow: false }`
 */
import { gitHistory } from '../vault/git-history.ts';

export interface GitDates {
  dates: Map<string, { created: string; updated: string }>;
  shallow: boolean;
}

export async function gitDates(contentDir: string): Promise<GitDates> {
  const { files, shallow } = await gitHistory(contentDir);
  const day = (iso: string) => iso.slice(0, 'YYYY-MM-DD'.length);
  const dates = new Map([...files].map(([path, { created, updated }]) => [path, { created: day(created), updated: day(updated) }]));
  return { dates, shallow };
}
