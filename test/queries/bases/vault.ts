/**
 * A small in-memory vault of QueryDoc rows for the Bases tests, built directly (the tests do not depend on the
 * property index): `doc('runbooks/rollback.md', { owner: 'sre' }, { tags: ['ops/db'] })`.
 */
import type { FileProperties, QueryContext, QueryDoc, QueryLink, QueryVault, Value } from '../../../src/queries/types.ts';

export function doc(path: string, note: Record<string, Value> = {}, file: Partial<FileProperties> = {}): QueryDoc {
  const name = path.slice(path.lastIndexOf('/') + 1);
  const ext = name.includes('.') ? name.slice(name.lastIndexOf('.') + 1) : '';
  return {
    path,
    title: name.replace(/\.md$/, ''),
    note,
    file: {
      name,
      basename: name.replace(/\.[^.]+$/, ''),
      path,
      folder: path.includes('/') ? path.slice(0, path.lastIndexOf('/')) : '',
      ext,
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

/** Resolves a target by path, path + `.md`, or base name, as a stand-in for Obsidian's resolution. */
export function vaultOf(docs: readonly QueryDoc[]): QueryVault {
  const byPath = new Map(docs.map((d) => [d.path, d]));
  return {
    docs,
    byPath,
    resolve(target) {
      if (byPath.has(target)) return target;
      if (byPath.has(`${target}.md`)) return `${target}.md`;
      return docs.find((d) => d.file.basename === target)?.path;
    },
  };
}

export function contextOf(docs: readonly QueryDoc[], extra: Partial<QueryContext> = {}): QueryContext {
  return { vault: vaultOf(docs), now: new Date('2026-01-10T12:00:00Z'), maxRows: 1000, ...extra };
}

export function link(target: string, path?: string): QueryLink {
  return path === undefined ? { kind: 'link', target } : { kind: 'link', target, path };
}

export const day = (text: string): Value => ({ kind: 'date', time: Date.parse(`${text}T00:00:00Z`), hasTime: false });
export const at = (text: string): Value => ({ kind: 'date', time: Date.parse(`${text}Z`), hasTime: true });
