/**
 * An in-memory vault of `QueryDoc` rows for the engines' tests, built directly (they do not depend on the property
 * index): a doc is written as its path, frontmatter and the few file properties a case needs; links resolve by path,
 * path + `.md` or file name, case-insensitively, as a stand-in for Obsidian's resolution.
 *
 * In: `doc('Ops/db.md', { owner: 'ann' }, { tags: ['runbook'] })` → a row with `file.basename` `db`, folder `Ops`
 */
import type { FileProperties, QueryDoc, QueryLink, QueryVault, Value } from '../../src/queries/types.ts';
import { fileName, folderOf, withoutMd } from '../../src/vault/vault-path.ts';

export function doc(path: string, note: Record<string, Value> = {}, file: Partial<FileProperties> = {}): QueryDoc {
  const name = fileName(path);
  const dot = name.lastIndexOf('.');
  return {
    path,
    title: withoutMd(name),
    note,
    file: {
      name,
      basename: dot > 0 ? name.slice(0, dot) : name,
      path,
      folder: folderOf(path),
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

export function vaultOf(docs: readonly QueryDoc[]): QueryVault {
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

export function link(target: string, path?: string): QueryLink {
  return path === undefined ? { kind: 'link', target } : { kind: 'link', target, path };
}
