/**
 * An in-memory vault of `QueryDoc` rows for the DQL tests: a doc is written as its path, frontmatter and the few file
 * properties a case needs; links resolve by path or by file name, case-insensitively, as Obsidian resolves them.
 *
 * In: `doc('Ops/db.md', { owner: 'ann' }, { tags: ['runbook'] })` → a row with `file.basename` `db`, folder `Ops`
 */
import type { FileProperties, QueryContext, QueryDoc, QueryLink, QueryTask, QueryVault, Value } from '../../../src/queries/types.ts';

export function date(text: string): Value {
  return { kind: 'date', time: Date.parse(text.length === 10 ? `${text}T00:00:00Z` : `${text}Z`), hasTime: text.length > 10 };
}

export function task(text: string, status = ' ', line = 1): QueryTask {
  return { text, status, completed: status === 'x' || status === 'X', line };
}

export function link(target: string, path?: string): QueryLink {
  return { kind: 'link', target, ...(path !== undefined && { path }) };
}

export function doc(path: string, note: Record<string, Value> = {}, file: Partial<FileProperties> = {}): QueryDoc {
  const name = path.split('/').pop()!;
  const dot = name.lastIndexOf('.');
  return {
    path,
    title: dot > 0 ? name.slice(0, dot) : name,
    note,
    file: {
      name,
      basename: dot > 0 ? name.slice(0, dot) : name,
      path,
      folder: path.includes('/') ? path.slice(0, path.lastIndexOf('/')) : '',
      ext: dot > 0 ? name.slice(dot + 1) : '',
      size: 100,
      ctime: null,
      mtime: null,
      tags: [],
      aliases: [],
      links: [],
      embeds: [],
      backlinks: [],
      tasks: [],
      ...file,
    },
  };
}

export function vault(docs: QueryDoc[]): QueryVault {
  const byPath = new Map(docs.map((d) => [d.path, d]));
  return {
    docs,
    byPath,
    resolve(target) {
      const wanted = target.toLowerCase();
      const found = docs.find((d) => d.path.toLowerCase() === wanted || d.path.toLowerCase() === `${wanted}.md`) ?? docs.find((d) => d.file.basename.toLowerCase() === wanted);
      return found?.path;
    },
  };
}

export function context(docs: QueryDoc[], options: Partial<QueryContext> = {}): QueryContext {
  return { vault: vault(docs), now: new Date('2026-03-18T15:30:00Z'), maxRows: 1000, ...options };
}
